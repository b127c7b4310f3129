import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { closedPortUrl, startRegistryFixture, type RegistryFixture } from '../lib/registry-fixture';
import { makeTree, removeTree, runCli } from './helpers';

const MANIFEST = JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { express: '^4.21.2', 'react-secure-forms-validator': '^1.2.0' } }, null, 2);
const README = '# App\n\nInstall the extras:\n\n```sh\npip install reqeusts\n```\n';

interface Finding {
  ruleId: string;
  line: number;
}

function findings(stdout: string): string[] {
  const report = JSON.parse(stdout) as { results: Array<{ file: string; findings: Finding[] }> };
  return report.results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.line} ${f.ruleId}`)).sort();
}

describe('rampart scan: package checks (loopback npm and PyPI registry)', () => {
  let registry: RegistryFixture;
  let dir: string;
  let cache: string;
  before(async () => {
    registry = await startRegistryFixture();
  });
  after(async () => {
    await registry.close();
  });
  beforeEach(() => {
    dir = makeTree({ 'package.json': MANIFEST, 'README.md': README });
    cache = path.join(dir, '.cache');
  });
  afterEach(() => removeTree(dir));

  const env = (npm: string, pypi: string) => ({ npm_config_registry: npm, PIP_INDEX_URL: pypi, PIP_CONFIG_FILE: '/dev/null' });

  it('reports the made-up dependency and the missing near-miss in the README once each, exit 1, from one look-up per name', async () => {
    const run = await runCli(['scan', '--format', 'json', '--cache-dir', cache, '.'], { cwd: dir, env: env(registry.npmUrl, registry.pypiUrl), online: true });
    assert.equal(run.code, 1, run.stderr);
    // reqeusts is not in the index: packages/no-nonexistent-package reports it, packages/no-typosquat stays silent.
    assert.deepEqual(findings(run.stdout), ['README.md:6 packages/no-nonexistent-package', 'package.json:6 packages/no-nonexistent-package']);
    assert.equal(run.stderr, '');
    const report = JSON.parse(run.stdout) as { results: Array<{ file: string; findings: Array<{ message: string; properties?: unknown }> }> };
    assert.match(report.results.find((r) => r.file === 'README.md')?.findings[0].message ?? '', /^'reqeusts' does not exist in the Python package index; it looks like a typo of the popular 'requests'/);
    assert.deepEqual(report.results.find((r) => r.file === 'package.json')?.findings[0].properties, {
      ecosystem: 'npm',
      package: 'react-secure-forms-validator',
      registryStatus: 'not-found',
    });
    const asked = registry.requests();
    assert.ok(asked.includes('express') && asked.includes('react-secure-forms-validator'), JSON.stringify(asked));
  });

  it('--offline answers from the cache of an earlier run and sends nothing', async () => {
    const online = await runCli(['scan', '--format', 'json', '--cache-dir', cache, '.'], { cwd: dir, env: env(registry.npmUrl, registry.pypiUrl), online: true });
    const before = registry.requests().length;
    const offline = await runCli(['scan', '--format', 'json', '--offline', '--cache-dir', cache, '.'], { cwd: dir, env: env(registry.npmUrl, registry.pypiUrl) });
    assert.equal(registry.requests().length, before, 'no request while offline');
    assert.deepEqual(findings(offline.stdout), findings(online.stdout));
  });

  it('a registry that cannot be reached reports no package as missing, and says so once', async () => {
    const down = await closedPortUrl();
    const run = await runCli(['scan', '--format', 'json', '--cache-dir', cache, '.'], { cwd: dir, env: env(down, `${down}simple/`), online: true });
    assert.deepEqual(findings(run.stdout), ['README.md:6 packages/no-typosquat'], 'only the name check, which needs no registry, reports reqeusts');
    const notes = run.stderr.trim().split('\n');
    assert.equal(notes.length, 1, run.stderr);
    assert.match(notes[0], /^rampart: 3 package look-ups got no answer \(.+\); those packages were not checked/);
  });

  it('pip configuration warnings appear only when a PyPI name is looked up', async () => {
    const pipConf = path.join(dir, 'pip.conf');
    fs.writeFileSync(pipConf, '[global]\nextra-index-url = file:///opt/wheels/simple\n');
    const withPip = { ...env(registry.npmUrl, registry.pypiUrl), PIP_CONFIG_FILE: pipConf };
    const both = await runCli(['scan', '--format', 'json', '--cache-dir', cache, '.'], { cwd: dir, env: withPip, online: true });
    assert.match(both.stderr, /extra-index-url file:\/\/\/opt\/wheels\/simple is not an http\(s\) index/);
    const npmOnly = await runCli(['scan', '--format', 'json', '--cache-dir', cache, 'package.json'], { cwd: dir, env: withPip, online: true });
    assert.equal(npmOnly.stderr, '');
  });
});

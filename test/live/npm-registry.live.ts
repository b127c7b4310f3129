/**
 * Opt-in checks against the real npm registry your npm configuration points at (`npm run test:live`;
 * never in CI). They prove the clients speak the real protocol: a popular package is found with sensible
 * facts, a name nobody registered is `not-found`, and a scan reports the made-up dependency.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../cli/helpers';
import { loadNpmConfig } from '../../src/services/npm-config';
import { NpmRegistry } from '../../src/services/npm-registry';

describe('live: the npm registry of this machine', () => {
  let registry: NpmRegistry;
  const madeUp = `rampart-live-check-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

  before(async () => {
    const config = await loadNpmConfig({ cwd: process.cwd(), env: process.env, homedir: os.homedir() });
    registry = new NpmRegistry({ fetchOptions: config.options, timeoutMs: 20_000 });
    console.log(`    registry: ${registry.registryFor('express')}`);
  });

  it('finds a popular package with versions, a latest version and a first-publish date', async () => {
    const info = await registry.lookup('express');
    assert.equal(info.status, 'found', JSON.stringify(info));
    if (info.status !== 'found') return;
    assert.ok(info.versionCount > 100, `${info.versionCount} versions`);
    assert.match(info.latest ?? '', /^\d+\.\d+\.\d+/);
    assert.ok(info.firstPublished && info.firstPublished.getTime() < Date.now(), String(info.firstPublished));
  });

  it('finds a scoped package', async () => {
    assert.equal((await registry.lookup('@babel/core')).status, 'found');
  });

  it('answers not-found for a name nobody registered', async () => {
    assert.equal((await registry.lookup(madeUp)).status, 'not-found');
  });

  it('rampart scan reports the made-up dependency and nothing for the real one', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-live-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'live', dependencies: { express: '^4.0.0', [madeUp]: '^1.0.0' } }, null, 2));
    const run = await runCli(['scan', '--format', 'json', dir], { cwd: dir, env: process.env, online: true });
    const findings = JSON.parse(run.stdout).results.flatMap((r: { findings: Array<{ ruleId: string; message: string }> }) => r.findings);
    assert.deepEqual(findings.map((f: { ruleId: string }) => f.ruleId), ['packages/no-nonexistent-package'], run.stdout);
    assert.match(findings[0].message, new RegExp(madeUp));
  });
});

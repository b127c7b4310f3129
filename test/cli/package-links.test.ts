import Ajv from 'ajv';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonFinding, JsonReport, SarifLog } from '../../src/report';
import { startRegistryFixture, type RegistryFixture } from '../lib/registry-fixture';
import { makeTree, removeTree, runCli } from './helpers';

// A scan of test/fixtures/packages/linked (copied to a temporary folder): made-up packages declared in
// package.json and requirements.txt and imported in other files. The manifest finding and the import
// findings of one package point at each other in the JSON and SARIF reports; an import that its own
// project does not declare (another project's dependency, or nobody's) links to no manifest.

const FIXTURE = path.join(__dirname, '..', 'fixtures', 'packages', 'linked');
const RULE = 'packages/no-nonexistent-package';
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** The fixture's files, without the sidecar expectations of the annotated-fixture test. */
function fixtureFiles(dir = FIXTURE, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const rel = `${prefix}${entry.name}`;
    if (entry.isDirectory()) Object.assign(files, fixtureFiles(path.join(dir, entry.name), `${rel}/`));
    else if (!entry.name.endsWith('.expected.json')) files[rel] = fs.readFileSync(path.join(dir, entry.name), 'utf8');
  }
  return files;
}

function validSarif(log: unknown): void {
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
  assert.ok(validate(log), `SARIF schema errors:\n${JSON.stringify(validate.errors, null, 2)}`);
}

describe('rampart scan: findings of a made-up package link its manifest entry and its imports', () => {
  let registry: RegistryFixture;
  let dir: string;
  let json: JsonReport;
  let sarif: SarifLog;

  before(async function () {
    this.timeout(30_000);
    registry = await startRegistryFixture();
    dir = makeTree(fixtureFiles());
    const env = { npm_config_registry: registry.npmUrl, PIP_INDEX_URL: registry.pypiUrl, PIP_CONFIG_FILE: '/dev/null' };
    const cache = path.join(dir, '.cache');
    const jsonRun = await runCli(['scan', '--format', 'json', '--cache-dir', cache, '.'], { cwd: dir, env, online: true });
    assert.equal(jsonRun.code, 1, jsonRun.stderr);
    json = JSON.parse(jsonRun.stdout) as JsonReport;
    const sarifRun = await runCli(['scan', '--format', 'sarif', '--offline', '--cache-dir', cache, '.'], { cwd: dir, env });
    assert.equal(sarifRun.code, 1, sarifRun.stderr);
    sarif = JSON.parse(sarifRun.stdout) as SarifLog;
  });
  after(async () => {
    await registry?.close();
    if (dir) removeTree(dir);
  });

  /** The finding of the rule at `file`:`line`. */
  const at = (file: string, line: number): JsonFinding => {
    const found = json.results.find((r) => r.file === file)?.findings.find((f) => f.ruleId === RULE && f.line === line);
    assert.ok(found, `no finding at ${file}:${line}`);
    return found;
  };
  /** `message @file:line:column-endLine:endColumn` of each related location in another file. */
  const links = (f: JsonFinding): string[] =>
    f.related.filter((r) => r.file !== undefined).map((r) => `${r.message} @${r.file}:${r.line}:${r.column}-${r.endLine}:${r.endColumn}`);

  it('reports each made-up package at its entries and imports, and nothing else of the rule', () => {
    const lines = json.results.flatMap((r) => r.findings.filter((f) => f.ruleId === RULE).map((f) => `${r.file}:${f.line} ${f.properties?.package}`));
    assert.deepEqual(lines.sort(), [
      'app/main.py:4 vector-memory-ai',
      'nested/index.js:2 nested-only-ai-sdk',
      'nested/package.json:5 nested-only-ai-sdk',
      'package.json:6 agent-toolkit-pro-ai',
      'package.json:9 eval-harness-llm-kit',
      'requirements.txt:4 vector-memory-ai',
      'src/agent.ts:4 agent-toolkit-pro-ai',
      'src/agent.ts:8 nested-only-ai-sdk',
      'src/tools/runner.js:2 agent-toolkit-pro-ai',
      'src/tools/runner.js:4 eval-harness-llm-kit',
      'src/tools/runner.js:6 memory-graph-ai-kit',
    ]);
  });

  it('real packages (express, requests) have no finding of any rule', () => {
    const all = json.results.flatMap((r) => r.findings.map((f) => `${r.file}:${f.line} ${f.ruleId} ${String(f.properties?.package)}`));
    assert.deepEqual(all.filter((f) => /express|requests/.test(f)), []);
  });

  it('JSON: a manifest entry links to the imports of its package in other files, sorted', () => {
    assert.deepEqual(links(at('package.json', 6)), [
      'Imported here (src/agent.ts) @src/agent.ts:4:30-4:50',
      'Imported here (src/tools/runner.js) @src/tools/runner.js:2:34-2:54',
    ]);
    assert.deepEqual(links(at('package.json', 9)), ['Imported here (src/tools/runner.js) @src/tools/runner.js:4:31-4:51']);
    assert.deepEqual(links(at('requirements.txt', 4)), ['Imported here (app/main.py) @app/main.py:4:6-4:22']);
    // Each location covers the package name where it is imported.
    for (const r of at('package.json', 6).related) {
      assert.equal(fs.readFileSync(path.join(dir, r.file!), 'utf8').slice(r.range[0], r.range[1]), 'agent-toolkit-pro-ai');
    }
  });

  it('JSON: each import links to its entry, at the entry finding’s exact range', () => {
    const entry = at('package.json', 6);
    const imported = at('src/agent.ts', 4);
    assert.deepEqual(links(imported), ['Declared here (package.json) @../package.json:6:6-6:26']);
    assert.deepEqual(imported.related[0].range, entry.range);
    assert.deepEqual(links(at('src/tools/runner.js', 2)), ['Declared here (package.json) @../../package.json:6:6-6:26']);
    assert.deepEqual(links(at('src/tools/runner.js', 4)), ['Declared here (package.json) @../../package.json:9:6-9:26']);
    assert.deepEqual(links(at('app/main.py', 4)), ['Declared here (requirements.txt) @../requirements.txt:4:1-4:17']);
    assert.equal(at('src/agent.ts', 4).properties?.declaredIn, 'package.json:6:6');
  });

  it('the nearest manifest applies: the nested project’s entry and import link to each other only', () => {
    assert.deepEqual(links(at('nested/package.json', 5)), ['Imported here (index.js) @index.js:2:35-2:53']);
    assert.deepEqual(links(at('nested/index.js', 2)), ['Declared here (nested/package.json) @package.json:5:6-5:24']);
    const outsider = at('src/agent.ts', 8);
    assert.equal(outsider.messageId, 'importNotFound', 'the root project does not declare it');
    assert.deepEqual(outsider.related, []);
  });

  it('an import no manifest declares links to none', () => {
    const orphan = at('src/tools/runner.js', 6);
    assert.equal(orphan.messageId, 'importNotFound');
    assert.deepEqual(orphan.related, []);
  });

  it('SARIF: schema-valid, related locations name the other file as their artifact', () => {
    validSarif(sarif);
    const results = sarif.runs[0].results.filter((r) => r.ruleId === RULE);
    const resultAt = (uri: string, line: number) => {
      const found = results.find((r) => r.locations[0].physicalLocation.artifactLocation.uri === uri && r.locations[0].physicalLocation.region?.startLine === line);
      assert.ok(found, `no SARIF result at ${uri}:${line}`);
      return found;
    };
    const related = (uri: string, line: number) =>
      (resultAt(uri, line).relatedLocations ?? []).map((l) => {
        const { artifactLocation, region } = l.physicalLocation;
        return `${l.id} ${l.message?.text} @${artifactLocation.uriBaseId}/${artifactLocation.uri}:${region!.startLine}:${region!.startColumn}-${region!.endColumn} [${region!.charOffset}+${region!.charLength}]`;
      });
    const entry = at('package.json', 6);
    const imported = at('src/agent.ts', 4);
    const runner = at('src/tools/runner.js', 2);
    assert.deepEqual(related('package.json', 6), [
      `0 Imported here (src/agent.ts) @%SRCROOT%/src/agent.ts:4:30-50 [${imported.range[0]}+20]`,
      `1 Imported here (src/tools/runner.js) @%SRCROOT%/src/tools/runner.js:2:34-54 [${runner.range[0]}+20]`,
    ]);
    assert.deepEqual(related('src/agent.ts', 4), [`0 Declared here (package.json) @%SRCROOT%/package.json:6:6-26 [${entry.range[0]}+20]`]);
    assert.deepEqual(related('nested/index.js', 2), [`0 Declared here (nested/package.json) @%SRCROOT%/nested/package.json:5:6-24 [${at('nested/package.json', 5).range[0]}+18]`]);
    assert.deepEqual(related('src/agent.ts', 8), []);
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeTree, removeTree, runCli, TLS_FIXED, TLS_OFF } from './helpers';

/** A configuration that enables only js/no-disabled-tls, with these suppression entries (one per line, from line 4). */
function configWith(...entries: object[]): string {
  const lines = entries.map((e) => `    ${JSON.stringify(e)},`);
  return ['{', '  "extends": [], "rules": { "js/no-disabled-tls": "error" },', '  "suppressions": [', ...lines, '  ]', '}', ''].join('\n');
}

const RULE = 'js/no-disabled-tls';

interface SarifResultLike {
  ruleId: string;
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }>;
  suppressions: Array<{ kind: string; justification?: string }>;
}

function sarifResults(stdout: string): SarifResultLike[] {
  return JSON.parse(stdout).runs[0].results;
}

function uriOf(r: SarifResultLike): string {
  return r.locations[0].physicalLocation.artifactLocation.uri;
}

describe('rampart scan with suppressions in .rampart.jsonc', () => {
  const trees: string[] = [];
  const tree = (files: Record<string, string>) => {
    const dir = makeTree(files);
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));

  it('a suppressed finding does not fail the run and is marked suppressed (external) in SARIF', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'test/**', reason: 'local test server with a self-signed certificate' }),
      'test/server.js': TLS_OFF,
    });
    const { code, stdout, stderr } = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
    assert.equal(stderr, '');
    assert.equal(code, 0);
    const [result, ...rest] = sarifResults(stdout);
    assert.equal(rest.length, 0);
    assert.equal(result.ruleId, RULE);
    assert.equal(result.suppressions[0].kind, 'external');
    assert.equal(result.suppressions[0].justification, 'local test server with a self-signed certificate');

    const text = await runCli(['scan'], { cwd: dir });
    assert.equal(text.code, 0);
    assert.match(text.stdout, /1 finding suppressed/);
  });

  it('only files the path matches are suppressed; the others still fail the run', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'test/**', reason: 'local test server' }),
      'test/server.js': TLS_OFF,
      'src/client.js': TLS_OFF,
    });
    const { code, stdout } = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
    assert.equal(code, 1);
    const byFile = Object.fromEntries(sarifResults(stdout).map((r) => [uriOf(r), r.suppressions.map((s) => s.kind)]));
    assert.deepEqual(byFile, { 'src/client.js': [], 'test/server.js': ['external'] });
  });

  it('a suppression for one line covers that line only', async () => {
    const config = configWith({ rule: RULE, path: 'src/client.js', line: 2, reason: 'pinned certificate checked in checkServerIdentity' });
    const onLine2 = tree({ '.rampart.jsonc': config, 'src/client.js': `// pinned\n${TLS_OFF}` });
    assert.equal((await runCli(['scan'], { cwd: onLine2 })).code, 0);
    const onLine1 = tree({ '.rampart.jsonc': config, 'src/client.js': `${TLS_OFF}// pinned\n` });
    assert.equal((await runCli(['scan'], { cwd: onLine1 })).code, 1);
  });

  it('an expired suppression no longer suppresses and is noted once, at its line in the configuration', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith(
        { rule: RULE, path: 'test/**', reason: 'local test server' },
        { rule: RULE, path: 'src/old-*.js', reason: 'until the migration', expires: '2020-01-31' },
        { rule: RULE, path: 'nothing-here/**', reason: 'matches no scanned file', expires: '2020-01-31' },
      ),
      'test/server.js': TLS_OFF,
      'src/old-a.js': TLS_OFF,
      'src/old-b.js': TLS_OFF,
    });
    const { code, stdout, stderr } = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
    assert.equal(code, 1, 'the findings count again');
    assert.equal(stderr, 'rampart: .rampart.jsonc:5: suppression of js/no-disabled-tls for src/old-*.js expired on 2020-01-31\n');
    const byFile = Object.fromEntries(sarifResults(stdout).map((r) => [uriOf(r), r.suppressions.length]));
    assert.deepEqual(byFile, { 'src/old-a.js': 0, 'src/old-b.js': 0, 'test/server.js': 1 });
  });

  it('a suppression that has not expired yet suppresses without a note', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'a.js', reason: 'migration', expires: '9999-12-31' }),
      'a.js': TLS_OFF,
    });
    assert.deepEqual(await runCli(['scan', '--format', 'json', '--output', 'r.json'], { cwd: dir }), { code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    assert.deepEqual(report.results[0].findings[0].suppressed, { kind: 'config', reason: 'migration', range: null });
  });

  it('the note names the configuration relative to the working directory', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'src/a.js', reason: 'r', expires: '2020-01-31' }),
      'src/a.js': TLS_OFF,
    });
    const { stderr } = await runCli(['scan', '.'], { cwd: path.join(dir, 'src') });
    assert.equal(stderr, 'rampart: ../.rampart.jsonc:4: suppression of js/no-disabled-tls for src/a.js expired on 2020-01-31\n');
  });

  it('--fix leaves suppressed findings alone', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'keep.js', reason: 'kept on purpose' }),
      'keep.js': TLS_OFF,
      'fix.js': TLS_OFF,
    });
    const { code } = await runCli(['scan', '--fix'], { cwd: dir });
    assert.equal(code, 0);
    assert.equal(fs.readFileSync(path.join(dir, 'keep.js'), 'utf8'), TLS_OFF);
    assert.equal(fs.readFileSync(path.join(dir, 'fix.js'), 'utf8'), TLS_FIXED);
  });

  it('a suppression without a reason is a configuration error (exit 2)', async () => {
    const dir = tree({ '.rampart.jsonc': configWith({ rule: RULE, path: 'a.js' }), 'a.js': TLS_OFF });
    const { code, stdout, stderr } = await runCli(['scan'], { cwd: dir });
    assert.deepEqual([code, stdout], [2, '']);
    assert.equal(
      stderr,
      '.rampart.jsonc:4:5: Suppression 1 has no "reason". Every suppression needs a reason: say why the findings are acceptable.\n',
    );
  });
});

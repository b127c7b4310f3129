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
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }>;
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

  it('an expired suppression no longer suppresses and is a finding of its own, at its entry in the configuration', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith(
        { rule: RULE, path: 'test/**', reason: 'local test server' },
        { rule: RULE, path: 'src/old-*.js', reason: 'until the migration', expires: '2020-01-31', owner: '@acme/payments' },
        { rule: RULE, path: 'nothing-here/**', reason: 'matches no scanned file', expires: '2020-01-31' },
      ).replace('"rules": { "js/no-disabled-tls": "error" }', '"rules": { "js/no-disabled-tls": "error", "rampart/expired-suppression": "warning" }'),
      'test/server.js': TLS_OFF,
      'src/old-a.js': TLS_OFF,
      'src/old-b.js': TLS_OFF,
    });
    const { code, stdout, stderr } = await runCli(['scan', '--format', 'sarif'], { cwd: dir });
    assert.equal(code, 1, 'the findings count again');
    assert.equal(stderr, '');
    const results = sarifResults(stdout);
    const byFile = Object.fromEntries(results.filter((r) => r.ruleId === RULE).map((r) => [uriOf(r), r.suppressions.length]));
    assert.deepEqual(byFile, { 'src/old-a.js': 0, 'src/old-b.js': 0, 'test/server.js': 1 });
    const expired = results.filter((r) => r.ruleId === 'rampart/expired-suppression');
    assert.deepEqual(
      expired.map((r) => [uriOf(r), r.locations[0].physicalLocation.region.startLine, r.message.text]),
      [
        ['.rampart.jsonc', 5, 'The suppression of js/no-disabled-tls for "src/old-*.js" expired on 2020-01-31 (owner: @acme/payments), so its findings count again. Fix them, or renew the entry with a new date and a reason that still holds.'],
        ['.rampart.jsonc', 6, 'The suppression of js/no-disabled-tls for "nothing-here/**" expired on 2020-01-31, so its findings count again. Fix them, or renew the entry with a new date and a reason that still holds.'],
      ],
    );
  });

  it('an expired suppression is not reported when rampart/expired-suppression is off', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'src/a.js', reason: 'r', expires: '2020-01-31' }),
      'src/a.js': TLS_OFF,
    });
    const { stdout } = await runCli(['scan', '--format', 'json'], { cwd: dir });
    const findings = JSON.parse(stdout).results.flatMap((r: { findings: Array<{ ruleId: string }> }) => r.findings.map((f) => f.ruleId));
    assert.deepEqual(findings, [RULE]);
  });

  it('a suppression that has not expired yet suppresses without a finding', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'a.js', reason: 'migration', expires: '9999-12-31' }).replace('"extends": [], ', ''),
      'a.js': TLS_OFF,
    });
    assert.deepEqual(await runCli(['scan', '--format', 'json', '--output', 'r.json'], { cwd: dir }), { code: 0, stdout: '', stderr: '' });
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'r.json'), 'utf8'));
    assert.deepEqual(report.results.map((r: { file: string }) => r.file), ['a.js']);
    assert.deepEqual(report.results[0].findings[0].suppressed, { kind: 'config', reason: 'migration', range: null });
  });

  it('the expired entry is reported in the configuration, named relative to the working directory', async () => {
    const dir = tree({
      '.rampart.jsonc': configWith({ rule: RULE, path: 'src/a.js', reason: 'r', expires: '2020-01-31' }).replace('"extends": [], ', ''),
      'src/a.js': TLS_OFF,
    });
    const { stdout } = await runCli(['scan', '.', '--format', 'json'], { cwd: path.join(dir, 'src') });
    const expired = JSON.parse(stdout).results.find((r: { file: string }) => r.file === '../.rampart.jsonc');
    assert.deepEqual(expired.findings.map((f: { ruleId: string; line: number }) => [f.ruleId, f.line]), [['rampart/expired-suppression', 4]]);
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

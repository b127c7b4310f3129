import assert from 'node:assert/strict';
import { makeTree, removeTree, runCli, TLS_OFF } from './helpers';

/** `file: ruleId@severity` of every finding of a JSON report. */
function findingsOf(stdout: string): string[] {
  const report = JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string; severity: string }> }> };
  return report.results.flatMap((r) => r.findings.map((f) => `${r.file}: ${f.ruleId}@${f.severity}`)).sort();
}

describe('rampart scan with nested configurations, extended files and overrides', () => {
  const trees: string[] = [];
  const tree = (files: Record<string, string>) => {
    const dir = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', ...files });
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));

  it('each file follows its nearest configuration, on top of the ones above, with overrides by path', async () => {
    const dir = tree({
      'rampart.base.jsonc': '{ "rules": { "js/no-disabled-tls": "warning" } }',
      '.rampart.jsonc': '{ "extends": ["rampart:recommended", "./rampart.base.jsonc"], "overrides": [{ "files": "**/test/**", "rules": { "js/no-disabled-tls": "off" } }] }',
      'src/a.js': TLS_OFF,
      'test/a.js': TLS_OFF,
      'services/pay/.rampart.jsonc': '{ "rules": { "js/no-disabled-tls": "error" }, "ignore": ["generated/"] }',
      'services/pay/src/a.js': TLS_OFF,
      'services/pay/test/a.js': TLS_OFF,
      'services/pay/generated/a.js': TLS_OFF,
      'services/legacy/.rampart.jsonc': '{ "root": true, "extends": [], "rules": { "js/no-disabled-tls": "info" } }',
      'services/legacy/test/a.js': TLS_OFF,
    });
    const { code, stdout, stderr } = await runCli(['scan', '--format', 'json'], { cwd: dir });
    assert.equal(stderr, '');
    assert.deepEqual(findingsOf(stdout), [
      'services/legacy/test/a.js: js/no-disabled-tls@info',
      'services/pay/src/a.js: js/no-disabled-tls@error',
      'src/a.js: js/no-disabled-tls@warning',
    ]);
    assert.equal(code, 1, 'the error in services/pay fails the run');
  });

  it('--config names the one configuration of every file: nested files are not read', async () => {
    const dir = tree({
      'ci.jsonc': '{ "extends": [], "rules": { "js/no-disabled-tls": "info" } }',
      'services/pay/.rampart.jsonc': '{ "rules": { "js/no-disabled-tls": "error" } }',
      'services/pay/a.js': TLS_OFF,
    });
    const { code, stdout } = await runCli(['scan', '--format', 'json', '--config', 'ci.jsonc'], { cwd: dir });
    assert.deepEqual(findingsOf(stdout), ['services/pay/a.js: js/no-disabled-tls@info']);
    assert.equal(code, 0);
  });

  it('a broken nested configuration stops the scan with its problem and exit code 2', async () => {
    const dir = tree({
      '.rampart.jsonc': '{}',
      'services/pay/.rampart.jsonc': '{ "extends": "./missing.jsonc" }',
      'services/pay/a.js': TLS_OFF,
    });
    const { code, stdout, stderr } = await runCli(['scan'], { cwd: dir });
    assert.equal(code, 2);
    assert.equal(stdout, '');
    assert.equal(stderr, 'services/pay/.rampart.jsonc:1:14: The file "./missing.jsonc" that "extends" names does not exist.\n');
  });

  it('an extended file outside the repository is refused, not read', async () => {
    const outside = makeTree({ 'evil.jsonc': '{ "rules": { "js/no-disabled-tls": "off" } }' });
    trees.push(outside);
    const dir = tree({ '.rampart.jsonc': JSON.stringify({ extends: `../${outside.split('/').pop()}/evil.jsonc` }), 'a.js': TLS_OFF });
    const { code, stderr } = await runCli(['scan'], { cwd: dir });
    assert.equal(code, 2);
    assert.match(stderr, /is outside the repository .*; "extends" reads files inside it only\.\n$/);
  });
});

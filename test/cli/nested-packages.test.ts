import assert from 'node:assert/strict';
import { makeTree, removeTree, runCli } from './helpers';

describe('rampart scan: a nested configuration’s packages settings count for its files', () => {
  const trees: string[] = [];
  after(() => trees.forEach(removeTree));

  it('the allow-list of services/pay/.rampart.jsonc keeps its internal package from being reported', async () => {
    const pkg = (name: string) => JSON.stringify({ name: 'svc', version: '1.0.0', dependencies: { [name]: '^1.0.0' } });
    const dir = makeTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.rampart.jsonc': '{ "extends": [], "rules": { "packages/no-typosquat": "error" } }',
      'services/pay/.rampart.jsonc': '{ "packages": { "allow": [{ "name": "expresss", "reason": "our internal fork, on our registry" }] } }',
      'services/pay/package.json': pkg('expresss'),
      'services/web/package.json': pkg('expresss'),
    });
    trees.push(dir);
    const { stdout } = await runCli(['scan', '--format', 'json', '--offline'], { cwd: dir });
    const files = (JSON.parse(stdout) as { results: Array<{ file: string; findings: Array<{ ruleId: string }> }> }).results
      .filter((r) => r.findings.some((f) => f.ruleId === 'packages/no-typosquat'))
      .map((r) => r.file);
    assert.deepEqual(files, ['services/web/package.json']);
  });
});

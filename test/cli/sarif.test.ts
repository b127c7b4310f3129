import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeTree, ONLY_TLS, removeTree, runCli, TLS_OFF } from './helpers';

interface Log {
  runs: Array<{
    automationDetails: { id: string };
    originalUriBaseIds: Record<string, { uri: string }>;
    tool: { driver: { rules: Array<{ id: string; help: { markdown: string } }> } };
    results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string } } }> }>;
  }>;
}

const uris = (log: Log) => log.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation);

describe('rampart scan --format sarif', () => {
  const trees: string[] = [];
  const repo = (files: Record<string, string>) => {
    const dir = makeTree({ '.git/HEAD': 'ref: refs/heads/main\n', '.rampart.jsonc': ONLY_TLS, ...files });
    trees.push(dir);
    return dir;
  };
  after(() => trees.forEach(removeTree));

  it('names files relative to the repository root, whether run from the root, a subfolder or another folder', async () => {
    const dir = repo({ 'services/api/src/client.js': TLS_OFF });
    const elsewhere = makeTree({ 'notes.txt': 'x\n' });
    trees.push(elsewhere);
    for (const [cwd, target] of [
      [dir, '.'],
      [path.join(dir, 'services/api'), '.'],
      [path.join(dir, 'services/api'), 'src'],
      [elsewhere, path.relative(elsewhere, path.join(dir, 'services'))],
    ]) {
      const { code, stdout } = await runCli(['scan', '--format', 'sarif', target], { cwd });
      assert.equal(code, 1, `${cwd} ${target}`);
      const log = JSON.parse(stdout) as Log;
      assert.deepEqual(uris(log), [{ uri: 'services/api/src/client.js', uriBaseId: '%SRCROOT%' }], `${cwd} ${target}`);
      assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(dir).href}/`);
    }
  });

  it('outside a repository, names files relative to the scanned folder', async () => {
    const dir = makeTree({ '.rampart.jsonc': ONLY_TLS, 'app/client.js': TLS_OFF });
    trees.push(dir);
    const { stdout } = await runCli(['scan', '--format', 'sarif', 'app'], { cwd: dir });
    const log = JSON.parse(stdout) as Log;
    assert.deepEqual(uris(log), [{ uri: 'client.js', uriBaseId: '%SRCROOT%' }]);
    assert.equal(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri, `${pathToFileURL(path.join(dir, 'app')).href}/`);
  });

  it('a second scanned path in another repository is named by absolute file URI, and the CLI says so', async () => {
    const first = repo({ 'a.js': TLS_OFF });
    const second = repo({ 'b.js': TLS_OFF });
    const { stdout, stderr } = await runCli(['scan', '--format', 'sarif', '.', second], { cwd: first });
    const log = JSON.parse(stdout) as Log;
    assert.deepEqual(
      uris(log).sort((a, b) => a.uri.localeCompare(b.uri)),
      [{ uri: 'a.js', uriBaseId: '%SRCROOT%' }, { uri: pathToFileURL(path.join(second, 'b.js')).href }],
    );
    assert.equal(stderr, 'rampart: 1 file outside the current folder, the repository root SARIF paths are relative to, named by absolute file URI (GitHub code scanning cannot place them)\n');
  });

  it('carries the category and the rule documentation of the rules with results', async () => {
    const dir = repo({ 'a.js': TLS_OFF });
    const { stdout } = await runCli(['scan', '--format', 'sarif', '--sarif-category', 'rampart/web'], { cwd: dir });
    const log = JSON.parse(stdout) as Log;
    assert.deepEqual(log.runs[0].automationDetails, { id: 'rampart/web/' });
    const tls = log.runs[0].tool.driver.rules.find((r) => r.id === 'js/no-disabled-tls')!;
    assert.match(tls.help.markdown, /#### How to fix\n\nRemove the option/);
  });
});

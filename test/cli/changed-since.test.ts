import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import git from 'isomorphic-git';
import { changedSince } from '../../src/files/changed-since';
import { makeTree, removeTree, runCli, TLS_OFF } from './helpers';

/** A repository with one commit of `files`; returns its folder and the commit id. */
async function repository(files: Record<string, string>): Promise<{ dir: string; commit: string }> {
  const dir = makeTree(files);
  await git.init({ fs, dir, defaultBranch: 'main' });
  for (const file of Object.keys(files)) await git.add({ fs, dir, filepath: file });
  const commit = await git.commit({ fs, dir, message: 'first', author: { name: 'Test', email: 'test@example.test', timestamp: 1_700_000_000, timezoneOffset: 0 } });
  return { dir, commit };
}

describe('--changed-since', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach(removeTree));

  it('lists modified, added and untracked files; not unchanged, deleted or ignored ones', async () => {
    const { dir, commit } = await repository({ '.gitignore': 'build/\n', 'same.js': 'a\n', 'edited.js': 'b\n', 'gone.js': 'c\n', 'lib/keep.js': 'd\n' });
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'edited.js'), 'b2\n');
    fs.rmSync(path.join(dir, 'gone.js'));
    fs.writeFileSync(path.join(dir, 'lib/new.js'), 'e\n');
    fs.mkdirSync(path.join(dir, 'build'));
    fs.writeFileSync(path.join(dir, 'build/out.js'), 'f\n');
    for (const ref of ['main', 'HEAD', commit, commit.slice(0, 7)]) {
      const changed = await changedSince(dir, ref);
      assert.ok(changed.ok, ref);
      assert.deepEqual([...changed.files].map((f) => path.relative(dir, f)).sort(), ['edited.js', 'lib/new.js'], ref);
    }
  });

  it('names the problem for an unknown ref, a folder outside git and a malformed ref', async () => {
    const { dir } = await repository({ 'a.js': 'x\n' });
    dirs.push(dir);
    assert.deepEqual(await changedSince(dir, 'no-such-branch'), { ok: false, message: `no commit, branch or tag named "no-such-branch" in ${dir}` });
    assert.deepEqual(await changedSince(dir, 'HEAD~1'), { ok: false, message: `no commit, branch or tag named "HEAD~1" in ${dir}` });
    const plain = makeTree({ 'a.js': 'x\n' });
    dirs.push(plain);
    assert.equal((await changedSince(plain, 'main')).ok, false);
  });

  it('never runs what the repository configures: a filter, fsmonitor and hooks are ignored', async () => {
    const { dir } = await repository({ '.gitattributes': '*.js filter=evil\n', 'a.js': 'x\n' });
    dirs.push(dir);
    const marker = path.join(dir, 'pwned');
    const hook = `#!/bin/sh\ntouch ${marker}\n`;
    fs.appendFileSync(path.join(dir, '.git/config'), `[core]\n\tfsmonitor = ${path.join(dir, '.git/hooks/evil')}\n[filter "evil"]\n\tclean = ${path.join(dir, '.git/hooks/evil')}\n\tsmudge = ${path.join(dir, '.git/hooks/evil')}\n`);
    fs.writeFileSync(path.join(dir, '.git/hooks/evil'), hook, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, '.git/hooks/post-checkout'), hook, { mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'a.js'), 'y\n');
    const changed = await changedSince(dir, 'HEAD');
    assert.ok(changed.ok);
    assert.deepEqual([...changed.files].map((f) => path.relative(dir, f)), ['a.js']);
    assert.equal(fs.existsSync(marker), false, 'nothing from the repository ran');
  });

  it('rampart scan --changed-since scans only the changed files and says how many', async () => {
    const { dir } = await repository({ 'old.js': TLS_OFF, 'touched.js': 'const x = 1;\n' });
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'touched.js'), TLS_OFF);
    const { code, stdout, stderr } = await runCli(['scan', '--format', 'json', '--changed-since', 'main'], { cwd: dir });
    assert.equal(stderr, 'rampart: 1 file of 2 changed since main\n');
    assert.deepEqual(JSON.parse(stdout).results.map((r: { file: string }) => r.file), ['touched.js']);
    assert.equal(code, 1);
    const bad = await runCli(['scan', '--changed-since', 'nope'], { cwd: dir });
    assert.deepEqual([bad.code, bad.stderr], [2, `rampart: --changed-since: no commit, branch or tag named "nope" in ${dir}\n`]);
    const usage = await runCli(['scan', '--changed-since', '$(touch x)'], { cwd: dir });
    assert.equal(usage.code, 2);
  });
});

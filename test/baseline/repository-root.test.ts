import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { baselineRoot } from '../../src/baseline';
import { findRepositoryRoot } from '../../src/files/repository-root';

describe('findRepositoryRoot and baselineRoot', () => {
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-root-')));
    for (const d of ['repo/.git', 'repo/services/api', 'worktree/src', 'plain/src', 'repo/vendor/lib']) fs.mkdirSync(path.join(dir, d), { recursive: true });
    // A linked work tree or submodule has a `.git` file, not a folder.
    fs.writeFileSync(path.join(dir, 'worktree/.git'), 'gitdir: /elsewhere/.git/worktrees/w\n');
    fs.writeFileSync(path.join(dir, 'repo/services/api/app.py'), 'x = 1\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is the nearest folder with a .git folder or file, from a folder or a file', () => {
    assert.equal(findRepositoryRoot(path.join(dir, 'repo/services/api')), path.join(dir, 'repo'));
    assert.equal(findRepositoryRoot(path.join(dir, 'repo/services/api/app.py')), path.join(dir, 'repo'));
    assert.equal(findRepositoryRoot(path.join(dir, 'repo')), path.join(dir, 'repo'));
    assert.equal(findRepositoryRoot(path.join(dir, 'worktree/src')), path.join(dir, 'worktree'));
  });

  it('is null outside a repository (unless the temp folder itself is in one)', function () {
    if (findRepositoryRoot(dir) !== null) this.skip();
    assert.equal(findRepositoryRoot(path.join(dir, 'plain/src')), null);
    assert.equal(findRepositoryRoot(path.join(dir, 'missing/deeper')), null);
  });

  it('the baseline root is the repository root of the baseline file, else its folder', function () {
    assert.equal(baselineRoot(path.join(dir, 'repo/.rampart-baseline.json')), path.join(dir, 'repo'));
    assert.equal(baselineRoot(path.join(dir, 'repo/services/api/baseline.json')), path.join(dir, 'repo'));
    if (findRepositoryRoot(dir) !== null) this.skip();
    assert.equal(baselineRoot(path.join(dir, 'plain/src/baseline.json')), path.join(dir, 'plain/src'));
  });
});

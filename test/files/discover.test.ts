import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, type DiscoveryRoot } from '../../src/files/discover';
import { makeTree, removeTree } from '../cli/helpers';

describe('discoverFiles', () => {
  let dir: string;
  afterEach(() => dir && removeTree(dir));

  function discover(roots: Array<string | DiscoveryRoot>, supports: (language: string) => boolean = (l) => l === 'js') {
    const result = discoverFiles({
      roots: roots.map((r) => (typeof r === 'string' ? { absolute: path.join(dir, r), configIgnore: { root: dir, patterns: [] } } : r)),
      supports: (c) => supports(c.language),
      display: (p) => path.relative(dir, p) || '.',
    });
    return { files: result.files.map((f) => path.relative(dir, f.absolute)), notes: result.notes, raw: result.files };
  }

  it('lists supported files in name order with their size and classification', () => {
    dir = makeTree({ 'b.ts': 'x', 'a.js': 'xy', 'c.py': '', 'sub/d.tsx': '' });
    const { files, raw } = discover(['.']);
    assert.deepEqual(files, ['a.js', 'b.ts', 'sub/d.tsx']);
    assert.deepEqual(raw.map((f) => [f.size, f.classification.dialect, f.root]), [[2, 'jsx', 0], [1, 'ts', 0], [0, 'tsx', 0]]);
  });

  it('classifies extension-less scripts by their shebang', () => {
    dir = makeTree({ 'bin/tool': '#!/usr/bin/env node\nrun();\n', 'bin/other': '#!/bin/sh\necho hi\n', 'bin/empty': '' });
    assert.deepEqual(discover(['.']).files, ['bin/tool']);
  });

  it('does not follow symbolic links to folders (no loops), but reads linked files', () => {
    dir = makeTree({ 'src/a.js': '', 'shared/b.js': '' });
    fs.symlinkSync('..', path.join(dir, 'src/parent'));
    fs.symlinkSync(path.join(dir, 'shared'), path.join(dir, 'src/shared'));
    fs.symlinkSync(path.join(dir, 'shared/b.js'), path.join(dir, 'src/b-link.js'));
    fs.symlinkSync(path.join(dir, 'missing.js'), path.join(dir, 'src/dangling.js'));
    assert.deepEqual(discover(['.']).files, ['shared/b.js', 'src/a.js', 'src/b-link.js']);
  });

  it('lists a linked file only when its real path is inside the given folder; one note counts the others', () => {
    dir = makeTree({ 'repo/src/a.js': '', 'repo/lib/b.js': '', 'outside/c.js': '', 'outside/d.txt': '', 'outside/tool': '#!/usr/bin/env node\n' });
    fs.symlinkSync('../lib/b.js', path.join(dir, 'repo/src/b.js'));
    fs.symlinkSync('../../outside/c.js', path.join(dir, 'repo/src/c.js'));
    fs.symlinkSync(path.join(dir, 'outside/d.txt'), path.join(dir, 'repo/src/d.txt'));
    fs.symlinkSync(path.join(dir, 'outside/tool'), path.join(dir, 'repo/src/tool'));
    assert.deepEqual(discover(['repo']), {
      files: ['repo/lib/b.js', 'repo/src/a.js', 'repo/src/b.js'],
      notes: ['2 files reached through symbolic links leading outside the scanned folder, not scanned'],
      raw: discover(['repo']).raw,
    });
    const { files, notes } = discover(['repo/src']);
    assert.deepEqual(files, ['repo/src/a.js']);
    assert.deepEqual(notes, ['3 files reached through symbolic links leading outside the scanned folder, not scanned']);
    assert.deepEqual(discover(['repo', 'repo/src']).notes, ['2 files reached through symbolic links leading outside the scanned folder, not scanned'], 'counted once');
    assert.equal(discover(['repo']).raw[0].within, fs.realpathSync(path.join(dir, 'repo')));
  });

  it('a given path is taken as named, also when it is a link', () => {
    dir = makeTree({ 'outside/c.js': '', 'outside/sub/d.js': '' });
    fs.symlinkSync('outside/c.js', path.join(dir, 'c.js'));
    fs.symlinkSync('outside/sub', path.join(dir, 'sub'));
    assert.deepEqual(discover(['c.js', 'sub']), { files: ['c.js', 'sub/d.js'], notes: [], raw: discover(['c.js', 'sub']).raw });
  });

  it('does not follow a .gitignore that is a symbolic link, as git does', () => {
    dir = makeTree({ 'rules.txt': 'b.js\n', 'a.js': '', 'b.js': '' });
    fs.symlinkSync('rules.txt', path.join(dir, '.gitignore'));
    assert.deepEqual(discover(['.']).files, ['a.js', 'b.js']);
  });

  it('a .gitignore deeper down can re-include what a shallower one excludes, as in git', () => {
    dir = makeTree({
      '.git/HEAD': '',
      '.gitignore': '*.gen.js\n/top-only.js\n',
      'a.gen.js': '',
      'top-only.js': '',
      'pkg/top-only.js': '',
      'pkg/.gitignore': '!keep.gen.js\nlocal/\n',
      'pkg/keep.gen.js': '',
      'pkg/drop.gen.js': '',
      'pkg/local/x.js': '',
    });
    assert.deepEqual(discover(['.']).files, ['pkg/keep.gen.js', 'pkg/top-only.js']);
  });

  it('reads .gitignore files between the repository root and a scanned sub-folder, not above the repository', () => {
    dir = makeTree({
      '.gitignore': 'app/\n',
      'repo/.git/HEAD': '',
      'repo/.gitignore': 'skip-me.js\n',
      'repo/app/.gitignore': '*.tmp.js\n',
      'repo/app/src/skip-me.js': '',
      'repo/app/src/x.tmp.js': '',
      'repo/app/src/main.js': '',
    });
    assert.deepEqual(discover(['repo/app/src']).files, ['repo/app/src/main.js']);
  });

  it('config ignore patterns are relative to the configuration folder', () => {
    dir = makeTree({ 'pkg/gen/a.js': '', 'gen/b.js': '', 'pkg/c.js': '' });
    const root: DiscoveryRoot = { absolute: dir, configIgnore: { root: path.join(dir, 'pkg'), patterns: ['/gen/'] } };
    assert.deepEqual(discover([root]).files, ['gen/b.js', 'pkg/c.js']);
  });

  it('default ignores apply below a given path at any depth, not to the path itself', () => {
    dir = makeTree({ 'node_modules/a/i.js': '', 'x/node_modules/b.js': '', 'x/y.min.js': '', 'x/z.js': '', '.git/hooks/h.js': '' });
    assert.deepEqual(discover(['.']).files, ['x/z.js']);
    assert.deepEqual(discover(['node_modules']).files, ['node_modules/a/i.js']);
    assert.deepEqual(discover(['x/y.min.js']).files, ['x/y.min.js']);
  });

  it('notes explicit files nobody reads and explicit paths that are ignored', () => {
    dir = makeTree({ '.gitignore': 'out.js\n', 'out.js': '', 'readme.txt': '', 'types.d.ts': '' });
    const { files, notes } = discover(['out.js', 'readme.txt', 'types.d.ts']);
    assert.deepEqual(files, []);
    assert.deepEqual(notes, [
      'out.js: ignored by .gitignore, not scanned',
      'readme.txt: no analyser reads this kind of file, not scanned',
      'types.d.ts: no analyser reads this kind of file, not scanned',
    ]);
  });

  it('lists a file once when given paths overlap', () => {
    dir = makeTree({ 'src/a.js': '' });
    assert.deepEqual(discover(['src', 'src/a.js', '.']).files, ['src/a.js']);
  });

  it('only lists files whose language an adapter supports', () => {
    dir = makeTree({ 'a.js': '', 'b.py': '', 'c.tf': '' });
    assert.deepEqual(discover(['.'], (l) => l === 'python' || l === 'terraform').files, ['b.py', 'c.tf']);
  });

  it('never opens pipes, given explicitly or found in a folder (reading one would block)', () => {
    dir = makeTree({ 'a.js': '' });
    execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
    execFileSync('mkfifo', [path.join(dir, 'script')]);
    assert.deepEqual(discover(['.']).files, ['a.js']);
    assert.deepEqual(discover(['pipe.js', 'script']).notes, ['pipe.js: not a regular file, not scanned', 'script: not a regular file, not scanned']);
  });
  describe('only some paths of a folder (files created after a scan)', () => {
    const only = (...paths: string[]): DiscoveryRoot => ({ absolute: dir, configIgnore: { root: dir, patterns: ['generated/'] }, only: paths.map((p) => path.join(dir, p)) });

    it('finds a created file or folder as the walk of the whole folder would', () => {
      dir = makeTree({ 'src/a.js': '', 'src/new.js': '', 'lib/x/b.ts': '', 'lib/x/c.txt': '', 'README.md': '' });
      assert.deepEqual(discover([only('src/new.js', 'lib')]).files, ['src/new.js', 'lib/x/b.ts']);
      assert.equal(discover([only('src/new.js')]).raw[0].within, fs.realpathSync(dir), 'reads stay inside the folder, not the file');
    });

    it('leaves out what the walk ignores: defaults, the configuration, .gitignore at any level, unsupported files', () => {
      dir = makeTree({ '.git/HEAD': '', '.gitignore': 'dist/\n', 'node_modules/p/index.js': '', 'generated/g.js': '', 'dist/d.js': '', 'src/.gitignore': 'local.js\n', 'src/local.js': '', 'src/ok.js': '', 'src/notes.txt': '' });
      const paths = ['node_modules/p/index.js', 'node_modules', 'generated/g.js', 'dist/d.js', 'src/local.js', 'src/notes.txt', 'src/ok.js'];
      assert.deepEqual(discover([only(...paths)]).files, ['src/ok.js']);
      assert.deepEqual(discover([{ ...only(), only: undefined }]).files, ['src/ok.js'], 'the same as the whole walk');
    });

    it('does not go through a linked folder, nor read a linked file that leads out of the folder', () => {
      dir = makeTree({ 'repo/src/a.js': '', 'outside/secret.js': '', 'outside/dir/x.js': '' });
      fs.symlinkSync(path.join(dir, 'outside/secret.js'), path.join(dir, 'repo/src/link.js'));
      fs.symlinkSync(path.join(dir, 'outside/dir'), path.join(dir, 'repo/linked'));
      const root: DiscoveryRoot = { absolute: path.join(dir, 'repo'), configIgnore: { root: dir, patterns: [] }, only: ['repo/src/link.js', 'repo/linked/x.js', 'repo/linked', 'outside/secret.js', 'repo/src/a.js'].map((p) => path.join(dir, p)) };
      const { files, notes } = discover([root]);
      assert.deepEqual(files, ['repo/src/a.js']);
      assert.deepEqual(notes, ['1 file reached through a symbolic link leading outside the scanned folder, not scanned']);
    });

    it('leaves out paths that are gone or are the folder itself', () => {
      dir = makeTree({ 'src/a.js': '' });
      assert.deepEqual(discover([only('src/gone.js', 'gone/x.js', '.')]).files, []);
    });
  });
});

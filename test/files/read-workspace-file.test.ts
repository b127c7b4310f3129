import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readWorkspaceFile, type WorkspaceFileRead } from '../../src/files/read-workspace-file';
import { makeTree, removeTree } from '../cli/helpers';

/** The outcome without the error object, for deepEqual. */
function outcome(read: WorkspaceFileRead): unknown {
  if (read.ok) return { ok: true, text: read.bytes.toString('utf8'), size: read.size };
  const { error: _error, ...rest } = read;
  return rest;
}

// FIFOs are tested in a child process (test/hostile/special-files.test.ts): a regression would block.
describe('readWorkspaceFile', () => {
  let dir: string;
  let root: string;
  before(() => {
    dir = makeTree({ 'root/a.txt': 'hello', 'root/sub/b.txt': 'inside', 'outside/c.txt': 'secret', 'root/big.txt': 'x'.repeat(100) });
    root = path.join(dir, 'root');
    fs.symlinkSync('a.txt', path.join(root, 'link.txt'));
    fs.symlinkSync('../outside/c.txt', path.join(root, 'out.txt'));
    fs.symlinkSync('../outside', path.join(root, 'out-dir'));
  });
  after(() => removeTree(dir));
  const read = (rel: string, options: Partial<Parameters<typeof readWorkspaceFile>[1]> = {}) =>
    outcome(readWorkspaceFile(path.join(root, rel), { maxBytes: 1000, ...options }));

  it('reads a regular file', () => {
    assert.deepEqual(read('a.txt'), { ok: true, text: 'hello', size: 5 });
  });

  it('refuses a file over the bound by its size, or returns its head when asked', () => {
    assert.deepEqual(read('big.txt', { maxBytes: 99 }), { ok: false, problem: 'too-large', reason: 'larger than 99 bytes (100 bytes)', size: 100 });
    assert.deepEqual(read('big.txt', { maxBytes: 100 }), { ok: true, text: 'x'.repeat(100), size: 100 });
    assert.deepEqual(read('big.txt', { maxBytes: 3, head: true }), { ok: true, text: 'xxx', size: 100 });
  });

  it('reads a file whose size is not known in advance up to the bound (/proc reports 0)', function () {
    if (!fs.existsSync('/proc/self/status')) this.skip();
    const whole = readWorkspaceFile('/proc/self/status', { maxBytes: 1 << 20 });
    assert.ok(whole.ok && whole.bytes.toString().startsWith('Name:'));
    assert.deepEqual(outcome(readWorkspaceFile('/proc/self/status', { maxBytes: 10 })), { ok: false, problem: 'too-large', reason: 'larger than 10 bytes' });
  });

  it('refuses folders, devices and missing files with a reason, never a throw', () => {
    assert.deepEqual(read('sub'), { ok: false, problem: 'folder', reason: 'is a folder' });
    assert.deepEqual(outcome(readWorkspaceFile('/dev/null', { maxBytes: 10 })), { ok: false, problem: 'not-regular', reason: 'not a regular file: a device' });
    assert.deepEqual(outcome(readWorkspaceFile('/dev/zero', { maxBytes: 10, head: true })), { ok: false, problem: 'not-regular', reason: 'not a regular file: a device' });
    assert.deepEqual(read('missing.txt'), { ok: false, problem: 'error', reason: 'no such file or folder' });
  });

  it('follows links by default; noFollow refuses a link', () => {
    assert.deepEqual(read('link.txt'), { ok: true, text: 'hello', size: 5 });
    assert.deepEqual(read('link.txt', { noFollow: true }), { ok: false, problem: 'link', reason: 'is a symbolic link' });
  });

  it('within: links that stay inside are read; a link out, or through a linked folder out, is refused', () => {
    const within = fs.realpathSync(root);
    assert.deepEqual(read('link.txt', { within }), { ok: true, text: 'hello', size: 5 });
    assert.deepEqual(read('sub/b.txt', { within }), { ok: true, text: 'inside', size: 6 });
    const refused = { ok: false, problem: 'outside', reason: 'a symbolic link on the way leads outside the scanned folder' };
    assert.deepEqual(read('out.txt', { within }), refused);
    assert.deepEqual(read('out-dir/c.txt', { within }), refused);
    assert.deepEqual(read('a.txt', { within: path.join(within, 'sub') }), refused);
  });
});

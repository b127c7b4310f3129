import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../src/files/atomic-write';
import { makeTree, removeTree } from '../cli/helpers';

describe('writeFileAtomic', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTree({ 'a.js': 'old', 'real/b.js': 'old b' });
  });
  afterEach(() => removeTree(dir));

  it('replaces the contents by renaming a temporary file, keeping the permission bits', () => {
    const file = path.join(dir, 'a.js');
    fs.chmodSync(file, 0o662);
    const inode = fs.statSync(file).ino;
    writeFileAtomic(file, 'new ✓');
    assert.equal(fs.readFileSync(file, 'utf8'), 'new ✓');
    assert.equal(fs.statSync(file).mode & 0o7777, 0o662);
    assert.notEqual(fs.statSync(file).ino, inode);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.js', 'real']);
  });

  it('creates a new file', () => {
    writeFileAtomic(path.join(dir, 'report.json'), '{}');
    assert.equal(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'), '{}');
  });

  it('writes through a symbolic link to its target, keeping the link', () => {
    const link = path.join(dir, 'link.js');
    fs.symlinkSync(path.join(dir, 'real/b.js'), link);
    writeFileAtomic(link, 'new b');
    assert.ok(fs.lstatSync(link).isSymbolicLink());
    assert.equal(fs.readFileSync(path.join(dir, 'real/b.js'), 'utf8'), 'new b');
  });

  it('fails without leaving temporary files or touching a folder in the way', () => {
    assert.throws(() => writeFileAtomic(path.join(dir, 'real'), 'x'), /is a folder/);
    assert.throws(() => writeFileAtomic(path.join(dir, 'missing/x.js'), 'x'), { code: 'ENOENT' });
    assert.deepEqual(fs.readdirSync(dir).sort(), ['a.js', 'real']);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'real')), ['b.js']);
  });

  it('writes into a pipe instead of replacing it (--output /dev/stdout)', () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    try {
      writeFileAtomic(fifo, 'report');
      const buffer = Buffer.alloc(100);
      assert.equal(buffer.subarray(0, fs.readSync(reader, buffer)).toString(), 'report');
      assert.ok(fs.statSync(fifo).isFIFO(), 'still a pipe');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['a.js', 'pipe', 'real']);
    } finally {
      fs.closeSync(reader);
    }
  });
});

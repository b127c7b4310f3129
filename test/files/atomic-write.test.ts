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

  it('keeps the owner of a file it replaces when run as root', function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can write a file that another user owns
    const file = path.join(dir, 'a.js');
    fs.chownSync(file, 4321, 4321);
    writeFileAtomic(file, 'new');
    assert.deepEqual([fs.statSync(file).uid, fs.statSync(file).gid], [4321, 4321]);
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

  describe('within a folder (--fix, and --output inside the workspace)', () => {
    let outside: string;
    beforeEach(() => {
      outside = makeTree({ 'victim.js': 'victim' });
    });
    afterEach(() => removeTree(outside));
    const victim = () => fs.readFileSync(path.join(outside, 'victim.js'), 'utf8');

    it('writes files and links that stay inside, keeping the link', () => {
      fs.symlinkSync('real/b.js', path.join(dir, 'link.js'));
      writeFileAtomic(path.join(dir, 'link.js'), 'new b', { within: dir });
      writeFileAtomic(path.join(dir, 'a.js'), 'new a', { within: dir });
      writeFileAtomic(path.join(dir, 'real/new.js'), 'created', { within: dir });
      assert.ok(fs.lstatSync(path.join(dir, 'link.js')).isSymbolicLink());
      assert.deepEqual(
        ['real/b.js', 'a.js', 'real/new.js'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8')),
        ['new b', 'new a', 'created'],
      );
    });

    it('refuses a link out (swapped in after discovery), a linked folder out on the way, and a dangling link; writes nothing', () => {
      fs.symlinkSync(path.join(outside, 'victim.js'), path.join(dir, 'out.js'));
      fs.symlinkSync(outside, path.join(dir, 'out-dir'));
      fs.symlinkSync(path.join(outside, 'new.js'), path.join(dir, 'dangling.js'));
      assert.throws(() => writeFileAtomic(path.join(dir, 'out.js'), 'x', { within: dir }), { code: 'ELINKOUT', message: /leads out of the workspace/ });
      assert.throws(() => writeFileAtomic(path.join(dir, 'out-dir/victim.js'), 'x', { within: dir }), { code: 'ELINKOUT' });
      assert.throws(() => writeFileAtomic(path.join(dir, 'out-dir/other.js'), 'x', { within: dir }), { code: 'ELINKOUT' });
      assert.throws(() => writeFileAtomic(path.join(dir, 'dangling.js'), 'x', { within: dir }), { code: 'ELINKOUT', message: /missing file/ });
      assert.throws(() => writeFileAtomic(path.join(dir, 'a.js'), 'x', { within: path.join(dir, 'real') }), { code: 'ELINKOUT' });
      assert.equal(victim(), 'victim');
      assert.deepEqual(fs.readdirSync(outside), ['victim.js']);
      assert.equal(fs.readFileSync(path.join(dir, 'a.js'), 'utf8'), 'old');
    });

    it('refuses a pipe inside instead of writing into it', () => {
      const fifo = path.join(dir, 'pipe.sarif');
      execFileSync('mkfifo', [fifo]);
      // A reader is open, so code that wrongly writes into the pipe fails this test instead of blocking.
      const reader = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
      try {
        assert.throws(() => writeFileAtomic(fifo, 'report', { within: dir }), { code: 'ENOTREG' });
        assert.equal(fs.readSync(reader, Buffer.alloc(10)), 0, 'nothing was written into the pipe');
      } finally {
        fs.closeSync(reader);
      }
    });
  });
});

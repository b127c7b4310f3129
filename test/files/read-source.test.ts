import assert from 'node:assert/strict';
import * as path from 'node:path';
import { looksMinified, readSource } from '../../src/files/read-source';
import { makeTree, removeTree } from '../cli/helpers';

describe('readSource', () => {
  let dir: string;
  before(() => {
    dir = makeTree({
      'plain.js': 'let a = 1;\n',
      'bom.js': Buffer.from('\uFEFFlet b = 2;\n', 'utf8'),
      'latin1.js': Buffer.from([0x2f, 0x2f, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x0a]),
      'nul.js': Buffer.concat([Buffer.from('let c;'), Buffer.from([0]), Buffer.from('rest')]),
      'late-nul.js': Buffer.concat([Buffer.alloc(9000, 0x20), Buffer.from([0])]),
      'big.js': 'x'.repeat(2000),
    });
  });
  after(() => removeTree(dir));
  const read = (name: string, max = 1024 * 1024) => readSource(path.join(dir, name), max);

  it('decodes UTF-8 and strips a byte-order mark, remembering it', () => {
    assert.deepEqual(read('plain.js'), { ok: true, text: 'let a = 1;\n', bom: false, lossy: false, bytes: 11 });
    assert.deepEqual(read('bom.js'), { ok: true, text: 'let b = 2;\n', bom: true, lossy: false, bytes: 14 });
  });

  it('decodes invalid UTF-8 with replacement characters and marks it lossy', () => {
    assert.deepEqual(read('latin1.js'), { ok: true, text: '// caf\uFFFD\n', bom: false, lossy: true, bytes: 8 });
  });

  it('skips files with a NUL byte in the first 8 KiB as binary', () => {
    assert.deepEqual(read('nul.js'), { ok: false, reason: 'binary content (NUL bytes)' });
    assert.equal(read('late-nul.js').ok, true, 'a NUL after 8 KiB does not make a file binary');
  });

  it('skips files over the size limit without reading them', () => {
    assert.deepEqual(read('big.js', 1999), { ok: false, reason: 'larger than 1999 bytes (2000 bytes)' });
    assert.equal(read('big.js', 2000).ok, true);
  });

  it('reports unreadable paths as a reason, never a throw', () => {
    assert.deepEqual(read('missing.js'), { ok: false, reason: 'cannot read the file (no such file or folder)' });
    assert.deepEqual(readSource(dir, 10 ** 9), { ok: false, reason: 'cannot read the file (is a folder)' });
  });
});

describe('looksMinified', () => {
  it('needs both more than 20 KB and an average line over 500 characters', () => {
    const longLine = 'a'.repeat(600) + '\n';
    assert.equal(looksMinified(longLine.repeat(40), 24_040), true);
    assert.equal(looksMinified(longLine.repeat(30), 18_030), false, 'small files are never minified');
    const shortLines = ('a'.repeat(100) + '\n').repeat(300);
    assert.equal(looksMinified(shortLines, 30_300), false);
    assert.equal(looksMinified('x'.repeat(3_000_000), 3_000_000), true, 'one huge line');
  });
});

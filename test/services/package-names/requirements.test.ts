import assert from 'node:assert/strict';
import { extractRequirements } from '../../../src/services/package-names';
import { compact, nth } from './helpers';

describe('package-names: requirements.txt', () => {
  it('reads names with extras, markers, specifiers and comments', () => {
    const text = [
      '# pinned for prod',
      'requests[socks,security] >= 2.31, < 3 ; python_version > "3.8"  # http',
      'Django==4.2.*',
      'numpy',
      'typing_extensions (>=4.0)',
      'zope.interface~=6.0',
      '  indented-pkg===1.0',
    ].join('\n');
    const { packages, includes } = extractRequirements(text);
    assert.deepEqual(compact(text, packages), [
      ['requests', '>= 2.31, < 3', true],
      ['Django', '==4.2.*', true],
      ['numpy', undefined, true],
      ['typing_extensions', '>=4.0', true],
      ['zope.interface', '~=6.0', true],
      ['indented-pkg', '===1.0', true],
    ]);
    assert.deepEqual(includes, []);
    assert.ok(packages.every((p) => p.ecosystem === 'pypi' && p.source === 'manifest'));
  });

  it('returns -r and -c includes separately with their ranges, without reading them', () => {
    const text = '-r base.txt\n--requirement=dev/extra.txt\n-c constraints.txt\n--constraint  pins.txt\nflask\n';
    const { packages, includes } = extractRequirements(text);
    assert.deepEqual(packages.map((p) => p.name), ['flask']);
    assert.deepEqual(includes.map((i) => [i.kind, i.path]), [['requirement', 'base.txt'], ['requirement', 'dev/extra.txt'], ['constraint', 'constraints.txt'], ['constraint', 'pins.txt']]);
    for (const include of includes) assert.equal(text.slice(include.range[0], include.range[1]), include.path);
  });

  it('skips -e, URL, path, wheel, option and environment-variable lines', () => {
    const text = [
      '-e ./local',
      '--editable git+https://github.com/a/b.git#egg=b',
      'https://example.test/pkg-1.0.tar.gz',
      'git+https://github.com/a/c.git',
      './vendor/pkg',
      '/abs/path',
      'pkg-1.0-py3-none-any.whl',
      '--index-url https://pypi.example/simple',
      '-i https://x',
      '--extra-index-url https://y',
      '--find-links ./wheels',
      '--pre',
      '${PRIVATE_PKG}',
      'real',
    ].join('\n');
    assert.deepEqual(extractRequirements(text).packages.map((p) => p.name), ['real']);
  });

  it('handles line continuations and --hash options', () => {
    const text = 'cryptography==42.0.5 \\\n    --hash=sha256:aaa \\\n    --hash=sha256:bbb\nattrs \\\r\n  >=23\n';
    const { packages } = extractRequirements(text);
    assert.deepEqual(compact(text, packages), [['cryptography', '==42.0.5', true], ['attrs', '>=23', true]]);
  });

  it('marks direct references as not from the index', () => {
    const text = 'pkg @ https://example.test/pkg.zip\nother@ file:///tmp/o\n';
    const { packages } = extractRequirements(text);
    assert.deepEqual(compact(text, packages), [['pkg', undefined, false], ['other', undefined, false]]);
    assert.equal(packages[1].range[0], nth(text, 'other'));
  });

  it('treats a # inside a token as part of it, and # after whitespace as a comment', () => {
    const text = 'a#b\nc # d\n#e\n';
    assert.deepEqual(extractRequirements(text).packages.map((p) => p.name), ['c']);
  });

  it('returns nothing for empty or malformed input', () => {
    for (const text of ['', '\n\n', '\\', '[[[', '-r', '>=1.0', '-', '"quoted"']) {
      assert.deepEqual(extractRequirements(text), { packages: [], includes: [] }, text);
    }
  });
});

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIST_SIZES, buildPopularList, rankedNames, serializePopularList } from '../../scripts/build-popular-lists';
import { findTyposquat, isPopularPackage, normalizeName, osaDistance, popularPackages } from '../../src/services/typosquat';
import type { TyposquatEcosystem } from '../../src/services/typosquat';

const SOURCE = '/work/.library/env/packages';
const ECOSYSTEMS: readonly TyposquatEcosystem[] = ['npm', 'pypi'];

describe('findTyposquat', () => {
  const positives: [string, TyposquatEcosystem, string, RegExp][] = [
    ['expresss', 'npm', 'express', /doubled/],
    ['lodahs', 'npm', 'lodash', /swapped/],
    ['electorn', 'npm', 'electron', /swapped/],
    ['crossenv', 'npm', 'cross-env', /separators/],
    ['cross_env', 'npm', 'cross-env', /separators/],
    ['l0dash', 'npm', 'lodash', /look-alike/],
    ['@openai/sdk', 'npm', 'openai', /scope/],
    ['node-express', 'npm', 'express', /prefix or suffix/],
    ['axois', 'npm', 'axios', /swapped/],
    ['webpackk', 'npm', 'webpack', /doubled/],
    ['reqeusts', 'pypi', 'requests', /swapped/],
    ['Reqeusts', 'pypi', 'requests', /swapped/],
    ['dateutil', 'pypi', 'python-dateutil', /prefix or suffix/],
    ['python_dateutils', 'pypi', 'python-dateutil', /./],
    ['numpyy', 'pypi', 'numpy', /doubled/],
    ['beautiful-soup4', 'pypi', 'beautifulsoup4', /separators/],
    ['djnago', 'pypi', 'django', /swapped/],
  ];
  for (const [name, ecosystem, intended, reason] of positives) {
    it(`${ecosystem}: ${name} -> ${intended}`, () => {
      const match = findTyposquat(name, ecosystem);
      assert.ok(match, `expected a match for ${name}`);
      assert.equal(match.intended, intended);
      assert.match(match.reason, reason);
    });
  }

  const negatives: [string, TyposquatEcosystem][] = [
    ['preact', 'npm'], ['color', 'npm'], ['colors', 'npm'], ['react', 'npm'], ['@types/lodash', 'npm'],
    ['@babel/some-new-plugin', 'npm'], ['@types/node18', 'npm'], ['streamx', 'npm'], ['memfs', 'npm'],
    ['exp', 'npm'], ['ab', 'pypi'], ['request', 'npm'], ['python-dateutil', 'pypi'], ['Python_DateUtil', 'pypi'],
    // beautifulsoup is the real (old) BeautifulSoup 3: a deprecation, not a typosquat.
    ['beautifulsoup', 'pypi'], ['attr', 'pypi'], ['mypy-boto3-emr', 'pypi'], ['nvidia-cudnn-cu11', 'pypi'],
    ['pydoe', 'pypi'], ['fastai', 'pypi'], ['datasets', 'pypi'], ['pytest-csv', 'pypi'], ['some-unrelated-name', 'npm'],
  ];
  for (const [name, ecosystem] of negatives) {
    it(`${ecosystem}: ${name} is not reported`, () => assert.equal(findTyposquat(name, ecosystem), null));
  }

  it('reads a one-edit typo in the scope of a popular scoped package, and only for a name that scope publishes', () => {
    const typos: [string, string][] = [
      ['@bable/core', '@babel/core'],
      ['@angulr/core', '@angular/core'],
      ['@typse/node', '@types/node'],
      ['@aws-sdl/client-s3', '@aws-sdk/client-s3'],
    ];
    for (const [name, intended] of typos) {
      const match = findTyposquat(name, 'npm');
      assert.equal(match?.intended, intended, name);
      assert.match(match.reason, /scope .* is one edit away/);
    }
    // The scope is one edit from a popular one, but that scope publishes no popular package of this name.
    assert.equal(findTyposquat('@bable/not-a-real-package', 'npm'), null);
    assert.equal(findTyposquat('@angulr/not-a-real-package', 'npm'), null);
    // Two edits away, or a scope that owns popular packages itself: not a scope typo.
    assert.equal(findTyposquat('@bbale/core', 'npm'), null);
    assert.equal(findTyposquat('@babel/core', 'npm'), null);
    assert.equal(findTyposquat('@vue/core', 'npm'), null);
  });

  it('never reports a popular name (popular x popular false positives: 0)', () => {
    for (const ecosystem of ECOSYSTEMS) {
      const names = popularPackages(ecosystem);
      const fired = names.filter((n) => findTyposquat(n, ecosystem) !== null);
      console.log(`      ${ecosystem}: ${fired.length} of ${names.length} popular names reported`);
      assert.deepEqual(fired, []);
      for (const n of names.slice(0, 500)) assert.ok(isPopularPackage(n, ecosystem));
    }
  });

  it('rejects bad input with a clear error and ignores degenerate names', () => {
    assert.throws(() => findTyposquat(42 as unknown as string, 'npm'), /name must be a string/);
    assert.throws(() => findTyposquat('express', 'maven' as TyposquatEcosystem), /ecosystem must be "npm" or "pypi"/);
    assert.equal(findTyposquat('', 'npm'), null);
    assert.equal(findTyposquat('   ', 'pypi'), null);
    assert.equal(findTyposquat('x'.repeat(100_000), 'npm'), null);
    assert.equal(findTyposquat('@/', 'npm'), null);
    assert.equal(findTyposquat('\u0000\uffff😀😀', 'npm'), null);
  });

  it('looks a name up in well under 1 ms', () => {
    const names = [...popularPackages('npm').slice(0, 2000), ...positives.map((p) => p[0])].map((n) => `${n}x`);
    findTyposquat('warm-up', 'npm');
    const start = performance.now();
    for (const n of names) findTyposquat(n, 'npm');
    const perCall = (performance.now() - start) / names.length;
    console.log(`      ${(perCall * 1000).toFixed(1)} µs per look-up over ${names.length} names`);
    assert.ok(perCall < 1, `${perCall} ms per look-up`);
  });

  it('normalises PyPI names per PEP 503 and npm names to lowercase', () => {
    assert.equal(normalizeName('Python__Date.Util', 'pypi'), 'python-date-util');
    assert.equal(normalizeName('JSONStream', 'npm'), 'jsonstream');
  });
});

describe('osaDistance', () => {
  it('counts an adjacent swap as one edit and stops early past the limit', () => {
    assert.equal(osaDistance('lodash', 'lodahs'), 1);
    assert.equal(osaDistance('kitten', 'sitting'), 3);
    assert.equal(osaDistance('', 'abc'), 3);
    assert.equal(osaDistance('abcdef', 'uvwxyz', 1), 2);
  });
});

describe('bundled popular lists', () => {
  for (const ecosystem of ECOSYSTEMS) {
    const path = join(SOURCE, `${ecosystem}.tsv`);
    it(`${ecosystem}: is up to date with ${path} and fires rarely on the next 5,000 names`, function () {
      if (!existsSync(path)) this.skip();
      const tsv = readFileSync(path, 'utf8');
      const committed = readFileSync(join(__dirname, '../../src/services/popular', `${ecosystem}.json`), 'utf8');
      const sourceDate = (JSON.parse(committed) as { sourceDate: string }).sourceDate;
      assert.equal(serializePopularList(buildPopularList(tsv, ecosystem, sourceDate)), committed, 'run scripts/build-popular-lists.ts');
      const next = rankedNames(tsv, ecosystem).slice(LIST_SIZES[ecosystem], LIST_SIZES[ecosystem] + 5000);
      const fired = next.filter((n) => findTyposquat(n, ecosystem) !== null);
      console.log(`      ${ecosystem}: ${fired.length} of ${next.length} less-popular real names reported`);
      assert.ok(fired.length / next.length < 0.01, `${fired.length} reported`);
    });
  }
});

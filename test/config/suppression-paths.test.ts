import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { discoverFiles } from '../../src/files/discover';
import { createPathMatcher, parseConfig, suppressionsFor } from '../../src/config';
import { rules } from './helpers';

const FILES = [
  'app.js',
  'build.js',
  'lib/build.js',
  'src/app.js',
  'src/legacy/calc.js',
  'src/legacy/Calc2.js',
  'src/legacy/deep/calc.js',
  'test/fixtures/keys.js',
  'test/fixtures/deep/more.js',
  'test/unit/a.test.js',
  'fixtures/x.js',
  'pkg/fixtures/y.js',
];

/** Patterns of the kinds teams write: globs, anchored and unanchored names, folders, escapes. */
const PATTERNS = [
  'test/fixtures/**',
  'test/fixtures/',
  'test/fixtures',
  'fixtures/',
  'fixtures',
  '/fixtures',
  '*.test.js',
  '**/*.test.js',
  'src/legacy/calc.js',
  'calc.js',
  '/build.js',
  'build.js',
  'src/**/calc.js',
  'src/*',
  'src/*.js',
  '**/legacy',
  'lib',
  'src/legacy/[Cc]alc*.js',
  'src/legacy/calc.js ',
  '**',
  '*',
];

describe('suppression paths match exactly as "ignore" does', () => {
  let dir: string;
  before(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-suppr-')));
    for (const rel of FILES) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), '');
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Files the scan leaves out when the configuration's `ignore` is `[pattern]`. */
  function ignoredByScan(pattern: string): string[] {
    const { files } = discoverFiles({
      roots: [{ absolute: dir, configIgnore: { root: dir, patterns: [pattern] } }],
      supports: () => true,
      display: (p) => p,
    });
    const kept = new Set(files.map((f) => path.relative(dir, f.absolute).split(path.sep).join('/')));
    return FILES.filter((f) => !kept.has(f)).sort();
  }

  /** Files a suppression with this `path` applies to. */
  function suppressedBy(pattern: string): string[] {
    const text = JSON.stringify({ suppressions: [{ rule: 'js/no-disabled-tls', path: pattern, reason: 'r' }] });
    const result = parseConfig(text, path.join(dir, '.rampart.jsonc'), rules);
    assert.ok(result.ok, JSON.stringify(!result.ok && result.problems));
    const now = new Date();
    return FILES.filter((f) => suppressionsFor(result.config, path.join(dir, f), now).active.length > 0).sort();
  }

  for (const pattern of PATTERNS) {
    it(JSON.stringify(pattern), () => {
      const expected = ignoredByScan(pattern);
      assert.deepEqual(suppressedBy(pattern), expected);
    });
  }

  it('the table is not trivial: some patterns select some files and not others', () => {
    assert.deepEqual(suppressedBy('test/fixtures/**'), ['test/fixtures/deep/more.js', 'test/fixtures/keys.js']);
    assert.deepEqual(suppressedBy('/build.js'), ['build.js']);
    assert.deepEqual(suppressedBy('build.js'), ['build.js', 'lib/build.js']);
    assert.deepEqual(suppressedBy('fixtures/'), ['fixtures/x.js', 'pkg/fixtures/y.js', 'test/fixtures/deep/more.js', 'test/fixtures/keys.js']);
    assert.deepEqual(suppressedBy('src/legacy/calc.js'), ['src/legacy/calc.js']);
  });

  it('createPathMatcher marks folders with isDir, never matches its root or outside it', () => {
    const matches = createPathMatcher(dir, ['fixtures/']);
    assert.equal(matches(path.join(dir, 'fixtures'), true), true);
    assert.equal(matches(path.join(dir, 'fixtures'), false), false, 'a file named fixtures is not a folder');
    assert.equal(matches(path.join(dir, 'fixtures/x.js')), true);
    assert.equal(createPathMatcher(dir, ['**'])(dir, true), false);
    assert.equal(createPathMatcher(dir, ['**'])(path.join(path.dirname(dir), 'x.js')), false);
  });
});

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyEdits } from 'jsonc-parser';
import { addSuppressionEdit, parseConfig } from '../../src/config';
import type { Finding } from '../../src/engine/types';
import { discoverFiles } from '../../src/files/discover';
import { builtinRules } from '../../src/index';
import { describeAge, MANIFEST_FILE, packageFactsSummary, packageLenses } from '../../src/vscode/package-facts';
import { describeSkipped, skippedDetails, skipReason, worthReporting, type Skipped } from '../../src/vscode/skipped-files';
import { createExclusive, STARTER_CONFIG } from '../../src/vscode/starter-config';

const NOW = new Date('2026-03-01T00:00:00Z');

function finding(properties: Finding['properties'], start = 0): Finding {
  return {
    ruleId: 'packages/no-new-package', messageId: 'm', message: 'm', severity: 'warning', file: 'package.json',
    range: [start, start + 5], start: { line: 1, column: 1 }, end: { line: 1, column: 6 }, suggestions: [], related: [], properties,
  };
}

describe('onboarding glue (no VS Code needed)', () => {
  describe('registry facts on manifest lines', () => {
    it('summarises age, latest version and deprecation as the registry gave them', () => {
      const facts = { ecosystem: 'npm', package: 'left-pad-x', registryStatus: 'found', firstPublished: '2026-02-20T10:00:00.000Z', latest: '1.0.3', versionCount: 2, deprecated: '"use y"' };
      assert.equal(packageFactsSummary(facts, NOW), 'npm: first published 8 days ago (2026-02-20) · latest 1.0.3 · deprecated');
      assert.equal(packageFactsSummary({ ecosystem: 'pypi', package: 'reqests', registryStatus: 'not-found' }, NOW), 'PyPI: no package of this name');
      assert.equal(packageFactsSummary({ ecosystem: 'npm', package: 'x', registryStatus: 'unpublished' }, NOW), 'npm: no published versions');
    });

    it('shows nothing without a registry answer (look-ups off, failed or never asked)', () => {
      assert.equal(packageFactsSummary(undefined, NOW), null);
      assert.equal(packageFactsSummary({ ecosystem: 'npm', package: 'x' }, NOW), null);
      assert.equal(packageFactsSummary({ ecosystem: 'npm', registryStatus: 'found' }, NOW), null);
      assert.equal(packageFactsSummary({ ecosystem: 'npm', package: 'x', registryStatus: 'found' }, NOW), null);
    });

    it('words ages from today to years', () => {
      assert.equal(describeAge('2026-03-01T00:00:00Z', NOW), 'first published today (2026-03-01)');
      assert.equal(describeAge('2026-02-28T00:00:00Z', NOW), 'first published 1 day ago (2026-02-28)');
      assert.equal(describeAge('2020-01-01T00:00:00Z', NOW), 'first published 6 years ago (2020-01-01)');
      assert.equal(describeAge('not a date', NOW), null);
    });

    it('gives one lens per package and line, sorted by line', () => {
      const found = { ecosystem: 'npm', package: 'a', registryStatus: 'found', latest: '2.0.0' };
      const lenses = packageLenses(
        [finding(found, 40), finding({ ...found }, 42), finding({ ...found, package: 'b' }, 10), finding({ ecosystem: 'npm', package: 'c' }, 60)],
        (offset) => Math.floor(offset / 20),
        NOW,
      );
      assert.deepEqual(lenses, [{ line: 0, title: 'npm: latest 2.0.0' }, { line: 2, title: 'npm: latest 2.0.0' }]);
    });

    it('knows which files are manifests', () => {
      for (const f of ['package.json', '/w/app/package.json', 'requirements.txt', 'requirements-dev.txt', 'C:\\w\\pyproject.toml']) assert.ok(MANIFEST_FILE.test(f), f);
      for (const f of ['package-lock.json', 'tsconfig.json', 'requirements.in', 'mypackage.json']) assert.ok(!MANIFEST_FILE.test(f), f);
    });
  });

  describe('skipped files of a scan', () => {
    it('groups discovery and read reasons', () => {
      assert.equal(skipReason('ignored by .gitignore'), 'ignored by .gitignore');
      assert.equal(skipReason('ignored by the configuration'), 'ignored by the configuration');
      assert.equal(skipReason('larger than 1048576 bytes (2097152 bytes)'), 'too large');
      assert.equal(skipReason('binary content (NUL bytes)'), 'binary');
      assert.equal(skipReason('minified (average line longer than 500 characters)'), 'minified');
      assert.equal(skipReason('cannot read the file (permission denied)'), 'unreadable');
    });

    it('summarises counts per reason and lists the paths', () => {
      const skipped: Skipped[] = [
        { path: 'big.json', reason: 'too large', detail: 'larger than 1048576 bytes' },
        { path: '.env', reason: 'ignored by .gitignore' },
        { path: 'logs/', reason: 'ignored by .gitignore' },
        { path: 'img.js', reason: 'binary' },
      ];
      assert.equal(describeSkipped(skipped), '4 skipped (2 ignored by .gitignore, 1 too large, 1 binary)');
      assert.equal(describeSkipped([]), null);
      assert.deepEqual(skippedDetails(skipped), [
        'workspace scan skipped 4 files or folders:',
        '  ignored by .gitignore (2):',
        '    .env',
        '    logs/',
        '  too large (1):',
        '    big.json — larger than 1048576 bytes',
        '  binary (1):',
        '    img.js',
      ]);
    });

    it('discovery tells which files and folders it ignores, and why', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-skipped-'));
      try {
        fs.mkdirSync(path.join(dir, '.git'));
        fs.mkdirSync(path.join(dir, 'logs'));
        fs.mkdirSync(path.join(dir, 'node_modules'));
        fs.writeFileSync(path.join(dir, '.gitignore'), 'logs/\n*.secret.js\n');
        fs.writeFileSync(path.join(dir, 'a.js'), 'x');
        fs.writeFileSync(path.join(dir, 'b.secret.js'), 'x');
        fs.writeFileSync(path.join(dir, 'gen.js'), 'x');
        const ignored: string[] = [];
        const found = discoverFiles({
          roots: [{ absolute: dir, configIgnore: { root: dir, patterns: ['gen.js'] } }],
          supports: () => true,
          display: (p) => p,
          onIgnored: (absolute, isDir, why) => ignored.push(`${path.relative(dir, absolute)}${isDir ? '/' : ''}: ${why}`),
        });
        const names = found.files.map((f) => path.basename(f.absolute));
        assert.ok(names.includes('a.js'));
        assert.ok(!names.some((n) => ['b.secret.js', 'gen.js'].includes(n)));
        assert.deepEqual(ignored.sort(), ['.git/: ignored by default', 'b.secret.js: ignored by .gitignore', 'gen.js: ignored by the configuration', 'logs/: ignored by .gitignore', 'node_modules/: ignored by default']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('does not report the repository metadata folder', () => {
      assert.ok(!worthReporting('.git/'));
      assert.ok(!worthReporting('sub/.git'));
      assert.ok(worthReporting('.github/'));
      assert.ok(worthReporting('node_modules/'));
    });
  });

  describe('starter configuration', () => {
    it('is a valid configuration that a suppression can be added to', () => {
      const parsed = parseConfig(STARTER_CONFIG, '/w/.rampart.jsonc', builtinRules);
      assert.ok(parsed.ok, JSON.stringify(!parsed.ok && parsed.problems));
      const out = applyEdits(STARTER_CONFIG, addSuppressionEdit(STARTER_CONFIG, { rule: 'js/no-disabled-tls', path: 'a.json', jsonPath: '$.a', reason: 'r' }));
      const again = parseConfig(out, '/w/.rampart.jsonc', builtinRules);
      assert.ok(again.ok);
      assert.equal(again.config.suppressions.length, 1);
      assert.match(out, /^\/\/ Rampart team configuration/);
    });

    it('is created only where nothing exists, never overwriting, leaving no temporary file', () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-starter-'));
      try {
        const file = path.join(dir, '.rampart.jsonc');
        assert.equal(createExclusive(file, 'first'), true);
        assert.equal(fs.readFileSync(file, 'utf8'), 'first');
        assert.equal(createExclusive(file, 'second'), false);
        assert.equal(fs.readFileSync(file, 'utf8'), 'first');
        fs.rmSync(file);
        fs.symlinkSync(path.join(dir, 'missing'), file);
        assert.equal(createExclusive(file, 'third'), false, 'a dangling link is not replaced or followed');
        assert.ok(!fs.existsSync(path.join(dir, 'missing')));
        assert.deepEqual(fs.readdirSync(dir), ['.rampart.jsonc']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});

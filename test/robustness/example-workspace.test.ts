import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { classifyFile, createAnalyzer } from '../../src/index';
import { builtinRules } from '../../src/rules';
import { PROJECT_SERVICE, ProjectService } from '../../src/services/project';
import { REGISTRY_SERVICE, RegistryService } from '../../src/services/registry-service';
import { allRuleSettings } from './all-rules';
import { parseExpected, workspaceFiles, type Expectation } from './workspace';

const EXAMPLE = join(__dirname, '../../examples/express-llm-app');

/** The rules of this milestone; EXPECTED.md may name one before it is registered, but nothing else. */
const MILESTONE_RULES = [
  'js/no-shell-injection',
  'js/no-dynamic-eval',
  'js/no-disabled-tls',
  'js/no-hardcoded-secrets',
  'rampart/invalid-suppression',
];

function key(e: Expectation): string {
  return `${e.file}:${e.line} ${e.ruleId}${e.suppressed ? ' (suppressed)' : ''}`;
}

describe('the demo workspace examples/express-llm-app', () => {
  const analyzer = createAnalyzer();
  const supported = (path: string) => analyzer.supports(classifyFile(path));
  const expected = parseExpected(readFileSync(join(EXAMPLE, 'EXPECTED.md'), 'utf8'));
  const registered = new Set(builtinRules.map((r) => r.id));
  const pending = [...new Set(expected.map((e) => e.ruleId))].filter((id) => !registered.has(id)).sort();

  it('EXPECTED.md lists findings of milestone rules only', () => {
    assert.ok(expected.length >= 10, `only ${expected.length} entries`);
    const unknown = expected.filter((e) => !MILESTONE_RULES.includes(e.ruleId) && !registered.has(e.ruleId));
    assert.deepEqual(unknown.map(key), [], 'entries naming rules that do not exist');
  });

  it('scans the source files and skips the minified vendor bundle', () => {
    const files = workspaceFiles(EXAMPLE, supported);
    for (const f of ['src/server.ts', 'src/llm.ts', 'src/tools.ts', 'src/routes/git.js', 'scripts/backup.js']) {
      assert.ok(files.includes(f), `${f} is not scanned`);
    }
    assert.ok(!files.includes('public/vendor.min.js'));
    for (const e of expected) assert.ok(files.includes(e.file), `EXPECTED.md names ${e.file}, which is not scanned`);
  });

  it('reports exactly the findings in EXPECTED.md (for the rules registered so far; registries unreachable)', async () => {
    const actual: string[] = [];
    // The project service reads the example; the registry answers nothing, as on a machine offline.
    const services = {
      [PROJECT_SERVICE]: new ProjectService({ root: EXAMPLE, resolvePath: (file) => join(EXAMPLE, file) }),
      [REGISTRY_SERVICE]: new RegistryService({}),
    };
    for (const file of workspaceFiles(EXAMPLE, supported)) {
      const text = readFileSync(join(EXAMPLE, file), 'utf8');
      const result = await analyzer.analyzeAsync({ file, text, settings: allRuleSettings() }, { services });
      assert.deepEqual(result.errors, [], `internal errors in ${file}`);
      assert.equal(result.skipped, undefined, `${file} was skipped`);
      for (const f of result.findings) {
        actual.push(key({ file, line: f.start.line, ruleId: f.ruleId, suppressed: f.suppressed !== undefined }));
      }
    }
    const wanted = expected.filter((e) => registered.has(e.ruleId)).map(key);
    assert.deepEqual(actual.sort(), wanted.sort());
  });

  // Pending until every rule EXPECTED.md names is registered; then the test above covers all of them.
  (pending.length > 0 ? it.skip : it)(
    `every rule EXPECTED.md names is registered${pending.length > 0 ? ` (not yet: ${pending.join(', ')})` : ''}`,
    () => assert.deepEqual(pending, []),
  );

  it('the vendor bundle would be reported if it were scanned, so skipping it matters', () => {
    const text = readFileSync(join(EXAMPLE, 'public/vendor.min.js'), 'utf8');
    const result = analyzer.analyze({ file: 'public/vendor.min.js', text, settings: allRuleSettings() });
    assert.equal(text.trimEnd().split('\n').length, 1);
    assert.ok(result.findings.some((f) => f.ruleId === 'js/no-disabled-tls'));
  });

  describe('workspaceFiles', () => {
    let root: string;
    before(() => {
      root = mkdtempSync(join(tmpdir(), 'rampart-walk-'));
      const files: Record<string, string> = {
        '.gitignore': 'node_modules/\ndist/\n/generated.ts\n*.log\n',
        'src/app.ts': '',
        'src/generated.ts': '',
        'generated.ts': '',
        'dist/app.js': '',
        'node_modules/x/index.js': '',
        'src/node_modules/y.js': '',
        'public/lib.min.js': '',
        'public/app.js': '',
        'debug.log': '',
        'diagram.png': '',
      };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
      }
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    it('honours .gitignore (anchored and unanchored), *.min.js and supported extensions', () => {
      assert.deepEqual(workspaceFiles(root, supported), ['public/app.js', 'src/app.ts', 'src/generated.ts']);
    });
  });

  describe('parseExpected', () => {
    it('reads entries and the suppressed marker, and ignores commentary', () => {
      const md = '# x\n- `a/b.ts:3 js/no-x` — why\n- `c.js:10 rampart/y (suppressed)`\n- `a/b.ts` is clean\ntext\n';
      assert.deepEqual(parseExpected(md), [
        { file: 'a/b.ts', line: 3, ruleId: 'js/no-x', suppressed: false },
        { file: 'c.js', line: 10, ruleId: 'rampart/y', suppressed: true },
      ]);
    });

    it('rejects a malformed entry instead of dropping it', () => {
      assert.throws(() => parseExpected('- `a.ts:3js/no-x`\n'), /EXPECTED\.md:1/);
      assert.throws(() => parseExpected('- `a.ts:3 no-x`\n'), /EXPECTED\.md:1/);
    });
  });
});

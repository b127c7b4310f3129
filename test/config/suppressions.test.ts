import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseConfig, suppressionsFor, type ResolvedConfig } from '../../src/config';
import { rules } from './helpers';

const ROOT = path.resolve('/work/project');
const FILE = path.join(ROOT, '.rampart.jsonc');

function ok(text: string, file = FILE): ResolvedConfig {
  const result = parseConfig(text, file, rules);
  assert.ok(result.ok, `expected a valid config, got ${JSON.stringify(!result.ok && result.problems)}`);
  return result.config;
}

/** `line:column message` of each problem. */
function brief(text: string): string[] {
  const result = parseConfig(text, FILE, rules);
  assert.ok(!result.ok, 'expected problems');
  return result.problems.map((p) => `${p.line}:${p.column} ${p.message}`);
}

/** A configuration with one suppression entry, written on line 2. */
function withEntry(entry: string): string {
  return `{ "suppressions": [\n  ${entry}\n] }`;
}

describe('suppressions in .rampart.jsonc', () => {
  describe('parsing', () => {
    it('resolves entries in file order, with where each is written, reasons trimmed, frozen', () => {
      const text = `{
  // team waivers
  "suppressions": [
    { "rule": "js/no-disabled-tls", "path": "test/fixtures/**", "reason": "  fake server  ", "expires": "2027-06-30", "owner": " @acme/qa " },
    {
      "rule": "test/no-options-demo",
      "path": "src/legacy/calc.js",
      "line": 12,
      "reason": "input is a constant table",
    },
  ],
}`;
      const config = ok(text);
      assert.equal(config.suppressions.length, 2);
      const [first, second] = config.suppressions;
      assert.deepEqual(
        { ...first, location: { ...first.location } },
        {
          rule: 'js/no-disabled-tls',
          path: 'test/fixtures/**',
          reason: 'fake server',
          expires: '2027-06-30',
          owner: '@acme/qa',
          location: { line: 4, column: 5, range: [text.indexOf('{ "rule"'), text.indexOf('},\n    {') + 1], end: { line: 4, column: text.split('\n')[3].indexOf('},') + 2 } },
          file: FILE,
          root: path.dirname(FILE),
        },
      );
      assert.equal(second.line, 12);
      assert.equal(second.expires, undefined);
      assert.equal('expires' in second, false, 'absent keys stay absent');
      assert.deepEqual([second.location.line, second.location.column], [5, 5]);
      assert.equal(text.slice(...second.location.range).split('\n').at(-1), '    }');
      assert.ok(Object.isFrozen(config.suppressions) && Object.isFrozen(first) && Object.isFrozen(first.location));
    });

    it('defaults to no suppressions, with or without a configuration file', () => {
      assert.deepEqual(ok('{}').suppressions, []);
      assert.deepEqual(ok('{ "suppressions": [] }').suppressions, []);
    });

    it('accepts leap days and any rule of the registry, including the engine rule', () => {
      const config = ok(withEntry('{ "rule": "rampart/invalid-suppression", "path": "a.js", "reason": "r", "expires": "2028-02-29" }'));
      assert.equal(config.suppressions[0].expires, '2028-02-29');
    });
  });

  describe('errors, at the exact line and column', () => {
    it('a suppression without a reason, rule or path', () => {
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tls", "path": "a.js" }')), [
        '2:3 Suppression 1 has no "reason". Every suppression needs a reason: say why the findings are acceptable.',
      ]);
      assert.deepEqual(brief('{ "suppressions": [\n  { "reason": "r" },\n  {}\n] }'), [
        '2:3 Suppression 1 has no "rule". Name the rule whose findings it accepts.',
        '2:3 Suppression 1 has no "path". Give a gitignore-style pattern of the files it covers, relative to the folder of this file.',
        '3:3 Suppression 2 has no "rule". Name the rule whose findings it accepts.',
        '3:3 Suppression 2 has no "path". Give a gitignore-style pattern of the files it covers, relative to the folder of this file.',
        '3:3 Suppression 2 has no "reason". Every suppression needs a reason: say why the findings are acceptable.',
      ]);
    });

    it('a reason that is empty or only white space', () => {
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tls", "path": "a.js", "reason": "  " }')), [
        '2:61 The reason of suppression 1 must not be blank: say why the findings are acceptable.',
      ]);
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tls", "path": "a.js", "reason": "\\t\\n" }')), [
        '2:61 The reason of suppression 1 must not be blank: say why the findings are acceptable.',
      ]);
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tls", "path": "a.js", "reason": "" }')), [
        '2:61 The reason of suppression 1 must not be blank: say why the findings are acceptable.',
      ]);
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tls", "path": "a.js", "reason": null }')), [
        '2:61 The reason of suppression 1 must be a string, not null.',
      ]);
    });

    it('an unknown rule, with a suggestion for a typo', () => {
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tsl", "path": "a.js", "reason": "r" }')), [
        '2:13 Unknown rule "js/no-disabled-tsl" in suppression 1. Did you mean "js/no-disabled-tls"?',
      ]);
      assert.deepEqual(brief(withEntry('{ "rule": "js/unheard-of", "path": "a.js", "reason": "r" }')), [
        '2:13 Unknown rule "js/unheard-of" in suppression 1.',
      ]);
      assert.deepEqual(brief(withEntry('{ "rule": 3, "path": "a.js", "reason": "r" }')), ['2:13 The rule of suppression 1 must be a rule id, not 3.']);
    });

    it('paths that are empty, not strings, or can never match', () => {
      const entry = (p: string) => withEntry(`{ "rule": "js/no-disabled-tls", "path": ${p}, "reason": "r" }`);
      assert.deepEqual(brief(entry('""')), ['2:43 The path of suppression 1 must not be empty.']);
      assert.deepEqual(brief(entry('["a.js"]')), ['2:43 The path of suppression 1 must be a string, not an array.']);
      assert.deepEqual(brief(entry('"!a.js"')), ['2:43 The path of suppression 1 cannot start with "!": name the files the suppression covers.']);
      assert.deepEqual(brief(entry('"#a.js"')), [
        '2:43 The path of suppression 1 starts with "#", which makes it a comment that matches nothing. Write "\\#" for a name that starts with #.',
      ]);
      for (const up of ['"../shared/a.js"', '"src/../../a.js"', '".."']) {
        assert.deepEqual(brief(entry(up)), [
          '2:43 The path of suppression 1 cannot go up with "..": it matches files inside the folder of the configuration file only.',
        ]);
      }
      assert.equal(ok(entry('"src/..hidden/a.js"')).suppressions[0].path, 'src/..hidden/a.js', '".." inside a name is fine');
    });

    it('expiry dates that are not YYYY-MM-DD or not real days', () => {
      const entry = (d: string) => withEntry(`{ "rule": "js/no-disabled-tls", "path": "a.js", "reason": "r", "expires": ${d} }`);
      assert.deepEqual(brief(entry('"30/06/2027"')), ['2:77 The expiry date of suppression 1 must be a date written YYYY-MM-DD, not "30/06/2027".']);
      assert.deepEqual(brief(entry('"2027-6-30"')), ['2:77 The expiry date of suppression 1 must be a date written YYYY-MM-DD, not "2027-6-30".']);
      assert.deepEqual(brief(entry('"2027-06-30T00:00:00Z"')), [
        '2:77 The expiry date of suppression 1 must be a date written YYYY-MM-DD, not "2027-06-30T00:00:00Z".',
      ]);
      assert.deepEqual(brief(entry('20270630')), ['2:77 The expiry date of suppression 1 must be a string, not 20270630.']);
      for (const unreal of ['2027-02-29', '2027-02-30', '2027-13-01', '2027-00-10', '2027-04-31', '2027-01-00']) {
        assert.deepEqual(brief(entry(`"${unreal}"`)), [`2:77 The expiry date of suppression 1, "${unreal}", is not a real date.`]);
      }
    });

    it('lines that are not whole numbers of at least 1', () => {
      const entry = (l: string) => withEntry(`{ "rule": "js/no-disabled-tls", "path": "a.js", "line": ${l}, "reason": "r" }`);
      assert.deepEqual(brief(entry('0')), ['2:59 The line of suppression 1 must be >= 1.']);
      assert.deepEqual(brief(entry('1.5')), ['2:59 The line of suppression 1 must be an integer, not 1.5.']);
      assert.deepEqual(brief(entry('"12"')), ['2:59 The line of suppression 1 must be an integer, not "12".']);
    });

    it('unknown keys in an entry, with a suggestion', () => {
      assert.deepEqual(brief(withEntry('{ "rule": "js/no-disabled-tls", "path": "a.js", "reason": "r", "lines": 3, "team": "me" }')), [
        '2:66 Unknown key "lines" in suppression 1. Did you mean "line"? Allowed keys: "rule", "path", "reason", "expires", "owner", "line", "jsonPath", "fingerprint".',
        '2:78 Unknown key "team" in suppression 1. Allowed keys: "rule", "path", "reason", "expires", "owner", "line", "jsonPath", "fingerprint".',
      ]);
    });

    it('suppressions that is not an array, and entries that are not objects', () => {
      assert.deepEqual(brief('{ "suppressions": { "rule": "js/no-disabled-tls" } }'), ['1:19 "suppressions" must be an array, not an object.']);
      assert.deepEqual(brief('{ "suppressions": [\n  "js/no-disabled-tls",\n  null\n] }'), [
        '2:3 Suppression 1 must be an object, not "js/no-disabled-tls".',
        '3:3 Suppression 2 must be an object, not null.',
      ]);
    });

    it('problems in several entries are all reported, in file order', () => {
      const text = `{
  "suppressions": [
    { "rule": "js/no-disabled-tls", "path": "a.js", "reason": "r", "expires": "2027-02-30" },
    { "rule": "js/no-disabled-tls", "path": "!b.js", "reason": "r" },
    { "rule": "js/nope", "path": "c.js", "reason": "r" },
  ],
  "ignor": [],
}`;
      assert.deepEqual(brief(text), [
        '3:79 The expiry date of suppression 1, "2027-02-30", is not a real date.',
        '4:45 The path of suppression 2 cannot start with "!": name the files the suppression covers.',
        '5:15 Unknown rule "js/nope" in suppression 3.',
        '7:3 Unknown key "ignor". Did you mean "ignore"? Allowed keys: "$schema", "root", "extends", "rules", "overrides", "ignore", "suppressions", "packages".',
      ]);
    });

    it('thousands of bad entries give a bounded list quickly', () => {
      const entries = Array.from({ length: 8000 }, (_, i) => `{ "rule": "js/no-disabled-tls", "path": "!${i}.js", "reason": "r", "expires": "2027-02-30" }`);
      const start = Date.now();
      const found = brief(`{ "suppressions": [${entries.join(',')}] }`);
      assert.ok(Date.now() - start < 3000, `took ${Date.now() - start} ms`);
      assert.equal(found.length, 20);
      assert.match(found[19], / 15981 more problems are not shown\.$/);
    });
  });

  describe('suppressionsFor', () => {
    const config = ok(`{
  "suppressions": [
    { "rule": "js/no-disabled-tls", "path": "test/fixtures/**", "reason": "fake keys used by tests", "expires": "2027-06-30" },
    { "rule": "test/no-options-demo", "path": "src/legacy/calc.js", "line": 12, "reason": "input is a constant table" },
    { "rule": "js/no-disabled-tls", "path": "*.spec.js", "reason": "specs run against a local server" },
  ],
}`);
    const day = (iso: string) => new Date(iso);
    const inRoot = (rel: string) => path.join(ROOT, ...rel.split('/'));

    it('gives the entries whose path matches the file, as the analyzer takes them', () => {
      const now = day('2026-01-01T00:00:00Z');
      assert.deepEqual(suppressionsFor(config, inRoot('test/fixtures/keys.js'), now), {
        active: [{ ruleId: 'js/no-disabled-tls', reason: 'fake keys used by tests' }],
        expired: [],
      });
      assert.deepEqual(suppressionsFor(config, inRoot('src/legacy/calc.js'), now).active, [
        { ruleId: 'test/no-options-demo', reason: 'input is a constant table', line: 12 },
      ]);
      assert.deepEqual(suppressionsFor(config, inRoot('test/fixtures/a.spec.js'), now).active.map((s) => s.reason), [
        'fake keys used by tests',
        'specs run against a local server',
      ]);
      assert.deepEqual(suppressionsFor(config, inRoot('src/app.js'), now), { active: [], expired: [] });
      assert.deepEqual(suppressionsFor(config, inRoot('src/legacy/calc.jsx'), now).active, []);
    });

    it('never matches files outside the folder of the configuration, or the folder itself', () => {
      const now = day('2026-01-01T00:00:00Z');
      const everything = ok(withEntry('{ "rule": "js/no-disabled-tls", "path": "**", "reason": "r" }'));
      assert.equal(suppressionsFor(everything, inRoot('deep/down/a.js'), now).active.length, 1);
      assert.equal(suppressionsFor(everything, path.resolve('/work/other/a.js'), now).active.length, 0);
      assert.equal(suppressionsFor(everything, path.resolve('/work/project-b/a.js'), now).active.length, 0);
      assert.equal(suppressionsFor(everything, ROOT, now).active.length, 0);
      assert.equal(suppressionsFor(config, path.resolve('/elsewhere/test/fixtures/keys.js'), now).active.length, 0);
    });

    it('an entry applies through the whole of its expiry day (UTC) and expires at the start of the next', () => {
      const file = inRoot('test/fixtures/keys.js');
      const [entry] = config.suppressions;
      const at = (iso: string) => suppressionsFor(config, file, day(iso));
      assert.equal(at('2027-06-30T00:00:00.000Z').active.length, 1);
      assert.equal(at('2027-06-30T23:59:59.999Z').active.length, 1, 'the day itself is still active');
      assert.deepEqual(at('2027-07-01T00:00:00.000Z'), { active: [], expired: [entry] }, 'the next day it has expired');
      assert.deepEqual(at('2030-01-01T00:00:00.000Z').expired, [entry]);
      // 2027-07-01 01:00 in Paris is still 2027-06-30 in UTC.
      assert.equal(at('2027-07-01T01:00:00+02:00').active.length, 1);
      const expired = at('2027-07-01T00:00:00.000Z').expired[0];
      assert.deepEqual([expired.rule, expired.path, expired.expires, expired.location.line], ['js/no-disabled-tls', 'test/fixtures/**', '2027-06-30', 3]);
    });

    it('an expired entry only shows up for files it matches', () => {
      assert.deepEqual(suppressionsFor(config, inRoot('src/app.js'), day('2030-01-01T00:00:00Z')), { active: [], expired: [] });
    });

    it('refuses an invalid date instead of guessing', () => {
      assert.throws(() => suppressionsFor(config, inRoot('a.js'), new Date('not a date')), {
        name: 'TypeError',
        message: 'suppressionsFor: `today` is not a valid date.',
      });
    });

    it('is pure: the same answer twice, and the configuration is unchanged', () => {
      const now = day('2026-01-01T00:00:00Z');
      const first = suppressionsFor(config, inRoot('test/fixtures/keys.js'), now);
      first.active.push({ ruleId: 'x', reason: 'y' });
      assert.deepEqual(suppressionsFor(config, inRoot('test/fixtures/keys.js'), now).active.length, 1);
    });
  });
});

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseConfig, type ConfigProblem, type ConfigResult, type ResolvedConfig } from '../../src/config';
import { rules } from './helpers';

const FILE = path.resolve('/work/project/.rampart.jsonc');

function ok(text: string): ResolvedConfig {
  const result = parseConfig(text, FILE, rules);
  assert.ok(result.ok, `expected a valid config, got ${JSON.stringify(!result.ok && result.problems)}`);
  return result.config;
}

function problems(text: string): ConfigProblem[] {
  const result: ConfigResult = parseConfig(text, FILE, rules);
  assert.ok(!result.ok, 'expected problems');
  for (const p of result.problems) {
    assert.equal(p.file, FILE);
    assert.ok(p.line >= 1 && p.column >= 1, 'positions are 1-based');
    assert.ok(p.range[0] <= p.range[1]);
    assert.ok(!/\n\s+at /.test(p.message), 'no stack trace in messages');
  }
  return result.problems;
}

/** `line:column message` of each problem, for compact assertions. */
function brief(text: string): string[] {
  return problems(text).map((p) => `${p.line}:${p.column} ${p.message}`);
}

function settingsOf(config: ResolvedConfig): Record<string, string> {
  return Object.fromEntries([...config.settings].map(([id, s]) => [id, s.severity]));
}

describe('parseConfig', () => {
  describe('valid configurations', () => {
    it('defaults to the recommended preset, rules at their default severity', () => {
      const config = ok('{}');
      assert.deepEqual(settingsOf(config), { 'js/no-disabled-tls': 'error', 'rampart/invalid-suppression': 'warning' });
      assert.equal(config.file, FILE);
      assert.equal(config.root, path.dirname(FILE));
      assert.deepEqual(config.ignore, []);
    });

    it('accepts comments, trailing commas and $schema', () => {
      const config = ok(`// team settings
{
  "$schema": "./node_modules/rampart/schemas/rampart.schema.json",
  /* block comment */
  "rules": {
    "js/no-disabled-tls": "warning", // downgraded while we migrate
  },
  "ignore": ["generated/**", "legacy/*.js",],
}`);
      assert.equal(config.settings.get('js/no-disabled-tls')?.severity, 'warning');
      assert.deepEqual(config.ignore, ['generated/**', 'legacy/*.js']);
    });

    it('rampart:all enables rules that are not recommended', () => {
      assert.equal(ok('{}').settings.has('test/no-options-demo'), false);
      assert.equal(ok('{ "extends": "rampart:all" }').settings.get('test/no-options-demo')?.severity, 'info');
      assert.equal(ok('{ "extends": ["rampart:recommended", "rampart:all"] }').settings.size, 3);
      assert.equal(ok('{ "extends": [] }').settings.size, 0, 'no presets, no rules');
    });

    it('file settings take precedence over presets', () => {
      const config = ok(`{
        "extends": "rampart:all",
        "rules": { "rampart/invalid-suppression": "off", "js/no-disabled-tls": "info" }
      }`);
      assert.deepEqual(settingsOf(config), { 'js/no-disabled-tls': 'info', 'test/no-options-demo': 'info' });
    });

    it('a rule outside the presets can be turned on by name, with options', () => {
      const config = ok(`{ "rules": { "test/no-options-demo": { "severity": "error", "options": { "allow": ["x"], "minLength": 3 } } } }`);
      assert.deepEqual(config.settings.get('test/no-options-demo'), { severity: 'error', options: { allow: ['x'], minLength: 3 } });
      assert.equal(Object.getPrototypeOf(config.settings.get('test/no-options-demo')!.options), Object.prototype, 'plain objects');
    });

    it('an object without severity enables the rule at its default severity', () => {
      const config = ok(`{ "rules": { "js/no-disabled-tls": { "options": {} }, "test/no-options-demo": { "options": { "minLength": 2 } } } }`);
      assert.equal(config.settings.get('js/no-disabled-tls')?.severity, 'error');
      assert.equal(config.settings.get('test/no-options-demo')?.severity, 'info');
      assert.equal(ok(`{ "rules": { "js/no-disabled-tls": { "severity": "off" } } }`).settings.has('js/no-disabled-tls'), false);
    });

    it('settings follow registry order and the result is frozen', () => {
      const config = ok(`{ "extends": [], "rules": { "test/no-options-demo": "error", "js/no-disabled-tls": "error" } }`);
      assert.deepEqual([...config.settings.keys()], ['js/no-disabled-tls', 'test/no-options-demo']);
      assert.ok(Object.isFrozen(config));
      assert.ok(Object.isFrozen(config.ignore));
    });
  });

  describe('invalid configurations', () => {
    it('unknown rule ids, with a suggestion for a typo', () => {
      assert.deepEqual(brief('{\n  "rules": {\n    "js/no-disabled-tsl": "error",\n    "js/unheard-of": "off"\n  }\n}'), [
        '3:5 Unknown rule "js/no-disabled-tsl". Did you mean "js/no-disabled-tls"?',
        '4:5 Unknown rule "js/unheard-of".',
      ]);
    });

    it('carries what "Did you mean" proposes as data, for the quick fix', () => {
      const text = '{\n  "ignores": [],\n  "rules": { "js/no-disabled-tsl": "error", "js/unheard-of": "off" },\n  "suppressions": [{ "rule": "js/no-disabled-tsl", "path": "a.js", "reason": "r", "lines": 3 }]\n}';
      assert.deepEqual(
        problems(text).map((p) => [text.slice(...p.range), p.suggestion]),
        [
          ['"ignores"', 'ignore'],
          ['"js/no-disabled-tsl"', 'js/no-disabled-tls'],
          ['"js/unheard-of"', undefined],
          ['"js/no-disabled-tsl"', 'js/no-disabled-tls'],
          ['"lines"', 'line'],
        ],
      );
    });

    it('bad severities, as a string or inside an object', () => {
      assert.deepEqual(brief('{ "rules": { "js/no-disabled-tls": "warn" } }'), [
        '1:36 The setting of rule js/no-disabled-tls must be "off", "info", "warning" or "error", not "warn".',
      ]);
      assert.deepEqual(brief('{ "rules": {\n  "js/no-disabled-tls": { "severity": 2 } } }'), [
        '2:39 The severity of rule js/no-disabled-tls must be "off", "info", "warning" or "error", not 2.',
      ]);
      assert.deepEqual(brief('{ "rules": { "js/no-disabled-tls": true } }'), [
        '1:36 The setting of rule js/no-disabled-tls must be "off", "info", "warning" or "error", or an object, not true.',
      ]);
    });

    it('unknown top-level keys and unknown keys in a rule setting', () => {
      assert.deepEqual(brief('{ "ignores": [], "plugins": {} }'), [
        '1:3 Unknown key "ignores". Did you mean "ignore"? Allowed keys: "$schema", "root", "extends", "rules", "overrides", "ignore", "suppressions", "packages".',
        '1:18 Unknown key "plugins". Allowed keys: "$schema", "root", "extends", "rules", "overrides", "ignore", "suppressions", "packages".',
      ]);
      assert.deepEqual(brief('{ "rules": { "js/no-disabled-tls": { "level": "error" } } }'), [
        '1:38 Unknown key "level" in the setting of rule js/no-disabled-tls. Use "severity" and "options".',
      ]);
    });

    it('options that fail the rule schema, and options for a rule that takes none', () => {
      assert.deepEqual(brief('{ "rules": { "test/no-options-demo": { "options": { "allow": "x", "minLength": 0, "other": 1 } } } }'), [
        '1:62 Option "allow" of rule test/no-options-demo must be an array, not "x".',
        '1:80 Option "minLength" of rule test/no-options-demo must be >= 1.',
        '1:83 Rule test/no-options-demo has no option "other".',
      ]);
      assert.deepEqual(brief('{ "rules": { "js/no-disabled-tls": { "options": { "strict": true } } } }'), [
        '1:51 Rule js/no-disabled-tls has no option "strict".',
      ]);
    });

    it('bad presets and ignore patterns', () => {
      assert.deepEqual(brief('{ "extends": "eslint:recommended" }'), [
        '1:14 "extends" must be a preset ("rampart:recommended", "rampart:strict", "rampart:ai-agents" or "rampart:all") or a path to a .json or .jsonc file of the repository starting with "./" or "../", not "eslint:recommended".',
      ]);
      assert.deepEqual(brief('{ "extends": ["rampart:all", "rampart:none"] }'), [
        '1:30 Entry 2 of "extends" must be a preset ("rampart:recommended", "rampart:strict", "rampart:ai-agents" or "rampart:all") or a path to a .json or .jsonc file of the repository starting with "./" or "../", not "rampart:none".',
      ]);
      assert.deepEqual(brief('{ "ignore": "dist" }'), ['1:13 "ignore" must be an array, not "dist".']);
      assert.deepEqual(brief('{ "ignore": ["", 3] }'), [
        '1:14 Entry 1 of "ignore" must not be empty.',
        '1:18 Entry 2 of "ignore" must be a string, not 3.',
      ]);
    });

    it('top-level values that are not objects', () => {
      assert.deepEqual(brief('null'), ['1:1 The configuration must be an object, not null.']);
      assert.deepEqual(brief('[{"rules": {}}]'), ['1:1 The configuration must be an object, not an array.']);
      assert.deepEqual(brief('"rampart:all"'), ['1:1 The configuration must be an object, not "rampart:all".']);
      assert.deepEqual(brief('42'), ['1:1 The configuration must be an object, not 42.']);
    });

    it('empty and blank files', () => {
      assert.deepEqual(brief(''), ['1:1 The configuration file is empty. Write {} to use the defaults.']);
      assert.deepEqual(brief(' \n\t\n'), ['1:1 The configuration file is empty. Write {} to use the defaults.']);
    });

    it('syntax errors, located and deduplicated', () => {
      assert.deepEqual(brief('{\n  "rules": {\n    "js/no-disabled-tls": "error"\n  \n'), ['5:1 Syntax error: close brace expected.']);
      assert.deepEqual(brief('{ "rules": { "js/no-disabled-tls" "error" } }'), ['1:35 Syntax error: colon expected.']);
      assert.deepEqual(brief("{ 'rules': {} }"), [
        '1:3 Syntax error: invalid symbol.',
        '1:10 Syntax error: property name expected.',
        '1:13 Syntax error: value expected.',
        '1:15 Syntax error: end of file expected.',
      ]);
    });

    it('duplicate keys', () => {
      assert.deepEqual(brief('{ "rules": { "js/no-disabled-tls": "off", "js/no-disabled-tls": "error" } }'), [
        '1:43 Duplicate key "js/no-disabled-tls". Keep one: only the last would count.',
      ]);
    });

    it('__proto__ and other inherited names are just unknown keys', () => {
      assert.deepEqual(brief('{ "rules": { "__proto__": { "js/no-disabled-tls": "off" }, "constructor": "off" } }'), [
        '1:14 Unknown rule "__proto__".',
        '1:60 Unknown rule "constructor".',
      ]);
      assert.equal(({} as Record<string, unknown>)['js/no-disabled-tls'], undefined, 'Object.prototype untouched');
    });

    it('positions count UTF-16 code units after non-ASCII text and CRLF line ends', () => {
      assert.deepEqual(brief('{\r\n  // café ☕ 🚀\r\n  "rules": { "js/nope": "off" }\r\n}'), ['3:14 Unknown rule "js/nope".']);
    });
  });

  describe('bad input never throws or hangs', () => {
    it('10 MB of garbage is refused quickly', () => {
      const start = Date.now();
      const garbage = '{\u0001["\uFFFD'.repeat(2 * 1024 * 1024);
      assert.deepEqual(brief(garbage), ['1:1 The configuration file is larger than 1048576 characters; is it the right file?']);
      assert.ok(Date.now() - start < 5000);
    });

    it('just under the size limit: garbage gives a bounded list of syntax errors', () => {
      const garbage = '[' + '1 '.repeat(500_000);
      assert.ok(garbage.length < 1024 * 1024);
      const found = problems(garbage);
      assert.equal(found.length, 20);
      assert.equal(found[0].message, 'Syntax error: comma expected.');
      assert.match(found[19].message, /^\d+ more problems are not shown\.$/);
    });

    it('a huge number of invalid keys gives a bounded list', () => {
      const text = '{' + Array.from({ length: 5000 }, (_, i) => `"k${i}": ${i}`).join(',') + '}';
      const found = problems(text);
      assert.equal(found.length, 20);
      assert.equal(found[0].message, 'Unknown key "k0". Allowed keys: "$schema", "root", "extends", "rules", "overrides", "ignore", "suppressions", "packages".');
      assert.equal(found[19].message, '4981 more problems are not shown.');
    });

    it('forty thousand unknown rule ids are reported quickly', () => {
      const text = '{ "rules": {' + Array.from({ length: 40_000 }, (_, i) => `"js/no-x${i}": "off"`).join(',') + '} }';
      const start = Date.now();
      const found = problems(text);
      assert.ok(Date.now() - start < 3000, `took ${Date.now() - start} ms`);
      assert.equal(found.length, 20);
      assert.equal(found[19].message, '39981 more problems are not shown.');
    });

    it('absurd nesting', () => {
      assert.deepEqual(brief('['.repeat(400_000) + ']'.repeat(400_000)), ['1:1 The configuration is nested too deeply to read.']);
      const deepOptions = `{ "rules": { "test/no-options-demo": { "options": { "allow": ${'['.repeat(1000)}${']'.repeat(1000)} } } } }`;
      assert.equal(problems(deepOptions)[0].message, 'Option "allow.0" of rule test/no-options-demo must be a string, not an array.');
    });

    it('binary-looking text', () => {
      assert.ok(problems('\u0000\u0001\uFFFD{').length > 0);
    });
  });
});

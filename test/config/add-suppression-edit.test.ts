import assert from 'node:assert/strict';
import { applyEdits, parse, type ParseError } from 'jsonc-parser';
import { addSuppressionEdit, parseConfig } from '../../src/config';
import { rules } from './helpers';

const ENTRY = { rule: 'js/no-disabled-tls', path: 'src/legacy/calc.js', line: 12, reason: 'input is a constant table' };

/** Applies the edits, checks the result is valid JSONC and a valid configuration, and returns it. */
function apply(text: string, entry: Parameters<typeof addSuppressionEdit>[1] = ENTRY): string {
  const out = applyEdits(text, addSuppressionEdit(text, entry));
  const errors: ParseError[] = [];
  parse(out, errors, { allowTrailingComma: true });
  assert.deepEqual(errors, [], out);
  const result = parseConfig(out, '/work/project/.rampart.jsonc', rules);
  assert.ok(result.ok, `${out}\n${JSON.stringify(!result.ok && result.problems)}`);
  return out;
}

function suppressionsOf(text: string): unknown {
  return (parse(text, [], { allowTrailingComma: true }) as { suppressions?: unknown }).suppressions;
}

describe('addSuppressionEdit', () => {
  it('creates the whole object in an empty or blank file', () => {
    const expected = [
      '{',
      '  "suppressions": [',
      '    {',
      '      "rule": "js/no-disabled-tls",',
      '      "path": "src/legacy/calc.js",',
      '      "line": 12,',
      '      "reason": "input is a constant table"',
      '    }',
      '  ]',
      '}',
      '',
    ].join('\n');
    assert.equal(apply(''), expected);
    assert.equal(apply('  \n\n'), expected);
  });

  it('keeps a comment-only file and writes the object after it', () => {
    const out = apply('// Rampart settings for the team\n');
    assert.ok(out.startsWith('// Rampart settings for the team\n{\n  "suppressions": [\n'), out);
    assert.deepEqual(suppressionsOf(out), [ENTRY]);
    const noNewline = apply('/* settings */');
    assert.ok(noNewline.startsWith('/* settings */\n{\n'), noNewline);
  });

  it('adds the array to an object with comments, keeping every comment and setting', () => {
    const text = [
      '// team config',
      '{',
      '  "extends": "rampart:recommended", // the default',
      '  /* turned down while we migrate */',
      '  "rules": { "js/no-disabled-tls": "warning" },',
      '}',
      '',
    ].join('\n');
    const out = apply(text);
    for (const comment of ['// team config', '// the default', '/* turned down while we migrate */']) assert.ok(out.includes(comment), comment);
    const value = parse(out, [], { allowTrailingComma: true });
    assert.deepEqual(value, { extends: 'rampart:recommended', rules: { 'js/no-disabled-tls': 'warning' }, suppressions: [ENTRY] });
    assert.ok(out.includes('\n  "suppressions": [\n    {\n      "rule": "js/no-disabled-tls",\n'), 'two-space indentation');
  });

  it('appends to an existing array, after the entries already there', () => {
    const text = [
      '{',
      '  "suppressions": [',
      '    // fixtures hold fake keys',
      '    { "rule": "js/no-disabled-tls", "path": "test/**", "reason": "local test server" },',
      '  ],',
      '}',
    ].join('\n');
    const out = apply(text);
    assert.ok(out.includes('// fixtures hold fake keys'));
    assert.deepEqual(suppressionsOf(out), [{ rule: 'js/no-disabled-tls', path: 'test/**', reason: 'local test server' }, ENTRY]);
    assert.deepEqual(suppressionsOf(apply('{ "suppressions": [] }')), [ENTRY]);
  });

  it('leaves out line when not given, trims the reason and keeps CRLF line ends', () => {
    const text = '{\r\n  "rules": {}\r\n}\r\n';
    const out = apply(text, { rule: 'js/no-disabled-tls', path: 'test/fixtures/**', reason: '  fake keys  ' });
    assert.deepEqual(suppressionsOf(out), [{ rule: 'js/no-disabled-tls', path: 'test/fixtures/**', reason: 'fake keys' }]);
    assert.equal(out.replace(/\r\n/g, '').includes('\n'), false, 'no bare LF');
  });

  it('escapes what needs escaping in JSON strings', () => {
    const reason = 'quotes " and \\ backslashes, and a tab\t';
    const out = apply('{}', { rule: 'js/no-disabled-tls', path: 'a "b".js', reason });
    assert.deepEqual(suppressionsOf(out), [{ rule: 'js/no-disabled-tls', path: 'a "b".js', reason: reason.trim() }]);
  });

  it('refuses entries without a reason, rule or path, and bad lines', () => {
    const cases: Array<[Partial<typeof ENTRY>, string]> = [
      [{ reason: '   ' }, 'Cannot add the suppression: a reason is required.'],
      [{ rule: '' }, 'Cannot add the suppression: the rule id is empty.'],
      [{ path: ' ' }, 'Cannot add the suppression: the path is empty.'],
      [{ line: 0 }, 'Cannot add the suppression: the line must be a whole number of at least 1, not 0.'],
      [{ line: 2.5 }, 'Cannot add the suppression: the line must be a whole number of at least 1, not 2.5.'],
    ];
    for (const [change, message] of cases) {
      assert.throws(() => addSuppressionEdit('{}', { ...ENTRY, ...change }), { message });
    }
  });

  it('refuses texts it cannot add to, with a clear message', () => {
    const cases: Array<[string, string]> = [
      ['{ "rules": {', 'it has syntax errors; fix them first'],
      ['/* unterminated', 'it has syntax errors; fix them first'],
      ['[]', 'it is not a JSON object'],
      ['"rampart:all"', 'it is not a JSON object'],
      ['{ "suppressions": {} }', '"suppressions" is not an array'],
      ['{ "suppressions": null }', '"suppressions" is not an array'],
      ['{ "a": ' + '['.repeat(400_000) + ']'.repeat(400_000) + ' }', 'it is nested too deeply to read'],
    ];
    for (const [text, reason] of cases) {
      assert.throws(() => addSuppressionEdit(text, ENTRY), { message: `Cannot add the suppression to the configuration: ${reason}.` }, text.slice(0, 40));
    }
  });
});

import assert from 'node:assert/strict';
import rule, { toJsPattern } from '../../../src/rules/python/no-redos';
import { REDOS_SERVICE, RedosService } from '../../../src/services/redos';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

const view = (body: string, head = '') => `import re
from flask import Flask, request
app = Flask(__name__)
${head}
@app.route("/s")
def search():
    q = request.args.get("q", "")
${body}`;

ruleTester(rule, {
  valid: [
    { name: 'a linear pattern on request data', code: view(`    return str(re.fullmatch(r"[a-z0-9-]+", q))`), filename: 'app.py' },
    { name: 'nested repetition that recheck proves linear', code: view(`    return str(re.match(r"(?:[a-z]+\\.)*[a-z]+$", q))`), filename: 'app.py' },
    { name: 'a vulnerable pattern on a constant', code: view(`    return str(re.match(r"^(a+)+$", "aaaa"))`), filename: 'app.py' },
    { name: 'a vulnerable pattern on data of unknown origin', code: `import re\n\ndef valid(s):\n    return re.match(r"^(a+)+$", s) is not None`, filename: 'lib.py' },
    { name: 'command-line input belongs to the operator', code: `import re, sys\nprint(re.search(r"(a+)+$", sys.argv[1]))`, filename: 'cli.py' },
    { name: 'a pattern built at run time', code: view(`    return str(re.search(request.args["p"] + "x", q))`), filename: 'app.py' },
    { name: 'verbose mode has no JavaScript equivalent', code: view(`    return str(re.search(r"(a+)+$", q, re.VERBOSE))`), filename: 'app.py' },
    { name: 'flags not known at analysis time', code: view(`    return str(re.search(r"(a+)+$", q, app.config["RE_FLAGS"]))`), filename: 'app.py' },
    { name: 'an atomic group does not backtrack', code: view(`    return str(re.search(r"(?>a+)+$", q))`), filename: 'app.py' },
    { name: 'the third-party regex module is not re', code: `import regex\n${view(`    return str(regex.search(r"(a+)+$", q))`)}`, filename: 'app.py' },
    { name: 'a single repetition is not checked', code: view(`    return re.sub(r"\\s+$", "", q)`), filename: 'app.py' },
  ],
  invalid: [
    {
      name: 're.match with a constant pattern on a query parameter',
      code: view(`    return str(re.match(r"(a+)+$", q))`),
      filename: 'app.py',
      errors: [{ messageId: 'redos', line: 8, column: 25, endLine: 8, endColumn: 34, related: 1 }],
    },
    {
      name: 'a compiled pattern at module level, with flags',
      code: view(`    return str(NAME.fullmatch(q))`, `NAME = re.compile(r"(\\w+\\s?)*", re.IGNORECASE | re.M)`),
      filename: 'app.py',
      errors: [{ messageId: 'redos', line: 8, column: 16, endLine: 8, endColumn: 20, related: 2 }],
    },
    {
      name: 'a pattern constant, re.sub with keyword arguments',
      code: view(`    return re.sub(PATTERN, "", string=q, flags=re.S)`, `PATTERN = "(a|a)*b"`),
      filename: 'app.py',
      errors: [{ messageId: 'redos', line: 8, column: 19, endLine: 8, endColumn: 26, related: 1 }],
    },
    {
      name: 'named groups and a compiled pattern written in place',
      code: view(`    return re.compile(r"^(?P<w>\\d+)*$").findall(q)`),
      filename: 'app.py',
      errors: [{ messageId: 'redos', line: 8, column: 12, endLine: 8, endColumn: 40, related: 1 }],
    },
    {
      name: 'a tool argument chosen by the model',
      code: `import re\nfrom agents import function_tool\n\n@function_tool\ndef lookup(code: str) -> str:\n    return "ok" if re.search(r"^([a-z0-9]+-?)*[a-z0-9]$", code) else "bad"`,
      filename: 'tools.py',
      errors: [{ messageId: 'redos', line: 6, column: 30, endLine: 6, endColumn: 57, related: 1 }],
    },
  ],
});

describe('python/no-redos without a usable checker', () => {
  const code = view(`    return str(re.match(r"(a+)+$", q))`);

  it('reports nothing when the redos service is not provided', async () => {
    assert.deepEqual(await lintAsync(rule, code, 'app.py', {}, {}), []);
  });

  it('reports nothing when the check times out', async function () {
    this.timeout(30_000);
    const slow = new RedosService({ timeoutMs: 1 });
    try {
      assert.deepEqual(await lintAsync(rule, code, 'app.py', {}, { [REDOS_SERVICE]: slow }), []);
      assert.equal(slow.checks, 1);
    } finally {
      await slow.dispose();
    }
  });

  it('anchors the pattern as the call matches', async () => {
    const asked: unknown[] = [];
    const recording = { answer: async (query: unknown) => (asked.push(query), { status: 'safe' }) };
    await lintAsync(rule, view(`    re.match(r"(a+)+$", q)\n    re.fullmatch(r"(a+)+", q)\n    re.findall(r"(b+)+", q)`), 'app.py', {}, { [REDOS_SERVICE]: recording });
    assert.deepEqual(asked, [
      { source: '^(?:(a+)+$)', flags: '' },
      { source: '^(?:(a+)+)$', flags: '' },
      { source: '(b+)+', flags: '' },
    ]);
  });
});

describe('toJsPattern', () => {
  it('keeps what both syntaxes share', () => {
    assert.deepEqual(toJsPattern('^(\\w+\\s?)*$', '', null), { source: '^(\\w+\\s?)*$', flags: '' });
  });
  it('maps flags and leading inline flags to JavaScript flags', () => {
    assert.deepEqual(toJsPattern('(?i)(a+)+', 's', null), { source: '(a+)+', flags: 'is' });
    assert.deepEqual(toJsPattern('(?a)(?u)x', 'i', null), { source: 'x', flags: 'i' });
  });
  it('drops the multiline flag of a pattern without ^ or $, and refuses it where anchors would change meaning', () => {
    assert.deepEqual(toJsPattern('(a+)+', 'm', 'start'), { source: '^(?:(a+)+)', flags: '' });
    assert.deepEqual(toJsPattern('^(a+)+$', 'm', null), { source: '^(a+)+$', flags: 'm' });
    assert.equal(toJsPattern('^(a+)+$', 'm', 'start'), null);
    assert.equal(toJsPattern('\\A(a+)+$', 'm', null), null);
  });
  it('rewrites named groups, references, comments, \\A, \\Z and {,n}', () => {
    assert.deepEqual(toJsPattern('\\A(?P<x>a+)(?#note)(?P=x){,3}\\Z', '', null), { source: '^(?<x>a+)\\k<x>{0,3}$', flags: '' });
  });
  it('escapes a leading ] and a [ inside a class', () => {
    assert.deepEqual(toJsPattern('[]a[]+', '', null), { source: '[\\]a\\[]+', flags: '' });
    assert.deepEqual(toJsPattern('[^]]', '', null), { source: '[^\\]]', flags: '' });
  });
  it('refuses what has no exact JavaScript equivalent', () => {
    for (const p of ['(?x)(a+)+', '(?>a+)+', 'a++', 'a*+', 'a?+', 'a{1,3}+', '(a)?(?(1)b|c)', 'x(?i:a)', 'x(?i)a', '\\N{DASH}', '\\U0001F600', '[abc', 'a\\']) {
      assert.equal(toJsPattern(p, '', null), null, p);
    }
    assert.equal(toJsPattern('(a+)+', 'x', null), null);
  });
});

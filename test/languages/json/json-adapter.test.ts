import assert from 'node:assert/strict';
import { createScanner, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { Analyzer, type RuleSetting } from '../../../src/engine/analyzer';
import type { VisitorTable } from '../../../src/engine/language';
import { defineRule } from '../../../src/engine/rule';
import { builtinAdapters } from '../../../src/languages';
import { forEachJsonProperty, jsonAdapter, nodeValue, parseJson, type JsonNode } from '../../../src/languages/json';
import { buildJsonTree, TOKEN } from '../../../src/languages/json/build-tree';
import { builtinRules } from '../../../src/rules';
import { seededRandom } from '../../robustness/inputs';

/** Visits with visitors for every kind and returns `kind@offset` (and `kind:exit@offset`) in call order. */
function visits(text: string, exits: readonly string[] = ['File']): string[] {
  const log: string[] = [];
  const at = (n: JsonNode) => ('offset' in n ? n.offset : 'file');
  const kinds = ['File', 'object', 'property', 'array', 'string', 'number', 'boolean', 'null'];
  const table: VisitorTable<JsonNode> = {
    enter: new Map(kinds.map((k) => [k, [(n: JsonNode) => void log.push(`${k}@${at(n)}`)]])),
    exit: new Map(exits.map((k) => [k, [(n: JsonNode) => void log.push(`${k}:exit@${at(n)}`)]])),
  };
  jsonAdapter.traverse(jsonAdapter.parse(text, 'a.json'), table);
  return log;
}

/** A jsonc-parser tree without parent pointers, for comparisons. */
function plain(node: Node | undefined): unknown {
  return JSON.parse(JSON.stringify(node ?? null, (key, value: unknown) => (key === 'parent' ? undefined : value)));
}

describe('JSON adapter', () => {
  it('visits the file first, every node by kind depth-first in source order, the file last', () => {
    assert.deepEqual(visits('{"a": [1, "x"], "b": {"c": null, "d": true}}', ['File', 'object', 'property']), [
      'File@file',
      'object@0',
      'property@1',
      'string@1',
      'array@6',
      'number@7',
      'string@10',
      'property:exit@1',
      'property@16',
      'string@16',
      'object@21',
      'property@22',
      'string@22',
      'null@27',
      'property:exit@22',
      'property@33',
      'string@33',
      'boolean@38',
      'property:exit@33',
      'object:exit@21',
      'property:exit@16',
      'object:exit@0',
      'File:exit@file',
    ]);
  });

  it('walks no node when only the file is visited; forEachJsonProperty gives the properties the walk visits, in order', () => {
    const text = '{"a": [1, {"b": 2}], "c": {"d": {"e": null}}, "f": [[{"g": true}]]}';
    assert.deepEqual(visits(text, ['File']).filter((v) => v.startsWith('property')).length, 7);
    const parsed = parseJson(text);
    const fileOnly: string[] = [];
    jsonAdapter.traverse(parsed, { enter: new Map([['File', [() => void fileOnly.push('File')]]]), exit: new Map([['File', [() => void fileOnly.push('File:exit')]]]) });
    assert.deepEqual(fileOnly, ['File', 'File:exit']);
    const walked: Node[] = [];
    jsonAdapter.traverse(parsed, { enter: new Map([['property', [(n: JsonNode) => void walked.push(n as Node)]]]), exit: new Map() });
    const listed: Node[] = [];
    forEachJsonProperty(parsed.root.tree, (property) => listed.push(property));
    assert.equal(listed.length, 7);
    listed.forEach((property, i) => assert.equal(property, walked[i], `property ${i}`));
    assert.deepEqual(listed.map((p) => p.children?.[0].value), ['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    const none: Node[] = [];
    forEachJsonProperty(parseJson('[1, [2, "x"]]').root.tree, (p) => none.push(p));
    forEachJsonProperty(parseJson('').root.tree, (p) => none.push(p));
    assert.deepEqual(none, []);
  });

  it('gives UTF-16 offsets: emoji and CJK before a node shift it by their code units', () => {
    const text = '{"名前": "😀", // 注\n  "k": [1, true]}';
    const parsed = parseJson(text);
    const root = parsed.root.tree!;
    const [name, k] = root.children!;
    assert.deepEqual([name.children![1].offset, name.children![1].length, name.children![1].value], [7, 4, '😀']);
    assert.deepEqual([k.offset, k.length, k.colonOffset], [20, 14, 23]);
    const array = k.children![1];
    assert.deepEqual([array.offset, array.length, array.children!.map((c) => c.offset)], [25, 9, [26, 29]]);
    assert.equal(text.slice(29, 33), 'true');
    assert.deepEqual(parsed.comments, [{ range: [13, 17], value: ' 注' }]);
    assert.deepEqual(parsed.syntaxErrors, []);
  });

  it('collects line and block comments, closed or not, and keeps comment-like text in strings', () => {
    const text = '/* head */ {"url": "http://x//y", /* a\n b */ "n": 1} // tail\n/* open';
    const { comments } = parseJson(text);
    assert.deepEqual(comments, [
      { range: [0, 10], value: ' head ' },
      { range: [34, 44], value: ' a\n b ' },
      { range: [53, 60], value: ' tail' },
      { range: [61, 68], value: ' open' },
    ]);
  });

  it('recovers from syntax errors: the tree keeps what could be read, the errors say where', () => {
    const parsed = parseJson('{"a": 1,, "b": [1 2],\n "c": , "d": tru, "e": "x"');
    const helpers = jsonAdapter.createHelpers(parsed, '');
    assert.deepEqual({ ...(helpers.value() as object) }, { a: 1, b: [1, 2], e: 'x' });
    assert.deepEqual(parsed.syntaxErrors, [
      'PropertyNameExpected at line 1, column 9',
      'ValueExpected at line 1, column 9',
      'CommaExpected at line 1, column 19',
      'ValueExpected at line 2, column 7',
      'InvalidSymbol at line 2, column 14',
      'ValueExpected at line 2, column 17',
      'CloseBraceExpected at line 2, column 27',
    ]);
  });

  it('accepts trailing commas and an empty or comment-only file without throwing', () => {
    assert.deepEqual(parseJson('{"a": [1, 2,],}').syntaxErrors, []);
    for (const text of ['', '  \n', '// only a comment\n']) {
      const parsed = parseJson(text);
      assert.equal(parsed.root.tree, undefined);
      assert.deepEqual(parsed.syntaxErrors, ['ValueExpected at line ' + (text.includes('\n') ? '2' : '1') + ', column 1']);
      assert.deepEqual(visits(text), ['File@file', 'File:exit@file']);
    }
  });

  it('reads CRLF files with exact offsets; a line comment stops before the CR', () => {
    const text = '{\r\n  "a": 1, // one\r\n  "b": 2\r\n}\r\n';
    const parsed = parseJson(text);
    assert.deepEqual(parsed.comments, [{ range: [13, 19], value: ' one' }]);
    const b = parsed.root.tree!.children![1];
    assert.deepEqual([b.offset, text.slice(b.offset, b.offset + b.length)], [23, '"b": 2']);
  });

  it('nodeAt finds nodes by path; value() is plain data, computed once, without prototypes', () => {
    const text = '{"dependencies": {"left-pad": "^1.3.0"}, "list": [10, 20], "__proto__": {"polluted": true}}';
    const helpers = jsonAdapter.createHelpers(parseJson(text), text);
    const pad = helpers.nodeAt(['dependencies', 'left-pad'])!;
    assert.deepEqual([pad.type, pad.offset, pad.value], ['string', 30, '^1.3.0']);
    assert.equal(helpers.nodeAt(['list', 1])!.value, 20);
    assert.equal(helpers.nodeAt(['list', 2]), undefined);
    assert.equal(helpers.nodeAt(['missing']), undefined);
    const value = helpers.value() as Record<string, unknown>;
    assert.equal(helpers.value(), value);
    assert.equal(Object.getPrototypeOf(value), null);
    assert.deepEqual(Object.keys(value), ['dependencies', 'list', '__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(jsonAdapter.createHelpers(parseJson(''), '').value(), undefined);
  });

  it('parses, traverses and evaluates 100,000 nested arrays without recursion', () => {
    const depth = 100_000;
    const text = '['.repeat(depth) + '"bottom"' + ']'.repeat(depth);
    const parsed = parseJson(text);
    assert.deepEqual(parsed.syntaxErrors, []);
    let arrays = 0;
    let bottom: Node | undefined;
    jsonAdapter.traverse(parsed, {
      enter: new Map([
        ['array', [() => void arrays++]],
        ['string', [(n: JsonNode) => void (bottom = n as Node)]],
      ]),
      exit: new Map(),
    });
    assert.equal(arrays, depth);
    assert.deepEqual([bottom!.offset, bottom!.parent!.offset], [depth, depth - 1]);
    let value = jsonAdapter.createHelpers(parsed, text).value();
    for (let i = 0; i < depth; i++) value = (value as unknown[])[0];
    assert.equal(value, 'bottom');
  });

  it('builds the same nodes and errors as jsonc-parser parseTree on random broken input', () => {
    const pieces = ['{', '}', '[', ']', ',', ':', '"a"', '"b\\n"', '1', '-2.5e3', 'true', 'false', 'null', ' ', '\n', '// c\n', '/* b */', '/* open', '"open', 'x', '01', '1.', '"\\u12"', '\r\n'];
    const next = seededRandom(42);
    for (let i = 0; i < 3_000; i++) {
      let text = '';
      for (let n = Math.floor(next() * 30); n > 0; n--) text += pieces[Math.floor(next() * pieces.length)];
      const expectedErrors: ParseError[] = [];
      const expected = parseTree(text, expectedErrors, { allowTrailingComma: true });
      const errors: ParseError[] = [];
      const actual = buildJsonTree(text, { errors, comments: [] });
      assert.deepEqual(plain(actual), plain(expected), text);
      assert.deepEqual(errors, expectedErrors, text);
      if (expected) assert.deepEqual(nodeValue(actual!), getNodeValue(expected), text);
      for (const node of walk(actual)) for (const child of node.children ?? []) assert.equal(child.parent, node);
    }
  });

  it('uses the token and error numbers of jsonc-parser', () => {
    const scanner = createScanner('{}[],:null true false "s" 1 // c\n/* b */ \n @');
    const kinds: number[] = [];
    for (let k = scanner.scan(); k !== TOKEN.eof; k = scanner.scan()) kinds.push(k);
    assert.deepEqual(kinds, [
      TOKEN.openBrace, TOKEN.closeBrace, TOKEN.openBracket, TOKEN.closeBracket, TOKEN.comma, TOKEN.colon,
      TOKEN.null, TOKEN.trivia, TOKEN.true, TOKEN.trivia, TOKEN.false, TOKEN.trivia, TOKEN.string, TOKEN.trivia,
      TOKEN.number, TOKEN.trivia, TOKEN.lineComment, TOKEN.lineBreak, TOKEN.blockComment, TOKEN.trivia,
      TOKEN.lineBreak, TOKEN.trivia, TOKEN.unknown,
    ]);
    assert.deepEqual([1, 4, 7, 8, 9, 11, 16].map((c) => printParseErrorCode(c)), [
      'InvalidSymbol', 'ValueExpected', 'CloseBraceExpected', 'CloseBracketExpected', 'EndOfFileExpected',
      'UnexpectedEndOfComment', 'InvalidCharacter',
    ]);
  });

  describe('through the Analyzer', () => {
    const rule = defineRule<JsonNode>({
      id: 'test/no-bad-key',
      languages: ['json'],
      meta: {
        description: 'test rule',
        severity: 'warning',
        category: 'supply-chain',
        riskArea: 'development',
        cwe: ['CWE-1104'],
        confidence: 'high',
        recommended: true,
        fix: 'none',
        messages: { bad: 'bad key {{key}}' },
      },
      create: (context) => ({
        property(node) {
          const key = (node as Node).children![0];
          if (key.value === 'bad') context.report({ range: [key.offset, key.offset + key.length], messageId: 'bad', data: { key: 'bad' } });
        },
      }),
    });
    const analyzer = new Analyzer({ rules: [...builtinRules, rule], adapters: builtinAdapters });
    const settings = new Map<string, RuleSetting>([...builtinRules, rule].map((r) => [r.id, { severity: r.meta.severity, options: {} }]));

    it('reports on nodes and honours a // suppression in JSONC, with its reason', () => {
      const text = [
        '{',
        '  // rampart-ignore-next-line test/no-bad-key -- fixture for the docs',
        '  "bad": 1,',
        '  "😀": { "bad": 2 },',
        '  /* rampart-ignore-next-line test/no-bad-key */',
        '  "bad": 3',
        '}',
      ].join('\n');
      const result = analyzer.analyze({ file: '.vscode/settings.json', text, settings });
      assert.deepEqual(result.errors, []);
      assert.deepEqual(
        result.findings.map((f) => [f.ruleId, f.start.line, f.start.column, f.range, f.suppressed?.reason ?? null]),
        [
          ['test/no-bad-key', 3, 3, [74, 79], 'fixture for the docs'],
          ['test/no-bad-key', 4, 11, [94, 99], null],
          ['rampart/invalid-suppression', 5, 3, [108, 154], null],
          ['test/no-bad-key', 6, 3, [157, 162], null],
        ],
      );
      assert.equal(analyzer.lineComment('json'), null);
    });

    it('still analyses a file with syntax errors', () => {
      const result = analyzer.analyze({ file: 'package.json', text: '{"bad": 1,, "x": [}', settings });
      assert.deepEqual(result.findings.map((f) => f.range), [[1, 6]]);
      assert.deepEqual(result.errors, []);
    });
  });
});

function* walk(root: Node | undefined): Generator<Node> {
  const stack = root ? [root] : [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    stack.push(...(node.children ?? []));
  }
}

import assert from 'node:assert/strict';
import type { PythonHelpers, SyntaxNode } from '../../../src/languages/python';
import { decodeEscapes } from '../../../src/languages/python/ast';
import { preparePython, span, withPython } from './helpers';

/** The right-hand side of `x = <expression>`. */
function valueOf(expression: string, fn: (node: SyntaxNode, text: string, h: PythonHelpers) => void): void {
  const text = `x = ${expression}\n`;
  withPython(text, (parsed, h) => {
    const assignment = parsed.root.module.namedChildren[0]!.namedChildren[0]!;
    fn(assignment.childForFieldName('right')!, text, h);
  });
}

describe('python adapter: string helpers', () => {
  before(preparePython);

  const known: Array<[string, string]> = [
    ["'plain'", 'plain'],
    ['"double"', 'double'],
    ["''", ''],
    ["'''triple\nline'''", 'triple\nline'],
    ["u'unicode é😀'", 'unicode é😀'],
    ["r'raw\\d\\n'", 'raw\\d\\n'],
    ["R'raw'", 'raw'],
    ["'tab\\tnew\\nquote\\'back\\\\'", "tab\tnew\nquote'back\\"],
    ["'\\x41\\u00e9\\U0001F600\\101'", 'Aé😀A'],
    ["'unknown \\d stays'", 'unknown \\d stays'],
    ["'line \\\ncontinued'", 'line continued'],
    ["'a' 'b' \"c\"", 'abc'],
  ];
  for (const [source, value] of known) {
    it(`knows the value of ${JSON.stringify(source)}`, () => {
      valueOf(source, (node, _text, h) => assert.equal(h.stringValue(node), value));
    });
  }

  const unknown = ['f"x{y}"', "b'bytes'", "rb'raw bytes'", 'F"{x}"', "'\\N{BULLET}'", "'a' f'{b}'", 'name', '1', "'a' + 'b'"];
  for (const source of unknown) {
    it(`has no constant value for ${source}`, () => {
      valueOf(source, (node, _text, h) => assert.equal(h.stringValue(node), null));
    });
  }

  it('gives the content range of a literal, and whether it uses escapes', () => {
    valueOf("'a\\tb'", (node, text, h) => {
      assert.deepEqual(h.stringLiteral(node), { value: 'a\tb', contentRange: span(text, 'a\\tb'), escaped: true });
    });
    valueOf('"""doc 😀"""', (node, text, h) => {
      assert.deepEqual(h.stringLiteral(node), { value: 'doc 😀', contentRange: span(text, 'doc 😀'), escaped: false });
    });
  });

  it('decodes escapes like Python, keeping unknown ones and refusing \\N{…}', () => {
    assert.equal(decodeEscapes('no escapes'), 'no escapes');
    assert.equal(decodeEscapes('\\a\\b\\f\\v\\0\\777'), '\x07\b\f\v\0\u01ff');
    assert.equal(decodeEscapes('\\xZZ \\u12 \\q'), '\\xZZ \\u12 \\q');
    assert.equal(decodeEscapes('\\U00110000'), '\\U00110000');
    assert.equal(decodeEscapes('trailing \\'), 'trailing \\');
    assert.equal(decodeEscapes('\\N{DASH}'), null);
  });
});

import assert from 'node:assert/strict';
import { quoteStyle, stringLiteral } from '../../../src/languages/js/edits';
import { parseJs } from '../../../src/languages/js/parse';

describe('languages/js/edits: the file\'s quote style', () => {
  const style = (code: string, file = 'a.ts') => quoteStyle(parseJs(code, file));

  it('follows the majority of string literals', () => {
    assert.equal(style(`import a from "a";\nconst b = "b";\nconst c = 'c';`), '"');
    assert.equal(style(`import a from 'a';\nconst b = 'b';\nconst c = "c";`), "'");
  });
  it('defaults to single quotes: no strings, or a tie', () => {
    assert.equal(style('const a = 1;'), "'");
    assert.equal(style(`const a = "a";\nconst b = 'b';`), "'");
  });
  it('does not count literals that hold a quote, nor JSX attribute values', () => {
    assert.equal(style(`const a = 'a';\nconst b = "it's";\nconst c = "it's";`), "'");
    assert.equal(style(`const a = 'a';\nconst el = <div className="x" id="y" title="z" />;`, 'a.tsx'), "'");
  });
  it('writes literals in the style, or in the other quotes to avoid escapes', () => {
    assert.equal(stringLiteral('git', '"'), '"git"');
    assert.equal(stringLiteral('git', "'"), "'git'");
    assert.equal(stringLiteral("it's", "'"), `"it's"`);
    assert.equal(stringLiteral(`say "it's"`, "'"), `'say "it\\'s"'`);
    assert.equal(stringLiteral('a\\b\nc', '"'), '"a\\\\b\\nc"');
  });
});

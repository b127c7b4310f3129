import assert from 'node:assert/strict';
import { pyQuote, pyString } from '../../../src/rules/python/call-helpers';
import { preparePython, withPython } from './helpers';

describe('python: the file\'s quote style for fixes', () => {
  before(preparePython);
  const quote = (code: string) => withPython(code, (_, lang) => pyQuote(lang));

  it('follows the majority of one-line string literals', () => {
    assert.equal(quote(`a = 'a'\nb = 'b'\nc = "c"\n`), "'");
    assert.equal(quote(`a = "a"\nb = f"{a}"\nc = 'c'\n`), '"');
  });
  it('defaults to double quotes: no strings, or a tie', () => {
    assert.equal(quote('a = 1\n'), '"');
    assert.equal(quote(`a = 'a'\nb = "b"\n`), '"');
  });
  it('does not count docstrings nor literals that hold a quote', () => {
    assert.equal(quote(`def f():\n    """Doc."""\n    """More."""\n    return 'x'\n`), "'");
    assert.equal(quote(`a = 'a'\nb = "it's"\nc = "it's"\n`), "'");
  });
  it('writes literals in the style, or in the other quotes to avoid escapes', () => {
    assert.equal(pyString('ls', "'"), "'ls'");
    assert.equal(pyString("it's", "'"), `"it's"`);
    assert.equal(pyString('a"b\'c', '"'), `"a\\"b'c"`);
  });
});

import assert from 'node:assert/strict';
import { writeLine } from '../../src/cli/terminal';
import { escapeControls } from '../../src/report/escape';

describe('escapeControls / writeLine', () => {
  it('makes C0, DEL, C1 and bidi-override characters visible as \\uXXXX and leaves other text alone', () => {
    assert.equal(escapeControls('a\x00\t\n\x1b\x7f\x9b\u200e\u202e\u2066b'), 'a\\u0000\\u0009\\u000a\\u001b\\u007f\\u009b\\u200e\\u202e\\u2066b');
    assert.equal(escapeControls('naïve — 日本語 ✓ "quoted" \\u001b'), 'naïve — 日本語 ✓ "quoted" \\u001b');
  });

  it('writes exactly one line, whatever the text contains', () => {
    let out = '';
    writeLine({ write: (s: string) => (out += s) }, 'rampart: a\nrampart: fake\r\x1b[2K');
    assert.equal(out, 'rampart: a\\u000arampart: fake\\u000d\\u001b[2K\n');
  });
});

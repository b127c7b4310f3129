import assert from 'node:assert/strict';
import { formatJson } from '../../src/report/json';
import { formatSarif } from '../../src/report/sarif';
import { escapeJsonControls } from '../../src/report/escape';
import { builtinRules } from '../../src/index';
import type { FileResult } from '../../src/engine/types';

describe('report/escape: JSON output a terminal can print', () => {
  it('escapes DEL, C1 controls and bidi overrides and keeps the JSON value', () => {
    const value = { name: 'a\u007f\u009b[2J\u202etxt.js', ok: 'naïve ✓' };
    const json = escapeJsonControls(JSON.stringify(value, null, 2));
    assert.doesNotMatch(json, /[\u007f-\u009f\u202e]/);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('the JSON and SARIF reports carry no raw C1 or bidi character from a file name', () => {
    const file = 'src/\u009b2J\u202eevil.js';
    const results: FileResult[] = [{ file, language: 'js', findings: [], errors: [], skipped: { file, reason: 'binary content (NUL bytes)' } }];
    const json = formatJson(results, { cwd: '/w', rules: builtinRules });
    assert.match(json, /\\u009b2J\\u202eevil/, 'the name is there, escaped');
    for (const out of [json, formatSarif(results, { cwd: '/w', rules: builtinRules, toolVersion: '0' })]) {
      assert.doesNotMatch(out, /[\u0080-\u009f\u202e]/);
      JSON.parse(out);
    }
  });
});

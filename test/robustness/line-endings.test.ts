import assert from 'node:assert/strict';
import { createAnalyzer } from '../../src/index';
import type { FileResult } from '../../src/engine/types';
import { allRuleSettings } from './all-rules';
import { assertWellFormed } from './well-formed';

const OPTION = 'rejectUnauthorized: false';
const analyzer = createAnalyzer();

function analyze(text: string, file = 'app.ts'): FileResult {
  const result = analyzer.analyze({ file, text, settings: allRuleSettings() });
  assertWellFormed(result, text);
  return result;
}

/** [line, column, suppressed] of each js/no-disabled-tls finding. */
function tlsPositions(result: FileResult): Array<[number, number, boolean]> {
  return result.findings
    .filter((f) => f.ruleId === 'js/no-disabled-tls')
    .map((f) => [f.start.line, f.start.column, f.suppressed !== undefined]);
}

/** A three-line program with the disabled-TLS option at line 3, column 40, joined by `eol`. */
function program(eol: string): string {
  return ['import https from "node:https";', '// staging', `export const agent = new https.Agent({ ${OPTION} });`, ''].join(eol);
}

describe('robustness: empty files, BOM and line endings', () => {
  it('an empty file gives nothing', () => {
    const result = analyze('');
    assert.deepEqual([result.findings, result.errors, result.skipped], [[], [], undefined]);
  });

  it('a file of only a BOM gives nothing', () => {
    const result = analyze('\uFEFF');
    assert.deepEqual([result.findings, result.errors, result.skipped], [[], [], undefined]);
  });

  it('a file of only line breaks and white space gives nothing', () => {
    const result = analyze('\r\n\n\r \t\r\n');
    assert.deepEqual([result.findings, result.errors], [[], []]);
  });

  for (const [name, eol] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['lone CR', '\r'],
  ]) {
    it(`${name} line endings give the right line and column`, () => {
      const text = program(eol);
      const result = analyze(text);
      assert.deepEqual(tlsPositions(result), [[3, 40, false]]);
      const finding = result.findings.find((f) => f.ruleId === 'js/no-disabled-tls')!;
      assert.equal(text.slice(finding.range[0], finding.range[1]), OPTION);
      assert.equal(finding.end.column - finding.start.column, OPTION.length);
    });

    it(`${name} line endings: a suppression covers the next line, not the one after`, () => {
      const text = [
        '// rampart-ignore-next-line js/no-disabled-tls -- test double for the local CA',
        `const a = { ${OPTION} };`,
        `const b = { ${OPTION} };`,
      ].join(eol);
      assert.deepEqual(tlsPositions(analyze(text)), [
        [2, 13, true],
        [3, 13, false],
      ]);
    });
  }

  it('mixed line endings count every break once', () => {
    const text = `const a = 1;\r\nconst b = 2;\rconst c = 3;\n\r\nconst d = { ${OPTION} };`;
    assert.deepEqual(tlsPositions(analyze(text)), [[5, 13, false]]);
  });

  it('a BOM does not move a finding on a later line, and counts as one code unit on the first', () => {
    const text = `\uFEFF${program('\r\n')}const b = { ${OPTION} };`;
    assert.deepEqual(tlsPositions(analyze(text)), [
      [3, 40, false],
      [4, 13, false],
    ]);
    const first = `\uFEFFconst a = { ${OPTION} };`;
    const [finding] = analyze(first).findings;
    assert.deepEqual([finding.range[0], finding.start], [first.indexOf(OPTION), { line: 1, column: first.indexOf(OPTION) + 1 }]);
  });

  it('columns count UTF-16 code units: an emoji is two', () => {
    const text = `const s = '😀😀'; const a = { ${OPTION} };`;
    assert.deepEqual(tlsPositions(analyze(text)), [[1, text.indexOf(OPTION) + 1, false]]);
    assert.equal(text.indexOf(OPTION), 30);
  });

  it('U+2028 and U+2029 inside a string are not line breaks (as in VS Code)', () => {
    const text = `const s = "a\u2028b\u2029c";\nconst a = { ${OPTION} };`;
    assert.deepEqual(tlsPositions(analyze(text)), [[2, 13, false]]);
  });
});

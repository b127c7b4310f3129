import assert from 'node:assert/strict';
import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import type { FileResult } from '../../src/engine/types';
import { formatText } from '../../src/report';
import { allResults, analyzedResult, brokenResult, chatResult, cleanResult, CWD, findingAt, RULES, skippedResult } from './fixtures';

const ESC = '\u001b';

function text(results: FileResult[], color = false): string {
  return formatText(results, { cwd: CWD, rules: RULES, color });
}

/** A small result with short messages, so the expected output below stays readable. */
function shortResult(): FileResult {
  const source = 'a(1);\nbb(22);\n' + '\n'.repeat(8) + 'ccc(333);\n';
  const file = 'lib/short.js';
  const at = (needle: string, ruleId: string, severity: 'error' | 'warning' | 'info', message: string) =>
    findingAt(source, file, { ruleId, messageId: 'm', message, severity, needle });
  const fixable = at('a(1)', 'js/no-disabled-tls', 'error', 'Short error.');
  fixable.fix = { title: 'Remove it', edits: [{ range: [0, 5], text: '' }] };
  const suggested = at('bb(22)', 'js/no-llm-html', 'warning', 'A longer warning message.');
  suggested.suggestions = [{ messageId: 'useTextContent', title: 'Use textContent', edits: [{ range: [6, 8], text: 'x' }] }];
  const info = at('333', 'js/require-fetch-timeout', 'info', 'Info.');
  return { file, language: 'js', findings: [fixable, suggested, info], errors: [] };
}

describe('report/text', () => {
  it('prints a heading per file and one aligned line per finding, then the summary', () => {
    assert.equal(
      text([shortResult()]),
      [
        'lib/short.js',
        '  1:1   error    Short error (fix available)              js/no-disabled-tls',
        '  2:1   warning  A longer warning message (1 suggestion)  js/no-llm-html',
        '  11:5  info     Info                                     js/require-fetch-timeout',
        '',
        '✖ 3 problems (1 error, 1 warning, 1 info)',
        '  1 problem has a safe fix (apply with --fix).',
        '',
      ].join('\n'),
    );
  });

  it('aligns the rule ids of a file in one column', () => {
    const lines = text([chatResult()]).split('\n').slice(1, 4);
    const columns = lines.map((l, i) => l.lastIndexOf(chatResult().findings[i].ruleId));
    assert.equal(new Set(columns).size, 1, lines.join('\n'));
    assert.ok(columns[0] > 40);
  });

  it('hints at fixes and suggestions, in plural when needed', () => {
    const out = text([chatResult()]);
    assert.match(out, /traffic \(fix available\) +js\/no-disabled-tls/);
    assert.match(out, /script injection \(2 suggestions\) +js\/no-llm-html/);
    assert.match(out, /hang the agent +js\/require-fetch-timeout/);
    const both = chatResult();
    both.findings[0].suggestions = [both.findings[1].suggestions[0]];
    assert.match(text([both]), /\(fix available, 1 suggestion\)/);
  });

  it('leaves suppressed findings out of the list and counts them', () => {
    const out = text([chatResult()]);
    assert.doesNotMatch(out, /^ {2}[67]:/m);
    assert.equal(out.match(/js\/no-disabled-tls/g)?.length, 1);
    assert.match(out, /^✖ 3 problems \(1 error, 1 warning, 1 info\)$/m);
    assert.match(out, /^ {2}2 findings suppressed\.$/m);
  });

  it('leaves baselined findings out of the list and counts them apart from suppressed ones', () => {
    const r = chatResult();
    r.findings[0].suppressed = { kind: 'baseline', reason: 'baseline' };
    const out = text([r]);
    assert.doesNotMatch(out, /^ {2}1:/m);
    assert.match(out, /^✖ 2 problems \(0 errors, 1 warning, 1 info\)$/m);
    assert.match(out, /^ {2}2 findings suppressed\.\n {2}1 finding in the baseline \(not counted\)\.$/m);
  });

  it('lists skipped files and internal errors with their reasons', () => {
    const out = text(allResults());
    assert.match(out, /^✖ 5 problems \(3 errors, 1 warning, 1 info\)$/m);
    assert.match(out, /^ {2}3 problems have a safe fix \(apply with --fix\)\.$/m);
    assert.match(out, /^ {2}1 file skipped:\n {4}dist\/bundle\.min\.js: larger than 1048576 characters$/m);
    assert.match(
      out,
      /^ {2}2 internal errors:\n {4}src\/broken\.ts: could not parse the file: SyntaxError: Unexpected token \(3:7\)\n {4}src\/broken\.ts: rule js\/no-disabled-tls failed: TypeError: boom\n$/m,
    );
    assert.doesNotMatch(out, /src\/clean\.ts/);
  });

  it('reports internal errors and skipped files even when there are no problems', () => {
    const out = text([brokenResult(), skippedResult(), cleanResult()]);
    assert.equal(
      out,
      [
        '✔ No problems found (2 files scanned).',
        '  1 file skipped:',
        '    dist/bundle.min.js: larger than 1048576 characters',
        '  2 internal errors:',
        '    src/broken.ts: could not parse the file: SyntaxError: Unexpected token (3:7)',
        '    src/broken.ts: rule js/no-disabled-tls failed: TypeError: boom',
        '',
      ].join('\n'),
    );
  });

  describe('nothing to report', () => {
    it('is a single line with the number of files scanned', () => {
      assert.equal(text([]), '✔ No problems found (0 files scanned).\n');
      assert.equal(text([cleanResult()]), '✔ No problems found (1 file scanned).\n');
      assert.equal(text([cleanResult('a.ts'), cleanResult('b.ts')]), '✔ No problems found (2 files scanned).\n');
    });

    it('mentions suppressed findings on the same line', () => {
      const r = chatResult();
      r.findings = r.findings.filter((f) => f.suppressed);
      assert.equal(text([r, cleanResult()]), '✔ No problems found (2 files scanned, 2 findings suppressed).\n');
    });

    it('says "no new problems" when the baseline accepts every finding', () => {
      const r = chatResult();
      r.findings.forEach((f) => (f.suppressed ??= { kind: 'baseline', reason: 'baseline' }));
      assert.equal(text([r]), '✔ No new problems found (1 file scanned, 2 findings suppressed, 3 findings in the baseline).\n');
    });
  });

  describe('colour', () => {
    it('has no escape codes without colour', () => {
      assert.ok(!text(allResults(), false).includes(ESC));
      assert.ok(!text([], false).includes(ESC));
    });

    it('colours severities, dims rule ids and hints, and underlines file names', () => {
      const out = text(allResults(), true);
      assert.ok(out.includes(`${ESC}[31merror${ESC}[39m`), 'red error');
      assert.ok(out.includes(`${ESC}[33mwarning${ESC}[39m`), 'yellow warning');
      assert.ok(out.includes(`${ESC}[34minfo${ESC}[39m`), 'blue info');
      assert.ok(out.includes(`${ESC}[2mjs/no-disabled-tls${ESC}[22m`), 'dim rule id');
      assert.ok(out.includes(`${ESC}[2m(fix available)${ESC}[22m`), 'dim hint');
      assert.ok(out.includes(`${ESC}[4msrc/client.ts${ESC}[24m`), 'underlined file');
      assert.ok(out.includes(`${ESC}[31m${ESC}[1m✖ 5 problems`), 'red summary');
    });

    it('is the plain output once the escape codes are removed (alignment ignores them)', () => {
      for (const results of [allResults(), [shortResult()], [brokenResult()], []]) {
        assert.equal(stripVTControlCharacters(text(results, true)), text(results, false));
      }
    });

    it('follows the color option only, not the environment or stdout (the caller decides)', () => {
      const saved = process.env.NO_COLOR;
      process.env.NO_COLOR = '1';
      try {
        assert.ok(text([shortResult()], true).includes(ESC));
      } finally {
        if (saved === undefined) delete process.env.NO_COLOR;
        else process.env.NO_COLOR = saved;
      }
    });

    it('colours the summary by the worst severity', () => {
      const warningsOnly = shortResult();
      warningsOnly.findings = warningsOnly.findings.filter((f) => f.severity === 'warning');
      assert.ok(text([warningsOnly], true).includes(`${ESC}[33m${ESC}[1m✖ 1 problem (0 errors, 1 warning, 0 info)`));
      const infoOnly = shortResult();
      infoOnly.findings = infoOnly.findings.filter((f) => f.severity === 'info');
      assert.ok(text([infoOnly], true).includes(`${ESC}[34m${ESC}[1m✖ 1 problem (0 errors, 0 warnings, 1 info)`));
    });
  });

  it('escapes terminal control and bidi characters that come from the scanned code', () => {
    const r = shortResult();
    r.file = 'lib/\u001b]0;pwned\u0007.js';
    r.findings[0].message = 'Bad \u001b[2J name "\u202eevil"\nsecond line.';
    r.errors.push({ file: r.file, source: 'parser', message: 'oops \u001b[31m' });
    const out = text([r], false);
    assert.ok(!out.includes(ESC) && !out.includes('\u202e') && !out.includes('\u0007'));
    assert.match(out, /^lib\/\\u001b\]0;pwned\\u0007\.js$/m);
    assert.match(out, /Bad \\u001b\[2J name "\\u202eevil" second line \(fix available\)/);
    assert.match(out, /oops \\u001b\[31m$/m);
  });

  it('shows absolute paths inside cwd relative to it', () => {
    const out = text([analyzedResult(path.join(CWD, 'src', 'client.ts'))]);
    assert.match(out, /^src\/client\.ts$/m);
  });

  it('handles a file with 200000 findings', () => {
    const r = shortResult();
    const [first] = r.findings;
    r.findings = Array.from({ length: 200_000 }, () => first);
    const out = text([r]);
    assert.equal(out.split('\n').length, 200_000 + 5);
    assert.match(out, /^✖ 200000 problems \(200000 errors, 0 warnings, 0 info\)$/m);
  });
});

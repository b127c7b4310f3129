import assert from 'node:assert/strict';
import * as path from 'node:path';
import { applyFixes } from '../../src/engine/apply-fixes';
import type { FileResult } from '../../src/engine/types';
import { buildJsonReport, formatJson, type JsonReport } from '../../src/report';
import {
  allResults,
  ANALYZED_SOURCE,
  analyzedResult,
  brokenResult,
  CHAT_SOURCE,
  chatResult,
  cleanResult,
  CWD,
  RULES,
  skippedResult,
} from './fixtures';

const OPTS = { cwd: CWD, rules: RULES };

function parse(results: FileResult[]): JsonReport {
  return JSON.parse(formatJson(results, OPTS)) as JsonReport;
}

const FINDING_KEYS = [
  'column',
  'endColumn',
  'endLine',
  'fix',
  'line',
  'message',
  'messageId',
  'range',
  'related',
  'ruleId',
  'severity',
  'suggestions',
  'suppressed',
];

describe('report/json', () => {
  it('round-trips: the text parses back to exactly the built report', () => {
    const text = formatJson(allResults(), OPTS);
    assert.ok(text.endsWith('}\n'));
    assert.deepEqual(JSON.parse(text), buildJsonReport(allResults(), OPTS));
  });

  it('has version 1, one entry per file in order, and every key present', () => {
    const report = parse(allResults());
    assert.deepEqual(Object.keys(report).sort(), ['results', 'rules', 'summary', 'version']);
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.results.map((r) => r.file),
      ['src/routes/chat handler.ts', 'src/client.ts', 'dist/bundle.min.js', 'src/broken.ts', 'src/clean.ts'],
    );
    for (const r of report.results) {
      assert.deepEqual(Object.keys(r).sort(), ['errors', 'file', 'findings', 'language', 'skipped']);
      for (const f of r.findings) assert.deepEqual(Object.keys(f).sort(), FINDING_KEYS);
    }
  });

  it('writes findings as plain data with positions, offsets, fix, suggestions, related and suppression', () => {
    const [chat] = parse([chatResult()]).results;
    const source = CHAT_SOURCE.indexOf('await llm.complete(prompt)');
    assert.deepEqual(chat.findings[1], {
      ruleId: 'js/no-llm-html',
      messageId: 'innerHtml',
      severity: 'warning',
      message: 'Model output is assigned to innerHTML, so a prompt injection becomes script injection.',
      line: 3,
      column: 1,
      endLine: 3,
      endColumn: 21,
      range: chatResult().findings[1].range,
      fix: null,
      suggestions: [
        { messageId: 'useTextContent', title: 'Use textContent', edits: [{ range: chatResult().findings[1].suggestions[0].edits[0].range, text: 'textContent' }] },
        { messageId: 'sanitize', title: 'Sanitize with DOMPurify', edits: [{ range: chatResult().findings[1].suggestions[1].edits[0].range, text: 'DOMPurify.sanitize(reply)' }] },
      ],
      related: [{ message: 'Model output comes from here.', line: 2, column: 15, endLine: 2, endColumn: 41, range: [source, source + 26] }],
      suppressed: null,
    });
    assert.deepEqual(chat.findings[3].suppressed, {
      kind: 'inline',
      reason: 'internal test server with a self-signed certificate',
      range: chatResult().findings[3].suppressed!.range,
    });
    assert.deepEqual(chat.findings[4].suppressed, { kind: 'config', reason: 'legacy client, tracked in SEC-42', range: null });
  });

  it('gives fixes that applyFixes takes as they are (real analyzer)', () => {
    const real = analyzedResult();
    const [client] = parse([real]).results;
    const fixes = client.findings.map((f) => f.fix!);
    assert.equal(fixes.length, 2);
    const fixed = applyFixes(ANALYZED_SOURCE, fixes);
    assert.equal(fixed.applied, 2);
    assert.equal(fixed.text, applyFixes(ANALYZED_SOURCE, real.findings.map((f) => f.fix!)).text);
    assert.doesNotMatch(fixed.text, /rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED/);
  });

  it('writes internal errors, skipped files and unknown languages', () => {
    const [skipped, broken] = parse([skippedResult(), brokenResult()]).results;
    assert.deepEqual(skipped.skipped, { reason: 'larger than 1048576 characters' });
    assert.deepEqual(broken.skipped, null);
    assert.deepEqual(broken.errors, [
      { source: 'parser', message: 'could not parse the file: SyntaxError: Unexpected token (3:7)' },
      { source: 'js/no-disabled-tls', message: 'rule js/no-disabled-tls failed: TypeError: boom' },
    ]);
    const unknown = parse([{ file: 'notes.bin', language: null, findings: [], errors: [] }]).results[0];
    assert.equal(unknown.language, null);
  });

  it('summarises problems, suppressions, fixes, errors and skipped files', () => {
    assert.deepEqual(parse(allResults()).summary, {
      files: 5,
      filesScanned: 4,
      problems: 5,
      errors: 3,
      warnings: 1,
      info: 1,
      suppressed: 2,
      baselined: 0,
      fixable: 3,
      withSuggestions: 1,
      internalErrors: 2,
      skippedFiles: 1,
    });
  });

  it('marks a baselined finding (kind and reason "baseline"), counts it apart from suppressed ones, and carries fingerprints', () => {
    const r = chatResult();
    r.findings[0].suppressed = { kind: 'baseline', reason: 'baseline' };
    r.findings[0].fingerprint = '0123456789abcdef';
    const report = parse([r]);
    const [baselined, html] = report.results[0].findings;
    assert.deepEqual(baselined.suppressed, { kind: 'baseline', reason: 'baseline', range: null });
    assert.equal(baselined.fingerprint, '0123456789abcdef');
    assert.equal(html.fingerprint, undefined);
    assert.deepEqual([report.summary.problems, report.summary.suppressed, report.summary.baselined], [2, 2, 1]);
  });

  it('describes only the rules that have findings', () => {
    const { rules } = parse([chatResult(), cleanResult()]);
    assert.deepEqual(Object.keys(rules), ['js/no-disabled-tls', 'js/no-llm-html', 'js/require-fetch-timeout']);
    assert.deepEqual(rules['js/no-llm-html'], {
      description: 'Model output must not be written to the page as HTML',
      category: 'llm-output',
      riskArea: 'misuse',
      defaultSeverity: 'warning',
      cwe: ['CWE-79', 'CWE-94'],
      owaspLlm: ['LLM05:2025'],
      docsUrl: 'https://github.com/rampart-security/rampart/blob/main/docs/rules/js/no-llm-html.md',
    });
    assert.deepEqual(parse([cleanResult()]).rules, {});
  });

  it('is a valid, empty report for no results', () => {
    const report = parse([]);
    assert.deepEqual(report.results, []);
    assert.equal(report.summary.files, 0);
    assert.equal(report.summary.problems, 0);
  });

  it('shows absolute paths inside cwd relative to it', () => {
    const [r] = parse([analyzedResult(path.join(CWD, 'src', 'client.ts'))]).results;
    assert.equal(r.file, 'src/client.ts');
  });

  it('does not share arrays with the engine results', () => {
    const input = chatResult();
    const report = buildJsonReport([input], OPTS);
    report.results[0].findings[0].range[0] = 999;
    report.results[0].findings[0].fix!.edits[0].range[0] = 999;
    assert.notEqual(input.findings[0].range[0], 999);
    assert.notEqual(input.findings[0].fix!.edits[0].range[0], 999);
  });
});

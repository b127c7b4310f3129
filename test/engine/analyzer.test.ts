import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../src/engine/analyzer';
import { applyFixes } from '../../src/engine/apply-fixes';
import { classifyFile } from '../../src/engine/classify';
import { LineIndex } from '../../src/engine/line-index';
import { applyingTo, defineRule, type Rule } from '../../src/engine/rule';
import type { LanguageAdapter } from '../../src/engine/language';
import type { RuleMeta } from '../../src/engine/types';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import type { JsNode } from '../../src/languages/js/parse';

const meta: RuleMeta = {
  description: 'test rule',
  severity: 'warning',
  category: 'code-injection',
  riskArea: 'development',
  cwe: ['CWE-94'],
  confidence: 'high',
  recommended: true,
  fix: 'suggestion',
  messages: { found: 'found {{name}}', rename: 'Rename to {{to}}' },
};

/** Reports every identifier named `bad`, with a suggestion. */
const badIdentifier = defineRule<JsNode>({
  id: 'test/no-bad',
  languages: ['js'],
  meta,
  create: (context) => ({
    Identifier(node) {
      if ((node as { name?: string }).name !== 'bad') return;
      const range = [node.start!, node.end!] as const;
      context.report({ range, messageId: 'found', data: { name: 'bad' }, suggest: [{ messageId: 'rename', data: { to: 'good' }, edits: [{ range, text: 'good' }] }] });
    },
  }),
});

function ruleThat(id: string, create: Rule['create'], overrides: Partial<RuleMeta> = {}): Rule {
  return defineRule({ id, languages: ['js'], meta: { ...meta, ...overrides }, create });
}

function run(rules: Rule[], text: string, file = 'a.ts', adapters: readonly LanguageAdapter[] = builtinAdapters) {
  const analyzer = new Analyzer({ rules: [...builtinRules, ...rules], adapters });
  const settings = new Map<string, RuleSetting>([...builtinRules, ...rules].map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  return analyzer.analyze({ file, text, settings });
}

describe('Analyzer', () => {
  it('reports findings with offsets, 1-based positions, formatted messages and suggestion titles', () => {
    const result = run([badIdentifier], 'const x = 1;\nlet bad = x;');
    const f = result.findings.find((x) => x.ruleId === 'test/no-bad')!;
    assert.deepEqual([f.range, f.start, f.end], [[17, 20], { line: 2, column: 5 }, { line: 2, column: 8 }]);
    assert.equal(f.message, 'found bad');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.suggestions.map((s) => s.title), ['Rename to good']);
    assert.equal(f.fix, undefined);
  });

  it('skips a rule on a file its `applies` test rules out: no context is made for it', () => {
    let created = 0;
    const counting = ruleThat('test/no-counted', () => {
      created++;
      return {};
    });
    const [only] = applyingTo([counting], (text) => text.includes('needle'));
    run([only], 'const hay = 1;');
    assert.equal(created, 0);
    run([only], 'const needle = 1;');
    assert.equal(created, 1);
    assert.equal(only.id, counting.id, 'the same rule, with the test');
  });

  it('isolates a rule that throws: an internal-error record, other rules still report', () => {
    const thrower = ruleThat('test/no-throw', () => ({ Identifier() { throw new TypeError('boom'); } }));
    const result = run([thrower, badIdentifier], 'bad; bad;');
    assert.deepEqual(result.errors, [{ file: 'a.ts', source: 'test/no-throw', message: 'rule test/no-throw failed: TypeError: boom' }]);
    assert.equal(result.findings.filter((f) => f.ruleId === 'test/no-bad').length, 2);
  });

  it('isolates a rule whose create() throws', () => {
    const thrower = ruleThat('test/no-create', () => { throw new Error('cannot start'); });
    const result = run([thrower, badIdentifier], 'bad;');
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].message, /cannot start/);
    assert.equal(result.findings.length, 1);
  });

  it('rejects unknown messageIds and fixes the metadata does not declare', () => {
    const unknownMessage = ruleThat('test/no-unknown-message', (c) => ({ Program(n: JsNode) { c.report({ range: [n.start!, n.end!], messageId: 'nope' }); } }));
    const undeclaredFix = ruleThat('test/no-undeclared-fix', (c) => ({ Program(n: JsNode) { c.report({ range: [0, 1], messageId: 'found', fix: { messageId: 'rename', edits: [] } }); void n; } }));
    const noSuggestions = ruleThat('test/no-suggestions', (c) => ({ Program() { c.report({ range: [0, 1], messageId: 'found', suggest: [{ messageId: 'rename', edits: [] }] }); } }), { fix: 'none' });
    const result = run([unknownMessage, undeclaredFix, noSuggestions], 'x;');
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.errors.map((e) => e.message), [
      'rule test/no-unknown-message failed: Error: unknown messageId "nope"',
      'rule test/no-undeclared-fix failed: Error: reported a fix but meta.fix is "suggestion"',
      'rule test/no-suggestions failed: Error: reported suggestions but meta.fix is "none"',
    ]);
  });

  it('accepts edits of another file only in suggestions, inside the folder, inserting at its start', () => {
    const other = (id: string, file: string, range: [number, number], asFix = false) =>
      ruleThat(
        id,
        (c) => ({
          Program() {
            const edits = [{ file, range, text: '/.env\n' }];
            c.report({ range: [0, 1], messageId: 'found', ...(asFix ? { fix: { messageId: 'rename', edits } } : { suggest: [{ messageId: 'rename', edits }] }) });
          },
        }),
        { fix: asFix ? 'safe' : 'suggestion' },
      );
    const result = run(
      [
        other('test/no-sibling', '.gitignore', [0, 0]),
        other('test/no-nested', 'config/.gitignore', [0, 0]),
        other('test/no-parent', '../.gitignore', [0, 0]),
        other('test/no-absolute', '/etc/hosts', [0, 0]),
        other('test/no-offset', '.gitignore', [3, 3]),
        other('test/no-safe', '.gitignore', [0, 0], true),
      ],
      'x;',
    );
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.suggestions[0].edits]), [
      ['test/no-nested', [{ file: 'config/.gitignore', range: [0, 0], text: '/.env\n' }]],
      ['test/no-sibling', [{ file: '.gitignore', range: [0, 0], text: '/.env\n' }]],
    ]);
    assert.deepEqual(result.errors.map((e) => e.message).sort(), [
      'rule test/no-absolute failed: Error: an edit of another file needs a relative path inside the folder: /etc/hosts',
      'rule test/no-offset failed: Error: an edit of another file inserts at its start: range [0, 0]',
      'rule test/no-parent failed: Error: an edit of another file needs a relative path inside the folder: ../.gitignore',
      'rule test/no-safe failed: Error: a safe fix edits only the file it is reported in',
    ]);
    assert.equal(applyFixes('x;', result.findings[0].suggestions).text, 'x;', 'applyFixes leaves edits of other files alone');
  });

  it('turns a parser failure into an internal-error record', () => {
    const failing: LanguageAdapter = { ...builtinAdapters[0], parse: () => { throw new SyntaxError('no tree'); } };
    const result = run([badIdentifier], 'bad', 'a.ts', [failing]);
    assert.deepEqual(result.errors, [{ file: 'a.ts', source: 'parser', message: 'could not parse the file: SyntaxError: no tree' }]);
    assert.deepEqual(result.findings, []);
  });

  it('skips binary content and files over the size cap, with a reason', () => {
    assert.match(run([badIdentifier], 'bad\u0000bad').skipped!.reason, /binary/);
    const analyzer = new Analyzer({ rules: [badIdentifier], adapters: builtinAdapters, maxFileSize: 10 });
    const r = analyzer.analyze({ file: 'a.ts', text: 'let bad = 1; // long', settings: new Map([['test/no-bad', { severity: 'error', options: {} }]]) });
    assert.match(r.skipped!.reason, /larger than 10/);
  });

  it('ignores files no adapter reads and rules that are off', () => {
    assert.deepEqual(run([badIdentifier], 'bad', 'notes.txt').findings, []);
    const analyzer = new Analyzer({ rules: [badIdentifier], adapters: builtinAdapters });
    assert.deepEqual(analyzer.analyze({ file: 'a.ts', text: 'bad', settings: new Map() }).findings, []);
  });

  it('honours inline suppressions with a reason and reports those without', () => {
    const text = [
      '// rampart-ignore-next-line test/no-bad -- fixture data, never executed',
      'bad;',
      '/* rampart-ignore-next-line test/no-bad */',
      'bad;',
      '// rampart-ignore-next-line test/no-typo -- reason',
      'bad;',
      '// rampart-ignore-next-line -- reason without rule',
      'bad;',
      'bad; // a suppression only covers the next line',
    ].join('\n');
    const result = run([badIdentifier], text);
    const bad = result.findings.filter((f) => f.ruleId === 'test/no-bad');
    assert.deepEqual(bad.map((f) => [f.start.line, f.suppressed?.reason ?? null]), [
      [2, 'fixture data, never executed'],
      [4, null],
      [6, null],
      [8, null],
      [9, null],
    ]);
    const invalid = result.findings.filter((f) => f.ruleId === 'rampart/invalid-suppression');
    assert.deepEqual(invalid.map((f) => [f.start.line, f.messageId]), [[3, 'missingReason'], [5, 'unknownRule'], [7, 'missingRule']]);
  });

  it('applies suppressions from configuration, for the file or one line', () => {
    const analyzer = new Analyzer({ rules: [badIdentifier], adapters: builtinAdapters });
    const settings = new Map([['test/no-bad', { severity: 'error' as const, options: {} }]]);
    const analyze = (suppressions: Array<{ ruleId: string; reason: string; line?: number }>) =>
      analyzer.analyze({ file: 'a.ts', text: 'bad;\nbad;', settings, suppressions }).findings.map((f) => f.suppressed ?? null);
    assert.deepEqual(analyze([{ ruleId: 'test/no-bad', reason: 'generated file' }]), [
      { kind: 'config', reason: 'generated file' },
      { kind: 'config', reason: 'generated file' },
    ]);
    assert.deepEqual(analyze([{ ruleId: 'test/no-bad', reason: 'reviewed', line: 2 }]), [null, { kind: 'config', reason: 'reviewed' }]);
    assert.deepEqual(analyze([{ ruleId: 'other/no-rule', reason: 'x' }]), [null, null]);
  });

  it('does not treat the marker inside a string as a suppression', () => {
    const result = run([badIdentifier], 'const s = "rampart-ignore-next-line test/no-bad -- x";\nbad;');
    assert.equal(result.findings.filter((f) => f.ruleId === 'test/no-bad' && !f.suppressed).length, 1);
  });
});

describe('applyFixes', () => {
  it('applies non-overlapping fixes and skips a fix that overlaps an accepted one, whole', () => {
    const text = 'abcdef';
    const r = applyFixes(text, [
      { edits: [{ range: [4, 5], text: 'E' }] },
      { edits: [{ range: [0, 1], text: 'A' }, { range: [2, 3], text: 'C' }] },
      { edits: [{ range: [1, 3], text: 'X' }, { range: [5, 6], text: 'F' }] },
    ]);
    assert.deepEqual(r, { text: 'AbCdEf', applied: 2, skipped: 1 });
  });

  it('handles insertions and rejects out-of-range edits', () => {
    assert.equal(applyFixes('ab', [{ edits: [{ range: [1, 1], text: '-' }] }]).text, 'a-b');
    assert.deepEqual(applyFixes('ab', [{ edits: [{ range: [1, 9], text: '' }] }]), { text: 'ab', applied: 0, skipped: 1 });
    assert.deepEqual(applyFixes('ab', [{ edits: [{ range: [1, 1], text: 'x' }] }, { edits: [{ range: [1, 1], text: 'y' }] }]).applied, 1);
  });
});

describe('LineIndex', () => {
  it('maps offsets for LF, CRLF and lone CR, in UTF-16 columns', () => {
    const idx = new LineIndex('a\nb\r\nc\rd😀e');
    assert.deepEqual([0, 2, 5, 7, 8, 10].map((o) => idx.positionAt(o)), [
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
      { line: 4, column: 4 },
    ]);
    assert.equal(idx.offsetAt({ line: 4, column: 4 }), 10);
    assert.equal(idx.lineEnd(2), 3);
  });
});

describe('classifyFile', () => {
  it('classifies by name, extension and shebang', () => {
    const c = (p: string, head?: string) => classifyFile(p, head);
    assert.deepEqual(c('src/a.tsx'), { language: 'js', dialect: 'tsx' });
    assert.deepEqual(c('lib/a.cjs'), { language: 'js', dialect: 'js' });
    assert.equal(c('types/a.d.ts'), null);
    assert.deepEqual(c('Dockerfile'), { language: 'dockerfile', dialect: 'dockerfile' });
    assert.deepEqual(c('ci/api.Dockerfile'), { language: 'dockerfile', dialect: 'dockerfile' });
    assert.deepEqual(c('bin/tool', '#!/usr/bin/env node\nconsole.log(1)'), { language: 'js', dialect: 'js' });
    assert.deepEqual(c('bin/tool', '#!/usr/bin/python3\n'), { language: 'python', dialect: 'python' });
    assert.deepEqual(c('bin/tool', '#!/bin/sh\n'), { language: 'text', dialect: 'shell' });
    assert.equal(c('bin/tool', '#!/usr/bin/fish\n'), null);
    assert.equal(c('README'), null);
  });
});

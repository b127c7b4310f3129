import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting } from '../../src/engine/analyzer';
import { applyFixes } from '../../src/engine/apply-fixes';
import { defineRule, type Rule } from '../../src/engine/rule';
import type { RuleMeta } from '../../src/engine/types';
import { builtinAdapters } from '../../src/languages';
import { notebookDocuments } from '../../src/languages/json/notebook';
import type { PythonHelpers, PythonNode, SyntaxNode } from '../../src/languages/python';

const meta: RuleMeta = {
  description: 'test rule',
  severity: 'error',
  category: 'code-injection',
  riskArea: 'development',
  cwe: ['CWE-95'],
  confidence: 'high',
  recommended: true,
  fix: 'safe',
  messages: { found: '{{what}} found', replace: 'Use {{to}}' },
};

/** Python: every `eval(...)` call, with a safe fix to `ast.literal_eval`. */
const pyEval = defineRule<PythonNode, PythonHelpers>({
  id: 'test/no-py-eval',
  languages: ['python'],
  meta,
  create: (context) => ({
    call(node) {
      const fn = (node as SyntaxNode).childForFieldName('function');
      if (fn?.text !== 'eval') return;
      const [start, end] = context.lang.range(fn);
      context.report({ range: context.lang.range(node), messageId: 'found', data: { what: 'eval' }, fix: { messageId: 'replace', data: { to: 'ast.literal_eval' }, edits: [{ range: [start, end], text: 'ast.literal_eval' }] } });
    },
  }),
});

/** Shell: every `curl … | sh` line (text/shell documents). */
const curlPipe = defineRule({
  id: 'test/no-curl-pipe',
  languages: ['text'],
  meta: { ...meta, fix: 'none' },
  create: (context) => ({
    File() {
      if (context.classification.dialect !== 'shell') return;
      for (const m of context.text.matchAll(/curl [^\n|]*\| *sh/g)) context.report({ range: [m.index, m.index + m[0].length], messageId: 'found', data: { what: 'curl | sh' } });
    },
  }),
});

function notebook(cells: Array<{ type?: string; source: string[] }>): string {
  const json = {
    cells: cells.map((c) => ({ cell_type: c.type ?? 'code', execution_count: null, metadata: {}, outputs: [], source: c.source })),
    metadata: { language_info: { name: 'python' } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}

function analyze(text: string, rules: readonly Rule[] = [pyEval, curlPipe], suppressions: Array<{ ruleId: string; reason: string; line?: number }> = []) {
  const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
  const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  return analyzer.analyzeAsync({ file: 'nb/analysis.ipynb', text, settings, suppressions }, { services: {} });
}

const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('embedded documents: the Python and shell of a notebook', () => {
  const NB = notebook([
    { type: 'markdown', source: ['# eval(x) in Markdown is text\n'] },
    { source: ['%matplotlib inline\n', '!pip install pandas\n', 'import json\n', 'x = eval(input("\u00e9 \\"q\\""))\n'] },
    { source: ['%%bash\n', 'curl https://get.example.sh | sh\n'] },
    { source: ['%%time\n', 'y = eval("1 + 1")\n'] },
    { source: ['%%html\n', '<b onclick="eval(1)">x</b>\n'] },
  ]).replace('\u00e9', '\\u00e9'); // the file spells é as a JSON escape

  it('reports rules of the cell languages at the lines of the .ipynb file, with exact ranges', async () => {
    const result = await analyze(NB);
    assert.deepEqual(result.errors, []);
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.start.line, NB.slice(f.range[0], f.range[1])]),
      [
        ['test/no-py-eval', lineOf(NB, 'x = eval'), String.raw`eval(input(\"\u00e9 \\\"q\\\"\"))`],
        ['test/no-curl-pipe', lineOf(NB, 'curl https'), 'curl https://get.example.sh | sh'],
        ['test/no-py-eval', lineOf(NB, 'y = eval'), String.raw`eval(\"1 + 1\")`],
      ],
    );
  });

  it('writes fixes back into the JSON string of the cell, keeping the notebook valid', async () => {
    const result = await analyze(NB);
    const fixed = applyFixes(NB, result.findings.flatMap((f) => (f.fix ? [f.fix] : []))).text;
    const cells = JSON.parse(fixed).cells as Array<{ source: string[] }>;
    assert.equal(cells[1].source[3], 'x = ast.literal_eval(input("\u00e9 \\"q\\""))\n');
    assert.equal(cells[3].source[1], 'y = ast.literal_eval("1 + 1")\n');
  });

  it('applies inline suppressions in a cell and configuration waivers by the line of the file', async () => {
    const suppressed = notebook([{ source: ['# rampart-ignore-next-line test/no-py-eval -- a fixed expression\n', 'eval("2")\n', 'eval("3")\n'] }]);
    const result = await analyze(suppressed, [pyEval], [{ ruleId: 'test/no-py-eval', reason: 'reviewed', line: lineOf(suppressed, 'eval(\\"3') }]);
    assert.deepEqual(
      result.findings.map((f) => [f.start.line, f.suppressed?.kind]),
      [
        [lineOf(suppressed, 'eval(\\"2'), 'inline'],
        [lineOf(suppressed, 'eval(\\"3'), 'config'],
      ],
    );
  });

  it('blanks magics and shell escapes out of the Python, and keeps only them in the shell document', () => {
    const docs = notebookDocuments(NB);
    assert.deepEqual(docs.map((d) => `${d.classification.language}/${d.classification.dialect}`), ['python/python', 'text/shell']);
    const [python, shell] = docs;
    assert.ok(!python.text.includes('pip') && !python.text.includes('%') && !python.text.includes('onclick'), python.text);
    assert.match(python.text, /^ {18}\n {19}\nimport json\n/);
    assert.match(shell.text, / pip install pandas/);
    assert.ok(!shell.text.includes('import json'));
    assert.deepEqual(notebookDocuments('{"cells": []}'), []);
    assert.deepEqual(notebookDocuments('not json'), []);
  });

  it('runs a rule of both languages on the cells too, unless it reads them from the notebook itself', async () => {
    const both = (id: string, readsEmbeddedDocuments: boolean) =>
      defineRule({
        id,
        languages: ['json', 'python'],
        meta: { ...meta, fix: 'none', readsEmbeddedDocuments },
        create: (c) => ({ File() { c.report({ range: [0, 1], messageId: 'found', data: { what: c.classification.language } }); } }),
      });
    assert.deepEqual((await analyze(NB, [both('test/no-both', false)])).findings.map((f) => f.message), ['json found', 'python found']);
    assert.deepEqual((await analyze(NB, [both('test/no-itself', true)])).findings.map((f) => f.message), ['json found']);
  });
});

import assert from 'node:assert/strict';
import { applySafeFixes } from '../../src/cli/fix';
import { useColor } from '../../src/cli/scan';
import { Analyzer, type RuleSetting } from '../../src/engine/analyzer';
import { defineRule, type Rule } from '../../src/engine/rule';
import type { Identifier } from '@babel/types';
import { builtinAdapters } from '../../src/languages';

/** Reports every `danger` identifier with a safe fix (`safe`) and a suggestion (`maybe`). */
const dangerRule = defineRule({
  id: 'test/no-danger',
  languages: ['js'],
  meta: {
    description: 'Demo rule with a fix and a suggestion',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-94'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: { danger: 'danger', useSafe: 'Use safe', useMaybe: 'Use maybe' },
  },
  create: (context) => ({
    Identifier(node) {
      const id = node as Identifier;
      if (id.name !== 'danger') return;
      const range = [id.start!, id.end!] as const;
      context.report({
        range,
        messageId: 'danger',
        fix: { messageId: 'useSafe', edits: [{ range, text: 'safe' }] },
        suggest: [{ messageId: 'useMaybe', edits: [{ range, text: 'maybe' }] }],
      });
    },
  }),
});

/** Reports `wrap(x)` and fixes it to `x`; nested calls overlap and need more than one pass. */
const wrapRule = defineRule({
  id: 'test/no-wrap',
  languages: ['js'],
  meta: {
    description: 'Demo rule whose fixes overlap',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-94'],
    confidence: 'high',
    recommended: true,
    fix: 'safe',
    messages: { wrap: 'wrap', unwrap: 'Unwrap' },
  },
  create: (context) => ({
    CallExpression(node) {
      const call = node as { callee: { type: string; name?: string }; arguments: Array<{ start: number; end: number }>; start: number; end: number };
      if (call.callee.type !== 'Identifier' || call.callee.name !== 'wrap' || call.arguments.length !== 1) return;
      const [arg] = call.arguments;
      context.report({
        range: [call.start, call.end],
        messageId: 'wrap',
        fix: { messageId: 'unwrap', edits: [{ range: [call.start, call.end], text: context.text.slice(arg.start, arg.end) }] },
      });
    },
  }),
});

function analyzerFor(...rules: Rule[]) {
  const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
  const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  return async (text: string) => analyzer.analyze({ file: 'x.js', text, settings });
}

describe('applySafeFixes', () => {
  it('applies safe fixes only, never suggestions, and skips suppressed findings', async () => {
    const analyze = analyzerFor(dangerRule as Rule);
    const text = 'call(danger);\n// rampart-ignore-next-line test/no-danger -- reviewed\ncall(danger);\n';
    const outcome = await applySafeFixes(text, await analyze(text), analyze);
    assert.equal(outcome.text, 'call(safe);\n// rampart-ignore-next-line test/no-danger -- reviewed\ncall(danger);\n');
    assert.equal(outcome.applied, 1);
    assert.deepEqual(outcome.result.findings.map((f) => [f.start.line, !!f.suppressed]), [[3, true]], 'the result is re-analysed');
  });

  it('re-runs until overlapping fixes are all applied', async () => {
    const analyze = analyzerFor(wrapRule as Rule);
    const text = 'x = wrap(wrap(wrap(1)));\n';
    const outcome = await applySafeFixes(text, await analyze(text), analyze);
    assert.equal(outcome.text, 'x = 1;\n');
    assert.equal(outcome.applied, 3);
    assert.equal(outcome.result.findings.length, 0);
  });

  it('changes nothing when nothing is fixable', async () => {
    const analyze = analyzerFor(dangerRule as Rule);
    const text = 'call(fine);\n';
    const first = await analyze(text);
    assert.deepEqual(await applySafeFixes(text, first, analyze), { text, result: first, applied: 0 });
  });
});

describe('useColor', () => {
  it('follows the terminal, NO_COLOR and FORCE_COLOR', () => {
    assert.equal(useColor({ isTTY: true }, {}), true);
    assert.equal(useColor({ isTTY: false }, {}), false);
    assert.equal(useColor({}, {}), false);
    assert.equal(useColor({ isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1' }), true);
    assert.equal(useColor({ isTTY: true }, { FORCE_COLOR: 'false' }), false);
    assert.equal(useColor({ isTTY: false }, { FORCE_COLOR: '1', NO_COLOR: '1' }), true, 'FORCE_COLOR wins');
    assert.equal(useColor({ isTTY: true }, { FORCE_COLOR: '' }), true, 'an empty FORCE_COLOR does not count');
  });
});

import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting, type Service } from '../../src/engine/analyzer';
import { defineRule, type Rule } from '../../src/engine/rule';
import type { RuleMeta } from '../../src/engine/types';
import { builtinAdapters } from '../../src/languages';
import type { JsNode } from '../../src/languages/js/parse';

const meta: RuleMeta = {
  description: 'reports every string, held for a service',
  severity: 'warning',
  category: 'code-injection',
  riskArea: 'development',
  cwe: ['CWE-78'],
  confidence: 'high',
  recommended: true,
  fix: 'none',
  requires: ['callers'],
  messages: { held: '{{value}} held' },
};

/** What `hide` was called with, in order. */
let decisions: unknown[] = [];

/** Reports each string literal held for `callers`: hidden when the answer is `hide`, or when there is none and the string is `quiet`. */
const holding: Rule = defineRule<JsNode>({
  id: 'test/no-held-string',
  languages: ['js'],
  meta,
  create: (context) => ({
    StringLiteral(node) {
      const value = (node as { value: string }).value;
      context.report({
        range: [node.start!, node.end!],
        messageId: 'held',
        data: { value },
        hold: {
          service: 'callers',
          query: { value },
          hide: (answer) => {
            decisions.push(answer);
            return answer === undefined ? value === 'quiet' : answer === 'hide';
          },
        },
      });
    },
  }),
});

const settings = new Map<string, RuleSetting>([[holding.id, { severity: 'warning', options: {} }]]);
const code = "const a = 'loud';\nconst b = 'quiet';\n";
const analyzer = new Analyzer({ rules: [holding], adapters: builtinAdapters });

/** A service answering from a table by the query's `value`; records the queries. */
function callers(table: Record<string, unknown>): Service & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    answer: async (query) => {
      asked.push(query);
      const value = (query as { value: string }).value;
      if (value === 'reject') throw new Error('down');
      return table[value] ?? null;
    },
  };
}

const lines = (findings: readonly { start: { line: number } }[]) => findings.map((f) => f.start.line);

describe('held findings (ReportDescriptor.hold)', () => {
  beforeEach(() => {
    decisions = [];
  });

  it('asks the service with the file and rule added, and shows each finding unless its answer hides it', async () => {
    const service = callers({ loud: 'show', quiet: 'hide' });
    const result = await analyzer.analyzeAsync({ file: 'src/a.ts', text: code, settings }, { services: { callers: service } });
    assert.deepEqual(service.asked, [
      { value: 'loud', file: 'src/a.ts', ruleId: 'test/no-held-string' },
      { value: 'quiet', file: 'src/a.ts', ruleId: 'test/no-held-string' },
    ]);
    assert.deepEqual(lines(result.findings), [1]);
    assert.deepEqual(decisions, ['show', 'hide']);
    assert.equal(result.unanswered, undefined);
  });

  it('decides without an answer when there is no such service, in a synchronous analysis, or when the service fails', async () => {
    const none = await analyzer.analyzeAsync({ file: 'a.ts', text: code, settings }, { services: {} });
    assert.deepEqual(lines(none.findings), [1], 'hide(undefined): the loud string shown, the quiet one not');
    assert.equal(none.unanswered, 2);
    const sync = analyzer.analyze({ file: 'a.ts', text: code, settings });
    assert.deepEqual(lines(sync.findings), [1]);
    assert.equal(sync.unanswered, 2);
    const failing = await analyzer.analyzeAsync({ file: 'a.ts', text: "x('reject');\n", settings }, { services: { callers: callers({}) } });
    assert.deepEqual(lines(failing.findings), [1]);
    assert.deepEqual(decisions.slice(-1), [undefined]);
  });

  it('decides without an answer when the analysis is cancelled', async () => {
    const controller = new AbortController();
    const slow: Service = { answer: () => new Promise(() => controller.abort()) };
    const result = await analyzer.analyzeAsync({ file: 'a.ts', text: code, settings }, { services: { callers: slow }, signal: controller.signal });
    assert.deepEqual(lines(result.findings), [1]);
    assert.equal(result.unanswered, 2);
  });

  it('is not held in an analysis for summaries: every finding is a fact there, and nothing is asked', async () => {
    const service = callers({ loud: 'hide', quiet: 'hide' });
    const result = await analyzer.analyzeAsync({ file: 'a.ts', text: code, settings, summaries: true }, { services: { callers: service } });
    assert.deepEqual(lines(result.findings), [1, 2]);
    assert.deepEqual(service.asked, []);
    assert.deepEqual(decisions, []);
  });

  it('refuses a hold for a service the rule does not declare (the rule fails for the file)', () => {
    const undeclared: Rule = defineRule<JsNode>({
      ...holding,
      id: 'test/no-undeclared-hold',
      meta: { ...meta, requires: [] },
    });
    const result = new Analyzer({ rules: [undeclared], adapters: builtinAdapters }).analyze({
      file: 'a.ts',
      text: code,
      settings: new Map([[undeclared.id, { severity: 'warning', options: {} }]]),
    });
    assert.deepEqual(result.findings, []);
    assert.match(result.errors[0]?.message ?? '', /held a finding for service "callers" that meta.requires does not declare/);
  });
});

import assert from 'node:assert/strict';
import { Analyzer, type RuleSetting, type Service } from '../../src/engine/analyzer';
import { defineRule, type Rule } from '../../src/engine/rule';
import type { LanguageAdapter } from '../../src/engine/language';
import type { RuleMeta } from '../../src/engine/types';
import { builtinAdapters } from '../../src/languages';
import type { JsNode } from '../../src/languages/js/parse';

const meta: RuleMeta = {
  description: 'asks a service about every string',
  severity: 'warning',
  category: 'supply-chain',
  riskArea: 'development',
  cwe: ['CWE-829'],
  confidence: 'high',
  recommended: true,
  fix: 'none',
  requires: ['lookup'],
  messages: { bad: '{{value}} is bad', asked: 'asked {{value}}' },
};

/** Asks `lookup` about every string literal; reports the ones it answers `bad` for. */
const askStrings: Rule = defineRule<JsNode>({
  id: 'test/no-bad-string',
  languages: ['js'],
  meta,
  create: (context) => ({
    StringLiteral(node) {
      const value = (node as { value: string }).value;
      context.ask<string>('lookup', value, (answer) => {
        if (answer === 'bad') context.report({ range: [node.start!, node.end!], messageId: 'bad', data: { value } });
        if (answer === 'again') context.ask<string>('lookup', `${value}!`, (second) => {
          if (second === 'bad') context.report({ range: [node.start!, node.end!], messageId: 'bad', data: { value } });
        });
        if (answer === 'throw') throw new Error('callback failed');
      });
    },
  }),
});

/** A service over a table, answering after `delayMs`; records what it was asked. */
function tableService(table: Record<string, string>, delayMs = 0): Service & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    answer: (query, signal) =>
      new Promise((resolve, reject) => {
        asked.push(query);
        const timer = setTimeout(() => resolve(table[String(query)] ?? 'ok'), delayMs);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('aborted'));
        });
      }),
  };
}

function analyzer(rules: Rule[] = [askStrings], adapters: readonly LanguageAdapter[] = builtinAdapters): Analyzer {
  return new Analyzer({ rules, adapters });
}

const settings = new Map<string, RuleSetting>([[askStrings.id, { severity: 'warning', options: {} }]]);
const code = "const a = 'fine';\nconst b = 'evil';\n// rampart-ignore-next-line test/no-bad-string -- known\nconst c = 'evil';";

describe('Analyzer.analyzeAsync (the batched service step)', () => {
  it('answers questions after the traversal and lets callbacks report, with suppressions applied afterwards', async () => {
    const service = tableService({ evil: 'bad' });
    const result = await analyzer().analyzeAsync({ file: 'a.ts', text: code, settings }, { services: { lookup: service } });
    assert.deepEqual(service.asked, ['fine', 'evil', 'evil']);
    assert.deepEqual(
      result.findings.map((f) => [f.start.line, f.message, f.suppressed?.reason ?? null]),
      [
        [2, 'evil is bad', null],
        [4, 'evil is bad', 'known'],
      ],
    );
    assert.equal(result.unanswered, undefined);
  });

  it('synchronous analyze leaves the questions unanswered and says how many', () => {
    const result = analyzer().analyze({ file: 'a.ts', text: code, settings });
    assert.deepEqual(result.findings, []);
    assert.equal(result.unanswered, 3);
  });

  it('a question to a service that is not provided stays unanswered', async () => {
    const result = await analyzer().analyzeAsync({ file: 'a.ts', text: code, settings }, { services: {} });
    assert.deepEqual(result.findings, []);
    assert.equal(result.unanswered, 3);
  });

  it('answers may ask again (a second round)', async () => {
    const service = tableService({ evil: 'again', 'evil!': 'bad' });
    const result = await analyzer().analyzeAsync({ file: 'a.ts', text: "x('evil')", settings }, { services: { lookup: service } });
    assert.deepEqual(service.asked, ['evil', 'evil!']);
    assert.equal(result.findings.length, 1);
  });

  it('drops what is open at the deadline, keeps what was answered, and does not wait longer', async () => {
    const slow = tableService({ evil: 'bad' }, 5_000);
    const started = Date.now();
    const result = await analyzer().analyzeAsync({ file: 'a.ts', text: code, settings }, { services: { lookup: slow }, timeoutMs: 100 });
    assert.ok(Date.now() - started < 2_000, `took ${Date.now() - started} ms`);
    assert.deepEqual(result.findings, []);
    assert.equal(result.unanswered, 3);
  });

  it('stops on cancellation', async () => {
    const controller = new AbortController();
    const slow = tableService({ evil: 'bad' }, 5_000);
    const pending = analyzer().analyzeAsync({ file: 'a.ts', text: code, settings }, { services: { lookup: slow }, signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const result = await pending;
    assert.equal(result.unanswered, 3);
  });

  it('a service that rejects answers nothing; a callback that throws is an error of its rule only', async () => {
    const rejecting: Service = { answer: () => Promise.reject(new Error('boom')) };
    const rejected = await analyzer().analyzeAsync({ file: 'a.ts', text: code, settings }, { services: { lookup: rejecting } });
    assert.deepEqual([rejected.findings, rejected.errors, rejected.unanswered], [[], [], 3]);
    const throwing = tableService({ fine: 'throw', evil: 'bad' });
    const result = await analyzer().analyzeAsync({ file: 'a.ts', text: code, settings }, { services: { lookup: throwing } });
    assert.equal(result.errors.length, 1);
    assert.match(result.errors[0].message, /rule test\/no-bad-string failed: Error: callback failed/);
    assert.deepEqual(result.findings, [], 'the rule is disabled for the file after it threw');
  });

  it('refuses a question to a service the rule does not declare', () => {
    const undeclared = defineRule<JsNode>({
      id: 'test/no-undeclared',
      languages: ['js'],
      meta: { ...meta, requires: [] },
      create: (context) => ({ Program: () => context.ask('lookup', 'x', () => undefined) }),
    });
    const result = analyzer([undeclared]).analyze({ file: 'a.ts', text: 'x', settings: new Map([[undeclared.id, { severity: 'warning', options: {} }]]) });
    assert.match(result.errors[0].message, /asked service "lookup" that meta.requires does not declare/);
  });

  it('prepares an adapter before parsing and disposes of the parsed file afterwards', async () => {
    const calls: string[] = [];
    let ready = false;
    const adapter: LanguageAdapter = {
      id: 'text',
      lineComment: null,
      prepare: async () => {
        calls.push('prepare');
        ready = true;
      },
      parse: () => {
        if (!ready) throw new Error('not loaded');
        calls.push('parse');
        return { root: { type: 'File' }, comments: [], syntaxErrors: [] };
      },
      traverse: (parsed, visitors) => visitors.enter.get('File')?.forEach((v) => v(parsed.root)),
      createHelpers: () => ({}),
      dispose: () => calls.push('dispose'),
    };
    const rule = defineRule({
      id: 'test/no-text',
      languages: ['text'],
      meta: { ...meta, requires: [] },
      create: (context) => ({ File: () => context.report({ range: [0, 1], messageId: 'asked', data: { value: 'x' } }) }),
    });
    const textSettings = new Map([[rule.id, { severity: 'warning' as const, options: {} }]]);
    const request = { file: 'notes.md', text: 'hello', settings: textSettings, classification: { language: 'text' as const, dialect: 'markdown' } };
    assert.match(analyzer([rule], [adapter]).analyze(request).errors[0].message, /not loaded/);
    const result = await analyzer([rule], [adapter]).analyzeAsync(request, { services: {} });
    assert.equal(result.findings.length, 1);
    assert.deepEqual(calls, ['prepare', 'parse', 'dispose']);
  });
});

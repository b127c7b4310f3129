import assert from 'node:assert/strict';
import { validateRule } from '../../src/engine/rule';
import { builtinRules } from '../../src/rules';

describe('rule metadata', () => {
  it('rule ids are unique', () => {
    const ids = builtinRules.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
  });
  for (const rule of builtinRules) {
    it(`${rule.id} has valid metadata`, () => {
      assert.deepEqual(validateRule(rule), []);
      if (rule.meta.category !== 'meta') assert.ok(rule.meta.cwe.length > 0, 'security rules need a CWE');
      for (const [id, text] of Object.entries(rule.meta.messages)) {
        assert.ok(text.trim().length > 0, `message ${id} is empty`);
      }
    });
  }
  it('rejects malformed rules', () => {
    const base = {
      id: 'js/no-thing',
      languages: ['js'] as const,
      meta: { description: 'd', severity: 'error' as const, category: 'crypto' as const, cwe: ['CWE-1'], confidence: 'high' as const, recommended: true, fix: 'none' as const, messages: { a: 'x' } },
      create: () => ({}),
    };
    assert.deepEqual(validateRule(base), []);
    assert.ok(validateRule({ ...base, id: 'thing' }).length > 0, 'bad id');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, cwe: [] } }).length > 0, 'missing CWE');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, cwe: ['78'] } }).length > 0, 'malformed CWE');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, messages: { 'Bad-Id': 'x' } } }).length > 0, 'messageId');
  });
});

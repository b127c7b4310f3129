import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RISK_AREAS, RISK_AREA_LABELS, validateRule } from '../../src/engine/rule';
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
      meta: { description: 'd', severity: 'error' as const, category: 'crypto' as const, riskArea: 'development' as const, cwe: ['CWE-1'], confidence: 'high' as const, recommended: true, fix: 'none' as const, messages: { a: 'x' } },
      create: () => ({}),
    };
    assert.deepEqual(validateRule(base), []);
    assert.ok(validateRule({ ...base, id: 'thing' }).length > 0, 'bad id');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, cwe: [] } }).length > 0, 'missing CWE');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, cwe: ['78'] } }).length > 0, 'malformed CWE');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, messages: { 'Bad-Id': 'x' } } }).length > 0, 'messageId');
    const { riskArea: _omitted, ...noArea } = base.meta;
    assert.ok(validateRule({ ...base, meta: noArea as unknown as typeof base.meta }).length > 0, 'missing risk area');
    assert.ok(validateRule({ ...base, meta: { ...base.meta, riskArea: 'elsewhere' as unknown as 'misuse' } }).length > 0, 'unknown risk area');
  });
  it('every rule names one of the five risk areas', () => {
    assert.deepEqual(RISK_AREAS.map((a) => a.id), ['misuse', 'operation', 'development', 'supply-chain', 'oversight']);
    for (const rule of builtinRules) {
      assert.ok(Object.hasOwn(RISK_AREA_LABELS, rule.meta.riskArea), `${rule.id} has risk area ${String(rule.meta.riskArea)}`);
    }
    // Every area has rules; the meta rule about suppressions is the oversight one.
    const used = new Set(builtinRules.map((r) => r.meta.riskArea));
    for (const area of RISK_AREAS) assert.ok(used.has(area.id), `no rule in ${area.id}`);
    assert.equal(builtinRules.find((r) => r.id === 'rampart/invalid-suppression')!.meta.riskArea, 'oversight');
    for (const rule of builtinRules.filter((r) => r.id.startsWith('packages/'))) assert.equal(rule.meta.riskArea, 'supply-chain', rule.id);
  });
  it('each rule doc page names the risk area in its metadata table', () => {
    for (const rule of builtinRules) {
      const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'rules', `${rule.id}.md`), 'utf8').split('\n');
      const header = doc.findIndex((l) => l.startsWith('| Severity |'));
      const cells = (line: string | undefined) => (line ?? '').split('|').slice(1, -1).map((c) => c.trim());
      const area = cells(doc[header + 2])[cells(doc[header]).indexOf('Area')];
      assert.equal(area, RISK_AREA_LABELS[rule.meta.riskArea], `docs/rules/${rule.id}.md`);
    }
  });
});

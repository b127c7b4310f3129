import Ajv from 'ajv';
import assert from 'node:assert/strict';
import { buildConfigSchema } from '../../src/config';
import { builtinRules } from '../../src/rules';
import { optionsRule, rules } from './helpers';

/** The value at a path inside a generated schema. */
function at(value: unknown, ...path: Array<string | number>): unknown {
  return path.reduce<unknown>((v, key) => (v as Record<string | number, unknown> | undefined)?.[key], value);
}

describe('buildConfigSchema', () => {
  const schema = buildConfigSchema(rules);
  const ruleProps = at(schema, 'definitions', 'rules', 'properties') as Record<string, unknown>;

  it('is a draft-07 schema that rejects unknown keys at every level', () => {
    assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(Object.keys(at(schema, 'properties') as object), ['$schema', 'root', 'extends', 'rules', 'overrides', 'ignore', 'suppressions', 'packages']);
    assert.equal(at(schema, 'definitions', 'rules', 'additionalProperties'), false);
    // One definition of the rule settings, used at the top level and in each override.
    assert.deepEqual(at(schema, 'properties', 'rules'), { $ref: '#/definitions/rules' });
    assert.deepEqual(at(schema, 'properties', 'overrides', 'items', 'properties', 'rules'), { $ref: '#/definitions/rules' });
  });

  it('has one property per rule id, described from the rule metadata', () => {
    assert.deepEqual(Object.keys(ruleProps), ['js/no-disabled-tls', 'rampart/invalid-suppression', 'test/no-options-demo']);
    assert.equal(
      at(ruleProps, 'js/no-disabled-tls', 'description'),
      'TLS certificate verification must not be turned off (default: error, recommended, CWE-295)',
    );
    assert.match(String(at(ruleProps, 'test/no-options-demo', 'description')), /not recommended/);
    const severities = ['off', 'info', 'warning', 'error'];
    assert.deepEqual(at(ruleProps, 'js/no-disabled-tls', 'anyOf', 0, 'enum'), severities, 'completion for the short form');
    assert.deepEqual(at(ruleProps, 'js/no-disabled-tls', 'anyOf', 1, 'properties', 'severity', 'enum'), severities);
    assert.equal(at(ruleProps, 'js/no-disabled-tls', 'anyOf', 1, 'additionalProperties'), false);
  });

  it("embeds each rule's options schema, and an empty-object schema for rules without options", () => {
    assert.deepEqual(at(ruleProps, 'test/no-options-demo', 'anyOf', 1, 'properties', 'options'), optionsRule.meta.optionsSchema);
    assert.equal(at(ruleProps, 'js/no-disabled-tls', 'anyOf', 1, 'properties', 'options', 'additionalProperties'), false);
  });

  it('lists every built-in rule and compiles under ajv strict mode', () => {
    const built = buildConfigSchema(builtinRules);
    assert.deepEqual(Object.keys(at(built, 'definitions', 'rules', 'properties') as object), builtinRules.map((r) => r.id).sort());
    const ajv = new Ajv({ strict: true });
    ajv.addVocabulary(['enumDescriptions']);
    const validate = ajv.compile(built);
    assert.equal(validate({ extends: ['rampart:all'], rules: { 'js/no-disabled-tls': 'off' }, ignore: ['a/**'] }), true);
    assert.equal(validate({ rules: { 'js/unknown': 'off' } }), false);
  });

  it('describes suppressions for editor completion: rule ids with descriptions, required keys, formats', () => {
    const items = at(schema, 'properties', 'suppressions', 'items') as Record<string, unknown>;
    assert.equal(at(schema, 'properties', 'suppressions', 'type'), 'array');
    assert.deepEqual(items.required, ['rule', 'path', 'reason']);
    assert.equal(items.additionalProperties, false);
    assert.deepEqual(Object.keys(items.properties as object), ['rule', 'path', 'reason', 'expires', 'owner', 'line', 'jsonPath', 'fingerprint']);
    for (const key of ['rule', 'path', 'reason', 'expires', 'owner', 'line', 'jsonPath', 'fingerprint']) {
      assert.match(String(at(items, 'properties', key, 'description')), /\w{3,}/, `${key} has a description`);
    }
    assert.deepEqual(at(items, 'properties', 'rule', 'enum'), ['js/no-disabled-tls', 'rampart/invalid-suppression', 'test/no-options-demo']);
    assert.deepEqual(at(items, 'properties', 'rule', 'enumDescriptions'), [
      'TLS certificate verification must not be turned off',
      'Suppression comments must name known rules and give a reason',
      'Demo rule with options',
    ]);
    const ajv = new Ajv({ strict: true });
    ajv.addVocabulary(['enumDescriptions']);
    const validate = ajv.compile(schema);
    const entry = { rule: 'js/no-disabled-tls', path: 'a.js', reason: 'r' };
    assert.equal(validate({ suppressions: [entry, { ...entry, line: 3, expires: '2027-06-30' }] }), true);
    assert.equal(validate({ suppressions: [{ ...entry, reason: ' ' }] }), false, 'blank reason');
    assert.equal(validate({ suppressions: [{ ...entry, expires: '30/06/2027' }] }), false, 'date format');
    assert.equal(validate({ suppressions: [{ ...entry, line: 0 }] }), false, 'line below 1');
  });

  it('is deterministic: rule order does not change the schema', () => {
    assert.deepEqual(buildConfigSchema([...rules].reverse()), schema);
  });
});

import assert from 'node:assert/strict';
import { applyFixes } from '../../../src/engine/apply-fixes';
import { terraformAdapter } from '../../../src/languages/terraform';
import { attributeCheckRule, type AttributeCheck } from '../../../src/rules/iac/attribute-check';
import { lint } from '../../lib/rule-tester';

/**
 * Edge cases of the checks-table interpreter that rows cannot generate: layouts of the file being fixed,
 * values the model cannot know, and platform-specific shapes. Uses test-only rows.
 */
const base = {
  description: 'Test row',
  severity: 'warning',
  cwe: ['CWE-311'],
  riskArea: 'development',
  risk: 'data is exposed',
  why: 'Why.',
  howToFix: 'Fix it.',
  references: [{ title: 'docs', url: 'https://example.com' }],
} as const;
const example = { incorrect: '', correct: '' };

const nested = attributeCheckRule({
  ...base,
  id: 'test/require-nested',
  terraform: [{ types: ['test_thing'], path: ['outer', 'inner', 'enabled'], expect: { oneOf: [true] }, default: false, fix: true, example }],
  cloudformation: [{ types: ['AWS::Test::Thing'], path: ['Outer', 'Enabled'], expect: { oneOf: [true] }, default: false, fix: true, example }],
} satisfies AttributeCheck);

const mapped = attributeCheckRule({
  ...base,
  id: 'test/no-serial-port',
  terraform: [{ types: ['test_vm'], path: ['metadata', 'serial-port-enable'], expect: { noneOf: [true] }, fix: false, example }],
} satisfies AttributeCheck);

const needsKey = attributeCheckRule({
  ...base,
  id: 'test/require-key',
  terraform: [{ types: ['test_log'], path: ['kms_key_id'], expect: { present: true }, default: null, example }],
  cloudformation: [{ types: ['AWS::Test::Log'], path: ['KmsKeyId'], expect: { present: true }, default: null, example }],
} satisfies AttributeCheck);

const onlyWhen = attributeCheckRule({
  ...base,
  id: 'test/require-secure-transport',
  terraform: [{ types: ['test_config'], path: ['value'], expect: { oneOf: ['ON'] }, when: [{ path: ['name'], oneOf: ['require_secure_transport'] }], example }],
  cloudformation: [{ types: ['AWS::Test::Config'], path: ['Value'], expect: { oneOf: ['ON'] }, when: [{ path: ['Name'], oneOf: ['require_secure_transport'] }], example }],
} satisfies AttributeCheck);

const forbiddenInList = attributeCheckRule({
  ...base,
  id: 'test/no-admin-policy',
  terraform: [{ types: ['test_role'], path: ['policies'], expect: { noneOf: ['admin'] }, example }],
  cloudformation: [{ types: ['AWS::Test::Role'], path: ['Policies'], expect: { noneOf: ['admin'] }, example }],
} satisfies AttributeCheck);

function fixed(rule: typeof nested, code: string, file: string): string {
  const findings = lint(rule, code, file);
  assert.equal(findings.length, 1, JSON.stringify(findings.map((f) => f.message)));
  assert.equal(findings[0].suggestions.length, 1);
  return applyFixes(code, [findings[0].suggestions[0]]).text;
}

describe('IaC checks table: interpreter edge cases', () => {
  before(() => terraformAdapter.prepare!());

  describe('Terraform', () => {
    it('adds the missing blocks below the deepest one there, indented like the file, and the fix is clean', () => {
      const code = 'resource "test_thing" "a" {\n    name = "x"\n    outer {\n        other = 1\n    }\n}\n';
      const out = fixed(nested, code, 'main.tf');
      assert.equal(out, 'resource "test_thing" "a" {\n    name = "x"\n    outer {\n      inner {\n        enabled = true\n      }\n        other = 1\n    }\n}\n');
      assert.deepEqual(lint(nested, out, 'main.tf'), []);
      assert.equal(lint(nested, code, 'main.tf')[0].start.line, 3, 'reported on the deepest block that exists');
    });

    it('keeps CRLF line breaks and opens a one-line block', () => {
      const out = fixed(nested, 'resource "test_thing" "a" {}\r\n', 'main.tf');
      assert.equal(out, 'resource "test_thing" "a" {\r\n  outer {\r\n    inner {\r\n      enabled = true\r\n    }\r\n  }\r\n}\r\n');
    });

    it('judges every block when a nested block repeats', () => {
      const code = 'resource "test_thing" "a" {\n  outer {\n    inner { enabled = false }\n  }\n  outer {\n    inner { enabled = true }\n  }\n  outer {\n    inner { enabled = false }\n  }\n}\n';
      assert.deepEqual(lint(nested, code, 'main.tf').map((f) => f.start.line), [3, 9]);
    });

    it('stays silent when a dynamic block with an unknown for_each may provide the block', () => {
      const code = 'resource "test_thing" "a" {\n  dynamic "outer" {\n    for_each = var.outers\n    content {\n      inner { enabled = outer.value }\n    }\n  }\n}\n';
      assert.deepEqual(lint(nested, code, 'main.tf'), []);
    });

    it('judges blocks expanded from a dynamic block over a literal list', () => {
      const code = 'resource "test_thing" "a" {\n  dynamic "outer" {\n    for_each = [false]\n    content {\n      inner { enabled = outer.value }\n    }\n  }\n}\n';
      assert.deepEqual(lint(nested, code, 'main.tf').map((f) => f.messageId), ['insecure']);
    });

    it('resolves variable defaults and locals in the same file', () => {
      const code = 'variable "on" {\n  default = false\n}\nresource "test_thing" "a" {\n  outer {\n    inner { enabled = var.on }\n  }\n}\n';
      assert.equal(lint(nested, code, 'main.tf')[0].message, "'test_thing.a' sets outer.inner.enabled to false: data is exposed.");
    });

    it('takes null as the provider default', () => {
      const code = 'resource "test_thing" "a" {\n  outer {\n    inner { enabled = null }\n  }\n}\n';
      assert.equal(lint(nested, code, 'main.tf')[0].message, "'test_thing.a' sets outer.inner.enabled to null: data is exposed.");
    });

    it('judges a key of a map attribute, on the attribute, without a suggestion', () => {
      const code = 'resource "test_vm" "a" {\n  metadata = {\n    serial-port-enable = "true"\n    ssh-keys           = var.keys\n  }\n}\n';
      const [f] = lint(mapped, code, 'main.tf');
      assert.equal(f.start.line, 2);
      assert.equal(f.end.line, 5);
      assert.deepEqual(f.suggestions, []);
      assert.deepEqual(lint(mapped, code.replace('"true"', '"false"'), 'main.tf'), []);
      assert.deepEqual(lint(mapped, 'resource "test_vm" "a" {\n  metadata = merge(local.m, { x = 1 })\n}\n', 'main.tf'), [], 'a map the model cannot know');
    });

    it('reports a present check on the header without a suggestion, and takes a nested block as present', () => {
      const [f] = lint(needsKey, 'resource "test_log" "a" {\n  name = "x"\n}\n', 'main.tf');
      assert.equal(f.message, "'test_log.a' does not set kms_key_id: data is exposed.");
      assert.deepEqual(f.suggestions, []);
      assert.deepEqual(lint(needsKey, 'resource "test_log" "a" {\n  kms_key_id = aws_kms_key.k.arn\n}\n', 'main.tf'), []);
      assert.equal(lint(needsKey, 'resource "test_log" "a" {\n  kms_key_id = ""\n}\n', 'main.tf')[0].messageId, 'insecure');
    });
  });

  it('judges a setting only when the `when` settings are known to have their values', () => {
    const tf = (name: string) => `resource "test_config" "c" {\n  name  = ${name}\n  value = "OFF"\n}\n`;
    assert.equal(lint(onlyWhen, tf('"require_secure_transport"'), 'main.tf').length, 1);
    assert.deepEqual(lint(onlyWhen, tf('"max_connections"'), 'main.tf'), []);
    assert.deepEqual(lint(onlyWhen, tf('var.name'), 'main.tf'), [], 'unknown name: not judged');
    const cfn = (name: string) => `Resources:\n  C:\n    Type: AWS::Test::Config\n    Properties:\n      Name: ${name}\n      Value: "OFF"\n`;
    assert.equal(lint(onlyWhen, cfn('require_secure_transport'), 'template.yaml').length, 1);
    assert.deepEqual(lint(onlyWhen, cfn('max_connections'), 'template.yaml'), []);
  });

  it('reports each forbidden element of a list where it is written, without a suggestion', () => {
    const tf = 'resource "test_role" "r" {\n  policies = ["read", "admin", var.extra]\n}\n';
    const [f] = lint(forbiddenInList, tf, 'main.tf');
    assert.equal(tf.slice(...f.range), '"admin"');
    assert.deepEqual(f.suggestions, []);
    assert.deepEqual(lint(forbiddenInList, tf.replace('"admin"', '"write"'), 'main.tf'), []);
    const cfn = 'Resources:\n  R:\n    Type: AWS::Test::Role\n    Properties:\n      Policies:\n        - read\n        - admin\n        - !Ref Extra\n';
    assert.deepEqual(lint(forbiddenInList, cfn, 'template.yaml').map((x) => cfn.slice(...x.range)), ['admin']);
  });

  describe('CloudFormation', () => {
    it('does not judge a list where a mapping belongs, nor rewrite a YAML flow mapping', () => {
      const code = 'Resources:\n  Thing:\n    Type: AWS::Test::Thing\n    Properties:\n      Outer:\n        - Name: a\n';
      // `Outer` is a list: not a mapping to write into, and not judged.
      assert.deepEqual(lint(nested, code, 'template.yaml'), []);
      const flow = 'Resources:\n  Thing:\n    Type: AWS::Test::Thing\n    Properties:\n      Outer: {Other: 1}\n';
      const [f] = lint(nested, flow, 'template.yaml');
      assert.equal(f.start.line, 5, 'reported on the key of the deepest mapping');
      assert.deepEqual(f.suggestions, [], 'a YAML flow mapping is not rewritten');
    });

    it('writes compact JSON inline', () => {
      const code = '{"Resources": {"Thing": {"Type": "AWS::Test::Thing", "Properties": {"Outer": {"Other": 1}}}}}\n';
      assert.equal(fixed(nested, code, 'template.json'), '{"Resources": {"Thing": {"Type": "AWS::Test::Thing", "Properties": {"Outer": {"Enabled": true, "Other": 1}}}}}\n');
    });

    it('reports a resource without Properties on its logical id, with nowhere to write a suggestion', () => {
      const [f] = lint(nested, 'Resources:\n  Thing:\n    Type: AWS::Test::Thing\n', 'template.yaml');
      assert.equal(f.start.line, 2);
      assert.deepEqual(f.suggestions, []);
    });

    it('does not judge Properties it cannot read (an intrinsic function), nor intrinsic values', () => {
      assert.deepEqual(lint(nested, 'Resources:\n  Thing:\n    Type: AWS::Test::Thing\n    Properties: !If [Prod, {Outer: {Enabled: true}}, !Ref AWS::NoValue]\n', 'template.yaml'), []);
      assert.deepEqual(lint(nested, 'Resources:\n  Thing:\n    Type: AWS::Test::Thing\n    Properties:\n      Outer: !If [Prod, {Enabled: true}, {Enabled: false}]\n', 'template.yaml'), []);
      assert.deepEqual(lint(needsKey, 'Resources:\n  Log:\n    Type: AWS::Test::Log\n    Properties:\n      KmsKeyId: !GetAtt Key.Arn\n', 'template.yaml'), []);
    });

    it('reads "True" and "false" strings as CloudFormation does', () => {
      const code = 'Resources:\n  Thing:\n    Type: AWS::Test::Thing\n    Properties:\n      Outer:\n        Enabled: "True"\n';
      assert.deepEqual(lint(nested, code, 'template.yaml'), []);
      assert.equal(lint(nested, code.replace('"True"', '"false"'), 'template.yaml').length, 1);
    });

    it('leaves YAML files that are not templates alone', () => {
      assert.deepEqual(lint(nested, 'Thing:\n  Type: AWS::Test::Thing\n  Properties: {}\n', 'values.yaml'), []);
    });
  });
});

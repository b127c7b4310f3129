import assert from 'node:assert/strict';
import { terraformAdapter, TerraformModel } from '../../../src/languages/terraform';
import { parseTerraform } from '../../../src/languages/terraform/parse';
import { actionGrant, everyonePrincipal, globMatches, hasCondition, policyStatements } from '../../../src/rules/shared/iam-policy';
import { documentStatements, policyStatementsOf } from '../../../src/rules/terraform/model';

describe('shared IAM policy model', () => {
  before(() => terraformAdapter.prepare!());

  function model(code: string): TerraformModel {
    return new TerraformModel(parseTerraform(code).root, code);
  }
  const at = (code: string, range: readonly [number, number]) => code.slice(range[0], range[1]);

  it('reads jsonencode statements with the range of each element', () => {
    const code = 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = ["s3:GetObject", "*"], Resource = "*", Principal = { AWS = "*" }, Condition = { StringEquals = { "aws:SourceVpc" = "vpc-1" } } }]\n  })\n}\n';
    const m = model(code);
    const [s] = policyStatementsOf(m, m.resources()[0].attributes.get('policy'));
    assert.equal(s.effect, 'Allow');
    assert.deepEqual(s.action?.values.map((v) => at(code, v.range)), ['"s3:GetObject"', '"*"']);
    assert.equal(at(code, everyonePrincipal(s)!.range), '"*"');
    assert.deepEqual(s.conditions?.map((c) => [c.operator, c.key, c.values.values.map((v) => v.text)]), [['StringEquals', 'aws:SourceVpc', ['vpc-1']]]);
    assert.ok(hasCondition(s));
  });

  it('reads a heredoc JSON policy in place, and an escaped JSON string as a whole', () => {
    const heredoc = 'resource "aws_iam_policy" "p" {\n  policy = <<EOF\n{"Statement": {"Effect": "Allow", "Action": "iam:*", "Resource": "*"}}\nEOF\n}\n';
    const m = model(heredoc);
    const [s] = policyStatementsOf(m, m.resources()[0].attributes.get('policy'));
    assert.equal(at(heredoc, s.action!.values[0].range), '"iam:*"');
    const escaped = 'resource "aws_iam_policy" "p" {\n  policy = "{\\"Statement\\": {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"iam:*\\", \\"Resource\\": \\"*\\"}}"\n}\n';
    const e = model(escaped);
    const [t] = policyStatementsOf(e, e.resources()[0].attributes.get('policy'));
    assert.equal(t.action?.values[0].text, 'iam:*');
    assert.match(at(escaped, t.action!.values[0].range), /^"\{\\"Statement/);
  });

  it('follows data.aws_iam_policy_document references to the document, where effect defaults to Allow', () => {
    const code = 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions   = ["sqs:SendMessage"]\n    resources = ["*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n    condition {\n      test     = "ArnEquals"\n      variable = "aws:SourceArn"\n      values   = [aws_sns_topic.t.arn]\n    }\n  }\n}\nresource "aws_sqs_queue_policy" "q" {\n  policy = data.aws_iam_policy_document.d.json\n}\n';
    const m = model(code);
    const [s] = policyStatementsOf(m, m.resources('aws_sqs_queue_policy')[0].attributes.get('policy'));
    assert.equal(s.effect, 'Allow');
    assert.equal(at(code, everyonePrincipal(s)!.range), '"*"');
    assert.deepEqual(s.conditions?.map((c) => [c.key, c.values.partial]), [['aws:SourceArn', true]]);
    assert.deepEqual(documentStatements(m, m.dataSources('aws_iam_policy_document')[0]).length, 1);
  });

  it('leaves documents it cannot read empty, and marks lists with unknown elements partial', () => {
    assert.deepEqual(policyStatements({ kind: 'unknown', range: [0, 1] }), []);
    const code = 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject", var.extra], Resource = "*" }] })\n}\n';
    const m = model(code);
    const [s] = policyStatementsOf(m, m.resources()[0].attributes.get('policy'));
    assert.equal(s.action?.partial, true);
    assert.deepEqual(s.action?.values.map((v) => v.text), ['s3:GetObject']);
  });

  it('grades actions: admin, whole service, privilege escalation through exact names or patterns', () => {
    assert.equal(actionGrant('*'), 'admin');
    assert.equal(actionGrant('*:*'), 'admin');
    assert.equal(actionGrant('s3:*'), 'service');
    assert.equal(actionGrant('iam:PassRole'), 'escalation');
    assert.equal(actionGrant('IAM:passrole'), 'escalation');
    assert.equal(actionGrant('iam:Put*'), 'escalation');
    assert.equal(actionGrant('iam:Attach?olePolicy'), 'escalation');
    assert.equal(actionGrant('iam:Get*'), null);
    assert.equal(actionGrant('ec2:Describe*'), null);
  });

  it('matches IAM wildcards without backtracking, also on hostile patterns', () => {
    assert.ok(globMatches('iam:*policy', 'iam:attachrolepolicy'));
    assert.ok(!globMatches('iam:*policyx', 'iam:attachrolepolicy'));
    const started = performance.now();
    assert.ok(!globMatches(`${'*'.repeat(5000)}x`, 'iam:attachrolepolicy'));
    assert.ok(performance.now() - started < 500);
  });
});

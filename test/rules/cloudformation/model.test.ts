import assert from 'node:assert/strict';
import type { RuleContext } from '../../../src/engine/rule';
import { JsonHelpers, parseJson } from '../../../src/languages/json';
import { parseYaml, YamlHelpers } from '../../../src/languages/yaml';
import { cfnResources, mayHoldResourceType, templatesWith } from '../../../src/rules/cloudformation/model';
import { mayHoldResourceOf } from '../../../src/rules/terraform/model';
import { lines } from './helpers';

const TEMPLATE = lines(
  "AWSTemplateFormatVersion: '2010-09-09'",
  'Resources:',
  '  Logs:',
  '    Type: AWS::S3::Bucket',
  '  LogsPolicy:',
  '    Type: AWS::S3::BucketPolicy',
  '    Properties:',
  '      Bucket: !Ref Logs',
  '  Role:',
  '    Type: AWS::IAM::Role',
  '  Data:',
  '    Type: "AWS::S3::Bucket"',
  '',
);

/** A rule context over a YAML or JSON text, as the engine gives it to CloudFormation rules. */
function contextOf(text: string, language: 'yaml' | 'json'): RuleContext {
  const lang = language === 'yaml' ? new YamlHelpers(parseYaml(text)) : new JsonHelpers(parseJson(text));
  return { file: `template.${language}`, text, classification: { language, dialect: language }, lang } as unknown as RuleContext;
}

describe('cloudformation model: mayHoldResourceType', () => {
  it('finds a type written plainly, quoted, or in JSON', () => {
    assert.equal(mayHoldResourceType(TEMPLATE, ['AWS::IAM::Role']), true);
    assert.equal(mayHoldResourceType(TEMPLATE, ['AWS::RDS::DBInstance', 'AWS::S3::BucketPolicy']), true);
    const json = '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": true}}}}';
    assert.equal(mayHoldResourceType(json, ['AWS::RDS::DBInstance']), true);
  });

  it('rules out a template without the types, a longer type that starts with one, and a type in another case', () => {
    assert.equal(mayHoldResourceType(TEMPLATE, ['AWS::RDS::DBInstance']), false);
    assert.equal(mayHoldResourceType(TEMPLATE, ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']), false);
    const policyOnly = lines('Resources:', '  P:', '    Type: AWS::S3::BucketPolicy', '');
    assert.equal(mayHoldResourceType(policyOnly, ['AWS::S3::Bucket']), false);
    assert.equal(mayHoldResourceType(lines('Resources:', '  R:', '    Type: aws::iam::role', ''), ['AWS::IAM::Role']), false);
    assert.equal(mayHoldResourceType('{"Resources": {}}', ['AWS::S3::Bucket']), false);
  });

  it('keeps a text with an escape, which may spell any type', () => {
    const escaped = '{"Resources": {"B": {"Type": "AWS::S3::Buck\\u0065t"}}}';
    assert.equal(mayHoldResourceType(escaped, ['AWS::S3::Bucket']), true);
    const continued = lines('Resources:', '  B:', '    Type: "AWS::S3::\\', '      Bucket"', '');
    assert.equal(mayHoldResourceType(continued, ['AWS::S3::Bucket']), true);
  });

  it('answers for the text it is given, not the one before', () => {
    const withRole = lines('Resources:', '  A:', '    Type: AWS::IAM::Role', '');
    const withUser = lines('Resources:', '  A:', '    Type: AWS::IAM::User', '');
    assert.equal(mayHoldResourceType(withRole, ['AWS::IAM::Role']), true);
    assert.equal(mayHoldResourceType(withUser, ['AWS::IAM::Role']), false);
    assert.equal(mayHoldResourceType(withUser, ['AWS::IAM::User']), true);
    assert.equal(mayHoldResourceType(withRole, ['AWS::IAM::User']), false);
  });
});

describe('cloudformation model: cfnResources', () => {
  it('lists the resources of the given types in template order, each once', () => {
    const context = contextOf(TEMPLATE, 'yaml');
    const ids = (...types: string[]) => cfnResources(context, ...types).map((r) => r.logicalId);
    assert.deepEqual(ids('AWS::S3::Bucket'), ['Logs', 'Data']);
    assert.deepEqual(ids('AWS::IAM::Role', 'AWS::S3::Bucket'), ['Logs', 'Role', 'Data']);
    assert.deepEqual(ids('AWS::S3::Bucket', 'AWS::S3::Bucket'), ['Logs', 'Data']);
    assert.deepEqual(ids(), ['Logs', 'LogsPolicy', 'Role', 'Data']);
    assert.deepEqual(ids('AWS::RDS::DBInstance'), []);
    assert.deepEqual(cfnResources(context, 'AWS::S3::BucketPolicy').map((r) => r.format), ['yaml']);
  });

  it('gives each caller its own list, so that one rule cannot change what the next sees', () => {
    const context = contextOf('{"Resources": {"A": {"Type": "AWS::SQS::Queue"}, "B": {"Type": "AWS::SNS::Topic"}}}', 'json');
    const first = cfnResources(context, 'AWS::SQS::Queue');
    first.pop();
    assert.deepEqual(cfnResources(context, 'AWS::SQS::Queue').map((r) => [r.logicalId, r.format]), [['A', 'json']]);
    assert.equal(cfnResources(context).length, 2);
  });
});

describe('terraform model: mayHoldResourceOf', () => {
  const tf = lines('resource "aws_s3_bucket" "logs" {', '  bucket = "logs"', '}', 'resource aws_iam_role deploy {', '  name = "deploy"', '}', '');

  it('finds a type written as a quoted label or an identifier', () => {
    assert.equal(mayHoldResourceOf(tf, ['aws_s3_bucket']), true);
    assert.equal(mayHoldResourceOf(tf, ['aws_db_instance', 'aws_iam_role']), true);
  });

  it('rules out a file without the types, and one that only starts with a type', () => {
    assert.equal(mayHoldResourceOf(tf, ['aws_db_instance']), false);
    assert.equal(mayHoldResourceOf(tf, ['aws_s3']), false);
    assert.equal(mayHoldResourceOf(lines('resource "aws_s3_bucket_policy" "p" {}', ''), ['aws_s3_bucket']), false);
    assert.equal(mayHoldResourceOf('', ['aws_s3_bucket']), false);
  });

  it('keeps a file with an escape, and a type it cannot read as a word', () => {
    assert.equal(mayHoldResourceOf('resource "aws_s3_buck\\u0065t" "b" {}\n', ['aws_s3_bucket']), true);
    assert.equal(mayHoldResourceOf(tf, ['not-a-type-name']), true);
  });
});

describe('cloudformation model: templatesWith', () => {
  const terraform = { language: 'terraform', dialect: 'terraform' } as const;
  const yaml = { language: 'yaml', dialect: 'yaml' } as const;
  const tf = 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n';

  it('reads Terraform always, or only with the given Terraform types', () => {
    assert.equal(templatesWith(['AWS::RDS::DBInstance'])(tf, terraform), true);
    assert.equal(templatesWith(['AWS::RDS::DBInstance'], ['aws_db_instance'])(tf, terraform), true);
    assert.equal(templatesWith(['AWS::RDS::DBInstance'], ['aws_s3_bucket'])(tf, terraform), false);
  });

  it('reads a template only when it may hold one of the types; undefined types stand for every resource', () => {
    assert.equal(templatesWith(['AWS::IAM::Role'])(TEMPLATE, yaml), true);
    assert.equal(templatesWith(['AWS::RDS::DBInstance'])(TEMPLATE, yaml), false);
    assert.equal(templatesWith(undefined)(TEMPLATE, yaml), true);
    assert.equal(templatesWith(undefined)('jobs:\n  build:\n    runs-on: ubuntu-latest\n', yaml), false);
    assert.equal(templatesWith(['AWS::IAM::Role'])('apiVersion: v1\nkind: ConfigMap\n', yaml), false);
  });
});

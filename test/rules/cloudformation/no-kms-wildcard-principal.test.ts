import rule from '../../../src/rules/cloudformation/no-kms-wildcard-principal';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const key = (...statement: string[]): string => yamlResource('AWS::KMS::Key', 'KeyPolicy:', '  Version: 2012-10-17', '  Statement:', ...statement.map((s, i) => `${i === 0 ? '    - ' : '      '}${s}`));

ruleTester(rule, {
  valid: [
    { name: 'account root', filename: 'template.yaml', code: key('Effect: Allow', 'Principal: { AWS: !Sub "arn:aws:iam::${AWS::AccountId}:root" }', "Action: 'kms:*'", "Resource: '*'") },
    { name: '* with a caller-account condition', filename: 'template.yaml', code: key('Effect: Allow', "Principal: { AWS: '*' }", 'Action: kms:Decrypt', "Resource: '*'", 'Condition: { StringEquals: { kms:CallerAccount: !Ref AWS::AccountId } }') },
    { name: 'Deny to *', filename: 'template.yaml', code: key('Effect: Deny', "Principal: '*'", "Action: 'kms:*'", "Resource: '*'") },
    { name: 'service principal', filename: 'template.yaml', code: key('Effect: Allow', 'Principal: { Service: logs.amazonaws.com }', 'Action: kms:Encrypt*', "Resource: '*'") },
    { name: 'policy from an intrinsic', filename: 'template.yaml', code: yamlResource('AWS::KMS::Key', 'KeyPolicy: !If [Shared, {}, {}]') },
    { name: '* in another resource type', filename: 'template.yaml', code: yamlResource('AWS::S3::BucketPolicy', 'PolicyDocument:', '  Statement:', "    - { Effect: Allow, Principal: '*', Action: 's3:*' }") },
  ],
  invalid: [
    { name: 'Principal "*"', filename: 'template.yaml', code: key('Effect: Allow', "Principal: '*'", "Action: 'kms:*'", "Resource: '*'"), errors: [{ messageId: 'wildcardPrincipal', line: 10, column: 24, endLine: 10, endColumn: 27 }] },
    { name: 'AWS "*" in a list', filename: 'template.yaml', code: key('Effect: Allow', "Principal: { AWS: [arn:aws:iam::111122223333:root, '*'] }", 'Action: kms:Decrypt', "Resource: '*'"), errors: [{ messageId: 'wildcardPrincipal', line: 10, column: 64, endLine: 10, endColumn: 67 }] },
    {
      name: 'JSON',
      filename: 'key.json',
      code: '{"Resources": {"K": {"Type": "AWS::KMS::Key", "Properties": {"KeyPolicy": {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}]}}}}}',
      errors: [{ messageId: 'wildcardPrincipal', line: 1, column: 131, endLine: 1, endColumn: 134 }],
    },
  ],
});

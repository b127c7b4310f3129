import rule from '../../../src/rules/cloudformation/no-wildcard-iam-policy';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const policy = (...statement: string[]): string => yamlResource('AWS::IAM::Policy', 'PolicyName: p', 'PolicyDocument:', '  Statement:', ...statement.map((s, i) => `${i === 0 ? '    - ' : '      '}${s}`));
const sam = (...policies: string[]): string => yamlResource('AWS::Serverless::Function', 'Runtime: nodejs20.x', policies.length === 1 && !policies[0].startsWith('-') ? `Policies: ${policies[0]}` : 'Policies:', ...(policies.length === 1 && !policies[0].startsWith('-') ? [] : policies.map((p) => `  ${p}`)));
/** A managed policy allowing everything: a boundary when nothing else says otherwise. */
const managed = (...properties: string[]): string => yamlResource('AWS::IAM::ManagedPolicy', ...properties, 'PolicyDocument:', '  Statement:', '    - Effect: Allow', "      Action: '*'", "      Resource: '*'");
const role = (...statement: string[]): string =>
  yamlResource('AWS::IAM::Role', 'AssumeRolePolicyDocument: {}', 'Policies:', '  - PolicyName: inline', '    PolicyDocument:', '      Statement:', ...statement.map((s, i) => `${i === 0 ? '        - ' : '          '}${s}`));

ruleTester(rule, {
  valid: [
    { name: 'scoped actions on *', filename: 'template.yaml', code: policy('Effect: Allow', 'Action: [s3:GetObject, s3:ListBucket]', "Resource: '*'") },
    { name: '* on a scoped resource', filename: 'template.yaml', code: policy('Effect: Allow', "Action: '*'", 'Resource: !GetAtt Bucket.Arn') },
    { name: 'a permissions boundary (named so, attached to no one)', filename: 'template.yaml', code: managed('ManagedPolicyName: app-permissions-boundary', 'Description: Caps what app roles may do') },
    {
      name: 'a permissions boundary (used as one in the template)',
      filename: 'template.yaml',
      code: managed().replace("\n  Res:", "\n  AppRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {}\n      PermissionsBoundary: !Ref Res\n  Res:"),
    },
    { name: 'Deny *', filename: 'template.yaml', code: policy('Effect: Deny', "Action: '*'", "Resource: '*'") },
    { name: 'PassRole on one role', filename: 'template.yaml', code: policy('Effect: Allow', 'Action: iam:PassRole', 'Resource: !GetAtt TaskRole.Arn') },
    { name: 'role with scoped inline policy', filename: 'template.yaml', code: role('Effect: Allow', 'Action: [logs:CreateLogStream, logs:PutLogEvents]', "Resource: '*'") },
    { name: 'NotAction in a Deny (a guardrail)', filename: 'template.yaml', code: policy('Effect: Deny', 'NotAction: [s3:*]', "Resource: '*'") },
    { name: 'escalation action on named roles', filename: 'template.yaml', code: policy('Effect: Allow', 'Action: iam:AttachRolePolicy', 'Resource: arn:aws:iam::111122223333:role/app-*') },
    { name: 'SAM function with policy templates and scoped statements', filename: 'template.yaml', code: sam('- S3ReadPolicy: { BucketName: !Ref Bucket }', '- AWSLambdaBasicExecutionRole', '- Statement:', "    - { Effect: Allow, Action: 'dynamodb:*', Resource: !GetAtt Table.Arn }") },
    { name: 'SAM function policies from an intrinsic', filename: 'template.yaml', code: sam('!If [Admin, [], []]') },
    { name: 'managed policy document from an intrinsic', filename: 'template.yaml', code: yamlResource('AWS::IAM::ManagedPolicy', 'PolicyDocument: !If [Admin, {}, {}]') },
  ],
  invalid: [
    { name: 'Action * on Resource *', filename: 'template.yaml', code: policy('Effect: Allow', "Action: '*'", "Resource: '*'"), errors: [{ messageId: 'fullAdmin', line: 10, column: 21, endLine: 10, endColumn: 24 }] },
    { name: 'PassRole on *', filename: 'template.yaml', code: policy('Effect: Allow', 'Action: [ec2:RunInstances, iam:PassRole]', 'Resource: [arn:aws:ec2:*:*:instance/*, "*"]'), errors: [{ messageId: 'passRoleAnywhere', line: 10, column: 40, endLine: 10, endColumn: 52 }] },
    { name: 'an admin policy named "boundary" but attached to a role', filename: 'template.yaml', code: managed('ManagedPolicyName: boundary-admin', 'Roles: [!Ref AppRole]'), errors: [{ messageId: 'fullAdmin', line: 11, column: 21, endLine: 11, endColumn: 24 }] },
    { name: 'a whole service on *', filename: 'template.yaml', code: role('Effect: Allow', 'Action: logs:*', "Resource: '*'"), errors: [{ messageId: 'serviceWildcard', line: 12, column: 25, endLine: 12, endColumn: 31 }] },
    { name: 'NotAction with Allow on *', filename: 'template.yaml', code: policy('Effect: Allow', 'NotAction: iam:*', "Resource: '*'"), errors: [{ messageId: 'notAction', line: 10, column: 24, endLine: 10, endColumn: 29 }] },
    { name: 'inline role policy with *', filename: 'template.yaml', code: role('Effect: Allow', "Action: ['*']", "Resource: '*'"), errors: [{ messageId: 'fullAdmin', line: 12, column: 26, endLine: 12, endColumn: 29 }] },
    {
      name: 'SAM function inline statement in the Policies list',
      filename: 'template.yaml',
      code: sam('- AWSLambdaBasicExecutionRole', '- Statement:', '    - Effect: Allow', "      Action: '*'", "      Resource: '*'"),
      errors: [{ messageId: 'fullAdmin', line: 11, column: 23, endLine: 11, endColumn: 26 }],
    },
    {
      name: 'SAM state machine with a single policy document',
      filename: 'template.yaml',
      code: yamlResource('AWS::Serverless::StateMachine', 'Policies:', '  Version: 2012-10-17', '  Statement:', '    - { Effect: Allow, Action: iam:PassRole, Resource: "*" }'),
      errors: [{ messageId: 'passRoleAnywhere', line: 9, column: 38, endLine: 9, endColumn: 50 }],
    },
    {
      name: 'JSON managed policy',
      filename: 'iam.json',
      code: '{"Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}}}}',
      errors: [{ messageId: 'fullAdmin', line: 1, column: 135, endLine: 1, endColumn: 138 }],
    },
  ],
});

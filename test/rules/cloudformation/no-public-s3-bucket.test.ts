import rule from '../../../src/rules/cloudformation/no-public-s3-bucket';
import { ruleTester } from '../../lib/rule-tester';
import { lines, yamlResource } from './helpers';

const BUCKET = 'AWS::S3::Bucket';
const POLICY = 'AWS::S3::BucketPolicy';
const statement = (...extra: string[]): string[] => [
  'Bucket: !Ref Bucket',
  'PolicyDocument:',
  '  Statement:',
  '    - Effect: Allow',
  ...extra.map((e) => `      ${e}`),
  '      Action: s3:GetObject',
  "      Resource: !Sub '${Bucket.Arn}/*'",
];

ruleTester(rule, {
  valid: [
    { name: 'private ACL', filename: 'template.yaml', code: yamlResource(BUCKET, 'AccessControl: Private') },
    { name: 'log delivery ACL', filename: 'template.yaml', code: yamlResource(BUCKET, 'AccessControl: LogDeliveryWrite') },
    { name: 'ACL from a parameter', filename: 'template.yaml', code: yamlResource(BUCKET, 'AccessControl: !Ref Acl') },
    {
      name: 'all four flags on',
      filename: 'template.yaml',
      code: yamlResource(BUCKET, 'PublicAccessBlockConfiguration:', '  BlockPublicAcls: true', '  BlockPublicPolicy: true', '  IgnorePublicAcls: true', '  RestrictPublicBuckets: true'),
    },
    { name: 'policy for a named principal', filename: 'template.yaml', code: yamlResource(POLICY, ...statement('Principal:', '  AWS: !Sub arn:aws:iam::${AWS::AccountId}:root')) },
    { name: 'wildcard principal restricted by a condition', filename: 'template.yaml', code: yamlResource(POLICY, ...statement("Principal: '*'", 'Condition:', '  StringEquals:', '    aws:SourceVpce: vpce-1a2b3c4d')) },
    { name: 'Deny statement for everyone', filename: 'template.yaml', code: yamlResource(POLICY, 'PolicyDocument:', '  Statement:', '    - Effect: Deny', "      Principal: '*'", '      Action: s3:*') },
  ],
  invalid: [
    {
      name: 'PublicRead ACL',
      filename: 'template.yaml',
      code: yamlResource(BUCKET, 'AccessControl: PublicRead'),
      errors: [{ messageId: 'publicAcl', line: 6, column: 22, endLine: 6, endColumn: 32, suggestions: [{ messageId: 'usePrivate', output: yamlResource(BUCKET, 'AccessControl: Private') }] }],
    },
    {
      name: 'public access block flag off',
      filename: 'template.yaml',
      code: yamlResource(BUCKET, 'PublicAccessBlockConfiguration:', '  BlockPublicPolicy: false'),
      errors: [{ messageId: 'blockOff', line: 7, column: 28, endLine: 7, endColumn: 33, suggestions: [{ messageId: 'setTrue', output: yamlResource(BUCKET, 'PublicAccessBlockConfiguration:', '  BlockPublicPolicy: true') }] }],
    },
    {
      name: 'policy with Principal "*"',
      filename: 'template.yaml',
      code: yamlResource(POLICY, ...statement("Principal: '*'")),
      errors: [{ messageId: 'publicPolicy', line: 10, column: 24, endLine: 10, endColumn: 27 }],
    },
    {
      name: 'policy with Principal AWS "*"',
      filename: 'template.yaml',
      code: yamlResource(POLICY, ...statement('Principal:', "  AWS: '*'")),
      errors: [{ messageId: 'publicPolicy', line: 11, column: 20, endLine: 11, endColumn: 23 }],
    },
    {
      name: 'JSON PublicReadWrite',
      filename: 'bucket.json',
      code: lines('{', '  "Resources": {', '    "B": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": "PublicReadWrite" } }', '  }', '}'),
      errors: [
        {
          messageId: 'publicAcl',
          line: 3,
          column: 72,
          endLine: 3,
          endColumn: 89,
          suggestions: [{ messageId: 'usePrivate', output: lines('{', '  "Resources": {', '    "B": { "Type": "AWS::S3::Bucket", "Properties": { "AccessControl": "Private" } }', '  }', '}') }],
        },
      ],
    },
  ],
});

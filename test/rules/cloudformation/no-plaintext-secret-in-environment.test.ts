import rule from '../../../src/rules/cloudformation/no-plaintext-secret-in-environment';
import { ruleTester } from '../../lib/rule-tester';
import { lines, yamlResource } from './helpers';

const FN = 'AWS::Lambda::Function';
const env = (...vars: string[]): string => yamlResource(FN, 'Runtime: nodejs20.x', 'Environment:', '  Variables:', ...vars.map((v) => `    ${v}`));
const instance = (...userData: string[]): string => yamlResource('AWS::EC2::Instance', 'ImageId: ami-1', ...userData);

ruleTester(rule, {
  valid: [
    { name: 'non-secret variables', filename: 'template.yaml', code: env('TABLE_NAME: orders', 'LOG_LEVEL: debug', 'API_KEY_ID: AKIDEXAMPLE') },
    { name: 'secret from a NoEcho parameter', filename: 'template.yaml', code: env('DB_PASSWORD: !Ref DbPassword') },
    { name: 'dynamic reference', filename: 'template.yaml', code: env("DB_PASSWORD: '{{resolve:secretsmanager:prod/db:SecretString:password}}'") },
    { name: 'secret ARN', filename: 'template.yaml', code: env('API_SECRET_ARN: !Ref ApiSecret', 'OPENAI_API_KEY: !Sub "{{resolve:ssm-secure:/app/openai}}"') },
    { name: 'user data reading Secrets Manager', filename: 'template.yaml', code: instance('UserData:', '  Fn::Base64: !Sub |', '    #!/bin/bash', '    DB_PASSWORD=$(aws secretsmanager get-secret-value --secret-id ${Secret} --query SecretString --output text)') },
    { name: 'user data with a substituted parameter', filename: 'template.yaml', code: instance('UserData: !Base64 "API_TOKEN=${Token}"') },
    { name: 'SAM function, placeholder', filename: 'template.yaml', code: yamlResource('AWS::Serverless::Function', 'Environment:', '  Variables:', '    API_KEY: changeme') },
  ],
  invalid: [
    { name: 'literal password', filename: 'template.yaml', code: env('DB_PASSWORD: S3cr3tPassw0rd!'), errors: [{ messageId: 'secretInEnvironment', line: 9, column: 24, endLine: 9, endColumn: 39 }] },
    {
      name: 'provider token under a neutral name',
      filename: 'template.yaml',
      code: env('UPLOADER: AKIAZ7Q3HX5KPL2M4NWR'),
      errors: [{ messageId: 'secretInEnvironment', line: 9, column: 21, endLine: 9, endColumn: 41 }],
    },
    {
      name: 'user data script in !Base64 !Sub',
      filename: 'template.yaml',
      code: instance('UserData:', '  Fn::Base64: !Sub |', '    #!/bin/bash', '    export DB_PASSWORD=hunter2hunter2', '    echo ${AWS::Region}'),
      errors: [{ messageId: 'secretInUserData', line: 10, column: 18, endLine: 10, endColumn: 44 }],
    },
    {
      name: 'JSON function',
      filename: 'fn.json',
      code: '{"Resources": {"Fn": {"Type": "AWS::Lambda::Function", "Properties": {"Environment": {"Variables": {"STRIPE_SECRET": "sk_live_4eC39HqLyjWDarjtT1zdp7dc"}}}}}}',
      errors: [{ messageId: 'secretInEnvironment', line: 1, column: 118, endLine: 1, endColumn: 152 }],
    },
    {
      name: 'JSON launch template user data',
      filename: 'lt.json',
      code: lines('{"Resources": {"Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {', '  "UserData": {"Fn::Base64": "#!/bin/sh\\nAPI_TOKEN=\'x9Fk2LmQ8vRt7Wp3Zs\' ./start"}}}}}}'),
      errors: [{ messageId: 'secretInUserData', line: 2, column: 42, endLine: 2, endColumn: 72 }],
    },
  ],
});

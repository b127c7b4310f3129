import rule from '../../../src/rules/cloudformation/require-imdsv2';
import { ruleTester } from '../../lib/rule-tester';
import { lines, yamlResource } from './helpers';

const LT = 'AWS::EC2::LaunchTemplate';
const EC2 = 'AWS::EC2::Instance';
const template = (tokens: string): string => yamlResource(LT, 'LaunchTemplateData:', '  MetadataOptions:', `    HttpTokens: ${tokens}`, '    HttpEndpoint: enabled');

ruleTester(rule, {
  valid: [
    { name: 'launch template requiring tokens', filename: 'template.yaml', code: template('required') },
    { name: 'tokens from a parameter', filename: 'template.yaml', code: template('!Ref Tokens') },
    { name: 'instance requiring tokens', filename: 'template.yaml', code: yamlResource(EC2, 'ImageId: ami-123', 'MetadataOptions: { HttpTokens: required }') },
    { name: 'instance built from a launch template', filename: 'template.yaml', code: yamlResource(EC2, 'LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber }') },
    { name: 'launch template data from an intrinsic', filename: 'template.yaml', code: yamlResource(LT, 'LaunchTemplateData: !If [Prod, {}, {}]') },
    { name: 'launch configuration requiring tokens', filename: 'template.yaml', code: yamlResource('AWS::AutoScaling::LaunchConfiguration', 'ImageId: ami-1', 'MetadataOptions:', '  HttpTokens: required') },
    { name: 'JSON, required', filename: 'lt.json', code: '{"Resources": {"Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}}}}}' },
  ],
  invalid: [
    {
      name: 'launch template with optional tokens',
      filename: 'template.yaml',
      code: template('optional'),
      errors: [{ messageId: 'optionalTokens', line: 8, column: 23, endLine: 8, endColumn: 31, suggestions: [{ messageId: 'requireTokens', output: template('required') }] }],
    },
    {
      name: 'launch template without metadata options',
      filename: 'template.yaml',
      code: yamlResource(LT, 'LaunchTemplateData:', '  ImageId: ami-123'),
      errors: [{ messageId: 'missingTokens', line: 6, column: 7, endLine: 6, endColumn: 25 }],
    },
    {
      name: 'metadata options without HttpTokens',
      filename: 'template.yaml',
      code: yamlResource(LT, 'LaunchTemplateData:', '  MetadataOptions:', '    HttpEndpoint: enabled'),
      errors: [{ messageId: 'missingTokens', line: 7, column: 9, endLine: 7, endColumn: 24 }],
    },
    {
      name: 'instance without metadata options',
      filename: 'template.yaml',
      code: lines('Resources:', '  Web:', '    Type: AWS::EC2::Instance', '    Properties:', '      ImageId: ami-123', ''),
      errors: [{ messageId: 'missingTokens', line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
    {
      name: 'JSON launch template with optional tokens',
      filename: 'lt.json',
      code: '{"Resources": {"Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "optional"}}}}}}',
      errors: [
        {
          messageId: 'optionalTokens',
          line: 1,
          column: 131,
          endLine: 1,
          endColumn: 141,
          suggestions: [{ messageId: 'requireTokens', output: '{"Resources": {"Lt": {"Type": "AWS::EC2::LaunchTemplate", "Properties": {"LaunchTemplateData": {"MetadataOptions": {"HttpTokens": "required"}}}}}}' }],
        },
      ],
    },
  ],
});

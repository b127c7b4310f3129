import rule from '../../../src/rules/cloudformation/no-public-rds';
import { ruleTester } from '../../lib/rule-tester';
import { lines, yamlResource } from './helpers';

const RDS = 'AWS::RDS::DBInstance';

ruleTester(rule, {
  valid: [
    { name: 'private instance', filename: 'template.yaml', code: yamlResource(RDS, 'PubliclyAccessible: false', 'StorageEncrypted: true') },
    { name: 'default', filename: 'template.yaml', code: yamlResource(RDS, 'Engine: postgres') },
    { name: 'intrinsic', filename: 'template.yaml', code: yamlResource(RDS, 'PubliclyAccessible: !If [IsDev, true, false]') },
    { name: 'other resource type', filename: 'template.yaml', code: yamlResource('AWS::Redshift::Cluster', 'PubliclyAccessible: true') },
    { name: 'not a template', filename: 'config.yaml', code: lines('Resources:', '  Db:', '    Type: Custom::Thing', '    Properties:', '      PubliclyAccessible: true', '') },
    { name: 'JSON, false', filename: 'stack.template.json', code: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": "false"}}}}' },
  ],
  invalid: [
    {
      name: 'YAML true',
      filename: 'template.yaml',
      code: yamlResource(RDS, 'PubliclyAccessible: true'),
      errors: [{ messageId: 'publicDatabase', line: 6, column: 27, endLine: 6, endColumn: 31, suggestions: [{ messageId: 'makePrivate', output: yamlResource(RDS, 'PubliclyAccessible: false') }] }],
    },
    {
      name: 'YAML quoted "true", without AWSTemplateFormatVersion',
      filename: 'db.yml',
      code: lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', "      PubliclyAccessible: 'true'", ''),
      errors: [{ messageId: 'publicDatabase', line: 5, column: 27, endLine: 5, endColumn: 33, suggestions: [{ messageId: 'makePrivate', output: lines('Resources:', '  Db:', '    Type: AWS::RDS::DBInstance', '    Properties:', '      PubliclyAccessible: false', '') }] }],
    },
    {
      name: 'JSON',
      filename: 'stack.template.json',
      code: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": true}}}}',
      errors: [{ messageId: 'publicDatabase', line: 1, column: 92, endLine: 1, endColumn: 96, suggestions: [{ messageId: 'makePrivate', output: '{"Resources": {"Db": {"Type": "AWS::RDS::DBInstance", "Properties": {"PubliclyAccessible": false}}}}' }] }],
    },
  ],
});

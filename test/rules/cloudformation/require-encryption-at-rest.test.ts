import rule from '../../../src/rules/cloudformation/require-encryption-at-rest';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

ruleTester(rule, {
  valid: [
    { name: 'encrypted RDS instance', filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'StorageEncrypted: true', 'KmsKeyId: !Ref Key') },
    { name: 'Aurora instance inherits from its cluster', filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'DBClusterIdentifier: !Ref Cluster', 'Engine: aurora-postgresql') },
    { name: 'read replica inherits', filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'SourceDBInstanceIdentifier: !Ref Primary') },
    { name: 'Aurora Serverless v1', filename: 'template.yaml', code: yamlResource('AWS::RDS::DBCluster', 'Engine: aurora-mysql', 'EngineMode: serverless') },
    { name: 'encryption from a condition', filename: 'template.yaml', code: yamlResource('AWS::EC2::Volume', 'Encrypted: !If [Prod, true, false]') },
    { name: 'encrypted EFS', filename: 'template.yaml', code: yamlResource('AWS::EFS::FileSystem', "Encrypted: 'true'") },
    { name: 'SNS with a key', filename: 'template.yaml', code: yamlResource('AWS::SNS::Topic', 'KmsMasterKeyId: alias/aws/sns') },
    { name: 'SQS default (SSE-SQS)', filename: 'template.yaml', code: yamlResource('AWS::SQS::Queue', 'VisibilityTimeout: 60') },
  ],
  invalid: [
    { name: 'RDS instance without StorageEncrypted', filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'Engine: postgres'), errors: [{ messageId: 'notEncrypted', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    {
      name: 'EBS volume with Encrypted: false',
      filename: 'template.yaml',
      code: yamlResource('AWS::EC2::Volume', 'Size: 100', 'Encrypted: false'),
      errors: [{ messageId: 'notEncrypted', line: 7, column: 18, endLine: 7, endColumn: 23, suggestions: [{ messageId: 'setTrue', output: yamlResource('AWS::EC2::Volume', 'Size: 100', 'Encrypted: true') }] }],
    },
    { name: 'EFS without properties', filename: 'template.yaml', code: yamlResource('AWS::EFS::FileSystem'), errors: [{ messageId: 'notEncrypted', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    { name: 'SNS without a key', filename: 'template.yaml', code: yamlResource('AWS::SNS::Topic', 'TopicName: alerts'), errors: [{ messageId: 'topicNotEncrypted', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    {
      name: 'SQS with SSE turned off',
      filename: 'template.yaml',
      code: yamlResource('AWS::SQS::Queue', 'SqsManagedSseEnabled: false'),
      errors: [{ messageId: 'queueNotEncrypted', line: 6, column: 29, endLine: 6, endColumn: 34, suggestions: [{ messageId: 'setTrue', output: yamlResource('AWS::SQS::Queue', 'SqsManagedSseEnabled: true') }] }],
    },
    {
      name: 'JSON cluster with StorageEncrypted: false',
      filename: 'db.json',
      code: '{"Resources": {"C": {"Type": "AWS::RDS::DBCluster", "Properties": {"StorageEncrypted": false}}}}',
      errors: [{ messageId: 'notEncrypted', line: 1, column: 88, endLine: 1, endColumn: 93, suggestions: [{ messageId: 'setTrue', output: '{"Resources": {"C": {"Type": "AWS::RDS::DBCluster", "Properties": {"StorageEncrypted": true}}}}' }] }],
    },
  ],
});

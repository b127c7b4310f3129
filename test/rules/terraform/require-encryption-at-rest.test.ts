import rule from '../../../src/rules/terraform/require-encryption-at-rest';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'storage.tf';
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  storage_encrypted = true\n}\n' },
      { filename: f, code: 'resource "aws_db_instance" "replica" {\n  replicate_source_db = aws_db_instance.db.identifier\n}\n', name: 'replica inherits encryption' },
      { filename: f, code: 'resource "aws_rds_cluster" "c" {\n  engine_mode = "serverless"\n}\n', name: 'serverless v1 always encrypted' },
      { filename: f, code: 'resource "aws_rds_cluster" "c" {\n  storage_encrypted = var.encrypted\n}\n', name: 'unknown' },
      { filename: f, code: 'resource "aws_ebs_volume" "v" {\n  size      = 10\n  encrypted = true\n}\n' },
      { filename: f, code: 'resource "aws_ebs_encryption_by_default" "on" {}\nresource "aws_ebs_volume" "v" {\n  size = 10\n}\n', name: 'account default encryption' },
      { filename: f, code: 'resource "aws_efs_file_system" "fs" {\n  encrypted  = true\n  kms_key_id = aws_kms_key.fs.arn\n}\n' },
      { filename: f, code: 'resource "aws_sns_topic" "t" {\n  kms_master_key_id = "alias/aws/sns"\n}\n' },
      { filename: f, code: 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', name: 'SSE-SQS is the default' },
      { filename: f, code: 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n  kms_master_key_id       = aws_kms_key.q.id\n}\n', name: 'KMS instead of SSE-SQS' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "aws_db_instance" "db" {\n  engine = "mysql"\n}\n',
        errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 34, suggestions: [{ messageId: 'enable', output: 'resource "aws_db_instance" "db" {\n  storage_encrypted = true\n  engine = "mysql"\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_rds_cluster" "c" {\n  storage_encrypted = false\n}\n',
        errors: [{ messageId: 'disabled', line: 2, column: 3, endLine: 2, endColumn: 28, suggestions: [{ messageId: 'enable', output: 'resource "aws_rds_cluster" "c" {\n  storage_encrypted = true\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_ebs_volume" "v" { size = 10 }\n',
        errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 32, suggestions: [{ messageId: 'enable', output: 'resource "aws_ebs_volume" "v" {\n  encrypted = true\n size = 10 }\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_efs_file_system" "fs" {\n  encrypted = false\n}\n',
        errors: [{ messageId: 'disabled', line: 2, column: 3, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'enable', output: 'resource "aws_efs_file_system" "fs" {\n  encrypted = true\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_sns_topic" "t" {\n  name = "alerts"\n}\n',
        errors: [{ messageId: 'snsUnencrypted', line: 1, column: 1, endLine: 1, endColumn: 31, suggestions: [{ messageId: 'useSnsKey', output: 'resource "aws_sns_topic" "t" {\n  kms_master_key_id = "alias/aws/sns"\n  name = "alerts"\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = false\n}\n',
        errors: [{ messageId: 'sqsUnencrypted', line: 2, column: 3, endLine: 2, endColumn: 34, suggestions: [{ messageId: 'enable', output: 'resource "aws_sqs_queue" "q" {\n  sqs_managed_sse_enabled = true\n}\n' }] }],
      },
    ],
  });
});

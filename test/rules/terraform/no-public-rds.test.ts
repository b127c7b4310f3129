import rule from '../../../src/rules/terraform/no-public-rds';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'main.tf';
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  publicly_accessible = false\n}\n' },
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n}\n', name: 'default is private' },
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  publicly_accessible = var.public\n}\n', name: 'unknown variable' },
      { filename: f, code: 'resource "aws_instance" "x" {\n  publicly_accessible = true\n}\n', name: 'not a database' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "aws_db_instance" "db" {\n  publicly_accessible = true\n}\n',
        errors: [{ messageId: 'publicDatabase', line: 2, column: 3, endLine: 2, endColumn: 29, suggestions: [{ messageId: 'makePrivate', output: 'resource "aws_db_instance" "db" {\n  publicly_accessible = false\n}\n' }] }],
      },
      {
        filename: f,
        name: 'through a variable default',
        code: 'variable "pub" {\n  default = true\n}\nresource "aws_rds_cluster_instance" "i" {\n  publicly_accessible = var.pub\n}\n',
        errors: [{ messageId: 'publicDatabase', line: 5, column: 3, endLine: 5, endColumn: 32, suggestions: [{ messageId: 'makePrivate', output: 'variable "pub" {\n  default = true\n}\nresource "aws_rds_cluster_instance" "i" {\n  publicly_accessible = false\n}\n' }] }],
      },
    ],
  });
});

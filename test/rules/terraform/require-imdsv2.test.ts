import rule from '../../../src/rules/terraform/require-imdsv2';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'ec2.tf';
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n' },
      { filename: f, code: 'resource "aws_launch_template" "lt" {\n  metadata_options {\n    http_endpoint = "enabled"\n    http_tokens   = "required"\n  }\n}\n' },
      { filename: f, code: 'resource "aws_instance" "web" {\n  metadata_options {\n    http_endpoint = "disabled"\n  }\n}\n', name: 'metadata service off' },
      { filename: f, code: 'resource "aws_instance" "web" {\n  metadata_options {\n    http_tokens = var.tokens\n  }\n}\n', name: 'unknown' },
      { filename: f, code: 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n', name: 'not an instance' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "aws_instance" "web" {\n  ami = "ami-1"\n}\n',
        errors: [{ messageId: 'missingOptions', line: 1, column: 1, endLine: 1, endColumn: 32, suggestions: [{ messageId: 'requireTokens', output: 'resource "aws_instance" "web" {\n  metadata_options {\n    http_tokens = "required"\n  }\n  ami = "ami-1"\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_launch_template" "lt" {\n  metadata_options {\n    http_tokens = "optional"\n  }\n}\n',
        errors: [{ messageId: 'optionalTokens', line: 3, column: 5, endLine: 3, endColumn: 29, suggestions: [{ messageId: 'requireTokens', output: 'resource "aws_launch_template" "lt" {\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_instance" "web" {\n  metadata_options {\n    http_endpoint = "enabled"\n  }\n}\n',
        errors: [{ messageId: 'missingTokens', line: 2, column: 3, endLine: 2, endColumn: 21, suggestions: [{ messageId: 'requireTokens', output: 'resource "aws_instance" "web" {\n  metadata_options {\n    http_tokens = "required"\n    http_endpoint = "enabled"\n  }\n}\n' }] }],
      },
    ],
  });
});

import rule from '../../../src/rules/terraform/require-sagemaker-endpoint-encryption';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'sagemaker.tf';
const variant = '  production_variants {\n    variant_name           = "all"\n    model_name             = "m"\n    initial_instance_count = 1\n    instance_type          = "ml.m5.large"\n  }\n';
const config = (name: string, ...lines: string[]): string =>
  `resource "aws_sagemaker_endpoint_configuration" "${name}" {\n${lines.map((l) => `  ${l}\n`).join('')}${variant}}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: config('a', 'kms_key_arn = aws_kms_key.models.arn'), name: 'key from a resource' },
      { filename: f, code: config('a', 'kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"'), name: 'literal key ARN' },
      { filename: f, code: 'variable "kms_key_arn" {\n  default = null\n}\n' + config('a', 'kms_key_arn = var.kms_key_arn'), name: 'module input with a null default' },
      { filename: f, code: config('a', 'kms_key_arn = var.encrypt ? aws_kms_key.models.arn : null'), name: 'conditional key' },
      { filename: f, code: 'resource "aws_sagemaker_endpoint" "e" {\n  endpoint_config_name = aws_sagemaker_endpoint_configuration.a.name\n}\n', name: 'an endpoint is not its configuration' },
      { filename: f, code: 'data "aws_sagemaker_endpoint_configuration" "a" {\n  name = "existing"\n}\n', name: 'not a resource' },
      { filename: 'main.py', code: 'resource = "aws_sagemaker_endpoint_configuration"\n', name: 'not Terraform' },
    ],
    invalid: [
      {
        filename: f,
        code: config('a', 'name = "inference"'),
        errors: [{ messageId: 'noKmsKey', line: 1, column: 1, endLine: 1, endColumn: 54 }],
      },
      {
        filename: f,
        code: config('a', 'name        = "inference"', 'kms_key_arn = null'),
        errors: [{ messageId: 'nullKmsKey', line: 3, column: 3, endLine: 3, endColumn: 21 }],
      },
      {
        name: 'every configuration in the file',
        filename: f,
        code: config('a') + config('bb', 'kms_key_arn = aws_kms_key.k.arn') + config('c'),
        errors: [
          { messageId: 'noKmsKey', line: 1, column: 1, endLine: 1, endColumn: 54 },
          { messageId: 'noKmsKey', line: 18, column: 1, endLine: 18, endColumn: 54 },
        ],
      },
    ],
  });
});

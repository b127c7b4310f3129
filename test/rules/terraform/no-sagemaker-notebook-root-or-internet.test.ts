import rule from '../../../src/rules/terraform/no-sagemaker-notebook-root-or-internet';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'sagemaker.tf';
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  root_access            = "Disabled"\n  direct_internet_access = "Disabled"\n  subnet_id              = aws_subnet.private.id\n}\n' },
      { filename: f, code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  root_access            = var.root\n  direct_internet_access = "Disabled"\n}\n', name: 'unknown' },
      { filename: f, code: 'resource "aws_sagemaker_endpoint" "e" {\n  name = "e"\n}\n', name: 'other resource' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  root_access            = "Enabled"\n  direct_internet_access = "Disabled"\n}\n',
        errors: [{ messageId: 'enabled', line: 2, column: 3, endLine: 2, endColumn: 37, suggestions: [{ messageId: 'disable', output: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  root_access            = "Disabled"\n  direct_internet_access = "Disabled"\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  root_access = "Disabled"\n}\n',
        errors: [{ messageId: 'missing', line: 1, column: 1, endLine: 1, endColumn: 50, suggestions: [{ messageId: 'disable', output: 'resource "aws_sagemaker_notebook_instance" "nb" {\n  direct_internet_access = "Disabled"\n  root_access = "Disabled"\n}\n' }] }],
      },
    ],
  });
});

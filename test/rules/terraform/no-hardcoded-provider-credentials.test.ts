import rule from '../../../src/rules/terraform/no-hardcoded-provider-credentials';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'providers.tf';
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'provider "aws" {\n  region = "eu-west-1"\n}\n' },
      { filename: f, code: 'provider "aws" {\n  access_key = var.access_key\n  secret_key = var.secret_key\n}\n', name: 'variables' },
      { filename: f, code: 'provider "aws" {\n  access_key = "mock_access_key"\n  secret_key = "mock_secret_key"\n}\n', name: 'localstack placeholders' },
      { filename: f, code: 'provider "aws" {\n  profile = "prod"\n}\nresource "x" "y" {\n  secret_key = "abc123"\n}\n', name: 'not a provider' },
    ],
    invalid: [
      {
        filename: f,
        code: 'provider "aws" {\n  region     = "us-east-1"\n  access_key = "AKIAIOSFODNN7EXAMPLE"\n  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"\n}\n',
        errors: [
          { messageId: 'literalCredential', line: 3, column: 3, endLine: 3, endColumn: 38 },
          { messageId: 'literalCredential', line: 4, column: 3, endLine: 4, endColumn: 58 },
        ],
      },
      {
        filename: f,
        name: 'github token through a local',
        code: 'locals {\n  t = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"\n}\nprovider "github" {\n  token = local.t\n}\n',
        errors: [{ messageId: 'literalCredential', line: 5, column: 3, endLine: 5, endColumn: 18 }],
      },
    ],
  });
});

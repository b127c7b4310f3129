import rule from '../../../src/rules/terraform/no-plaintext-secret-in-environment';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'compute.tf';
const lambda = (vars: string): string =>
  `resource "aws_lambda_function" "fn" {\n  function_name = "fn"\n  environment {\n    variables = {\n${vars}\n    }\n  }\n}\n`;
const token = 'ghp_aBcD1234eFgH5678iJkL9012mNoP3456qRsT';

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: lambda('      DB_PASSWORD_ARN = aws_secretsmanager_secret.db.arn\n      DB_HOST         = "db.internal"\n      LOG_LEVEL       = "info"'), name: 'references and plain settings' },
      { filename: f, code: lambda('      DB_PASSWORD = var.db_password\n      API_TOKEN   = "changeme"'), name: 'variable without default and placeholder' },
      { filename: f, code: lambda('      SECRET_NAME = "prod/db"\n      TOKEN_TTL   = "3600"'), name: 'secret names that are not secrets' },
      { filename: f, code: 'resource "aws_instance" "web" {\n  user_data = <<-EOT\n    #!/bin/bash\n    export DB_PASSWORD=$(aws ssm get-parameter --name /db/pw --with-decryption --query Parameter.Value --output text)\n    echo ok\n  EOT\n}\n', name: 'secret fetched at boot' },
      { filename: f, code: 'resource "aws_launch_template" "lt" {\n  user_data = base64encode(templatefile("init.sh", { region = "eu-west-1" }))\n}\n', name: 'template file' },
    ],
    invalid: [
      {
        filename: f,
        code: lambda('      DB_HOST     = "db.internal"\n      DB_PASSWORD = "S3cr3t-Pa55w0rd!"'),
        errors: [{ messageId: 'environment', line: 6, column: 7, endLine: 6, endColumn: 39 }],
      },
      {
        filename: f,
        code: lambda(`      "GITHUB_CONFIG" = "${token}"`),
        errors: [{ messageId: 'environment', line: 5, column: 7, endLine: 5, endColumn: 67 }],
      },
      {
        filename: f,
        code: 'resource "aws_instance" "web" {\n  user_data = <<-EOT\n    #!/bin/bash\n    export DB_PASSWORD="S3cr3t-Pa55w0rd!"\n    git clone https://' + token + '@github.com/acme/app\n  EOT\n}\n',
        errors: [
          { messageId: 'userData', line: 4, column: 25, endLine: 4, endColumn: 41 },
          { messageId: 'userData', line: 5, column: 23, endLine: 5, endColumn: 63 },
        ],
      },
    ],
  });
});

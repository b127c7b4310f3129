import rule from '../../../src/rules/iac/no-hardcoded-credential';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from '../cloudformation/helpers';

const f = 'db.tf';

describe('iac/no-hardcoded-credential', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  username = "app"\n  password = var.db_password\n}\n', name: 'a variable without a default' },
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  manage_master_user_password = true\n}\n', name: 'a managed password' },
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  password = random_password.db.result\n}\n', name: 'a generated password' },
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  password = "changeme"\n}\n', name: 'a placeholder' },
      { filename: f, code: 'resource "aws_rds_cluster" "c" {\n  master_user_secret_kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"\n  password_length = 32\n}\n', name: 'names that hold no secret' },
      { filename: f, code: 'resource "aws_ecs_task_definition" "t" {\n  secret_arn = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"\n}\n', name: 'an ARN of a secret' },
      { filename: f, code: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n', name: 'a variable without a default' },
      { filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'MasterUsername: app', "MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'"), name: 'CloudFormation: a dynamic reference' },
      { filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'MasterUserPassword: !Ref DbPassword'), name: 'CloudFormation: a NoEcho parameter' },
    ],
    invalid: [
      { filename: f, code: 'resource "aws_db_instance" "db" {\n  username = "app"\n  password = "admin123"\n}\n', errors: [{ messageId: 'literal', line: 3, column: 14, endLine: 3, endColumn: 24 }] },
      {
        filename: f,
        name: 'a nested block of an Azure server, and a module input',
        code: 'resource "azurerm_linux_virtual_machine" "vm" {\n  admin_password = "Sup3r-Secret-2024"\n}\nmodule "db" {\n  source      = "./modules/db"\n  db_password = "hunter2-prod"\n}\n',
        errors: [
          { messageId: 'literal', line: 2, column: 20, endLine: 2, endColumn: 39 },
          { messageId: 'literal', line: 6, column: 17, endLine: 6, endColumn: 31 },
        ],
      },
      { filename: f, code: 'variable "db_password" {\n  type    = string\n  default = "insecurepassword"\n}\n', name: 'a variable default', errors: [{ messageId: 'literal', line: 3, column: 13, endLine: 3, endColumn: 31 }] },
      { filename: f, code: 'resource "aws_secretsmanager_secret_version" "v" {\n  secret_id     = aws_secretsmanager_secret.s.id\n  secret_string = "{\\"password\\":\\"x9!kQ2\\"}"\n}\n', name: 'a secret value', errors: [{ messageId: 'literal', line: 3, column: 19, endLine: 3, endColumn: 46 }] },
      { filename: 'template.yaml', code: yamlResource('AWS::RDS::DBInstance', 'MasterUsername: app', 'MasterUserPassword: insecurepassword'), errors: [{ messageId: 'literal', line: 7, column: 27, endLine: 7, endColumn: 43 }] },
    ],
  });
});

import rule from '../../../src/rules/terraform/no-wildcard-iam-policy';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'iam.tf';
const policy = (statements: string, type = 'aws_iam_policy'): string => `resource "${type}" "p" {\n  policy = jsonencode({\n    Statement = [\n${statements}\n    ]\n  })\n}\n`;
const doc = (statement: string): string => `data "aws_iam_policy_document" "d" {\n  statement {\n${statement}\n  }\n}\n`;
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: policy('      { Effect = "Allow", Action = ["s3:GetObject", "s3:PutObject"], Resource = "arn:aws:s3:::b/*" }') },
      { filename: f, code: policy('      { Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }'), name: 'service wildcard on named resources' },
      { filename: f, code: policy('      { Effect = "Allow", Action = ["ec2:Describe*", "s3:List*"], Resource = "*" }'), name: 'read-only prefixes' },
      { filename: f, code: policy('      { Effect = "Deny", Action = "*", Resource = "*" }'), name: 'deny' },
      { filename: f, code: policy('      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::111122223333:role/app" }'), name: 'PassRole on one role' },
      { filename: f, code: policy('      { Effect = "Allow", Action = var.actions, Resource = "*" }'), name: 'unknown actions' },
      { filename: f, code: policy('      { Effect = "Allow", Action = ["iam:GetRole", "iam:ListPolicies"], Resource = "*" }'), name: 'read-only IAM' },
      { filename: f, code: policy('      { Effect = "Allow", Action = "*", Resource = "*" }').replace('"aws_iam_policy" "p"', '"aws_iam_policy" "boundary"') + 'resource "aws_iam_role" "app" {\n  permissions_boundary = aws_iam_policy.boundary.arn\n}\n', name: 'a permissions boundary: Allow * only caps other grants' },
      { filename: f, code: policy('      { Effect = "Allow", NotAction = "iam:*", Resource = "arn:aws:s3:::b/*" }'), name: 'NotAction on named resources' },
      { filename: f, code: policy('      { Effect = "Deny", NotAction = ["s3:*"], Resource = "*" }'), name: 'NotAction in a Deny (a guardrail)' },
      { filename: f, code: policy('      { Effect = "Allow", Action = "iam:AttachRolePolicy", Resource = "arn:aws:iam::111122223333:role/app-*" }'), name: 'escalation action on named roles' },
      { filename: f, code: doc('    actions   = ["iam:PassRole"]\n    resources = [aws_iam_role.app.arn]') },
      { filename: f, code: doc('    actions = ["sts:AssumeRole"]\n    principals {\n      type        = "Service"\n      identifiers = ["lambda.amazonaws.com"]\n    }'), name: 'trust policy' },
      { filename: f, code: 'resource "aws_iam_role_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n}\n' + doc('    effect    = "Deny"\n    actions   = ["*"]\n    resources = ["*"]'), name: 'document reported on its statement only' },
    ],
    invalid: [
      {
        filename: f,
        name: 'a heredoc policy: the action inside it',
        code: 'resource "aws_iam_role_policy" "p" {\n  policy = <<-EOF\n    {\n      "Version": "2012-10-17",\n      "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "iam:*"], "Resource": "*"}]\n    }\n  EOF\n}\n',
        errors: [{ messageId: 'serviceWildcard', line: 5, column: 68, endLine: 5, endColumn: 75 }],
      },
      {
        filename: f,
        name: 'a policy in a local: reported where it is written',
        code: 'locals {\n  admin = {\n    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]\n  }\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode(local.admin)\n}\n',
        errors: [{ messageId: 'adminAccess', line: 3, column: 47, endLine: 3, endColumn: 50, related: 1 }],
      },
      {
        filename: f,
        name: 'NotAction with Allow on every resource',
        code: policy('      { Effect = "Allow", NotAction = ["iam:*", "organizations:*"], Resource = "*" }'),
        errors: [{ messageId: 'notAction', line: 4, column: 40, endLine: 4, endColumn: 47 }],
      },
      {
        filename: f,
        name: 'privilege escalation, also through a wildcard pattern',
        code: policy('      { Effect = "Allow", Action = ["iam:CreatePolicyVersion", "iam:Put*Policy"], Resource = "*" }'),
        errors: [
          { messageId: 'privilegeEscalation', line: 4, column: 37, endLine: 4, endColumn: 62 },
          { messageId: 'privilegeEscalation', line: 4, column: 64, endLine: 4, endColumn: 80 },
        ],
      },
      {
        filename: f,
        code: policy('      { Effect = "Allow", Action = "s3:GetObject", Resource = "*" },\n      { Effect = "Allow", Action = "*", Resource = "*" }'),
        errors: [{ messageId: 'adminAccess', line: 5, column: 36, endLine: 5, endColumn: 39 }],
      },
      {
        filename: f,
        code: policy('      { Effect = "Allow", Action = ["dynamodb:*"], Resource = ["*"] }', 'aws_iam_user_policy'),
        errors: [{ messageId: 'serviceWildcard', line: 4, column: 37, endLine: 4, endColumn: 49 }],
      },
      {
        filename: f,
        code: 'resource "aws_iam_role" "r" {\n  inline_policy {\n    policy = "{\\"Statement\\": {\\"Effect\\": \\"Allow\\", \\"Action\\": \\"iam:PassRole\\", \\"Resource\\": \\"*\\"}}"\n  }\n}\n',
        errors: [{ messageId: 'passRole', line: 3, column: 14, endLine: 3, endColumn: 107 }],
      },
      {
        filename: f,
        code: doc('    actions   = ["iam:PassRole", "lambda:CreateFunction"]\n    resources = ["*"]'),
        errors: [{ messageId: 'passRole', line: 3, column: 18, endLine: 3, endColumn: 32 }],
      },
      {
        filename: f,
        code: 'resource "aws_iam_group_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n}\n' + doc('    actions   = ["*"]\n    resources = ["*"]'),
        errors: [{ messageId: 'adminAccess', line: 6, column: 18, endLine: 6, endColumn: 21 }],
      },
    ],
  });
});

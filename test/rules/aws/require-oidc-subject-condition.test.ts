import rule from '../../../src/rules/aws/require-oidc-subject-condition';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from '../cloudformation/helpers';

const f = 'ci.tf';
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
/** A role trusted by GitHub's OIDC provider; `condition` is written inside the statement (line 9). */
const role = (condition: string) =>
  `resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "${GITHUB}" }\n      ${condition}\n    }]\n  })\n}\n`;
const AUD = '"token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"';

describe('aws/require-oidc-subject-condition', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: role(`Condition = { StringEquals = { ${AUD}, "token.actions.githubusercontent.com:sub" = "repo:acme/api:ref:refs/heads/main" } }`), name: 'one repository and branch' },
      { filename: f, code: role(`Condition = { StringEquals = { ${AUD} }, StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme/*:environment:production" } }`), name: 'the organisation\'s production environment' },
      { filename: f, code: role('Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = ["repo:acme/api:*", "repo:acme/web:*"] } }'), name: 'two repositories' },
      { filename: f, code: role('Condition = var.trust_conditions'), name: 'conditions from a variable' },
      { filename: f, code: role('Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:acme-*/api:*" } }').replace('StringLike', 'StringEquals'), name: 'StringEquals takes * literally' },
      { filename: f, code: 'resource "aws_iam_role" "lambda" {\n  assume_role_policy = jsonencode({\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]\n  })\n}\n', name: 'a service role' },
      { filename: 'template.yaml', code: yamlResource('AWS::IAM::Role', 'AssumeRolePolicyDocument:', '  Statement:', '    - Effect: Allow', '      Action: sts:AssumeRoleWithWebIdentity', `      Principal: { Federated: !Sub "arn:aws:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com" }`), name: 'CloudFormation: provider from !Sub (not judged)' },
    ],
    invalid: [
      { filename: f, code: role(`Condition = { StringEquals = { ${AUD} } }`), name: 'audience only', errors: [{ messageId: 'missingSubject', line: 8, column: 33, endLine: 8, endColumn: 33 + GITHUB.length + 2 }] },
      { filename: f, code: role('Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*" } }'), name: 'every repository', errors: [{ messageId: 'anySubject', line: 9, column: 80, endLine: 9, endColumn: 88 }] },
      {
        filename: f,
        name: 'a policy document with a wildcard owner',
        code: 'data "aws_iam_policy_document" "trust" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n    principals {\n      type        = "Federated"\n      identifiers = [aws_iam_openid_connect_provider.github.arn, "' + GITHUB + '"]\n    }\n    condition {\n      test     = "StringLike"\n      variable = "token.actions.githubusercontent.com:sub"\n      values   = ["repo:*/infra:*"]\n    }\n  }\n}\nresource "aws_iam_role" "deploy" {\n  assume_role_policy = data.aws_iam_policy_document.trust.json\n}\n',
        errors: [{ messageId: 'anySubject', line: 11, column: 19, endLine: 11, endColumn: 35, related: 1 }],
      },
      {
        filename: 'template.yaml',
        name: 'CloudFormation: no subject',
        code: yamlResource('AWS::IAM::Role', 'AssumeRolePolicyDocument:', '  Statement:', '    - Effect: Allow', '      Action: sts:AssumeRoleWithWebIdentity', `      Principal: { Federated: ${GITHUB} }`),
        errors: [{ messageId: 'missingSubject', line: 10, column: 37, endLine: 10, endColumn: 37 + GITHUB.length }],
      },
    ],
  });
});

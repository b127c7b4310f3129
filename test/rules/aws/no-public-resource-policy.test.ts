import rule from '../../../src/rules/aws/no-public-resource-policy';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from '../cloudformation/helpers';

const f = 'queues.tf';
/** An SQS queue policy with one statement (the statement's fields on line 5). */
const queuePolicy = (fields: string) => `resource "aws_sqs_queue_policy" "jobs" {\n  queue_url = aws_sqs_queue.jobs.id\n  policy = jsonencode({\n    Statement = [{\n      ${fields}\n    }]\n  })\n}\n`;

describe('aws/no-public-resource-policy', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: queuePolicy('Effect = "Allow", Principal = { Service = "sns.amazonaws.com" }, Action = "sqs:SendMessage", Resource = "*"'), name: 'a service principal' },
      { filename: f, code: queuePolicy('Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*", Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.t.arn } }'), name: 'everyone, narrowed by the source topic' },
      { filename: f, code: queuePolicy('Effect = "Deny", Principal = "*", Action = "sqs:*", Resource = "*", Condition = { Bool = { "aws:SecureTransport" = "false" } }'), name: 'a TLS-only deny' },
      { filename: f, code: queuePolicy('Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sqs:*", Resource = "*"'), name: 'an account' },
      { filename: f, code: 'resource "aws_lambda_permission" "sns" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.f.function_name\n  principal     = "sns.amazonaws.com"\n  source_arn    = aws_sns_topic.t.arn\n}\n', name: 'a Lambda permission for a service' },
      { filename: f, code: 'resource "aws_lambda_permission" "any" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.f.function_name\n  principal     = "*"\n  source_account = "111122223333"\n}\n', name: 'principal "*" narrowed to an account' },
      { filename: f, code: 'resource "aws_sqs_queue_policy" "q" {\n  policy = var.policy\n}\n', name: 'a policy from a variable' },
      { filename: 'template.yaml', code: yamlResource('AWS::SNS::TopicPolicy', 'Topics: [!Ref Topic]', 'PolicyDocument:', '  Statement:', '    - Effect: Allow', '      Principal: "*"', '      Action: sns:Publish', '      Resource: !Ref Topic', '      Condition:', '        StringEquals:', '          aws:SourceOwner: !Ref AWS::AccountId'), name: 'CloudFormation: conditioned' },
      { filename: 'template.yaml', code: yamlResource('AWS::S3::BucketPolicy', 'PolicyDocument:', '  Statement:', '    - Effect: Allow', '      Principal: "*"', '      Action: s3:GetObject', '      Resource: arn:aws:s3:::b/*'), name: 'S3 is cloudformation/no-public-s3-bucket\'s' },
    ],
    invalid: [
      { filename: f, code: queuePolicy('Effect = "Allow", Principal = "*", Action = "sqs:SendMessage", Resource = "*"'), errors: [{ messageId: 'publicPolicy', line: 5, column: 37, endLine: 5, endColumn: 40 }] },
      {
        filename: f,
        name: 'a secret shared with every account through a policy document',
        code: 'data "aws_iam_policy_document" "read" {\n  statement {\n    actions = ["secretsmanager:GetSecretValue"]\n    principals {\n      type        = "AWS"\n      identifiers = ["*"]\n    }\n    resources = ["*"]\n  }\n}\nresource "aws_secretsmanager_secret_policy" "api_key" {\n  secret_arn = aws_secretsmanager_secret.api_key.arn\n  policy     = data.aws_iam_policy_document.read.json\n}\n',
        errors: [{ messageId: 'publicPolicy', line: 6, column: 22, endLine: 6, endColumn: 25, related: 1 }],
      },
      {
        filename: f,
        name: 'an OpenSearch domain open to everyone (heredoc)',
        code: 'resource "aws_opensearch_domain" "rag" {\n  domain_name = "rag"\n  access_policies = <<POLICY\n{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "es:*", "Resource": "*"}]}\nPOLICY\n}\n',
        errors: [{ messageId: 'publicPolicy', line: 4, column: 57, endLine: 4, endColumn: 60 }],
      },
      { filename: f, code: 'resource "aws_lambda_permission" "any" {\n  action        = "lambda:InvokeFunction"\n  function_name = aws_lambda_function.f.function_name\n  principal     = "*"\n}\n', errors: [{ messageId: 'publicInvoke', line: 4, column: 3, endLine: 4, endColumn: 22 }] },
      { filename: 'template.yaml', code: yamlResource('AWS::ECR::Repository', 'RepositoryName: models', 'RepositoryPolicyText:', '  Statement:', '    - Effect: Allow', '      Principal: "*"', '      Action: [ecr:BatchGetImage, ecr:GetDownloadUrlForLayer]'), errors: [{ messageId: 'publicPolicy', line: 10, column: 24, endLine: 10, endColumn: 27 }] },
      { filename: 'template.yaml', code: yamlResource('AWS::Lambda::Permission', 'Action: lambda:InvokeFunction', 'FunctionName: !Ref Fn', "Principal: '*'"), errors: [{ messageId: 'publicInvoke', line: 8, column: 18, endLine: 8, endColumn: 21 }] },
    ],
  });
});

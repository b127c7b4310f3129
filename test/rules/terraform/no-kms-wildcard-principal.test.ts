import rule from '../../../src/rules/terraform/no-kms-wildcard-principal';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'kms.tf';
const key = (statement: string): string =>
  `resource "aws_kms_key" "k" {\n  description = "k"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n${statement}\n    }]\n  })\n}\n`;
const open = '      Effect = "Allow"\n      Principal = { AWS = "*" }\n      Action = "kms:*"\n      Resource = "*"';

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: key('      Effect = "Allow"\n      Principal = { AWS = "arn:aws:iam::111122223333:root" }\n      Action = "kms:*"\n      Resource = "*"'), name: 'account root' },
      { filename: f, code: key(`${open}\n      Condition = { StringEquals = { "kms:CallerAccount" = "111122223333" } }`), name: 'with condition' },
      { filename: f, code: key('      Effect = "Deny"\n      Principal = "*"\n      Action = "kms:*"\n      Resource = "*"'), name: 'deny' },
      { filename: f, code: 'resource "aws_kms_key" "k" {\n  description = "default key policy"\n}\n', name: 'no policy' },
      { filename: f, code: 'resource "aws_kms_key_policy" "p" {\n  key_id = aws_kms_key.k.id\n  policy = data.aws_iam_policy_document.unknown.json\n}\n', name: 'unresolvable' },
    ],
    invalid: [
      { filename: f, code: key(open), errors: [{ messageId: 'wildcard', line: 7, column: 27, endLine: 7, endColumn: 30 }] },
      {
        filename: f,
        code: 'resource "aws_kms_key_policy" "p" {\n  key_id = aws_kms_key.k.id\n  policy = data.aws_iam_policy_document.key.json\n}\ndata "aws_iam_policy_document" "key" {\n  statement {\n    actions   = ["kms:Decrypt"]\n    resources = ["*"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\n',
        errors: [{ messageId: 'wildcard', line: 11, column: 22, endLine: 11, endColumn: 25, related: 1 }],
      },
      {
        filename: f,
        code: 'resource "aws_kms_key" "k" {\n  policy = <<EOF\n{"Statement":[{"Effect":"Allow","Principal":"*","Action":"kms:Decrypt","Resource":"*"}]}\nEOF\n}\n',
        errors: [{ messageId: 'wildcard', line: 3, column: 45, endLine: 3, endColumn: 48 }],
      },
    ],
  });
});

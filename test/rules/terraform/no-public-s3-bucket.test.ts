import rule from '../../../src/rules/terraform/no-public-s3-bucket';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 's3.tf';
const policy = (statement: string): string => `resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = jsonencode({\n    Statement = [{\n${statement}\n    }]\n  })\n}\n`;
describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "private"\n}\n' },
      { filename: f, code: 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = var.acl\n}\n', name: 'unknown ACL' },
      { filename: f, code: 'resource "aws_s3_bucket_acl" "a" {\n  bucket = "b"\n  acl    = "log-delivery-write"\n}\n' },
      { filename: f, code: 'resource "aws_s3_bucket_acl" "a" {\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"\n      }\n      permission = "WRITE"\n    }\n  }\n}\n', name: 'log delivery grant' },
      { filename: f, code: 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = "b"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n' },
      { filename: f, code: 'resource "aws_s3_account_public_access_block" "b" {\n  block_public_acls       = var.on\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n', name: 'unknown flag' },
      { filename: f, code: policy('      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-1" } }'), name: 'conditioned' },
      { filename: f, code: policy('      Effect    = "Deny"\n      Principal = "*"\n      Action    = "s3:*"'), name: 'deny' },
      { filename: f, code: policy('      Effect    = "Allow"\n      Principal = { AWS = "arn:aws:iam::111122223333:root" }\n      Action    = "s3:GetObject"'), name: 'named principal' },
      { filename: f, code: policy('      Effect    = "Allow"\n      Principal = { Service = "cloudfront.amazonaws.com" }\n      Action    = "s3:GetObject"\n      Condition = { StringEquals = { "AWS:SourceArn" = "arn" } }'), name: 'CloudFront OAC' },
      { filename: f, code: 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = file("policy.json")\n}\n', name: 'unknown policy' },
    ],
    invalid: [
      {
        filename: f,
        code: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "public-read"\n}\n',
        errors: [{ messageId: 'publicAcl', line: 3, column: 3, endLine: 3, endColumn: 25, suggestions: [{ messageId: 'makePrivate', output: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  acl    = "private"\n}\n' }] }],
      },
      {
        filename: f,
        code: 'locals {\n  acl = "authenticated-read"\n}\nresource "aws_s3_bucket_acl" "a" {\n  acl = local.acl\n}\n',
        errors: [{ messageId: 'publicAcl', line: 5, column: 3, endLine: 5, endColumn: 18, suggestions: [{ messageId: 'makePrivate', output: 'locals {\n  acl = "authenticated-read"\n}\nresource "aws_s3_bucket_acl" "a" {\n  acl = "private"\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_s3_bucket_acl" "a" {\n  access_control_policy {\n    grant {\n      grantee {\n        type = "Group"\n        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"\n      }\n      permission = "READ"\n    }\n  }\n}\n',
        errors: [{ messageId: 'publicGrant', line: 6, column: 9, endLine: 6, endColumn: 65 }],
      },
      {
        filename: f,
        code: 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = "b"\n  block_public_acls       = true\n  block_public_policy     = false\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n',
        errors: [{ messageId: 'accessBlockOff', line: 4, column: 3, endLine: 4, endColumn: 34, suggestions: [{ messageId: 'blockPublic', output: 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket                  = "b"\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n' }] }],
      },
      {
        filename: f,
        code: 'resource "aws_s3_bucket_public_access_block" "b" {\n  bucket            = "b"\n  block_public_acls = true\n  ignore_public_acls = true\n}\n',
        errors: [{ messageId: 'accessBlockMissing', line: 1, column: 1, endLine: 1, endColumn: 51, suggestions: [{ messageId: 'blockAll', output: 'resource "aws_s3_bucket_public_access_block" "b" {\n  block_public_policy = true\n  restrict_public_buckets = true\n  bucket            = "b"\n  block_public_acls = true\n  ignore_public_acls = true\n}\n' }] }],
      },
      {
        filename: f,
        code: policy('      Effect    = "Allow"\n      Principal = { AWS = ["*"] }\n      Action    = "s3:GetObject"'),
        errors: [{ messageId: 'publicPolicy', line: 6, column: 28, endLine: 6, endColumn: 31 }],
      },
      {
        filename: f,
        code: 'data "aws_iam_policy_document" "d" {\n  statement {\n    actions = ["s3:GetObject"]\n    principals {\n      type        = "*"\n      identifiers = ["*"]\n    }\n  }\n}\nresource "aws_s3_bucket_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n}\n',
        errors: [{ messageId: 'publicPolicy', line: 6, column: 22, endLine: 6, endColumn: 25 }],
      },
    ],
  });
});

import rule from '../../../src/rules/terraform/no-public-eks-endpoint';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'eks.tf';
const cluster = (vpc: string): string => `resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = aws_iam_role.c.arn\n  vpc_config {\n${vpc}    subnet_ids = var.subnets\n  }\n}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: cluster('    endpoint_public_access  = false\n    endpoint_private_access = true\n'), name: 'private' },
      { filename: f, code: cluster('    public_access_cidrs = ["203.0.113.0/24"]\n'), name: 'restricted cidrs' },
      { filename: f, code: cluster('    endpoint_public_access = var.public\n'), name: 'unknown access' },
      { filename: f, code: cluster('    public_access_cidrs = var.cidrs\n'), name: 'unknown cidrs' },
      { filename: f, code: 'resource "aws_eks_node_group" "n" {\n  cluster_name = "c"\n}\n', name: 'other resource' },
    ],
    invalid: [
      {
        filename: f,
        code: cluster(''),
        errors: [{ messageId: 'defaultCidrs', line: 4, column: 3, endLine: 4, endColumn: 15, suggestions: [{ messageId: 'makePrivate', output: cluster('    endpoint_public_access = false\n    endpoint_private_access = true\n') }] }],
      },
      {
        filename: f,
        code: cluster('    endpoint_public_access  = true\n    endpoint_private_access = false\n'),
        errors: [{ messageId: 'defaultCidrs', line: 5, column: 5, endLine: 5, endColumn: 35, suggestions: [{ messageId: 'makePrivate', output: cluster('    endpoint_public_access  = false\n    endpoint_private_access = true\n') }] }],
      },
      {
        filename: f,
        code: cluster('    endpoint_private_access = true\n    public_access_cidrs     = ["10.0.0.0/8", "0.0.0.0/0"]\n'),
        errors: [{ messageId: 'worldCidr', line: 6, column: 5, endLine: 6, endColumn: 58, suggestions: [{ messageId: 'makePrivate', output: cluster('    endpoint_public_access = false\n    endpoint_private_access = true\n    public_access_cidrs     = ["10.0.0.0/8", "0.0.0.0/0"]\n') }] }],
      },
    ],
  });
});

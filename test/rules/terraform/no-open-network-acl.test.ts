import rule from '../../../src/rules/terraform/no-open-network-acl';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'nacl.tf';
const acl = (ingress: string): string => `resource "aws_network_acl" "a" {\n  vpc_id = aws_vpc.main.id\n  ingress {\n    rule_no    = 100\n${ingress}\n  }\n}\n`;
const aclRule = (extra: string): string => `resource "aws_network_acl_rule" "r" {\n  network_acl_id = aws_network_acl.a.id\n  rule_number    = 100\n${extra}\n}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: acl('    action     = "allow"\n    protocol   = "tcp"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 443\n    to_port    = 443'), name: 'https from anywhere' },
      { filename: f, code: acl('    action     = "deny"\n    protocol   = "tcp"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22'), name: 'deny rule' },
      { filename: f, code: acl('    action     = "allow"\n    protocol   = "-1"\n    cidr_block = "10.0.0.0/16"\n    from_port  = 0\n    to_port    = 0'), name: 'internal range' },
      { filename: f, code: aclRule('  protocol    = "tcp"\n  rule_action = "allow"\n  cidr_block  = "0.0.0.0/0"\n  from_port   = 1024\n  to_port     = 65535'), name: 'ephemeral return ports' },
      { filename: f, code: aclRule('  egress      = true\n  protocol    = "-1"\n  rule_action = "allow"\n  cidr_block  = "0.0.0.0/0"'), name: 'egress' },
      { filename: f, code: aclRule('  protocol    = "tcp"\n  rule_action = "allow"\n  cidr_block  = "0.0.0.0/0"\n  from_port   = var.port\n  to_port     = var.port'), name: 'unknown ports' },
    ],
    invalid: [
      {
        filename: f,
        code: acl('    action     = "allow"\n    protocol   = "tcp"\n    cidr_block = "0.0.0.0/0"\n    from_port  = 22\n    to_port    = 22'),
        errors: [{ messageId: 'openPort', line: 7, column: 5, endLine: 7, endColumn: 29 }],
      },
      {
        filename: f,
        code: acl('    action          = "allow"\n    protocol        = -1\n    ipv6_cidr_block = "::/0"\n    from_port       = 0\n    to_port         = 0'),
        errors: [{ messageId: 'openPort', line: 7, column: 5, endLine: 7, endColumn: 29 }],
      },
      {
        filename: f,
        code: aclRule('  protocol    = "6"\n  rule_action = "allow"\n  cidr_block  = "0.0.0.0/0"\n  from_port   = 3000\n  to_port     = 4000'),
        errors: [{ messageId: 'openPort', line: 6, column: 3, endLine: 6, endColumn: 28 }],
      },
    ],
  });
});

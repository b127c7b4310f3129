import rule from '../../../src/rules/terraform/no-open-security-group';
import { terraformAdapter } from '../../../src/languages/terraform';
import { ruleTester } from '../../lib/rule-tester';

const f = 'sg.tf';
const ingress = (from: string, to: string, proto: string, cidr: string): string =>
  `resource "aws_security_group" "sg" {\n  ingress {\n    from_port   = ${from}\n    to_port     = ${to}\n    protocol    = "${proto}"\n    cidr_blocks = ["${cidr}"]\n  }\n}\n`;

describe('terraform', () => {
  before(() => terraformAdapter.prepare!());
  ruleTester(rule, {
    valid: [
      { filename: f, code: ingress('443', '443', 'tcp', '0.0.0.0/0'), name: 'HTTPS to the world' },
      { filename: f, code: ingress('22', '22', 'tcp', '10.0.0.0/8'), name: 'SSH from a private range' },
      { filename: f, code: ingress('22', '22', 'tcp', '203.0.113.0/24'), name: 'SSH from one office range' },
      { filename: f, code: ingress('22', '22', 'tcp', '1.0.0.0/9'), name: 'a public range narrower than /8' },
      { filename: f, code: ingress('22', '22', 'tcp', '${var.cidr}'), name: 'interpolated source' },
      { filename: f, code: 'resource "aws_security_group" "sg" {\n  egress {\n    from_port = 0\n    to_port = 0\n    protocol = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n', name: 'egress' },
      { filename: f, code: 'resource "aws_security_group_rule" "r" {\n  type = "egress"\n  from_port = 0\n  to_port = 65535\n  protocol = "tcp"\n  cidr_blocks = ["0.0.0.0/0"]\n}\n', name: 'egress rule' },
      { filename: f, code: 'resource "aws_vpc_security_group_ingress_rule" "r" {\n  cidr_ipv4 = "0.0.0.0/0"\n  from_port = 80\n  to_port = 80\n  ip_protocol = "tcp"\n}\n' },
    ],
    invalid: [
      { filename: f, code: ingress('22', '22', 'tcp', '0.0.0.0/0'), errors: [{ messageId: 'openPort', line: 6, column: 5, endLine: 6, endColumn: 32 }] },
      { filename: f, code: ingress('0', '0', '-1', '::/0'), name: 'all protocols, IPv6', errors: [{ messageId: 'openPort', line: 6, column: 5, endLine: 6, endColumn: 27 }] },
      { filename: f, code: ingress('22', '22', 'tcp', '0.0.0.0/1'), name: 'half the internet (the /1 split)', errors: [{ messageId: 'openPort', line: 6, column: 5, endLine: 6, endColumn: 32 }] },
      { filename: f, code: ingress('5432', '5432', 'tcp', '2000::/3'), name: 'all global IPv6 unicast', errors: [{ messageId: 'openPort', line: 6, column: 5, endLine: 6, endColumn: 31 }] },
      { filename: f, code: ingress('3000', '6000', 'tcp', '0.0.0.0/0'), name: 'range containing 3306', errors: [{ messageId: 'openPort', line: 6, column: 5, endLine: 6, endColumn: 32 }] },
      {
        filename: f,
        name: 'standalone rule through a local',
        code: 'locals {\n  world = ["0.0.0.0/0"]\n}\nresource "aws_security_group_rule" "r" {\n  type = "ingress"\n  from_port = 5432\n  to_port = 5432\n  protocol = "tcp"\n  cidr_blocks = local.world\n}\n',
        errors: [{ messageId: 'openPort', line: 9, column: 3, endLine: 9, endColumn: 28 }],
      },
      {
        filename: f,
        name: 'vpc ingress rule',
        code: 'resource "aws_vpc_security_group_ingress_rule" "r" {\n  cidr_ipv4 = "0.0.0.0/0"\n  ip_protocol = "-1"\n}\n',
        errors: [{ messageId: 'openPort', line: 2, column: 3, endLine: 2, endColumn: 26 }],
      },
      {
        filename: f,
        name: 'static dynamic block, reported once',
        code: 'resource "aws_security_group" "sg" {\n  dynamic "ingress" {\n    for_each = [22, 3389]\n    content {\n      from_port = ingress.value\n      to_port = ingress.value\n      protocol = "tcp"\n      cidr_blocks = ["0.0.0.0/0"]\n    }\n  }\n}\n',
        errors: [{ messageId: 'openPort', line: 8, column: 7, endLine: 8, endColumn: 34 }],
      },
    ],
  });
});

import rule from '../../../src/rules/cloudformation/no-open-network-acl';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const entry = (protocol: string, ports: string, cidr = 'CidrBlock: 0.0.0.0/0', ...extra: string[]): string =>
  yamlResource('AWS::EC2::NetworkAclEntry', 'NetworkAclId: !Ref Acl', 'RuleNumber: 100', `Protocol: ${protocol}`, 'RuleAction: allow', cidr, `PortRange: ${ports}`, ...extra);

ruleTester(rule, {
  valid: [
    { name: 'HTTPS from anywhere', filename: 'template.yaml', code: entry('6', '{ From: 443, To: 443 }') },
    { name: 'ephemeral ports back in', filename: 'template.yaml', code: entry('6', '{ From: 32768, To: 60999 }') },
    { name: 'SSH from a private range', filename: 'template.yaml', code: entry('6', '{ From: 22, To: 22 }', 'CidrBlock: 10.0.0.0/8') },
    { name: 'deny all', filename: 'template.yaml', code: entry('-1', '{ From: 0, To: 0 }', 'CidrBlock: 0.0.0.0/0', 'Egress: false').replace('RuleAction: allow', 'RuleAction: deny') },
    { name: 'egress to anywhere', filename: 'template.yaml', code: entry('-1', '{ From: 0, To: 0 }', 'CidrBlock: 0.0.0.0/0', 'Egress: true') },
    { name: 'protocol from a parameter', filename: 'template.yaml', code: entry('!Ref Protocol', '{ From: 22, To: 22 }') },
  ],
  invalid: [
    { name: 'all traffic in', filename: 'template.yaml', code: entry('-1', '{ From: 0, To: 65535 }'), errors: [{ messageId: 'openAll', line: 10, column: 18, endLine: 10, endColumn: 27 }] },
    { name: 'RDP from ::/0', filename: 'template.yaml', code: entry('6', '{ From: 3389, To: 3389 }', 'Ipv6CidrBlock: ::/0', 'Egress: false'), errors: [{ messageId: 'openPort', line: 10, column: 22, endLine: 10, endColumn: 26 }] },
    {
      name: 'JSON, MySQL in a range',
      filename: 'acl.json',
      code: '{"Resources": {"E": {"Type": "AWS::EC2::NetworkAclEntry", "Properties": {"Protocol": 6, "RuleAction": "allow", "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 3000, "To": 4000}}}}}',
      errors: [{ messageId: 'openPort', line: 1, column: 125, endLine: 1, endColumn: 136 }],
    },
  ],
});

import rule from '../../../src/rules/cloudformation/no-open-security-group';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const SG = 'AWS::EC2::SecurityGroup';
const ingress = (protocol: string, from: string, to: string, cidr = 'CidrIp: 0.0.0.0/0'): string[] => [
  'GroupDescription: web',
  'SecurityGroupIngress:',
  `  - IpProtocol: ${protocol}`,
  `    FromPort: ${from}`,
  `    ToPort: ${to}`,
  `    ${cidr}`,
];

ruleTester(rule, {
  valid: [
    { name: 'HTTPS to the world', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '443', '443')) },
    { name: 'SSH from a private range', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '22', '22', 'CidrIp: 10.0.0.0/8')) },
    { name: 'SSH from a parameter', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '22', '22', 'CidrIp: !Ref AdminCidr')) },
    { name: 'ports from parameters', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '!Ref Port', '!Ref Port')) },
    { name: 'SSH from one office range', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '22', '22', 'CidrIp: 203.0.113.0/24')) },
    { name: 'ICMP to the world', filename: 'template.yaml', code: yamlResource(SG, ...ingress('icmp', '-1', '-1')) },
    { name: 'all traffic from the same VPC', filename: 'template.yaml', code: yamlResource(SG, ...ingress('-1', '0', '65535', 'CidrIp: 10.0.0.0/16')) },
  ],
  invalid: [
    { name: 'SSH to 0.0.0.0/0', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '22', '22')), errors: [{ messageId: 'openPort', line: 11, column: 19, endLine: 11, endColumn: 28 }] },
    { name: 'range covering PostgreSQL to ::/0', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '5000', '6000', 'CidrIpv6: ::/0')), errors: [{ messageId: 'openPort', line: 11, column: 21, endLine: 11, endColumn: 25 }] },
    { name: 'SSH to 128.0.0.0/1 (half the internet)', filename: 'template.yaml', code: yamlResource(SG, ...ingress('tcp', '22', '22', 'CidrIp: 128.0.0.0/1')), errors: [{ messageId: 'openPort', line: 11, column: 19, endLine: 11, endColumn: 30 }] },
    { name: 'all protocols', filename: 'template.yaml', code: yamlResource(SG, ...ingress("'-1'", '0', '0')), errors: [{ messageId: 'openAll', line: 11, column: 19, endLine: 11, endColumn: 28 }] },
    {
      name: 'standalone ingress resource, RDP',
      filename: 'template.yaml',
      code: yamlResource('AWS::EC2::SecurityGroupIngress', 'GroupId: !Ref Sg', 'IpProtocol: tcp', 'FromPort: 3389', 'ToPort: 3389', 'CidrIp: 0.0.0.0/0'),
      errors: [{ messageId: 'openPort', line: 10, column: 15, endLine: 10, endColumn: 24 }],
    },
    {
      name: 'JSON, all ports',
      filename: 'sg.json',
      code: '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Sg": {"Type": "AWS::EC2::SecurityGroup", "Properties": {"SecurityGroupIngress": [{"IpProtocol": "tcp", "FromPort": 0, "ToPort": 65535, "CidrIp": "0.0.0.0/0"}]}}}}',
      errors: [{ messageId: 'openAll', line: 1, column: 204, endLine: 1, endColumn: 215 }],
    },
  ],
});

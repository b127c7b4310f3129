import rule from '../../../src/rules/cloudformation/no-public-eks-endpoint';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const EKS = 'AWS::EKS::Cluster';
const cluster = (...vpc: string[]): string => yamlResource(EKS, 'RoleArn: !GetAtt Role.Arn', 'ResourcesVpcConfig:', '  SubnetIds: [!Ref A, !Ref B]', ...vpc.map((v) => `  ${v}`));

ruleTester(rule, {
  valid: [
    { name: 'private endpoint only', filename: 'template.yaml', code: cluster('EndpointPublicAccess: false', 'EndpointPrivateAccess: true') },
    { name: 'public endpoint for an office range', filename: 'template.yaml', code: cluster('EndpointPublicAccess: true', 'PublicAccessCidrs: [203.0.113.0/24]') },
    { name: 'default public access, restricted ranges', filename: 'template.yaml', code: cluster('PublicAccessCidrs: !Ref AdminCidrs') },
    { name: 'public access from a parameter', filename: 'template.yaml', code: cluster('EndpointPublicAccess: !Ref Public') },
    { name: 'VPC config from an intrinsic', filename: 'template.yaml', code: yamlResource(EKS, 'ResourcesVpcConfig: !If [Prod, {}, {}]') },
    { name: 'JSON, private', filename: 'eks.json', code: '{"Resources": {"C": {"Type": "AWS::EKS::Cluster", "Properties": {"ResourcesVpcConfig": {"EndpointPublicAccess": "false"}}}}}' },
  ],
  invalid: [
    { name: 'default public access, no ranges', filename: 'template.yaml', code: cluster(), errors: [{ messageId: 'defaultOpen', line: 7, column: 7, endLine: 7, endColumn: 25 }] },
    { name: '0.0.0.0/0 in the ranges', filename: 'template.yaml', code: cluster('PublicAccessCidrs: [10.0.0.0/8, 0.0.0.0/0]'), errors: [{ messageId: 'worldCidr', line: 9, column: 41, endLine: 9, endColumn: 50 }] },
    {
      name: 'public and private on, no ranges',
      filename: 'template.yaml',
      code: cluster('EndpointPublicAccess: true', 'EndpointPrivateAccess: true'),
      errors: [{ messageId: 'defaultOpen', line: 9, column: 31, endLine: 9, endColumn: 35, suggestions: [{ messageId: 'makePrivate', output: cluster('EndpointPublicAccess: false', 'EndpointPrivateAccess: true') }] }],
    },
    {
      name: 'JSON, no VPC endpoint settings',
      filename: 'eks.json',
      code: '{"Resources": {"C": {"Type": "AWS::EKS::Cluster", "Properties": {"ResourcesVpcConfig": {"SubnetIds": ["s-1"], "EndpointPublicAccess": true}}}}}',
      errors: [{ messageId: 'defaultOpen', line: 1, column: 135, endLine: 1, endColumn: 139 }],
    },
  ],
});

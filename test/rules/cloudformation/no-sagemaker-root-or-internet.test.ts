import rule from '../../../src/rules/cloudformation/no-sagemaker-root-or-internet';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const NB = 'AWS::SageMaker::NotebookInstance';
const base = ['InstanceType: ml.t3.medium', 'RoleArn: !GetAtt Role.Arn'];

ruleTester(rule, {
  valid: [
    { name: 'hardened', filename: 'template.yaml', code: yamlResource(NB, ...base, 'RootAccess: Disabled', 'DirectInternetAccess: Disabled', 'SubnetId: !Ref Subnet') },
    { name: 'values from parameters', filename: 'template.yaml', code: yamlResource(NB, ...base, 'RootAccess: !Ref Root', 'DirectInternetAccess: !Ref Internet') },
    { name: 'other resource', filename: 'template.yaml', code: yamlResource('AWS::SageMaker::Model', ...base) },
    { name: 'JSON hardened', filename: 'nb.json', code: '{"Resources": {"Nb": {"Type": "AWS::SageMaker::NotebookInstance", "Properties": {"RootAccess": "Disabled", "DirectInternetAccess": "Disabled"}}}}' },
  ],
  invalid: [
    {
      name: 'both defaults',
      filename: 'template.yaml',
      code: yamlResource(NB, ...base),
      errors: [
        { messageId: 'rootAccess', line: 3, column: 3, endLine: 3, endColumn: 6 },
        { messageId: 'internetAccess', line: 3, column: 3, endLine: 3, endColumn: 6 },
      ],
    },
    {
      name: 'explicit Enabled with a subnet',
      filename: 'template.yaml',
      code: yamlResource(NB, ...base, 'SubnetId: !Ref Subnet', 'RootAccess: Enabled', 'DirectInternetAccess: Enabled'),
      errors: [
        { messageId: 'rootAccess', line: 9, column: 19, endLine: 9, endColumn: 26, suggestions: [{ messageId: 'disable', output: yamlResource(NB, ...base, 'SubnetId: !Ref Subnet', 'RootAccess: Disabled', 'DirectInternetAccess: Enabled') }] },
        { messageId: 'internetAccess', line: 10, column: 29, endLine: 10, endColumn: 36, suggestions: [{ messageId: 'disable', output: yamlResource(NB, ...base, 'SubnetId: !Ref Subnet', 'RootAccess: Enabled', 'DirectInternetAccess: Disabled') }] },
      ],
    },
    {
      name: 'internet access without a subnet: no suggestion',
      filename: 'template.yaml',
      code: yamlResource(NB, ...base, 'RootAccess: Disabled', 'DirectInternetAccess: Enabled'),
      errors: [{ messageId: 'internetAccess', line: 9, column: 29, endLine: 9, endColumn: 36 }],
    },
  ],
});

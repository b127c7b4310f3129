import rule from '../../../src/rules/cloudformation/require-sagemaker-endpoint-encryption';
import { ruleTester } from '../../lib/rule-tester';
import { yamlResource } from './helpers';

const EC = 'AWS::SageMaker::EndpointConfig';
const variants = ['ProductionVariants:', '  - ModelName: !GetAtt Model.ModelName', '    VariantName: all', '    InitialInstanceCount: 1', '    InstanceType: ml.m5.large'];

ruleTester(rule, {
  valid: [
    { name: 'with a KMS key', filename: 'template.yaml', code: yamlResource(EC, ...variants, 'KmsKeyId: !Ref Key') },
    { name: 'with a key ARN', filename: 'template.yaml', code: yamlResource(EC, ...variants, 'KmsKeyId: arn:aws:kms:us-east-1:111122223333:key/abcd') },
    { name: 'an endpoint is not its config', filename: 'template.yaml', code: yamlResource('AWS::SageMaker::Endpoint', 'EndpointConfigName: !GetAtt Config.EndpointConfigName') },
  ],
  invalid: [
    { name: 'no key', filename: 'template.yaml', code: yamlResource(EC, ...variants), errors: [{ messageId: 'noKmsKey', line: 3, column: 3, endLine: 3, endColumn: 6 }] },
    { name: 'JSON, no key', filename: 'endpoint.json', code: '{"Resources": {"Config": {"Type": "AWS::SageMaker::EndpointConfig", "Properties": {"ProductionVariants": []}}}}', errors: [{ messageId: 'noKmsKey', line: 1, column: 16, endLine: 1, endColumn: 24 }] },
  ],
});

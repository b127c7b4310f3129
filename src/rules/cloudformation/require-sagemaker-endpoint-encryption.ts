import { defineRule } from '../../engine/rule';
import { CFN_LANGUAGES, cfnResources, get, templatesWith } from './model';

export default defineRule({
  id: 'cloudformation/require-sagemaker-endpoint-encryption',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::SageMaker::EndpointConfig']),
  meta: {
    description: 'SageMaker endpoint configurations must encrypt their storage volumes with a KMS key',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-311'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      noKmsKey:
        "SageMaker endpoint configuration '{{id}}' has no KmsKeyId, so the ML storage volumes that hold the model and inference data are not encrypted with a key you control. Set KmsKeyId to a customer managed KMS key.",
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::SageMaker::EndpointConfig')) {
          if (r.opaque || get(r.properties, 'KmsKeyId') !== undefined) continue;
          context.report({ range: r.idRange, messageId: 'noKmsKey', data: { id: r.logicalId } });
        }
      },
    };
  },
});

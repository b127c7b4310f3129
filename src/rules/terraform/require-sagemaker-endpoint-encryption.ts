import { defineRule } from '../../engine/rule';
import { address, terraformModel } from './model';

export default defineRule({
  id: 'terraform/require-sagemaker-endpoint-encryption',
  languages: ['terraform'],
  meta: {
    description: 'SageMaker endpoint configurations must encrypt their storage volumes with a KMS key (kms_key_arn)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-311'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      noKmsKey:
        "'{{resource}}' has no kms_key_arn, so the ML storage volumes that hold the model and inference data are not encrypted with a key you control. Set kms_key_arn to a customer managed KMS key.",
      nullKmsKey:
        "'{{resource}}' sets kms_key_arn = null, which leaves it unset: the ML storage volumes that hold the model and inference data are not encrypted with a key you control. Set kms_key_arn to a customer managed KMS key.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('aws_sagemaker_endpoint_configuration') ?? []) {
          const data = { resource: address(block) };
          const key = block.attributes.get('kms_key_arn');
          if (!key) context.report({ range: block.headerRange, messageId: 'noKmsKey', data });
          // Only a literal `null`: `var.kms_key_arn` with a null default is a module input the caller sets.
          else if (key.expression.text === 'null') context.report({ range: key.range, messageId: 'nullKmsKey', data });
        }
      },
    };
  },
});

import { defineRule } from '../../engine/rule';
import { describeActions, openToEveryone } from '../shared/iam-policy';
import { address, policyStatementsOf, terraformModel, usedBy } from './model';

export default defineRule({
  id: 'terraform/no-kms-wildcard-principal',
  languages: ['terraform'],
  meta: {
    description: 'KMS key policies must not allow Principal "*" without a Condition',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-732', 'CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      wildcard:
        "'{{resource}}' has a key policy statement that allows Principal \"*\" without a Condition: any AWS account can use or manage the key ({{actions}}), and with it decrypt everything it protects. Name the principals, or add a Condition (kms:CallerAccount, aws:PrincipalOrgID, kms:ViaService, …).",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('aws_kms_key', 'aws_kms_key_policy', 'aws_kms_replica_key') ?? []) {
          const policy = block.attributes.get('policy');
          for (const statement of policyStatementsOf(model!, policy)) {
            const star = openToEveryone(statement);
            if (star) context.report({ range: star.range, messageId: 'wildcard', data: { resource: address(block), actions: describeActions(statement) }, related: usedBy(policy, star.range, address(block)) });
          }
        }
      },
    };
  },
});

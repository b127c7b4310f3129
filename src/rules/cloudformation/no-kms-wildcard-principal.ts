import { defineRule } from '../../engine/rule';
import { openToEveryone, policyStatements } from '../shared/iam-policy';
import { CFN_LANGUAGES, cfnResources, get, templatesWith } from './model';

/** Keys whose `KeyPolicy` is a resource policy. */
const KEYS = ['AWS::KMS::Key', 'AWS::KMS::ReplicaKey'];

export default defineRule({
  id: 'cloudformation/no-kms-wildcard-principal',
  languages: CFN_LANGUAGES,
  applies: templatesWith(KEYS),
  meta: {
    description: 'KMS key policies must not allow the "*" principal without a condition',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      wildcardPrincipal:
        "The key policy of '{{id}}' allows Principal \"*\" without a Condition: any AWS account, not only yours, may use the key as the statement's actions permit (decrypt your data, or change the policy). Name the account root or roles, or restrict the statement with a condition such as kms:CallerAccount or aws:PrincipalOrgID.",
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, ...KEYS)) {
          for (const statement of policyStatements(get(r.properties, 'KeyPolicy'))) {
            const star = openToEveryone(statement);
            if (star) context.report({ range: star.range, messageId: 'wildcardPrincipal', data: { id: r.logicalId } });
          }
        }
      },
    };
  },
});

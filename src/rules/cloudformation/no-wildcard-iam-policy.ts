import { defineRule } from '../../engine/rule';
import { allowStatements } from './iam';
import { CFN_LANGUAGES, cfnResources, get, items, str, type CfnValue } from './model';

/** Resources whose `Policies` list holds inline policies (`PolicyDocument`). */
const WITH_INLINE_POLICIES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
/** Resources that are one policy (`PolicyDocument`). */
const POLICIES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];
/** SAM resources whose `Policies` is a policy document, or a list mixing documents, managed policy names and policy templates. */
const SAM_WITH_POLICIES = ['AWS::Serverless::Function', 'AWS::Serverless::StateMachine'];

export default defineRule({
  id: 'cloudformation/no-wildcard-iam-policy',
  languages: CFN_LANGUAGES,
  meta: {
    description: 'IAM policies must not allow every action on every resource, or iam:PassRole on every role',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      fullAdmin: "Policy in '{{id}}' allows Action \"{{action}}\" on Resource \"*\": whoever holds it is an administrator of the account. List the actions and resources the workload needs.",
      passRoleAnywhere: "Policy in '{{id}}' allows {{action}} on Resource \"*\": the holder can hand any role, including admin roles, to a service it controls and escalate its privileges. Restrict Resource to the role ARNs it must pass.",
    },
  },
  create(context) {
    const checkDocument = (id: string, document: CfnValue | undefined): void => {
      for (const statement of allowStatements(document)) {
        if (!items(get(statement, 'Resource')).some((r) => str(r) === '*')) continue;
        for (const action of items(get(statement, 'Action'))) {
          const name = str(action)?.toLowerCase();
          if (name === '*') context.report({ range: action.range, messageId: 'fullAdmin', data: { id, action: '*' } });
          else if (name === 'iam:*' || name === 'iam:passrole' || name === 'iam:pass*') {
            context.report({ range: action.range, messageId: 'passRoleAnywhere', data: { id, action: str(action)! } });
          }
        }
      }
    };
    return {
      File() {
        for (const r of cfnResources(context, ...POLICIES)) checkDocument(r.logicalId, get(r.properties, 'PolicyDocument'));
        for (const r of cfnResources(context, ...WITH_INLINE_POLICIES)) {
          for (const policy of items(get(r.properties, 'Policies'))) checkDocument(r.logicalId, get(policy, 'PolicyDocument'));
        }
        for (const r of cfnResources(context, ...SAM_WITH_POLICIES)) {
          for (const policy of items(get(r.properties, 'Policies'))) if (get(policy, 'Statement') !== undefined) checkDocument(r.logicalId, policy);
        }
      },
    };
  },
});

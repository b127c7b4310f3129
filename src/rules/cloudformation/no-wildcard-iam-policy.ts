import { defineRule } from '../../engine/rule';
import { actionGrant, allResources, isAllow, policyStatements } from '../shared/iam-policy';
import { CFN_LANGUAGES, cfnResources, get, items, str, templatesWith, type CfnResource, type CfnValue } from './model';

/** Resources whose `Policies` list holds inline policies (`PolicyDocument`). */
const WITH_INLINE_POLICIES = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];
/** Resources that are one policy (`PolicyDocument`). */
const POLICIES = ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy'];
/** SAM resources whose `Policies` is a policy document, or a list mixing documents, managed policy names and policy templates. */
const SAM_WITH_POLICIES = ['AWS::Serverless::Function', 'AWS::Serverless::StateMachine'];

export default defineRule({
  id: 'cloudformation/no-wildcard-iam-policy',
  languages: CFN_LANGUAGES,
  applies: templatesWith([...POLICIES, ...WITH_INLINE_POLICIES, ...SAM_WITH_POLICIES]),
  meta: {
    description: 'IAM policies must not allow "*", "service:*", NotAction or privilege-escalation actions on every resource',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      fullAdmin: "Policy in '{{id}}' allows Action \"{{action}}\" on Resource \"*\": whoever holds it is an administrator of the account. List the actions and resources the workload needs.",
      serviceWildcard: "Policy in '{{id}}' allows \"{{action}}\" on Resource \"*\": every current and future action of the service, including deleting data and changing its access policies. List the actions the workload needs, on its own resources.",
      passRoleAnywhere: "Policy in '{{id}}' allows {{action}} on Resource \"*\": the holder can hand any role, including admin roles, to a service it controls and escalate its privileges. Restrict Resource to the role ARNs it must pass.",
      privilegeEscalation: "Policy in '{{id}}' allows \"{{action}}\" on Resource \"*\": the holder can give itself more permissions (attach or write policies, create keys or log-ins for other users, assume any role) and so become an administrator. Restrict it to the principals and policies it must manage.",
      notAction: "Policy in '{{id}}' allows everything except \"{{action}}\" (NotAction with Allow) on Resource \"*\": every other action of every service, now and in future. Allow the actions the workload needs instead.",
    },
  },
  create(context) {
    const checkDocument = (id: string, document: CfnValue | undefined): void => {
      for (const statement of policyStatements(document)) {
        if (!isAllow(statement) || !allResources(statement)) continue;
        for (const action of statement.action?.values ?? []) {
          const grant = actionGrant(action.text);
          if (!grant) continue;
          const messageId = grant === 'admin' ? 'fullAdmin' : grant === 'service' ? 'serviceWildcard' : /^iam:pass/i.test(action.text) ? 'passRoleAnywhere' : 'privilegeEscalation';
          context.report({ range: action.range, messageId, data: { id, action: action.text } });
        }
        const notAction = statement.notAction?.values[0];
        if (notAction) context.report({ range: notAction.range, messageId: 'notAction', data: { id, action: notAction.text } });
      }
    };
    return {
      File() {
        const boundaries = permissionsBoundaries(context);
        for (const r of cfnResources(context, ...POLICIES)) if (!boundaries(r)) checkDocument(r.logicalId, get(r.properties, 'PolicyDocument'));
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

/**
 * Whether a managed policy is a permissions boundary, where `Allow "*"` grants nothing and only caps what
 * other policies grant: named as the `PermissionsBoundary` of a role or user in the template, or attached
 * to no one and named or described as a boundary.
 */
function permissionsBoundaries(context: Parameters<typeof cfnResources>[0]): (r: CfnResource) => boolean {
  const used = new Set<string>();
  for (const r of cfnResources(context)) {
    const boundary = get(r.properties, 'PermissionsBoundary');
    const target = boundary?.kind === 'unknown' ? boundary.arg : undefined;
    if (target?.kind === 'scalar' && typeof target.value === 'string') used.add(target.value.split('.')[0]);
  }
  return (r) => {
    if (used.has(r.logicalId)) return true;
    const attached = ['Roles', 'Users', 'Groups'].some((key) => get(r.properties, key) !== undefined);
    const said = [r.logicalId, str(get(r.properties, 'ManagedPolicyName')), str(get(r.properties, 'Description'))].join(' ');
    return !attached && /boundary/i.test(said);
  };
}

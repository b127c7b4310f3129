import { defineRule } from '../../engine/rule';
import type { TfBlock } from '../../languages/terraform';
import { actionGrant, allResources, isAllow, type PolicyStatement } from '../shared/iam-policy';
import { address, documentStatements, policyStatementsOf, terraformModel, usedBy } from './model';

const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

export default defineRule({
  id: 'terraform/no-wildcard-iam-policy',
  languages: ['terraform'],
  meta: {
    description: 'IAM policies must not allow "*", "service:*", NotAction or privilege-escalation actions on "*" resources',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      adminAccess:
        "'{{resource}}' allows every action (\"{{action}}\") on every resource: whoever holds this policy is a full administrator of the account. Grant the specific actions and resources the workload needs.",
      serviceWildcard:
        "'{{resource}}' allows \"{{action}}\" on every resource: every current and future action of the service, including deleting data and changing its access policies. List the actions the workload needs, on its own resources.",
      passRole:
        "'{{resource}}' allows \"{{action}}\" on every resource: the holder can hand any role in the account, including admin roles, to a Lambda function, EC2 instance or other service it controls, and escalate to that role. Restrict iam:PassRole to the role ARNs it must pass.",
      privilegeEscalation:
        "'{{resource}}' allows \"{{action}}\" on every resource: the holder can give itself more permissions (attach or write policies, create keys or log-ins for other users, assume any role) and so become an administrator. Restrict it to the principals and policies it must manage.",
      notAction:
        "'{{resource}}' allows everything except \"{{action}}\" (NotAction with Allow) on every resource: that is every other action of every service, now and in future. Allow the actions the workload needs instead.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        // A permissions boundary's `Allow "*"` grants nothing: it caps what other policies grant.
        const boundaries = new Set([...context.text.matchAll(/\bpermissions_boundary[ \t]{0,20}=[ \t]{0,20}aws_iam_policy\.([\w-]{1,200})\.arn\b/g)].map((m) => m[1]));
        const isBoundary = (block: TfBlock) =>
          block.labels[0] === 'aws_iam_policy' && (boundaries.has(block.labels[1] ?? '') || /boundary/i.test([block.labels[1], model.value(block.attributes.get('name')), model.value(block.attributes.get('description'))].filter((v) => typeof v === 'string').join(' ')));
        for (const block of model.resources(...POLICY_RESOURCES)) if (!isBoundary(block)) check(block, address(block), policyStatementsOf(model, block.attributes.get('policy')), true);
        for (const block of model.resources('aws_iam_role')) {
          for (const inline of block.blocks.filter((b) => b.kind === 'inline_policy')) check(block, address(block), policyStatementsOf(model, inline.attributes.get('policy')), true);
        }
        // A policy document is reported on its own statements (where the fix belongs), whoever uses it.
        for (const data of model.dataSources('aws_iam_policy_document')) check(data, `data.${address(data)}`, documentStatements(model, data), false);

        function check(block: TfBlock, resource: string, statements: PolicyStatement[], skipDocuments: boolean): void {
          const policy = block.attributes.get('policy') ?? block.blocks.find((b) => b.kind === 'inline_policy')?.attributes.get('policy');
          if (skipDocuments && policy && /^\s*data\.aws_iam_policy_document\./.test(policy.expression.text)) return;
          const reported = new Set<string>();
          for (const statement of statements) {
            if (!isAllow(statement) || !allResources(statement)) continue;
            for (const action of statement.action?.values ?? []) {
              const grant = actionGrant(action.text);
              if (!grant || reported.has(String(action.range))) continue;
              reported.add(String(action.range));
              const messageId = grant === 'admin' ? 'adminAccess' : grant === 'service' ? 'serviceWildcard' : /^iam:pass/i.test(action.text) ? 'passRole' : 'privilegeEscalation';
              context.report({ range: action.range, messageId, data: { resource, action: action.text }, related: usedBy(policy, action.range, resource) });
            }
            const notAction = statement.notAction?.values[0];
            if (notAction && !reported.has(String(notAction.range))) {
              reported.add(String(notAction.range));
              context.report({ range: notAction.range, messageId: 'notAction', data: { resource, action: notAction.text }, related: usedBy(policy, notAction.range, resource) });
            }
          }
        }
      },
    };
  },
});

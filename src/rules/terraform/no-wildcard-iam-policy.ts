import { defineRule } from '../../engine/rule';
import type { TfAttribute, TfBlock, TfValue } from '../../languages/terraform';
import { address, asList, statementsOf, terraformModel } from './model';

const POLICY_RESOURCES = ['aws_iam_policy', 'aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

/** The worst grant of a statement, as a message id and the action that causes it. */
type Problem = { messageId: 'adminAccess' | 'serviceWildcard' | 'passRole'; action: string };

export default defineRule({
  id: 'terraform/no-wildcard-iam-policy',
  languages: ['terraform'],
  meta: {
    description: 'IAM policies must not allow "*" or "service:*" actions on "*" resources, or iam:PassRole on "*"',
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
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        const checkAttribute = (block: TfBlock, attribute: TfAttribute | undefined): void => {
          // A policy document data source is reported on its own statement, where the fix belongs.
          if (!attribute || /^data\.aws_iam_policy_document\./.test(context.text.slice(...attribute.valueRange))) return;
          const problem = worst(statementsOf(model.policy(attribute)).map((s) => problemOf(s.Action, s.Resource, s.Effect ?? 'Allow')));
          if (problem) context.report({ range: attribute.range, messageId: problem.messageId, data: { resource: address(block), action: problem.action } });
        };
        for (const block of model.resources(...POLICY_RESOURCES)) checkAttribute(block, block.attributes.get('policy'));
        for (const block of model.resources('aws_iam_role')) {
          for (const inline of block.blocks.filter((b) => b.kind === 'inline_policy')) checkAttribute(block, inline.attributes.get('policy'));
        }
        const reported = new Set<string>();
        for (const data of model.blocksOf('data').filter((b) => b.labels[0] === 'aws_iam_policy_document')) {
          for (const statement of data.blocks.filter((b) => b.kind === 'statement')) {
            const actions = statement.attributes.get('actions');
            const effect = statement.attributes.has('effect') ? model.value(statement.attributes.get('effect')) : 'Allow';
            const problem = actions && problemOf(model.value(actions), model.value(statement.attributes.get('resources')), effect);
            if (!actions || !problem || reported.has(String(actions.range))) continue;
            reported.add(String(actions.range));
            context.report({ range: actions.range, messageId: problem.messageId, data: { resource: `data.${address(data)}`, action: problem.action } });
          }
        }
      },
    };
  },
});

/**
 * What an Allow statement grants on `*` resources. Conditions do not excuse wildcards here (unlike a
 * public principal, a condition rarely narrows an admin grant), so only the effect is checked.
 */
function problemOf(action: TfValue | undefined, resource: TfValue | undefined, effect: TfValue): Problem | null {
  if (typeof effect !== 'string' || effect.toLowerCase() !== 'allow' || action === undefined) return null;
  if (!asList(resource ?? null).includes('*')) return null;
  const actions = asList(action).filter((a): a is string => typeof a === 'string');
  const admin = actions.find((a) => a === '*' || a === '*:*');
  if (admin) return { messageId: 'adminAccess', action: admin };
  const service = actions.find((a) => /^[a-z0-9-]+:\*$/i.test(a));
  if (service) return { messageId: 'serviceWildcard', action: service };
  const passRole = actions.find((a) => /^iam:(?:PassRole|Pass\*|PassR\w*\*)$/i.test(a));
  return passRole ? { messageId: 'passRole', action: passRole } : null;
}

function worst(problems: Array<Problem | null>): Problem | null {
  const order: Array<Problem['messageId']> = ['adminAccess', 'serviceWildcard', 'passRole'];
  for (const id of order) {
    const found = problems.find((p) => p?.messageId === id);
    if (found) return found;
  }
  return null;
}

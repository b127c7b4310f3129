import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { address, terraformModel } from './model';
import { isPublicRange, sensitivePortIn } from '../shared/network';
import { toPort } from './ports';


export default defineRule({
  id: 'terraform/no-open-network-acl',
  languages: ['terraform'],
  meta: {
    description: 'Network ACLs must not let admin or database ports, or all ports, in from the internet (any public /8 or wider)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      openPort:
        "'{{resource}}' allows {{service}} in from {{cidr}}: the subnet's network ACL lets the internet reach it, leaving security groups as the only barrier. Restrict the rule to known address ranges, or deny these ports from 0.0.0.0/0 with a lower rule number.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        const reported = new Set<string>();
        const check = (resource: TfBlock, rule: TfBlock, actionName: string): void => {
          if (model.value(rule.attributes.get(actionName)) !== 'allow') return;
          const service = exposed(model, rule);
          if (!service) return;
          for (const name of ['cidr_block', 'ipv6_cidr_block']) {
            const attribute = rule.attributes.get(name);
            const cidr = model.value(attribute);
            if (!attribute || typeof cidr !== 'string' || !isPublicRange(cidr) || reported.has(String(attribute.range))) continue;
            reported.add(String(attribute.range));
            context.report({ range: attribute.range, messageId: 'openPort', data: { resource: address(resource), service, cidr } });
          }
        };
        for (const acl of model.resources('aws_network_acl', 'aws_default_network_acl')) {
          for (const ingress of acl.blocks.filter((b) => b.kind === 'ingress')) check(acl, ingress, 'action');
        }
        for (const rule of model.resources('aws_network_acl_rule')) {
          const egress = rule.attributes.has('egress') ? model.value(rule.attributes.get('egress')) : false;
          if (egress === false) check(rule, rule, 'rule_action');
        }
      },
    };
  },
});

/** What a rule lets in (`all ports and protocols`, `SSH (port 22)`), or null when nothing sensitive or not static. */
function exposed(model: TerraformModel, rule: TfBlock): string | null {
  const protocol = model.value(rule.attributes.get('protocol'));
  const proto = typeof protocol === 'number' ? String(protocol) : protocol;
  if (proto === '-1' || proto === 'all') return 'all ports and protocols';
  if (typeof proto !== 'string' || !['tcp', '6'].includes(proto.toLowerCase())) return null;
  const low = toPort(model.value(rule.attributes.get('from_port')));
  const high = toPort(model.value(rule.attributes.get('to_port')));
  if (low === null || high === null) return null;
  if (low <= 0 && high >= 65535) return 'all TCP ports';
  // Network ACLs are stateless: 1024-65535 (or 32768-65535) in is the return traffic of outbound connections.
  if (low >= 1024 && high >= 65535) return null;
  return sensitivePortIn(low, high);
}

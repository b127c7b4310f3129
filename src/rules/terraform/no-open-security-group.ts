import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfAttribute, TfBlock, TfValue } from '../../languages/terraform';
import { address, terraformModel } from './model';
import { isPublicRange, sensitivePortIn } from '../shared/network';
import { toPort } from './ports';

interface Rule {
  readonly cidrs: readonly TfAttribute[];
  readonly from: TfValue;
  readonly to: TfValue;
  readonly protocol: TfValue;
}

export default defineRule({
  id: 'terraform/no-open-security-group',
  languages: ['terraform'],
  meta: {
    description: 'Security groups must not open admin or database ports, or all ports, to the internet (any public /8 or wider)',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      openPort:
        "'{{resource}}' allows {{service}} from {{cidr}}: the internet can reach it, and scanners find such ports within minutes. Restrict the source to known address ranges, a VPN or a bastion security group.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        // A dynamic block expands into one block per element, all sharing the same source ranges.
        const reported = new Set<string>();
        for (const block of model.resources('aws_security_group')) {
          for (const ingress of block.blocks.filter((b) => b.kind === 'ingress')) check(block, ingressRule(model, ingress, 'cidr_blocks', 'ipv6_cidr_blocks'));
        }
        for (const block of model.resources('aws_security_group_rule')) {
          if (model.value(block.attributes.get('type')) === 'ingress') check(block, ingressRule(model, block, 'cidr_blocks', 'ipv6_cidr_blocks'));
        }
        for (const block of model.resources('aws_vpc_security_group_ingress_rule')) {
          check(block, { cidrs: present(block, 'cidr_ipv4', 'cidr_ipv6'), from: model.value(block.attributes.get('from_port')), to: model.value(block.attributes.get('to_port')), protocol: model.value(block.attributes.get('ip_protocol')) });
        }

        function check(resource: TfBlock, rule: Rule): void {
          const service = exposed(rule);
          if (!service) return;
          for (const attribute of rule.cidrs) {
            const value = model!.value(attribute);
            const cidr = (Array.isArray(value) ? value : [value]).find((v): v is string => typeof v === 'string' && isPublicRange(v));
            if (!cidr || reported.has(String(attribute.range))) continue;
            reported.add(String(attribute.range));
            context.report({ range: attribute.range, messageId: 'openPort', data: { resource: address(resource), service, cidr } });
          }
        }
      },
    };
  },
});

function present(block: TfBlock, ...names: string[]): TfAttribute[] {
  return names.map((n) => block.attributes.get(n)).filter((a): a is TfAttribute => a !== undefined);
}

function ingressRule(model: TerraformModel, block: TfBlock, ...cidrNames: string[]): Rule {
  return {
    cidrs: present(block, ...cidrNames),
    from: model.value(block.attributes.get('from_port')),
    to: model.value(block.attributes.get('to_port')),
    protocol: model.value(block.attributes.get('protocol')),
  };
}

/** What a rule exposes (`all ports`, `SSH (port 22)`), or null when it exposes no sensitive port or is not static. */
function exposed({ from, to, protocol }: Rule): string | null {
  const proto = typeof protocol === 'number' ? String(protocol) : protocol;
  if (proto === '-1' || proto === 'all') return 'all ports and protocols';
  if (typeof proto !== 'string' || !['tcp', '6'].includes(proto.toLowerCase())) return null;
  const low = toPort(from);
  const high = toPort(to) ?? low;
  if (low === null || high === null) return null;
  if ((low <= 0 || low === -1) && high >= 65535) return 'all TCP ports';
  return sensitivePortIn(low, high);
}

import { defineRule } from '../../engine/rule';
import { bool, CFN_LANGUAGES, cfnResources, get, str, templatesWith, type CfnValue } from './model';
import { isPublicRange } from '../shared/network';
import { portNumber, rangeExposure, type Exposure } from './ports';

export default defineRule({
  id: 'cloudformation/no-open-network-acl',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::EC2::NetworkAclEntry']),
  meta: {
    description: 'Network ACLs must not let admin or database ports, or all ports, in from the internet (any public /8 or wider)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      openPort: "Network ACL entry '{{id}}' allows {{service}} (port {{port}}) in from {{cidr}}. The subnet's firewall lets internet scanners reach the port; only security groups stand in the way. Allow only known address ranges, or deny the port in the ACL.",
      openAll: "Network ACL entry '{{id}}' allows all inbound traffic from {{cidr}}. The subnet relies on security groups alone. Allow only the ports the subnet serves.",
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::EC2::NetworkAclEntry')) {
          const p = r.properties;
          if (!p || bool(get(p, 'Egress')) === true || get(p, 'Egress')?.kind === 'unknown') continue;
          if (str(get(p, 'RuleAction'))?.toLowerCase() !== 'allow') continue;
          const cidr = [get(p, 'CidrBlock'), get(p, 'Ipv6CidrBlock')].find((c) => isPublicRange(str(c) ?? ''));
          const finding = cidr ? exposure(p) : undefined;
          if (!cidr || !finding) continue;
          const data = { id: r.logicalId, cidr: str(cidr)! };
          if (finding === 'all') context.report({ range: cidr.range, messageId: 'openAll', data });
          else context.report({ range: cidr.range, messageId: 'openPort', data: { ...data, port: finding.port, service: finding.service } });
        }
      },
    };
  },
});

/** What an entry lets in: all traffic (`Protocol: -1`), a sensitive TCP/UDP port of its `PortRange`, or nothing. */
function exposure(properties: CfnValue): Exposure | undefined {
  const protocol = portNumber(get(properties, 'Protocol'));
  if (protocol === -1) return 'all';
  if (protocol !== 6 && protocol !== 17) return undefined;
  const range = get(properties, 'PortRange');
  return rangeExposure(portNumber(get(range, 'From')), portNumber(get(range, 'To')));
}

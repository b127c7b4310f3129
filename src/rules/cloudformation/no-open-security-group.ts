import { defineRule } from '../../engine/rule';
import { CFN_LANGUAGES, cfnResources, get, items, str, templatesWith, type CfnValue } from './model';
import { isPublicRange } from '../shared/network';
import { portNumber, rangeExposure, type Exposure } from './ports';

export default defineRule({
  id: 'cloudformation/no-open-security-group',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress']),
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
      openPort: "Security group '{{id}}' opens {{service}} (port {{port}}) to {{cidr}}. Internet-wide scanners find such ports within minutes and brute-force or exploit them. Allow only known address ranges, or reach the instance through SSM Session Manager or a VPN.",
      openAll: "Security group '{{id}}' opens all ports to {{cidr}}. Every service on the instance faces the internet. Allow only the ports and address ranges that need access.",
    },
  },
  create(context) {
    const check = (id: string, rule: CfnValue): void => {
      for (const key of ['CidrIp', 'CidrIpv6']) {
        const cidr = get(rule, key);
        const text = str(cidr);
        if (!cidr || !text || !isPublicRange(text)) continue;
        const finding = exposure(rule);
        if (finding === 'all') context.report({ range: cidr.range, messageId: 'openAll', data: { id, cidr: text } });
        else if (finding) context.report({ range: cidr.range, messageId: 'openPort', data: { id, cidr: text, port: finding.port, service: finding.service } });
      }
    };
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::EC2::SecurityGroup')) {
          for (const rule of items(get(r.properties, 'SecurityGroupIngress'))) check(r.logicalId, rule);
        }
        for (const r of cfnResources(context, 'AWS::EC2::SecurityGroupIngress')) if (r.properties) check(r.logicalId, r.properties);
      },
    };
  },
});

/** What an ingress rule exposes: all ports, the first sensitive port in its range, or nothing (also when not literal). */
function exposure(rule: CfnValue): Exposure | undefined {
  const protocol = str(get(rule, 'IpProtocol'))?.toLowerCase();
  if (protocol === '-1' || protocol === 'all') return 'all';
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== '6' && protocol !== '17') return undefined;
  return rangeExposure(portNumber(get(rule, 'FromPort')), portNumber(get(rule, 'ToPort')));
}

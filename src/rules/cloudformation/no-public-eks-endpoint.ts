import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import { isPublicRange } from '../shared/network';
import { bool, CFN_LANGUAGES, cfnResources, entry, get, items, replaceWith, str, templatesWith } from './model';


export default defineRule({
  id: 'cloudformation/no-public-eks-endpoint',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::EKS::Cluster']),
  meta: {
    description: 'EKS cluster API endpoints must not be open to the whole internet',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      worldCidr:
        "EKS cluster '{{id}}' allows its public API endpoint from {{cidr}}. The Kubernetes API then faces every scanner on the internet, one leaked kubeconfig or API server flaw away from the cluster. Restrict PublicAccessCidrs to your office or CI ranges, or disable the public endpoint.",
      defaultOpen:
        "EKS cluster '{{id}}' has a public API endpoint (EndpointPublicAccess defaults to true) and no PublicAccessCidrs, so it accepts connections from 0.0.0.0/0. Set PublicAccessCidrs to known ranges, or EndpointPublicAccess: false with EndpointPrivateAccess: true.",
      makePrivate: 'Set EndpointPublicAccess to false (EndpointPrivateAccess is on)',
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::EKS::Cluster')) {
          if (r.opaque) continue;
          const vpcEntry = entry(r.properties, 'ResourcesVpcConfig');
          const vpc = vpcEntry?.value;
          if (vpc && vpc.kind !== 'map') continue;
          const publicAccess = get(vpc, 'EndpointPublicAccess');
          if (publicAccess && bool(publicAccess) !== true) continue;
          const cidrs = get(vpc, 'PublicAccessCidrs');
          if (cidrs) {
            const world = items(cidrs).find((c) => isPublicRange(str(c) ?? ''));
            if (world) context.report({ range: world.range, messageId: 'worldCidr', data: { id: r.logicalId, cidr: str(world)! } });
            continue;
          }
          const range: Range = publicAccess?.range ?? vpcEntry?.keyRange ?? r.idRange;
          const privateOn = bool(get(vpc, 'EndpointPrivateAccess')) === true;
          const suggest = publicAccess && privateOn ? [replaceWith(publicAccess, false, r.format, 'makePrivate')] : [];
          context.report({ range, messageId: 'defaultOpen', data: { id: r.logicalId }, suggest });
        }
      },
    };
  },
});

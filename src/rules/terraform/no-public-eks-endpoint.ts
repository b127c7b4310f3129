import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { isPublicRange } from '../shared/network';
import { address, asList, insertAttribute, terraformModel } from './model';


type Edit = { range: Range; text: string };

export default defineRule({
  id: 'terraform/no-public-eks-endpoint',
  languages: ['terraform'],
  meta: {
    description: 'EKS cluster API endpoints must not be public to the whole internet (the default)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-668'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      defaultCidrs:
        "'{{resource}}' has a public API endpoint (endpoint_public_access {{how}}) and no public_access_cidrs, which defaults to 0.0.0.0/0: the Kubernetes API is reachable from the whole internet, one leaked token or API bug away from the cluster. Make the endpoint private, or list the address ranges that may reach it.",
      worldCidr:
        "'{{resource}}' allows {{cidr}} to reach its public API endpoint: the Kubernetes API is reachable from the whole internet. Make the endpoint private, or list only the address ranges that need it.",
      makePrivate: 'Use a private endpoint (endpoint_public_access = false, endpoint_private_access = true)',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const cluster of model?.resources('aws_eks_cluster') ?? []) {
          const vpc = cluster.blocks.find((b) => b.kind === 'vpc_config');
          if (!vpc) continue;
          const publicAccess = vpc.attributes.get('endpoint_public_access');
          const isPublic = publicAccess ? model!.value(publicAccess) : true;
          if (isPublic !== true) continue;
          const suggest = [{ messageId: 'makePrivate', edits: privateEdits(model!, vpc, context.text) }];
          const cidrs = vpc.attributes.get('public_access_cidrs');
          const resource = address(cluster);
          if (!cidrs) {
            const how = publicAccess ? '= true' : 'defaults to true';
            context.report({ range: publicAccess?.range ?? vpc.headerRange, messageId: 'defaultCidrs', data: { resource, how }, suggest });
            continue;
          }
          const cidr = asList(model!.value(cidrs)).find((v): v is string => typeof v === 'string' && isPublicRange(v));
          if (cidr) context.report({ range: cidrs.range, messageId: 'worldCidr', data: { resource, cidr }, suggest });
        }
      },
    };
  },
});

/** Edits that turn the public endpoint off and make sure the private one is on (else nobody reaches the API). */
function privateEdits(model: TerraformModel, vpc: TfBlock, text: string): Edit[] {
  const publicAccess = vpc.attributes.get('endpoint_public_access');
  const privateAccess = vpc.attributes.get('endpoint_private_access');
  const edits: Edit[] = [];
  const missing: string[] = [];
  if (publicAccess) edits.push({ range: publicAccess.valueRange, text: 'false' });
  else missing.push('endpoint_public_access = false');
  if (!privateAccess) missing.push('endpoint_private_access = true');
  else if (model.value(privateAccess) !== true) edits.push({ range: privateAccess.valueRange, text: 'true' });
  if (missing.length > 0) {
    const newline = text.includes('\r\n') ? '\r\n' : '\n';
    edits.push(insertAttribute(vpc, text, missing.join(`${newline}${vpc.indent}  `)));
  }
  return edits;
}

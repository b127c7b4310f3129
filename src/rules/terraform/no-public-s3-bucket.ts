import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { describeActions, openToEveryone } from '../shared/iam-policy';
import { address, insertAttribute, policyStatementsOf, terraformModel, usedBy } from './model';

const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const PUBLIC_GROUPS = ['http://acs.amazonaws.com/groups/global/AllUsers', 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers'];
const BLOCK_FLAGS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export default defineRule({
  id: 'terraform/no-public-s3-bucket',
  languages: ['terraform'],
  meta: {
    description: 'S3 buckets must not be public through canned ACLs, grants, a weakened public access block or a bucket policy open to "*"',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-200'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      publicAcl:
        "'{{resource}}' uses the canned ACL \"{{acl}}\": {{who}} can list and read every object in the bucket (and with public-read-write, overwrite them). Use \"private\" and share through CloudFront or presigned URLs.",
      publicGrant:
        "'{{resource}}' grants {{permission}} to the {{group}} group: anyone on the internet (or any AWS account) can reach the bucket. Remove the grant.",
      accessBlockOff:
        "'{{resource}}' sets {{flag}} = false: the bucket's public access block no longer stops public ACLs or policies, which is how most S3 data leaks happen. Set it to true.",
      accessBlockMissing:
        "'{{resource}}' leaves {{flags}} unset, and unset flags default to false: the public access block does not block public ACLs or policies. Set all four flags to true.",
      publicPolicy:
        "'{{resource}}' has a policy statement that allows Principal \"*\" without a Condition: anyone on the internet gets {{actions}} on the bucket. Name the principals, or add a Condition (aws:SourceVpce, aws:PrincipalOrgID, …).",
      makePrivate: 'Use the "private" ACL',
      blockPublic: 'Set {{flag}} = true',
      blockAll: 'Set the missing flags to true',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        for (const block of model.resources('aws_s3_bucket', 'aws_s3_bucket_acl')) {
          checkAcl(block);
          if (block.labels[0] === 'aws_s3_bucket_acl') checkGrants(block);
        }
        for (const block of model.resources('aws_s3_bucket_public_access_block', 'aws_s3_account_public_access_block')) checkAccessBlock(block);
        for (const block of model.resources('aws_s3_bucket_policy', 'aws_s3_bucket')) checkPolicy(model, block);
      },
    };

    function checkAcl(block: TfBlock): void {
      const acl = block.attributes.get('acl');
      const value = terraformModel(context)!.value(acl);
      if (!acl || typeof value !== 'string' || !PUBLIC_ACLS.has(value)) return;
      const who = value === 'authenticated-read' ? 'every AWS account in the world' : 'anyone on the internet';
      context.report({ range: acl.range, messageId: 'publicAcl', data: { resource: address(block), acl: value, who }, suggest: [{ messageId: 'makePrivate', edits: [{ range: acl.valueRange, text: '"private"' }] }] });
    }

    function checkGrants(block: TfBlock): void {
      const model = terraformModel(context)!;
      for (const policy of block.blocks.filter((b) => b.kind === 'access_control_policy')) {
        for (const grant of policy.blocks.filter((b) => b.kind === 'grant')) {
          for (const grantee of grant.blocks.filter((b) => b.kind === 'grantee')) {
            const uri = grantee.attributes.get('uri');
            const value = model.value(uri);
            if (!uri || typeof value !== 'string' || !PUBLIC_GROUPS.includes(value)) continue;
            const permission = model.value(grant.attributes.get('permission'));
            context.report({ range: uri.range, messageId: 'publicGrant', data: { resource: address(block), group: value.split('/').pop()!, permission: typeof permission === 'string' ? permission : 'access' } });
          }
        }
      }
    }

    function checkAccessBlock(block: TfBlock): void {
      const model = terraformModel(context)!;
      const missing: string[] = [];
      for (const flag of BLOCK_FLAGS) {
        const attribute = block.attributes.get(flag);
        if (!attribute) missing.push(flag);
        else if (model.value(attribute) === false) {
          context.report({ range: attribute.range, messageId: 'accessBlockOff', data: { resource: address(block), flag }, suggest: [{ messageId: 'blockPublic', data: { flag }, edits: [{ range: attribute.valueRange, text: 'true' }] }] });
        }
      }
      if (missing.length === 0) return;
      const lines = missing.map((flag) => `${flag} = true`).join(`\n${block.indent}  `);
      const edit = insertAttribute(block, context.text, lines);
      context.report({ range: block.headerRange, messageId: 'accessBlockMissing', data: { resource: address(block), flags: missing.join(', ') }, suggest: [{ messageId: 'blockAll', edits: [edit] }] });
    }

    function checkPolicy(model: TerraformModel, block: TfBlock): void {
      const policy = block.attributes.get('policy');
      for (const statement of policyStatementsOf(model, policy)) {
        const star = openToEveryone(statement);
        if (star) context.report({ range: star.range, messageId: 'publicPolicy', data: { resource: address(block), actions: describeActions(statement) }, related: usedBy(policy, star.range, address(block)) });
      }
    }
  },
});


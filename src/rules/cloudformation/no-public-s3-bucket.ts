import { defineRule } from '../../engine/rule';
import { openToEveryone, policyStatements } from '../shared/iam-policy';
import { bool, CFN_LANGUAGES, cfnResources, entry, get, replaceWith, str, templatesWith, type CfnFormat, type CfnResource } from './model';

const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);
const BLOCK_FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

export default defineRule({
  id: 'cloudformation/no-public-s3-bucket',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::S3::Bucket', 'AWS::S3::BucketPolicy']),
  meta: {
    description: 'S3 buckets must not be made public through ACLs, disabled public access blocks or bucket policies',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      publicAcl: "Bucket '{{id}}' uses the canned ACL {{acl}}, which lets {{who}} read its objects. Public buckets are how most S3 data leaks happen. Use Private and share through CloudFront or presigned URLs.",
      blockOff: "Bucket '{{id}}' turns {{flag}} off in its public access block, so a public ACL or policy on it takes effect. Keep all four flags true.",
      publicPolicy: "Bucket policy '{{id}}' allows Principal \"*\" without a Condition: anyone on the internet gets these actions on the bucket. Name the principals, or restrict with a Condition (aws:SourceVpce, aws:PrincipalOrgID, …).",
      usePrivate: 'Use the Private ACL',
      setTrue: 'Set {{flag}} to true',
    },
  },
  create(context) {
    const checkBucket = (r: CfnResource & { format: CfnFormat }): void => {
      const acl = get(r.properties, 'AccessControl');
      const name = str(acl);
      if (acl && name && PUBLIC_ACLS.has(name)) {
        const who = name === 'AuthenticatedRead' ? 'every AWS account' : 'anyone on the internet';
        context.report({ range: acl.range, messageId: 'publicAcl', data: { id: r.logicalId, acl: name, who }, suggest: [replaceWith(acl, 'Private', r.format, 'usePrivate')] });
      }
      const block = get(r.properties, 'PublicAccessBlockConfiguration');
      for (const flag of BLOCK_FLAGS) {
        const found = entry(block, flag);
        if (!found || bool(found.value) !== false) continue;
        context.report({
          range: found.value.range,
          messageId: 'blockOff',
          data: { id: r.logicalId, flag },
          suggest: [{ ...replaceWith(found.value, true, r.format, 'setTrue'), data: { flag } }],
        });
      }
    };
    const checkPolicy = (r: CfnResource): void => {
      for (const statement of policyStatements(get(r.properties, 'PolicyDocument'))) {
        const star = openToEveryone(statement);
        if (!star) continue;
        context.report({ range: star.range, messageId: 'publicPolicy', data: { id: r.logicalId } });
      }
    };
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::S3::Bucket')) checkBucket(r);
        for (const r of cfnResources(context, 'AWS::S3::BucketPolicy')) checkPolicy(r);
      },
    };
  },
});

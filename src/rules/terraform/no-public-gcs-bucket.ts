import { defineRule } from '../../engine/rule';
import { address, asList, terraformModel } from './model';

/** The IAM principals that mean "anyone" (and "anyone with a Google account"). */
const PUBLIC_MEMBERS = new Set(['allUsers', 'allAuthenticatedUsers']);

export default defineRule({
  id: 'terraform/no-public-gcs-bucket',
  languages: ['terraform'],
  meta: {
    description: 'Cloud Storage bucket IAM must not grant roles to allUsers or allAuthenticatedUsers',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-200'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      publicMember:
        "'{{resource}}' grants {{role}} to {{member}}: {{who}} can use it on the bucket, and public buckets are found by automated scanners within hours. Grant the role to specific users, groups or service accounts; serve public content through a CDN or signed URLs.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('google_storage_bucket_iam_binding', 'google_storage_bucket_iam_member') ?? []) {
          const attribute = block.attributes.get('members') ?? block.attributes.get('member');
          const member = asList(model!.value(attribute)).find((m): m is string => typeof m === 'string' && PUBLIC_MEMBERS.has(m));
          if (!attribute || !member) continue;
          const role = model!.value(block.attributes.get('role'));
          const who = member === 'allUsers' ? 'anyone on the internet, without signing in,' : 'anyone with any Google account';
          context.report({ range: attribute.range, messageId: 'publicMember', data: { resource: address(block), member, role: typeof role === 'string' ? role : 'its role', who } });
        }
      },
    };
  },
});

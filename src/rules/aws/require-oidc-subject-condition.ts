import { defineRule } from '../../engine/rule';
import type { LanguageId, Range } from '../../engine/types';
import { CFN_LANGUAGES, cfnResources, get, templatesWith } from '../cloudformation/model';
import { isAllow, policyStatements, type PolicyStatement, type PolicyString } from '../shared/iam-policy';
import { address, policyStatementsOf, terraformModel, usedBy } from '../terraform/model';

/** CI identity providers whose tokens any of their users can mint: the subject says which repository or project. */
const PROVIDERS: ReadonlyArray<{ host: string; name: string; example: string }> = [
  { host: 'token.actions.githubusercontent.com', name: 'GitHub Actions', example: 'repo:my-org/my-repo:ref:refs/heads/main' },
  { host: 'gitlab.com', name: 'GitLab CI', example: 'project_path:my-group/my-project:ref_type:branch:ref:main' },
  { host: 'app.terraform.io', name: 'HCP Terraform', example: 'organization:my-org:project:my-project:workspace:prod:run_phase:apply' },
];

const languages: LanguageId[] = ['terraform', ...CFN_LANGUAGES];

export default defineRule({
  id: 'aws/require-oidc-subject-condition',
  languages,
  applies: templatesWith(['AWS::IAM::Role']),
  meta: {
    description: 'IAM roles trusted by GitHub Actions, GitLab or HCP Terraform OIDC must restrict the token subject',
    severity: 'error',
    category: 'iac',
    riskArea: 'supply-chain',
    cwe: ['CWE-285'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      missingSubject:
        "'{{resource}}' trusts {{provider}} OIDC tokens without a condition on {{key}}: a workflow in any repository on {{provider}}, including an attacker's, can assume this role. Add a StringEquals or StringLike condition on {{key}} naming your repository and branch (for example \"{{example}}\").",
      anySubject:
        "'{{resource}}' trusts {{provider}} OIDC tokens whose subject matches \"{{subject}}\": that is every repository on {{provider}}, including an attacker's. Name your repository and branch (for example \"{{example}}\").",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (model) {
          for (const block of model.resources('aws_iam_role')) {
            const attribute = block.attributes.get('assume_role_policy');
            check(policyStatementsOf(model, attribute), address(block), (range) => usedBy(attribute, range, address(block)));
          }
          return;
        }
        for (const r of cfnResources(context, 'AWS::IAM::Role')) check(policyStatements(get(r.properties, 'AssumeRolePolicyDocument')), r.logicalId, () => undefined);
      },
    };

    function check(statements: PolicyStatement[], resource: string, related: (range: Range) => Array<{ range: Range; message: string }> | undefined): void {
      for (const statement of statements) {
        if (!isAllow(statement) || statement.opaqueCondition) continue;
        for (const federated of statement.principal?.get('Federated')?.values ?? []) {
          const provider = PROVIDERS.find((p) => federated.text.toLowerCase().endsWith(`oidc-provider/${p.host}`) || federated.text.toLowerCase() === p.host);
          if (!provider) continue;
          const key = `${provider.host}:sub`;
          const subjects = (statement.conditions ?? []).filter((c) => c.key.toLowerCase() === key);
          const data = { resource, provider: provider.name, key, example: provider.example };
          if (subjects.length === 0) {
            context.report({ range: federated.range, messageId: 'missingSubject', data, related: related(federated.range) });
            continue;
          }
          for (const subject of subjects.flatMap((c) => (c.operator.toLowerCase().includes('like') ? c.values.values : [])).filter(isAnySubject)) {
            context.report({ range: subject.range, messageId: 'anySubject', data: { ...data, subject: subject.text }, related: related(subject.range) });
          }
        }
      }
    }
  },
});

/**
 * A subject pattern that an attacker's repository can match: a wildcard in the owner of a GitHub
 * `repo:OWNER/NAME` subject, the group of a GitLab `project_path:` or the organisation of HCP Terraform,
 * or a pattern that starts with one.
 */
function isAnySubject(subject: PolicyString): boolean {
  const text = subject.text.trim().toLowerCase();
  const owner = /^(?:repo|project_path|organization):([^/:]*)/.exec(text);
  return owner ? owner[1] === '' || /[*?]/.test(owner[1]) : /^[*?]/.test(text);
}

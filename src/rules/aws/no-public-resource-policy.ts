import { defineRule } from '../../engine/rule';
import type { LanguageId, Range } from '../../engine/types';
import { CFN_LANGUAGES, cfnResources, get, str, templatesWith } from '../cloudformation/model';
import { describeActions, openToEveryone, policyStatements, type PolicyStatement } from '../shared/iam-policy';
import { address, policyStatementsOf, terraformModel, usedBy } from '../terraform/model';

/**
 * Resource policies (other than S3 buckets and KMS keys, which have their own rules): what the resource
 * is, and where its policy is, per platform.
 */
const TERRAFORM_POLICIES: ReadonlyArray<readonly [type: string, attribute: string, what: string]> = [
  ['aws_sqs_queue_policy', 'policy', 'SQS queue'],
  ['aws_sqs_queue', 'policy', 'SQS queue'],
  ['aws_sns_topic_policy', 'policy', 'SNS topic'],
  ['aws_sns_topic', 'policy', 'SNS topic'],
  ['aws_ecr_repository_policy', 'policy', 'ECR repository'],
  ['aws_secretsmanager_secret_policy', 'policy', 'Secrets Manager secret'],
  ['aws_secretsmanager_secret', 'policy', 'Secrets Manager secret'],
  ['aws_opensearch_domain_policy', 'access_policies', 'OpenSearch domain'],
  ['aws_opensearch_domain', 'access_policies', 'OpenSearch domain'],
  ['aws_elasticsearch_domain_policy', 'access_policies', 'Elasticsearch domain'],
  ['aws_elasticsearch_domain', 'access_policies', 'Elasticsearch domain'],
  ['aws_efs_file_system_policy', 'policy', 'EFS file system'],
  ['aws_backup_vault_policy', 'policy', 'Backup vault'],
  ['aws_glacier_vault', 'access_policy', 'Glacier vault'],
  ['aws_cloudwatch_event_bus_policy', 'policy', 'EventBridge event bus'],
];

const CFN_POLICIES: ReadonlyArray<readonly [type: string, property: string, what: string]> = [
  ['AWS::SQS::QueuePolicy', 'PolicyDocument', 'SQS queue'],
  ['AWS::SNS::TopicPolicy', 'PolicyDocument', 'SNS topic'],
  ['AWS::ECR::Repository', 'RepositoryPolicyText', 'ECR repository'],
  ['AWS::SecretsManager::ResourcePolicy', 'ResourcePolicy', 'Secrets Manager secret'],
  ['AWS::OpenSearchService::Domain', 'AccessPolicies', 'OpenSearch domain'],
  ['AWS::Elasticsearch::Domain', 'AccessPolicies', 'Elasticsearch domain'],
  ['AWS::EFS::FileSystem', 'FileSystemPolicy', 'EFS file system'],
  ['AWS::Backup::BackupVault', 'AccessPolicy', 'Backup vault'],
];

/** Lambda permission settings that narrow `principal = "*"` to a caller. */
const TF_PERMISSION_SCOPES = ['source_arn', 'source_account', 'principal_org_id'];
const CFN_PERMISSION_SCOPES = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'];

const languages: LanguageId[] = ['terraform', ...CFN_LANGUAGES];

export default defineRule({
  id: 'aws/no-public-resource-policy',
  languages,
  applies: templatesWith([...CFN_POLICIES.map(([type]) => type), 'AWS::Lambda::Permission']),
  meta: {
    description: 'SQS, SNS, ECR, Secrets Manager, OpenSearch, EFS and Lambda resource policies must not allow everyone',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-732'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      publicPolicy:
        "The {{what}} policy of '{{resource}}' allows Principal \"*\" without a Condition: any AWS account, or anyone on the internet, gets {{actions}}. Name the principals, or add a Condition (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce).",
      publicInvoke:
        "'{{resource}}' lets principal \"*\" invoke the Lambda function without source_arn, source_account or principal_org_id: any AWS account can call it. Name the calling service and its resource, or the account.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (model) {
          for (const [type, name, what] of TERRAFORM_POLICIES) {
            for (const block of model.resources(type)) {
              const attribute = block.attributes.get(name);
              report(policyStatementsOf(model, attribute), address(block), what, (range) => usedBy(attribute, range, address(block)));
            }
          }
          for (const block of model.resources('aws_lambda_permission')) {
            const principal = block.attributes.get('principal');
            if (!principal || model.value(principal) !== '*' || TF_PERMISSION_SCOPES.some((s) => block.attributes.has(s))) continue;
            context.report({ range: principal.range, messageId: 'publicInvoke', data: { resource: address(block) } });
          }
          return;
        }
        for (const [type, property, what] of CFN_POLICIES) {
          for (const r of cfnResources(context, type)) {
            report(policyStatements(get(r.properties, property)), r.logicalId, what, () => undefined);
          }
        }
        for (const r of cfnResources(context, 'AWS::Lambda::Permission')) {
          const principal = get(r.properties, 'Principal');
          if (!principal || str(principal) !== '*' || CFN_PERMISSION_SCOPES.some((s) => get(r.properties, s) !== undefined)) continue;
          context.report({ range: principal.range, messageId: 'publicInvoke', data: { resource: r.logicalId } });
        }
      },
    };

    function report(statements: PolicyStatement[], resource: string, what: string, related: (range: Range) => Array<{ range: Range; message: string }> | undefined): void {
      for (const statement of statements) {
        const star = openToEveryone(statement);
        if (star) context.report({ range: star.range, messageId: 'publicPolicy', data: { what, resource, actions: describeActions(statement) }, related: related(star.range) });
      }
    }
  },
});

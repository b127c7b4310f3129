import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { address, insertAttribute, terraformModel } from './model';

/** A resource type whose encryption is a boolean attribute that defaults to off. */
interface Switch {
  readonly attribute: string;
  readonly what: string;
  /** Attributes under which the resource inherits encryption from its source, so a missing switch is not reported. */
  readonly inherits: readonly string[];
}

const SWITCHES: ReadonlyMap<string, Switch> = new Map([
  ['aws_db_instance', { attribute: 'storage_encrypted', what: 'database storage, snapshots and backups', inherits: ['replicate_source_db', 'snapshot_identifier'] }],
  ['aws_rds_cluster', { attribute: 'storage_encrypted', what: 'cluster storage, snapshots and backups', inherits: ['snapshot_identifier', 'replication_source_identifier'] }],
  ['aws_ebs_volume', { attribute: 'encrypted', what: 'volume data and its snapshots', inherits: ['snapshot_id'] }],
  ['aws_efs_file_system', { attribute: 'encrypted', what: 'file system data', inherits: [] }],
]);

export default defineRule({
  id: 'terraform/require-encryption-at-rest',
  languages: ['terraform'],
  meta: {
    description: 'RDS, EBS, EFS, SNS and SQS resources must encrypt data at rest',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-311'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      missing:
        "'{{resource}}' does not set {{attribute}}, which defaults to false: {{what}} are stored unencrypted, readable by anyone who gets a snapshot or the underlying media. Encryption cannot be turned on later without recreating the resource.",
      disabled:
        "'{{resource}}' sets {{attribute}} = false: {{what}} are stored unencrypted, readable by anyone who gets a snapshot or the underlying media.",
      snsUnencrypted:
        "'{{resource}}' has no kms_master_key_id: SNS stores messages unencrypted at rest. Set a KMS key (alias/aws/sns or a customer managed key).",
      sqsUnencrypted:
        "'{{resource}}' sets sqs_managed_sse_enabled = false without a kms_master_key_id: queued messages are stored unencrypted at rest.",
      enable: 'Set {{attribute}} = true',
      useSnsKey: 'Encrypt with the AWS managed key (alias/aws/sns)',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        const ebsDefault = model.resources('aws_ebs_encryption_by_default').some((b) => model.value(b.attributes.get('enabled')) !== false);
        for (const [type, spec] of SWITCHES) {
          if (type === 'aws_ebs_volume' && ebsDefault) continue;
          for (const block of model.resources(type)) checkSwitch(model, block, spec);
        }
        for (const block of model.resources('aws_sns_topic')) {
          if (block.attributes.has('kms_master_key_id')) continue;
          const edit = insertAttribute(block, context.text, 'kms_master_key_id = "alias/aws/sns"');
          context.report({ range: block.headerRange, messageId: 'snsUnencrypted', data: { resource: address(block) }, suggest: [{ messageId: 'useSnsKey', edits: [edit] }] });
        }
        for (const block of model.resources('aws_sqs_queue')) {
          const sse = block.attributes.get('sqs_managed_sse_enabled');
          if (!sse || block.attributes.has('kms_master_key_id') || model.value(sse) !== false) continue;
          const data = { resource: address(block), attribute: 'sqs_managed_sse_enabled' };
          context.report({ range: sse.range, messageId: 'sqsUnencrypted', data, suggest: [{ messageId: 'enable', data, edits: [{ range: sse.valueRange, text: 'true' }] }] });
        }
      },
    };

    function checkSwitch(model: TerraformModel, block: TfBlock, spec: Switch): void {
      const data = { resource: address(block), attribute: spec.attribute, what: spec.what };
      const attribute = block.attributes.get(spec.attribute);
      if (attribute) {
        if (model.value(attribute) !== false) return;
        context.report({ range: attribute.range, messageId: 'disabled', data, suggest: [{ messageId: 'enable', data, edits: [{ range: attribute.valueRange, text: 'true' }] }] });
        return;
      }
      if (spec.inherits.some((name) => block.attributes.has(name))) return;
      // Aurora Serverless v1 clusters are always encrypted.
      if (model.value(block.attributes.get('engine_mode')) === 'serverless') return;
      const edit = insertAttribute(block, context.text, `${spec.attribute} = true`);
      context.report({ range: block.headerRange, messageId: 'missing', data, suggest: [{ messageId: 'enable', data, edits: [edit] }] });
    }
  },
});

import { defineRule } from '../../engine/rule';
import { bool, CFN_LANGUAGES, cfnResources, entry, get, replaceWith, str, templatesWith, type CfnFormat, type CfnResource } from './model';

/** Resources encrypted by a boolean property that defaults to false, and properties that mean the data comes encrypted from elsewhere. */
const FLAGS: ReadonlyArray<{ type: string; property: string; inherits: string[] }> = [
  { type: 'AWS::RDS::DBInstance', property: 'StorageEncrypted', inherits: ['DBClusterIdentifier', 'SourceDBInstanceIdentifier', 'DBSnapshotIdentifier', 'SourceDBClusterIdentifier'] },
  { type: 'AWS::RDS::DBCluster', property: 'StorageEncrypted', inherits: ['SnapshotIdentifier', 'SourceDBClusterIdentifier', 'GlobalClusterIdentifier'] },
  { type: 'AWS::EC2::Volume', property: 'Encrypted', inherits: ['SnapshotId'] },
  { type: 'AWS::EFS::FileSystem', property: 'Encrypted', inherits: [] },
];

export default defineRule({
  id: 'cloudformation/require-encryption-at-rest',
  languages: CFN_LANGUAGES,
  applies: templatesWith([...FLAGS.map((f) => f.type), 'AWS::SNS::Topic', 'AWS::SQS::Queue']),
  meta: {
    description: 'RDS, EBS, EFS, SNS and SQS resources must encrypt data at rest',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-311'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      notEncrypted: "{{type}} '{{id}}' {{how}} {{property}}, so its data is stored unencrypted: snapshots, backups and retired disks can be read without a key. Set {{property}}: true (and a KmsKeyId for a key you control).",
      topicNotEncrypted: "SNS topic '{{id}}' has no KmsMasterKeyId, so messages are stored unencrypted. Set KmsMasterKeyId (alias/aws/sns or your own key).",
      queueNotEncrypted: "SQS queue '{{id}}' sets SqsManagedSseEnabled: false without a KmsMasterKeyId, so messages are stored unencrypted. Remove it or set it to true.",
      setTrue: 'Set {{property}} to true',
    },
  },
  create(context) {
    const checkFlag = (r: CfnResource & { format: CfnFormat }, property: string, inherits: string[]): void => {
      if (r.opaque || inherits.some((p) => get(r.properties, p) !== undefined)) return;
      // Aurora Serverless v1 clusters are always encrypted.
      if (str(get(r.properties, 'EngineMode')) === 'serverless') return;
      const found = entry(r.properties, property);
      const data = { type: r.type, id: r.logicalId, property };
      if (!found) {
        context.report({ range: r.idRange, messageId: 'notEncrypted', data: { ...data, how: 'does not set' } });
      } else if (bool(found.value) === false) {
        context.report({ range: found.value.range, messageId: 'notEncrypted', data: { ...data, how: 'turns off' }, suggest: [{ ...replaceWith(found.value, true, r.format, 'setTrue'), data: { property } }] });
      }
    };
    return {
      File() {
        for (const { type, property, inherits } of FLAGS) for (const r of cfnResources(context, type)) checkFlag(r, property, inherits);
        for (const r of cfnResources(context, 'AWS::SNS::Topic')) {
          if (!r.opaque && get(r.properties, 'KmsMasterKeyId') === undefined) context.report({ range: r.idRange, messageId: 'topicNotEncrypted', data: { id: r.logicalId } });
        }
        for (const r of cfnResources(context, 'AWS::SQS::Queue')) {
          const sse = get(r.properties, 'SqsManagedSseEnabled');
          if (sse && bool(sse) === false && get(r.properties, 'KmsMasterKeyId') === undefined) {
            context.report({ range: sse.range, messageId: 'queueNotEncrypted', data: { id: r.logicalId }, suggest: [{ ...replaceWith(sse, true, r.format, 'setTrue'), data: { property: 'SqsManagedSseEnabled' } }] });
          }
        }
      },
    };
  },
});

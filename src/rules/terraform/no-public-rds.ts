import { defineRule } from '../../engine/rule';
import { address, terraformModel } from './model';

const DATABASE_TYPES = ['aws_db_instance', 'aws_rds_cluster_instance', 'aws_neptune_cluster_instance', 'aws_docdb_cluster_instance'];

export default defineRule({
  id: 'terraform/no-public-rds',
  languages: ['terraform'],
  meta: {
    description: 'RDS and other AWS database instances must not be publicly accessible',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-668'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      publicDatabase:
        "'{{resource}}' sets publicly_accessible = true: the database gets a public DNS name and IP, and only its security group stands between it and internet-wide password guessing. Keep databases in private subnets.",
      makePrivate: 'Set publicly_accessible = false',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources(...DATABASE_TYPES) ?? []) {
          const attribute = block.attributes.get('publicly_accessible');
          if (attribute && model!.value(attribute) === true) {
            context.report({
              range: attribute.range,
              messageId: 'publicDatabase',
              data: { resource: address(block) },
              suggest: [{ messageId: 'makePrivate', edits: [{ range: attribute.valueRange, text: 'false' }] }],
            });
          }
        }
      },
    };
  },
});

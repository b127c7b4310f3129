import { defineRule } from '../../engine/rule';
import { bool, CFN_LANGUAGES, cfnResources, get, replaceWith, templatesWith } from './model';

export default defineRule({
  id: 'cloudformation/no-public-rds',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::RDS::DBInstance']),
  meta: {
    description: 'RDS instances must not be publicly accessible',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      publicDatabase:
        "RDS instance '{{id}}' sets PubliclyAccessible: true, so it gets a public DNS name and IP address; database ports are among the first things internet scanners try. Keep databases in private subnets.",
      makePrivate: 'Set PubliclyAccessible to false',
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::RDS::DBInstance')) {
          const value = get(r.properties, 'PubliclyAccessible');
          if (!value || bool(value) !== true) continue;
          context.report({ range: value.range, messageId: 'publicDatabase', data: { id: r.logicalId }, suggest: [replaceWith(value, false, r.format, 'makePrivate')] });
        }
      },
    };
  },
});

import { defineRule } from '../../engine/rule';
import { CFN_LANGUAGES, cfnResources, entry, get, replaceWith, str, templatesWith, type CfnFormat, type CfnResource } from './model';

export default defineRule({
  id: 'cloudformation/no-sagemaker-root-or-internet',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::SageMaker::NotebookInstance']),
  meta: {
    description: 'SageMaker notebook instances must disable root access and direct internet access',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-284'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      rootAccess:
        "SageMaker notebook '{{id}}' {{how}} root access: any notebook user (or code a model or package runs) can take over the instance and its execution role's credentials. Set RootAccess: Disabled.",
      internetAccess:
        "SageMaker notebook '{{id}}' {{how}} direct internet access: the notebook bypasses your VPC's controls and can send data and credentials anywhere. Set DirectInternetAccess: Disabled with a SubnetId in a private subnet.",
      disable: 'Set {{property}} to Disabled',
    },
  },
  create(context) {
    const check = (r: CfnResource & { format: CfnFormat }, property: 'RootAccess' | 'DirectInternetAccess', messageId: string): void => {
      const found = entry(r.properties, property);
      if (!found) {
        // Both properties default to Enabled.
        context.report({ range: r.idRange, messageId, data: { id: r.logicalId, how: 'leaves the default, Enabled,' } });
        return;
      }
      if (str(found.value) !== 'Enabled') return;
      // Disabling direct internet access without a subnet fails to deploy, so no suggestion then.
      const canFix = property === 'RootAccess' || get(r.properties, 'SubnetId') !== undefined;
      context.report({
        range: found.value.range,
        messageId,
        data: { id: r.logicalId, how: 'enables' },
        suggest: canFix ? [{ ...replaceWith(found.value, 'Disabled', r.format, 'disable'), data: { property } }] : [],
      });
    };
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::SageMaker::NotebookInstance')) {
          if (r.opaque) continue;
          check(r, 'RootAccess', 'rootAccess');
          check(r, 'DirectInternetAccess', 'internetAccess');
        }
      },
    };
  },
});

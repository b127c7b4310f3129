import { defineRule } from '../../engine/rule';
import { address, insertAttribute, terraformModel } from './model';

/** The two settings, both `"Enabled"` by default. */
const SETTINGS = [
  { attribute: 'root_access', risk: 'every notebook user gets root on the instance, can install anything and read every credential on it' },
  { attribute: 'direct_internet_access', risk: 'the notebook reaches (and can send data to) the internet around your VPC controls' },
] as const;

export default defineRule({
  id: 'terraform/no-sagemaker-notebook-root-or-internet',
  languages: ['terraform'],
  meta: {
    description: 'SageMaker notebook instances must disable root access and direct internet access (both default to Enabled)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-923'],
    owaspLlm: ['LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      enabled: "'{{resource}}' sets {{attribute}} = \"Enabled\": {{risk}}. Set it to \"Disabled\".",
      missing: "'{{resource}}' does not set {{attribute}}, which defaults to \"Enabled\": {{risk}}. Set it to \"Disabled\".",
      disable: 'Set {{attribute}} = "Disabled"',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('aws_sagemaker_notebook_instance') ?? []) {
          for (const { attribute: name, risk } of SETTINGS) {
            const data = { resource: address(block), attribute: name, risk };
            const attribute = block.attributes.get(name);
            if (!attribute) {
              const edit = insertAttribute(block, context.text, `${name} = "Disabled"`);
              context.report({ range: block.headerRange, messageId: 'missing', data, suggest: [{ messageId: 'disable', data, edits: [edit] }] });
            } else if (model!.value(attribute) === 'Enabled') {
              context.report({ range: attribute.range, messageId: 'enabled', data, suggest: [{ messageId: 'disable', data, edits: [{ range: attribute.valueRange, text: '"Disabled"' }] }] });
            }
          }
        }
      },
    };
  },
});

import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { address, insertAttribute, terraformModel } from './model';

/** The two settings, both `true` by default in the azurerm provider. */
const SETTINGS = [
  {
    attribute: 'public_network_access_enabled',
    risk: 'the account (and its API keys or tokens) is reachable from the whole internet',
  },
  {
    attribute: 'local_auth_enabled',
    risk: 'anyone holding one of the two account keys can call the models, with no identity, no per-user audit and no Conditional Access',
  },
] as const;

export default defineRule({
  id: 'terraform/no-public-ai-account',
  languages: ['terraform'],
  meta: {
    description: 'Azure OpenAI and Cognitive Services accounts must disable public network access and local (key) auth',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-1390'],
    owaspLlm: ['LLM10:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      enabled: "'{{resource}}' sets {{attribute}} = true: {{risk}}. Set it to false.",
      missing: "'{{resource}}' does not set {{attribute}}, which defaults to true: {{risk}}. Set it to false.",
      disable: 'Set {{attribute}} = false',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('azurerm_cognitive_account') ?? []) {
          for (const { attribute: name, risk } of SETTINGS) {
            if (name === 'public_network_access_enabled' && deniesByDefault(model!, block)) continue;
            const data = { resource: address(block), attribute: name, risk };
            const attribute = block.attributes.get(name);
            if (!attribute) {
              const edit = insertAttribute(block, context.text, `${name} = false`);
              context.report({ range: block.headerRange, messageId: 'missing', data, suggest: [{ messageId: 'disable', data, edits: [edit] }] });
            } else if (model!.value(attribute) === true) {
              context.report({ range: attribute.range, messageId: 'enabled', data, suggest: [{ messageId: 'disable', data, edits: [{ range: attribute.valueRange, text: 'false' }] }] });
            }
          }
        }
      },
    };
  },
});

/** A `network_acls { default_action = "Deny" }` firewall limits public access to the listed IPs and subnets. */
function deniesByDefault(model: TerraformModel, block: TfBlock): boolean {
  return block.blocks.some((b) => b.kind === 'network_acls' && model.value(b.attributes.get('default_action')) === 'Deny');
}

import { defineRule } from '../../engine/rule';
import type { TerraformModel, TfBlock } from '../../languages/terraform';
import { address, insertAttribute, terraformModel } from './model';

/** The two account settings, both `true` by default in the azurerm provider. */
const SETTINGS = [
  { attribute: 'allow_nested_items_to_be_public', risk: 'any container in the account can be switched to anonymous public read' },
  { attribute: 'public_network_access_enabled', risk: 'the account endpoints accept connections from the whole internet' },
] as const;
const PUBLIC_CONTAINER = new Set(['blob', 'container']);

export default defineRule({
  id: 'terraform/no-public-azure-storage',
  languages: ['terraform'],
  meta: {
    description: 'Azure storage accounts must not allow public blobs or public network access; containers must be private',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-284', 'CWE-200'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      enabled: "'{{resource}}' sets {{attribute}} = true: {{risk}}. Set it to false.",
      missing: "'{{resource}}' does not set {{attribute}}, which defaults to true: {{risk}}. Set it to false.",
      publicContainer:
        "'{{resource}}' sets container_access_type = \"{{access}}\": anyone on the internet can read its blobs{{listing}} without credentials. Use \"private\" and share with SAS tokens or Entra ID roles.",
      disable: 'Set {{attribute}} = false',
      makePrivate: 'Use container_access_type = "private"',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        for (const block of model.resources('azurerm_storage_account')) {
          for (const { attribute: name, risk } of SETTINGS) {
            if (name === 'public_network_access_enabled' && deniesByDefault(model, block)) continue;
            const data = { resource: address(block), attribute: name, risk };
            const attribute = block.attributes.get(name);
            if (!attribute) {
              const edit = insertAttribute(block, context.text, `${name} = false`);
              context.report({ range: block.headerRange, messageId: 'missing', data, suggest: [{ messageId: 'disable', data, edits: [edit] }] });
            } else if (model.value(attribute) === true) {
              context.report({ range: attribute.range, messageId: 'enabled', data, suggest: [{ messageId: 'disable', data, edits: [{ range: attribute.valueRange, text: 'false' }] }] });
            }
          }
        }
        for (const block of model.resources('azurerm_storage_container')) {
          const attribute = block.attributes.get('container_access_type');
          const access = model.value(attribute);
          if (!attribute || typeof access !== 'string' || !PUBLIC_CONTAINER.has(access)) continue;
          const data = { resource: address(block), access, listing: access === 'container' ? ' and list its contents' : '' };
          context.report({ range: attribute.range, messageId: 'publicContainer', data, suggest: [{ messageId: 'makePrivate', edits: [{ range: attribute.valueRange, text: '"private"' }] }] });
        }
      },
    };
  },
});

/** A `network_rules { default_action = "Deny" }` firewall limits public access to the listed IPs and subnets. */
function deniesByDefault(model: TerraformModel, block: TfBlock): boolean {
  return block.blocks.some((b) => b.kind === 'network_rules' && model.value(b.attributes.get('default_action')) === 'Deny');
}

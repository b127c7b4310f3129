import { defineRule } from '../../engine/rule';
import type { Range } from '../../engine/types';
import type { TfBlock } from '../../languages/terraform';
import { address, insertAttribute, terraformModel } from './model';

type Edit = { range: [number, number]; text: string };

export default defineRule({
  id: 'terraform/no-vertex-workbench-public-ip',
  languages: ['terraform'],
  meta: {
    description: 'Vertex AI Workbench instances must not get a public IP address (the default)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668', 'CWE-284'],
    owaspLlm: ['LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      publicIp:
        "'{{resource}}' {{how}}: the notebook VM gets an external IP address, so it is reachable from the internet and can send data anywhere, around your VPC's firewall and egress controls. Set {{attribute}} = true and reach it through the Workbench proxy or IAP.",
      disable: 'Set {{attribute}} = true',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        if (!model) return;
        const report = (block: TfBlock, target: TfBlock, attribute: string, edit: Edit, how: string): void => {
          const data = { resource: address(block), attribute, how };
          context.report({ range: target.headerRange, messageId: 'publicIp', data, suggest: [{ messageId: 'disable', data, edits: [edit] }] });
        };
        for (const block of model.resources('google_workbench_instance')) {
          const setup = block.blocks.find((b) => b.kind === 'gce_setup');
          if (!setup) {
            if (/\bdynamic\s+"gce_setup"/.test(context.text.slice(...block.range))) continue;
            report(block, block, 'gce_setup.disable_public_ip', insertBlock(block, context.text), 'has no gce_setup block, so disable_public_ip defaults to false');
            continue;
          }
          const attribute = setup.attributes.get('disable_public_ip');
          if (!attribute) report(block, setup, 'disable_public_ip', insertAttribute(setup, context.text, 'disable_public_ip = true'), 'does not set gce_setup.disable_public_ip, which defaults to false');
          else if (model.value(attribute) === false) reportAttribute(block, attribute.range, attribute.valueRange, 'disable_public_ip', 'sets disable_public_ip = false');
        }
        for (const block of model.resources('google_notebooks_instance')) {
          const attribute = block.attributes.get('no_public_ip');
          if (!attribute) report(block, block, 'no_public_ip', insertAttribute(block, context.text, 'no_public_ip = true'), 'does not set no_public_ip, which defaults to false');
          else if (model.value(attribute) === false) reportAttribute(block, attribute.range, attribute.valueRange, 'no_public_ip', 'sets no_public_ip = false');
        }

        function reportAttribute(block: TfBlock, range: Range, valueRange: Range, attribute: string, how: string): void {
          const data = { resource: address(block), attribute, how };
          context.report({ range, messageId: 'publicIp', data, suggest: [{ messageId: 'disable', data, edits: [{ range: valueRange, text: 'true' }] }] });
        }
      },
    };
  },
});

/** An edit that adds `gce_setup { disable_public_ip = true }` at the start of the resource's body. */
function insertBlock(block: TfBlock, text: string): Edit {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const pad = `${block.indent}  `;
  return insertAttribute(block, text, `gce_setup {${newline}${pad}  disable_public_ip = true${newline}${pad}}`);
}

import { defineRule } from '../../engine/rule';
import type { TfBlock } from '../../languages/terraform';
import { address, terraformModel } from './model';

/** A content filter block a guardrail needs against jailbreaks and prompt injection. */
const PROMPT_ATTACK_LINES = ['filters_config {', '  type            = "PROMPT_ATTACK"', '  input_strength  = "HIGH"', '  output_strength = "NONE"', '}'];

export default defineRule({
  id: 'terraform/no-weak-bedrock-guardrail',
  languages: ['terraform'],
  meta: {
    description: 'Bedrock guardrails must not set content filters to "NONE" and must filter prompt attacks',
    severity: 'warning',
    category: 'iac',
    riskArea: 'misuse',
    cwe: ['CWE-693', 'CWE-1427'],
    owaspLlm: ['LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      none: "'{{resource}}' sets {{attribute}} = \"NONE\" for the {{type}} filter: the guardrail lets that content through unfiltered. Use \"MEDIUM\" or \"HIGH\".",
      noPromptAttack:
        "'{{resource}}' has no PROMPT_ATTACK content filter: jailbreaks and prompt injections reach the model unchecked. Add a filters_config with type = \"PROMPT_ATTACK\" and input_strength = \"HIGH\".",
      high: 'Set {{attribute}} = "HIGH"',
      addFilter: 'Add a PROMPT_ATTACK filter with input_strength = "HIGH"',
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('aws_bedrock_guardrail') ?? []) {
          // A dynamic block with a computed for_each is invisible to the model: stay silent.
          if (/\bdynamic\s+"(?:content_policy_config|filters_config)"/.test(context.text.slice(...block.range))) continue;
          const policy = block.blocks.find((b) => b.kind === 'content_policy_config');
          const filters = policy?.blocks.filter((b) => b.kind === 'filters_config') ?? [];
          const types = filters.map((f) => model!.value(f.attributes.get('type')));
          for (const [i, filter] of filters.entries()) {
            const type = types[i];
            if (typeof type !== 'string') continue;
            // AWS requires output_strength "NONE" for PROMPT_ATTACK: only the input side counts there.
            const names = type === 'PROMPT_ATTACK' ? ['input_strength'] : ['input_strength', 'output_strength'];
            for (const name of names) {
              const attribute = filter.attributes.get(name);
              if (!attribute || model!.value(attribute) !== 'NONE') continue;
              const data = { resource: address(block), attribute: name, type };
              context.report({ range: attribute.range, messageId: 'none', data, suggest: [{ messageId: 'high', data, edits: [{ range: attribute.valueRange, text: '"HIGH"' }] }] });
            }
          }
          if (types.includes('PROMPT_ATTACK') || types.some((t) => typeof t !== 'string')) continue;
          const target = policy ?? block;
          const lines = policy ? PROMPT_ATTACK_LINES : ['content_policy_config {', ...PROMPT_ATTACK_LINES.map((l) => `  ${l}`), '}'];
          context.report({
            range: target.headerRange,
            messageId: 'noPromptAttack',
            data: { resource: address(block) },
            suggest: [{ messageId: 'addFilter', edits: [insertLines(target, context.text, lines)] }],
          });
        }
      },
    };
  },
});

/** An edit that inserts lines at the start of a block's body, indented one level deeper than the block. */
function insertLines(block: TfBlock, text: string, lines: readonly string[]): { range: [number, number]; text: string } {
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const body = lines.map((l) => `${newline}${block.indent}  ${l}`).join('');
  const oneLine = !text.slice(block.bodyStart, block.bodyEnd).includes('\n');
  return { range: [block.bodyStart, block.bodyStart], text: oneLine ? `${body}${newline}${block.indent}` : body };
}

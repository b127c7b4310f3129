import { defineRule } from '../../engine/rule';
import { address, terraformModel } from './model';

export default defineRule({
  id: 'terraform/require-bedrock-agent-guardrail',
  languages: ['terraform'],
  meta: {
    description: 'Bedrock agents must have a guardrail (guardrail_configuration)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'misuse',
    cwe: ['CWE-1427', 'CWE-693'],
    owaspLlm: ['LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      noGuardrail:
        "'{{resource}}' has no guardrail_configuration: prompt-injection attempts, harmful content and sensitive data pass through the agent and its action groups unfiltered. Attach an aws_bedrock_guardrail.",
    },
  },
  create(context) {
    return {
      File() {
        const model = terraformModel(context);
        for (const block of model?.resources('aws_bedrockagent_agent') ?? []) {
          if (block.blocks.some((b) => b.kind === 'guardrail_configuration') || block.attributes.has('guardrail_configuration')) continue;
          context.report({ range: block.headerRange, messageId: 'noGuardrail', data: { resource: address(block) } });
        }
      },
    };
  },
});

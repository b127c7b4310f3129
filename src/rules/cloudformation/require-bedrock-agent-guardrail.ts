import { defineRule } from '../../engine/rule';
import { CFN_LANGUAGES, cfnResources, get, templatesWith } from './model';

export default defineRule({
  id: 'cloudformation/require-bedrock-agent-guardrail',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::Bedrock::Agent']),
  meta: {
    description: 'Bedrock agents must have a guardrail attached',
    severity: 'warning',
    category: 'iac',
    riskArea: 'misuse',
    cwe: ['CWE-693'],
    owaspLlm: ['LLM01:2025', 'LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      noGuardrail:
        "Bedrock agent '{{id}}' has no GuardrailConfiguration: nothing filters prompt attacks, harmful content or sensitive data in what the agent reads and answers, while it can call action groups. Attach an AWS::Bedrock::Guardrail.",
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::Bedrock::Agent')) {
          const config = get(r.properties, 'GuardrailConfiguration');
          // An intrinsic (e.g. `!If [HasGuardrail, …]`) is not judged.
          if (r.opaque || (config && (config.kind === 'unknown' || get(config, 'GuardrailIdentifier')))) continue;
          context.report({ range: r.idRange, messageId: 'noGuardrail', data: { id: r.logicalId } });
        }
      },
    };
  },
});

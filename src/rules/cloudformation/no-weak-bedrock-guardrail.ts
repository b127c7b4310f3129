import { defineRule } from '../../engine/rule';
import { CFN_LANGUAGES, cfnResources, entry, get, getPath, items, replaceWith, str, templatesWith } from './model';

export default defineRule({
  id: 'cloudformation/no-weak-bedrock-guardrail',
  languages: CFN_LANGUAGES,
  applies: templatesWith(['AWS::Bedrock::Guardrail']),
  meta: {
    description: 'Bedrock guardrails must filter prompt attacks and must not set content filters to NONE',
    severity: 'warning',
    category: 'iac',
    riskArea: 'misuse',
    cwe: ['CWE-693'],
    owaspLlm: ['LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      filterOff:
        "Guardrail '{{id}}' sets the {{type}} filter's {{property}} to NONE, so that category passes unfiltered. Use LOW, MEDIUM or HIGH, or remove the filter if the category is really not wanted.",
      noPromptAttackFilter:
        "Guardrail '{{id}}' has no PROMPT_ATTACK content filter, so jailbreaks and prompt injections reach the model unfiltered. Add a PROMPT_ATTACK filter with InputStrength HIGH (OutputStrength NONE).",
      useHigh: 'Set {{property}} to HIGH',
    },
  },
  create(context) {
    return {
      File() {
        for (const r of cfnResources(context, 'AWS::Bedrock::Guardrail')) {
          if (r.opaque) continue;
          const filters = getPath(r.properties, 'ContentPolicyConfig', 'FiltersConfig');
          // Filters built by intrinsics are not judged.
          if (get(r.properties, 'ContentPolicyConfig')?.kind === 'unknown' || filters?.kind === 'unknown') continue;
          let promptAttack = false;
          for (const filter of items(filters)) {
            const type = str(get(filter, 'Type')) ?? '';
            if (type === 'PROMPT_ATTACK' || get(filter, 'Type')?.kind === 'unknown') promptAttack = true;
            // PROMPT_ATTACK only applies to input: AWS requires its OutputStrength to be NONE.
            const properties = type === 'PROMPT_ATTACK' ? ['InputStrength'] : ['InputStrength', 'OutputStrength'];
            for (const property of properties) {
              const found = entry(filter, property);
              if (!found || str(found.value) !== 'NONE') continue;
              context.report({
                range: found.value.range,
                messageId: 'filterOff',
                data: { id: r.logicalId, type: type || 'content', property },
                suggest: [{ ...replaceWith(found.value, 'HIGH', r.format, 'useHigh'), data: { property } }],
              });
            }
          }
          if (!promptAttack) context.report({ range: r.idRange, messageId: 'noPromptAttackFilter', data: { id: r.logicalId } });
        }
      },
    };
  },
});

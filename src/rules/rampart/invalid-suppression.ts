import { defineRule } from '../../engine/rule';

/**
 * Reported by the engine itself (see engine/suppressions.ts): a `rampart-ignore-next-line` comment that
 * names no rule, an unknown rule, or gives no reason. Such a comment suppresses nothing.
 */
export default defineRule({
  id: 'rampart/invalid-suppression',
  languages: ['js', 'python', 'terraform', 'yaml', 'dockerfile', 'json', 'text', 'toml'],
  meta: {
    description: 'Suppression comments must name known rules and give a reason',
    severity: 'warning',
    category: 'meta',
    riskArea: 'oversight',
    cwe: [],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      missingReason:
        'This suppression of {{ruleId}} gives no reason, so it suppresses nothing. Write `-- <why this is safe>` after the rule id.',
      missingRule: 'This suppression names no rule, so it suppresses nothing. Write `rampart-ignore-next-line <rule-id> -- <reason>`.',
      unknownRule: 'This suppression names an unknown rule ({{ruleId}}), so it suppresses nothing.',
    },
  },
  create: () => ({}),
});

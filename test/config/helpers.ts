import { defineRule, type Rule } from '../../src/engine/rule';
import noDisabledTls from '../../src/rules/js/no-disabled-tls';
import invalidSuppression from '../../src/rules/rampart/invalid-suppression';

/** A rule that is not recommended, takes options and has its own default severity. */
export const optionsRule = defineRule({
  id: 'test/no-options-demo',
  languages: ['js'],
  meta: {
    description: 'Demo rule with options',
    severity: 'info',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798'],
    confidence: 'low',
    recommended: false,
    fix: 'none',
    messages: { found: 'found' },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        allow: { type: 'array', items: { type: 'string' } },
        minLength: { type: 'integer', minimum: 1 },
      },
    },
  },
  create: () => ({}),
});

/** The two built-in rules that exist for sure, plus {@link optionsRule}. */
export const rules: readonly Rule[] = [noDisabledTls, invalidSuppression, optionsRule] as Rule[];

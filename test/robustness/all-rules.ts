import type { RuleSetting } from '../../src/engine/analyzer';
import { builtinRules } from '../../src/rules';

/** Every built-in rule at its default severity, as the robustness tests run them. */
export function allRuleSettings(): Map<string, RuleSetting> {
  return new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
}

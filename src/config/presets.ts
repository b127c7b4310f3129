import type { RuleSetting } from '../engine/analyzer';
import type { Rule } from '../engine/rule';
import type { RiskArea, Severity } from '../engine/types';
import type { PresetName } from './schema';

/** Risk areas `rampart:ai-agents` covers: prompt injection and trusted model output, agent permissions and tools, the AI supply chain. */
const AI_AGENT_AREAS: ReadonlySet<RiskArea> = new Set(['misuse', 'operation', 'supply-chain']);

/**
 * The severity a preset gives a rule, or null when the preset leaves it out. Generated from rule metadata:
 * - `rampart:recommended`: recommended rules at their default severity;
 * - `rampart:strict`: every rule but low-confidence ones; a high-confidence `warning` becomes `error`;
 * - `rampart:ai-agents`: recommended rules of the misuse, operation and supply-chain areas, the rules mapped to
 *   the OWASP Top 10 for LLM Applications and the agent-guardrail rules (wherever they sit), plus the
 *   readiness-and-oversight rules that keep suppressions honest;
 * - `rampart:all`: every rule at its default severity.
 */
export function presetSeverity(rule: Rule, preset: PresetName): Severity | null {
  const { meta } = rule;
  switch (preset) {
    case 'rampart:recommended':
      return meta.recommended ? meta.severity : null;
    case 'rampart:strict':
      if (meta.confidence === 'low') return null;
      return meta.confidence === 'high' && meta.severity === 'warning' ? 'error' : meta.severity;
    case 'rampart:ai-agents': {
      const ai = AI_AGENT_AREAS.has(meta.riskArea) || (meta.owaspLlm ?? []).length > 0 || meta.category === 'agent-guardrails' || meta.riskArea === 'oversight';
      return ai && meta.recommended ? meta.severity : null;
    }
    case 'rampart:all':
      return meta.severity;
  }
}

/** Applies presets in order onto `settings`: each rule a preset includes is set to the preset's severity, with no options. */
export function applyPresets(settings: Map<string, RuleSetting>, rules: readonly Rule[], presets: readonly PresetName[]): void {
  for (const preset of presets) {
    for (const rule of rules) {
      const severity = presetSeverity(rule, preset);
      if (severity) settings.set(rule.id, { severity, options: {} });
    }
  }
}

/** The settings a list of presets gives, applied in order (see {@link presetSeverity}). */
export function presetSettings(rules: readonly Rule[], presets: readonly PresetName[]): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  applyPresets(settings, rules, presets);
  return settings;
}

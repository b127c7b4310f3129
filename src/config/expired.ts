import type { RuleSetting } from '../engine/analyzer';
import { formatMessage, type Rule } from '../engine/rule';
import type { Finding } from '../engine/types';
import type { ResolvedConfig } from './resolve';
import { expiredSuppressions } from './suppressions';

/** Id of the rule whose findings are expired `suppressions` entries. */
export const EXPIRED_SUPPRESSION_RULE = 'rampart/expired-suppression';

/**
 * One finding per entry of the configuration's `suppressions` (those of the files it extends and of the folders
 * above included) whose `expires` day is over by `today`, in the file the entry is written in, at the entry.
 * None when the rule is off in `settings` (the configuration's own, by default).
 */
export function expiredSuppressionFindings(config: ResolvedConfig, rules: readonly Rule[], today: Date, settings: ReadonlyMap<string, RuleSetting> = config.settings): Finding[] {
  const setting = settings.get(EXPIRED_SUPPRESSION_RULE);
  const rule = rules.find((r) => r.id === EXPIRED_SUPPRESSION_RULE);
  if (!setting || !rule) return [];
  return expiredSuppressions(config, today).map((s) => {
    const { line, column, range, end } = s.location;
    return {
      ruleId: EXPIRED_SUPPRESSION_RULE,
      messageId: 'expired',
      message: formatMessage(rule.meta.messages.expired, { rule: s.rule, path: s.path, expires: s.expires, owner: s.owner ? ` (owner: ${s.owner})` : '' }),
      severity: setting.severity,
      file: s.file,
      range: [range[0], range[1]],
      start: { line, column },
      end: end ? { ...end } : { line, column },
      suggestions: [],
      related: [],
    };
  });
}

import { defineRule } from '../../engine/rule';

/**
 * Reported by the configuration loader (see config/expired.ts), not by a file's analysis: an entry of
 * `suppressions` in `.rampart.jsonc` (or a file it extends) whose `expires` day is over. The entry no longer
 * suppresses anything; this finding keeps the lapsed decision from going unnoticed.
 */
export default defineRule({
  id: 'rampart/expired-suppression',
  languages: [],
  meta: {
    description: 'Team suppressions must not outlive their expiry date',
    severity: 'warning',
    category: 'meta',
    riskArea: 'oversight',
    cwe: [],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    reportedFromConfiguration: true,
    messages: {
      expired:
        'The suppression of {{rule}} for "{{path}}" expired on {{expires}}{{owner}}, so its findings count again. Fix them, or renew the entry with a new date and a reason that still holds.',
    },
  },
  create: () => ({}),
});

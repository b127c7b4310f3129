import type { RuleMeta } from '../../engine/types';

/**
 * The metadata of the trust-boundary rules of every language (`js/no-request-data-in-session`,
 * `python/no-request-data-in-session`): request data stored in the server-side session. `checks` names the
 * language's usual validations in the message.
 */
export function sessionTrustMeta(checks: string): RuleMeta {
  return {
    description: 'Request data must not be stored in the server-side session without validation (trust boundary)',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-501'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      requestDataInSession: `The session value {{key}} is set from {{source}} without validation. Code that later reads the session trusts it as something the server decided (who the user is, their role, a verified flag), so the sender of the request chooses it: a trust boundary violation. Validate the value first (${checks}), or keep it out of the session.`,
    },
  };
}

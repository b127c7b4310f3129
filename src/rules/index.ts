import type { Rule } from '../engine/rule';
import noDisabledTls from './js/no-disabled-tls';
import noDynamicEval from './js/no-dynamic-eval';
import noHardcodedSecrets from './js/no-hardcoded-secrets';
import noShellInjection from './js/no-shell-injection';
import invalidSuppression from './rampart/invalid-suppression';

/** Every built-in rule, in id order. */
export const builtinRules: readonly Rule[] = ([noDisabledTls, noDynamicEval, noHardcodedSecrets, noShellInjection, invalidSuppression] as Rule[]).sort(
  (a, b) => a.id.localeCompare(b.id),
);

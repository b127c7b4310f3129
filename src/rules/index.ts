import type { Rule } from '../engine/rule';
import noDisabledTls from './js/no-disabled-tls';
import invalidSuppression from './rampart/invalid-suppression';

/** Every built-in rule, in id order. */
export const builtinRules: readonly Rule[] = ([noDisabledTls, invalidSuppression] as Rule[]).sort((a, b) =>
  a.id.localeCompare(b.id),
);

import type { RuleSetting } from '../engine/analyzer';
import type { Rule } from '../engine/rule';

/** Services that work without the network; offline runs turn off rules that require any other. */
const LOCAL_SERVICES: ReadonlySet<string> = new Set(['clock', 'cache']);

/**
 * Settings without the rules that need a network service: for `--offline`, for the editor when look-ups
 * are turned off, and before the workspace is trusted. An unknown service is assumed to need the network.
 */
export function offlineSettings(settings: ReadonlyMap<string, RuleSetting>, rules: readonly Rule[]): ReadonlyMap<string, RuleSetting> {
  const online = new Set(rules.filter((r) => (r.meta.requires ?? []).some((s) => !LOCAL_SERVICES.has(s))).map((r) => r.id));
  return new Map([...settings].filter(([id]) => !online.has(id)));
}

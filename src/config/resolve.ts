import * as path from 'node:path';
import type { RuleSetting } from '../engine/analyzer';
import type { Rule } from '../engine/rule';
import type { ConfiguredSeverity } from '../engine/types';
import { DEFAULT_PRESET, type PresetName } from './schema';
import { resolveSuppressions, type ConfigLocation, type RawSuppression, type ResolvedSuppression } from './suppressions';

/** The result of loading configuration: which rules run, how, which files are left out and which findings are accepted. */
export interface ResolvedConfig {
  /** Absolute path of the configuration file, null when built-in defaults are used. */
  file: string | null;
  /** Folder that `ignore` patterns are relative to. */
  root: string;
  /** Enabled rules only, with severity and options. */
  settings: ReadonlyMap<string, RuleSetting>;
  ignore: readonly string[];
  /** Team-wide waivers, in file order; see `suppressionsFor` for the ones that apply to a file. */
  suppressions: readonly ResolvedSuppression[];
  /** Supply-chain settings (`packages`). */
  packages: PackagesConfig;
}

/** The `packages` section: allow-list and registries. (`minAgeDays` is resolved into the age rules' options.) */
export interface PackagesConfig {
  allow: ReadonlyArray<{ name: string; reason: string; ecosystem?: 'npm' | 'pypi' }>;
  registries: { npm?: string; pypi?: string; scopes?: Readonly<Record<string, string>> };
}

/** Rules whose `minAgeDays` option `packages.minAgeDays` sets, unless the rule's own options do. */
const MIN_AGE_RULES = ['packages/no-new-package', 'packages/no-young-install-script'];

/** A rule's setting as written in the file (already validated against the schema). */
export type RawRuleSetting = ConfiguredSeverity | { severity?: ConfiguredSeverity; options?: Record<string, unknown> };

/** The contents of a configuration file after schema validation. */
export interface RawConfig {
  extends?: PresetName | PresetName[];
  rules?: Record<string, RawRuleSetting>;
  ignore?: string[];
  suppressions?: RawSuppression[];
  packages?: { allow?: PackagesConfig['allow']; minAgeDays?: number; registries?: PackagesConfig['registries'] };
}

/** The settings a list of presets gives: their union, each rule at its default severity. */
export function presetSettings(rules: readonly Rule[], presets: readonly PresetName[]): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const rule of rules) {
    const included = presets.some((p) => p === 'rampart:all' || (p === 'rampart:recommended' && rule.meta.recommended));
    if (included) settings.set(rule.id, { severity: rule.meta.severity, options: {} });
  }
  return settings;
}

/** The configuration used when no configuration file exists: the recommended preset, no ignores. */
export function defaultConfig(rules: readonly Rule[], root: string): ResolvedConfig {
  return freeze({ file: null, root: path.resolve(root), settings: presetSettings(rules, [DEFAULT_PRESET]), ignore: [], suppressions: [], packages: { allow: [], registries: {} } });
}

/**
 * Applies a validated configuration on top of its presets: a rule's severity replaces the preset's,
 * `off` removes the rule, and an object without `severity` enables the rule at its default severity.
 * `suppressionLocations` says where each entry of `suppressions` is written in `file`.
 */
export function resolveConfig(
  raw: RawConfig,
  rules: readonly Rule[],
  file: string,
  suppressionLocations: readonly ConfigLocation[],
): ResolvedConfig {
  const presets = raw.extends === undefined ? [DEFAULT_PRESET] : ([] as PresetName[]).concat(raw.extends);
  const settings = presetSettings(rules, presets);
  const byId = new Map(rules.map((r) => [r.id, r]));
  for (const [id, value] of Object.entries(raw.rules ?? {})) {
    const rule = byId.get(id);
    if (!rule) continue;
    const severity = typeof value === 'string' ? value : value.severity;
    if (severity === 'off') {
      settings.delete(id);
      continue;
    }
    const options = typeof value === 'object' && value.options ? (toPlain(value.options) as Record<string, unknown>) : {};
    settings.set(id, { severity: severity ?? rule.meta.severity, options });
  }
  const minAgeDays = raw.packages?.minAgeDays;
  for (const id of MIN_AGE_RULES) {
    const setting = settings.get(id);
    if (setting && minAgeDays !== undefined && setting.options.minAgeDays === undefined) {
      settings.set(id, { ...setting, options: { ...setting.options, minAgeDays } });
    }
  }
  // Keep the registry's order so reports and tests are stable.
  const ordered = new Map(rules.filter((r) => settings.has(r.id)).map((r) => [r.id, settings.get(r.id)!]));
  return freeze({
    file,
    root: path.dirname(file),
    settings: ordered,
    ignore: [...(raw.ignore ?? [])],
    suppressions: resolveSuppressions(raw.suppressions ?? [], suppressionLocations),
    packages: {
      allow: (raw.packages?.allow ?? []).map((a) => ({ ...a })),
      registries: toPlain(raw.packages?.registries ?? {}) as PackagesConfig['registries'],
    },
  });
}

function freeze(config: ResolvedConfig): ResolvedConfig {
  Object.freeze(config.ignore);
  Object.freeze(config.suppressions);
  for (const setting of config.settings.values()) Object.freeze(setting);
  return Object.freeze(config);
}

/**
 * Copies a parsed JSON value into ordinary objects. The parser builds prototype-less objects; rules
 * get plain ones, built with define semantics so a `__proto__` key stays an ordinary key.
 */
function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  }
  return value;
}

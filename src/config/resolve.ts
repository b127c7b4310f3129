import * as path from 'node:path';
import type { RuleSetting } from '../engine/analyzer';
import type { Rule } from '../engine/rule';
import type { ConfiguredSeverity } from '../engine/types';
import { createPathMatcher } from './match';
import { applyPresets, presetSettings } from './presets';
import { DEFAULT_PRESET, PRESETS, type PresetName } from './schema';
import { resolveSuppressions, type ConfigLocation, type RawSuppression, type ResolvedSuppression } from './suppressions';

/** The result of loading configuration: which rules run, how, which files are left out and which findings are accepted. */
export interface ResolvedConfig {
  /** Absolute path of the configuration file nearest to the files it governs, null when built-in defaults are used. */
  file: string | null;
  /** Folder that `ignore` patterns are relative to: the folder of {@link file}. */
  root: string;
  /** Enabled rules only, with severity and options, before `overrides` (see `settingsFor`). */
  settings: ReadonlyMap<string, RuleSetting>;
  /** The `ignore` patterns of {@link file} and of the files it extends, relative to {@link root}. */
  ignore: readonly string[];
  /** Every `ignore` list of the chain (configuration files of the folders above included), each with the folder it is relative to. */
  ignores: readonly IgnoreList[];
  /** Rule settings for some files only, in the order they apply (later ones win). */
  overrides: readonly ResolvedOverride[];
  /** Team-wide waivers, in file order; see `suppressionsFor` for the ones that apply to a file. */
  suppressions: readonly ResolvedSuppression[];
  /** Supply-chain settings (`packages`). */
  packages: PackagesConfig;
  /** Every configuration file this one was built from: itself, the files it extends and those of the folders above. */
  sources: readonly string[];
}

/** `ignore` patterns and the folder they are relative to. */
export interface IgnoreList {
  root: string;
  patterns: readonly string[];
}

/** One entry of `overrides`, resolved. */
export interface ResolvedOverride {
  /** Folder the `files` patterns are relative to. */
  root: string;
  files: readonly string[];
  /** The rule settings as written, applied in order on top of the file's settings. */
  rules: Readonly<Record<string, RawRuleSetting>>;
  /** The configuration file it is written in. */
  source: string;
}

/** The `packages` section: allow-list and registries. `minAgeDays` is also resolved into the age rules' options. */
export interface PackagesConfig {
  allow: ReadonlyArray<{ name: string; reason: string; ecosystem?: 'npm' | 'pypi' }>;
  minAgeDays?: number;
  registries: { npm?: string; pypi?: string; scopes?: Readonly<Record<string, string>> };
}

/** Rules whose `minAgeDays` option `packages.minAgeDays` sets, unless the rule's own options do. */
const MIN_AGE_RULES = ['packages/no-new-package', 'packages/no-young-install-script'];

/** A rule's setting as written in the file (already validated against the schema). */
export type RawRuleSetting = ConfiguredSeverity | { severity?: ConfiguredSeverity; options?: Record<string, unknown> };

/** The contents of a configuration file after schema validation. */
export interface RawConfig {
  root?: boolean;
  /** Presets and relative paths of other configuration files. */
  extends?: string | string[];
  rules?: Record<string, RawRuleSetting>;
  overrides?: Array<{ files: string | string[]; rules: Record<string, RawRuleSetting> }>;
  ignore?: string[];
  suppressions?: RawSuppression[];
  packages?: { allow?: PackagesConfig['allow']; minAgeDays?: number; registries?: PackagesConfig['registries'] };
}

/** One configuration file, validated, with the files it extends already read. */
export interface ConfigLayer {
  /** Absolute path of the file. */
  file: string;
  raw: RawConfig;
  /** Where each entry of `suppressions` is written in {@link file}. */
  suppressionLocations: readonly ConfigLocation[];
  /** The layers of the configuration files `extends` names, by the entry as written. Presets are not here. */
  extended: ReadonlyMap<string, ConfigLayer>;
}

/** The entries of `extends`, in order. */
export function extendsEntries(raw: RawConfig): string[] {
  return raw.extends === undefined ? [] : ([] as string[]).concat(raw.extends);
}

/** Whether an `extends` entry names a preset (else it is a path). */
export function isPreset(entry: string): entry is PresetName {
  return (PRESETS as readonly string[]).includes(entry);
}

/** The configuration used when no configuration file exists: the recommended preset, no ignores. */
export function defaultConfig(rules: readonly Rule[], root: string): ResolvedConfig {
  const absolute = path.resolve(root);
  return freeze({
    file: null,
    root: absolute,
    settings: ordered(presetSettings(rules, [DEFAULT_PRESET]), rules),
    ignore: [],
    ignores: [],
    overrides: [],
    suppressions: [],
    packages: { allow: [], registries: {} },
    sources: [],
  });
}

/**
 * Applies a validated configuration on top of its presets: a rule's severity replaces the preset's,
 * `off` removes the rule, and an object without `severity` enables the rule at its default severity.
 * `suppressionLocations` says where each entry of `suppressions` is written in `file`. Files it extends are
 * not read (see {@link resolveLayers}).
 */
export function resolveConfig(raw: RawConfig, rules: readonly Rule[], file: string, suppressionLocations: readonly ConfigLocation[]): ResolvedConfig {
  return resolveLayers([{ file, raw, suppressionLocations, extended: new Map() }], rules);
}

/**
 * Resolves a chain of configuration files, the one of the outermost folder first and the one nearest to
 * the files last. Precedence, lowest first: the default preset (only when no file of the chain names a
 * preset or writes `extends: []`); then for each file of the chain in order, its `extends` entries in order (a preset sets the rules
 * it includes to its severity; an extended file applies as if it were written there, its patterns relative to
 * the folder of the file that extends it), then its own `rules`; then `overrides` whose `files` match, in the
 * same order (see {@link settingsFor}). `ignore` and `suppressions` add up; in `packages`, `allow` adds up and
 * the nearest file's `minAgeDays` and registries win.
 */
export function resolveLayers(chain: readonly ConfigLayer[], rules: readonly Rule[]): ResolvedConfig {
  if (chain.length === 0) throw new Error('resolveLayers: empty chain');
  const nearest = chain[chain.length - 1];
  const root = path.dirname(nearest.file);
  const byId = new Map(rules.map((r) => [r.id, r]));
  const settings = new Map<string, RuleSetting>();
  // `extends: []` opts out of the default preset as naming a preset does.
  const choosesPresets = (layer: ConfigLayer): boolean => {
    const entries = extendsEntries(layer.raw);
    return (layer.raw.extends !== undefined && entries.length === 0) || entries.some((e) => isPreset(e)) || [...layer.extended.values()].some(choosesPresets);
  };
  if (!chain.some(choosesPresets)) applyPresets(settings, rules, [DEFAULT_PRESET]);
  const ignores: IgnoreList[] = [];
  const overrides: ResolvedOverride[] = [];
  const suppressions: ResolvedSuppression[] = [];
  const allow: Array<PackagesConfig['allow'][number]> = [];
  const sources: string[] = [];
  let minAgeDays: number | undefined;
  let registries: PackagesConfig['registries'] = {};
  const apply = (layer: ConfigLayer, base: string, depth: number): void => {
    if (depth > MAX_LAYER_DEPTH) return;
    if (!sources.includes(layer.file)) sources.push(layer.file);
    for (const entry of extendsEntries(layer.raw)) {
      if (isPreset(entry)) applyPresets(settings, rules, [entry]);
      else {
        const extended = layer.extended.get(entry);
        if (extended) apply(extended, base, depth + 1);
      }
    }
    applyRules(settings, layer.raw.rules ?? {}, byId);
    if (layer.raw.ignore?.length) ignores.push({ root: base, patterns: [...layer.raw.ignore] });
    for (const o of layer.raw.overrides ?? []) {
      overrides.push({ root: base, files: ([] as string[]).concat(o.files), rules: toPlain(o.rules) as Record<string, RawRuleSetting>, source: layer.file });
    }
    suppressions.push(...resolveSuppressions(layer.raw.suppressions ?? [], layer.suppressionLocations, { root: base, file: layer.file }));
    const packages = layer.raw.packages;
    for (const a of packages?.allow ?? []) allow.push({ ...a });
    if (packages?.minAgeDays !== undefined) minAgeDays = packages.minAgeDays;
    if (packages?.registries !== undefined) registries = { ...registries, ...(toPlain(packages.registries) as PackagesConfig['registries']) };
  };
  for (const layer of chain) apply(layer, path.dirname(layer.file), 0);
  return freeze({
    file: nearest.file,
    root,
    settings: finish(settings, rules, minAgeDays),
    ignore: ignores.filter((i) => i.root === root).flatMap((i) => i.patterns),
    ignores,
    overrides,
    suppressions,
    packages: { allow, registries, ...(minAgeDays !== undefined ? { minAgeDays } : {}) },
    sources,
  });
}

/** Extended files nested deeper than this are not applied (loading refuses them first). */
export const MAX_LAYER_DEPTH = 8;

const overrideCache = new WeakMap<ResolvedConfig, Map<string, ReadonlyMap<string, RuleSetting>>>();
const overrideMatchers = new WeakMap<ResolvedOverride, (absolute: string) => boolean>();

/**
 * The rule settings for one file: the configuration's settings with the `overrides` whose `files` match the
 * file applied in order. The same map for files that match the same overrides.
 */
export function settingsFor(config: ResolvedConfig, absoluteFile: string, rules: readonly Rule[]): ReadonlyMap<string, RuleSetting> {
  if (config.overrides.length === 0) return config.settings;
  const matched = config.overrides.filter((o) => {
    let matches = overrideMatchers.get(o);
    if (!matches) overrideMatchers.set(o, (matches = createPathMatcher(o.root, o.files)));
    return matches(absoluteFile);
  });
  if (matched.length === 0) return config.settings;
  let byKey = overrideCache.get(config);
  if (!byKey) overrideCache.set(config, (byKey = new Map()));
  const key = matched.map((o) => config.overrides.indexOf(o)).join(',');
  let settings = byKey.get(key);
  if (!settings) {
    const byId = new Map(rules.map((r) => [r.id, r]));
    const merged = new Map(config.settings);
    for (const o of matched) applyRules(merged, o.rules, byId);
    settings = finish(merged, rules, config.packages.minAgeDays);
    for (const s of settings.values()) Object.freeze(s);
    byKey.set(key, settings);
  }
  return settings;
}

/** Whether the `ignore` patterns of any file of the configuration's chain leave this file out. */
export function ignoredByConfig(config: ResolvedConfig, absoluteFile: string): boolean {
  return config.ignores.some((list) => {
    let matches = ignoreMatchers.get(list);
    if (!matches) ignoreMatchers.set(list, (matches = createPathMatcher(list.root, list.patterns)));
    return matches(absoluteFile);
  });
}
const ignoreMatchers = new WeakMap<IgnoreList, (absolute: string) => boolean>();

function applyRules(settings: Map<string, RuleSetting>, raw: Readonly<Record<string, RawRuleSetting>>, byId: ReadonlyMap<string, Rule>): void {
  for (const [id, value] of Object.entries(raw)) {
    const rule = byId.get(id);
    if (!rule) continue;
    const severity = typeof value === 'string' ? value : value.severity;
    if (severity === 'off') {
      settings.delete(id);
      continue;
    }
    const options = typeof value === 'object' && value.options ? (toPlain(value.options) as Record<string, unknown>) : {};
    settings.set(id, { severity: severity ?? settings.get(id)?.severity ?? rule.meta.severity, options });
  }
}

/** Applies `packages.minAgeDays` to the age rules that have no `minAgeDays` of their own, in the registry's order. */
function finish(settings: Map<string, RuleSetting>, rules: readonly Rule[], minAgeDays: number | undefined): Map<string, RuleSetting> {
  for (const id of MIN_AGE_RULES) {
    const setting = settings.get(id);
    if (setting && minAgeDays !== undefined && setting.options.minAgeDays === undefined) {
      settings.set(id, { ...setting, options: { ...setting.options, minAgeDays } });
    }
  }
  return ordered(settings, rules);
}

/** The settings in the registry's order, so reports and tests are stable. */
function ordered(settings: ReadonlyMap<string, RuleSetting>, rules: readonly Rule[]): Map<string, RuleSetting> {
  return new Map(rules.filter((r) => settings.has(r.id)).map((r) => [r.id, settings.get(r.id)!]));
}

function freeze(config: ResolvedConfig): ResolvedConfig {
  Object.freeze(config.ignore);
  Object.freeze(config.ignores);
  Object.freeze(config.overrides);
  Object.freeze(config.sources);
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

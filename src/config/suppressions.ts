import type { ConfigSuppression } from '../engine/analyzer';
import { createPathMatcher } from './match';
import { LineIndex } from '../engine/line-index';
import { fingerprintLines, jsonPathLines, jsonTree, parseJsonPath } from './stable-key';
import type { ResolvedConfig } from './resolve';
import type { SchemaViolation } from './validate';

/** Where something is written in the configuration file: 1-based line and column, UTF-16 offsets. */
export interface ConfigLocation {
  line: number;
  column: number;
  range: [number, number];
  /** 1-based line and column of the end of the range, when known. */
  end?: { line: number; column: number };
}

/** One entry of `suppressions`, validated, with where it is written so notes and diagnostics can point at it. */
export interface ResolvedSuppression {
  /** Rule id whose findings are accepted. */
  rule: string;
  /** gitignore-style pattern relative to the configuration's folder, as written. */
  path: string;
  /** Why the findings are acceptable, trimmed. */
  reason: string;
  /** Last day (`YYYY-MM-DD`, UTC) the entry applies. */
  expires?: string;
  /** Who answers for the accepted risk. */
  owner?: string;
  /** Only findings starting on this 1-based line of a matched file; the whole file when absent. A hint only with `jsonPath` or `fingerprint`. */
  line?: number;
  /** Only the finding at this JSON path (`$.mcpServers.fs.args[1]`) of a matched JSON file, wherever it is. */
  jsonPath?: string;
  /** Only findings whose fingerprint (rule + normalized text of the line) is this, wherever they are. */
  fingerprint?: string;
  /** The entry (its `{`…`}`) in the configuration file. */
  location: ConfigLocation;
  /** The configuration file the entry is written in (absolute). */
  file: string;
  /** Folder `path` is relative to: the folder of the configuration file (of the one that extends it, for an extended file). */
  root: string;
}

/** A suppression whose `expires` day is over. */
export type ExpiredSuppression = ResolvedSuppression & { expires: string };

/** The entry of `suppressions` as written (after schema validation). */
export interface RawSuppression {
  rule: string;
  path: string;
  reason: string;
  expires?: string;
  owner?: string;
  line?: number;
  jsonPath?: string;
  fingerprint?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds since the epoch at the end of a `YYYY-MM-DD` day in UTC, or null when the day does not exist. */
function endOfDayUtc(date: string): number | null {
  const m = DATE_RE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // setUTCFullYear rolls 2027-02-30 over to March; a real date survives the round trip.
  const start = new Date(0);
  start.setUTCFullYear(year, month - 1, day);
  if (start.getUTCFullYear() !== year || start.getUTCMonth() !== month - 1 || start.getUTCDate() !== day) return null;
  start.setUTCDate(day + 1);
  return start.getTime();
}

/**
 * Checks what the schema cannot express about `suppressions` entries whose types are already right:
 * the expiry date must exist, and the path must select files inside the configuration's folder.
 */
export function checkSuppressions(config: unknown): SchemaViolation[] {
  const entries = (config as { suppressions?: unknown } | null)?.suppressions;
  if (!Array.isArray(entries)) return [];
  const violations: SchemaViolation[] = [];
  entries.forEach((entry: unknown, i) => {
    if (entry === null || typeof entry !== 'object') return;
    const { path: glob, expires, jsonPath } = entry as Record<string, unknown>;
    const where = `suppression ${i + 1}`;
    if (typeof glob === 'string') {
      const message = pathProblem(glob);
      if (message) violations.push({ path: ['suppressions', i, 'path'], message: `The path of ${where} ${message}` });
    }
    if (typeof expires === 'string' && DATE_RE.test(expires) && endOfDayUtc(expires) === null) {
      violations.push({ path: ['suppressions', i, 'expires'], message: `The expiry date of ${where}, "${expires}", is not a real date.` });
    }
    if (typeof jsonPath === 'string' && parseJsonPath(jsonPath) === null) {
      violations.push({ path: ['suppressions', i, 'jsonPath'], message: `The JSON path of ${where}, "${jsonPath}", is not a path such as "$.mcpServers.fs.args[1]" or "$.dependencies["@scope/name"]".` });
    }
  });
  return violations;
}

/** Why a suppression's path pattern cannot select any file, or null. */
function pathProblem(glob: string): string | null {
  if (glob.startsWith('!')) return 'cannot start with "!": name the files the suppression covers.';
  if (glob.startsWith('#')) return 'starts with "#", which makes it a comment that matches nothing. Write "\\#" for a name that starts with #.';
  if (/(^|\/)\.\.(\/|$)/.test(glob)) return 'cannot go up with "..": it matches files inside the folder of the configuration file only.';
  return null;
}

/** Freezes validated entries together with where each is written and the folder their paths are relative to. */
export function resolveSuppressions(
  raw: readonly RawSuppression[],
  locations: readonly ConfigLocation[],
  where: { root: string; file: string },
): readonly ResolvedSuppression[] {
  return Object.freeze(
    raw.map((entry, i) => {
      const { range, end, ...position } = locations[i];
      return Object.freeze({
        rule: entry.rule,
        path: entry.path,
        reason: entry.reason.trim(),
        ...(entry.expires !== undefined ? { expires: entry.expires } : {}),
        ...(entry.owner !== undefined ? { owner: entry.owner.trim() } : {}),
        ...(entry.line !== undefined ? { line: entry.line } : {}),
        ...(entry.jsonPath !== undefined ? { jsonPath: entry.jsonPath } : {}),
        ...(entry.fingerprint !== undefined ? { fingerprint: entry.fingerprint } : {}),
        location: Object.freeze({ ...position, range: Object.freeze([range[0], range[1]]) as [number, number], ...(end ? { end: Object.freeze({ ...end }) } : {}) }),
        file: where.file,
        root: where.root,
      });
    }),
  );
}

const matchers = new WeakMap<ResolvedSuppression, (absolute: string) => boolean>();

/**
 * The suppressions of `config` whose `path` matches `absoluteFile` (matched exactly as `ignore` is),
 * split into those that apply (to pass to the analyzer) and those whose `expires` day is over by
 * `today` (an entry applies up to the end of its day, UTC). Expired entries do not suppress.
 * Given the file's `text`, an entry keyed by `jsonPath` or `fingerprint` applies to the lines where that
 * key is now found, whatever its `line` hint says (nowhere when the key is not found); without the text
 * the hint is used, and such an entry without a hint applies nowhere (never to the whole file).
 * Throws a `TypeError` when `today` is an invalid date.
 */
export function suppressionsFor(
  config: ResolvedConfig,
  absoluteFile: string,
  today: Date,
  text?: string,
): { active: ConfigSuppression[]; expired: ExpiredSuppression[] } {
  const now = today.getTime();
  if (Number.isNaN(now)) throw new TypeError('suppressionsFor: `today` is not a valid date.');
  const active: ConfigSuppression[] = [];
  const expired: ExpiredSuppression[] = [];
  const parsed = lazy(() => ({ lines: new LineIndex(text ?? ''), root: jsonTree(text ?? '') }));
  for (const s of config.suppressions) {
    if (!matcherFor(s)(absoluteFile)) continue;
    if (s.expires !== undefined && now >= (endOfDayUtc(s.expires) ?? -Infinity)) {
      expired.push(s as ExpiredSuppression);
      continue;
    }
    const waiver = (line?: number) => active.push(line === undefined ? { ruleId: s.rule, reason: s.reason } : { ruleId: s.rule, reason: s.reason, line });
    if (s.jsonPath === undefined && s.fingerprint === undefined) {
      waiver(s.line);
    } else if (text === undefined) {
      if (s.line !== undefined) waiver(s.line);
    } else {
      const lines = new Set<number>();
      if (s.jsonPath !== undefined) for (const line of jsonPathLines(parsed().root, parsed().lines, s.jsonPath)) lines.add(line);
      if (s.fingerprint !== undefined) for (const line of fingerprintLines(text, s.rule, s.fingerprint)) lines.add(line);
      for (const line of lines) waiver(line);
    }
  }
  return { active, expired };
}

/** Every entry of the configuration (its chain included) whose `expires` day is over by `today`, whatever files it matches. */
export function expiredSuppressions(config: ResolvedConfig, today: Date): ExpiredSuppression[] {
  const now = today.getTime();
  return config.suppressions.filter((s): s is ExpiredSuppression => s.expires !== undefined && now >= (endOfDayUtc(s.expires) ?? -Infinity));
}

function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

function matcherFor(s: ResolvedSuppression): (absolute: string) => boolean {
  let matches = matchers.get(s);
  if (!matches) matchers.set(s, (matches = createPathMatcher(s.root, [s.path])));
  return matches;
}

/**
 * The baseline: the findings a team accepted when it adopted Rampart on an existing codebase, so a scan reports
 * only new ones. A committed JSON file a reviewer can diff: sorted entries, one per line, each with the file (relative
 * to the repository root), the rule, the fingerprint (see ./fingerprint), how many such findings there are and a
 * short excerpt with secrets masked. Pure data functions: reading and writing the file is the CLI's and the editor's.
 */
import type { Rule } from '../engine/rule';
import { LineIndex } from '../engine/line-index';
import type { FileResult, Finding } from '../engine/types';
import { escapeJsonControls } from '../report/escape';
import { codeExcerpt, isSecretRule } from '../report/excerpt';
import { FINGERPRINT_RE } from './fingerprint';

/** Version of the baseline file's shape. */
export const BASELINE_VERSION = 1;
/** Where the editor looks for the baseline by default (relative to the workspace folder), and the name the docs use. */
export const DEFAULT_BASELINE_FILE = '.rampart-baseline.json';
/** Largest baseline file read, in bytes. */
export const MAX_BASELINE_BYTES = 32 * 1024 * 1024;
/** Most entries a baseline may have. */
export const MAX_BASELINE_ENTRIES = 200_000;
/** Largest `count` of one entry. */
const MAX_COUNT = 1_000_000;
/** Longest path or rule id in an entry. */
const MAX_NAME = 4096;
/** The suppression reason of a baselined finding (SARIF `justification`). */
export const BASELINE_REASON = 'baseline';

/** One accepted kind of finding in one file. */
export interface BaselineEntry {
  /** File relative to the baseline's root (the repository root), `/`-separated, never `..` or absolute. */
  path: string;
  rule: string;
  /** Rule and code of the finding's line (see `codeFingerprint`). */
  fingerprint: string;
  /** How many findings of this rule with this fingerprint the file has. */
  count: number;
  /** The finding's line, shortened, secrets masked. For people; never matched. */
  excerpt: string;
}

/** A baseline file's content. */
export interface Baseline {
  version: typeof BASELINE_VERSION;
  /** The Rampart version that wrote it. */
  toolVersion: string;
  /** Sorted by path, rule, fingerprint; one entry per (path, rule, fingerprint). */
  entries: BaselineEntry[];
}

/** A result's findings and where its file is relative to the baseline's root (null: outside it). */
export interface BaselineTarget {
  path: string | null;
  findings: Finding[];
}

/**
 * The entries for one file: each finding that is not suppressed by a comment or the configuration (baselined
 * ones are recorded again, so writing a baseline over the one in use keeps them), with its excerpt. Findings
 * need their fingerprint (`fingerprintFindings`); those without are left out. `text` is the file's text.
 */
export function baselineEntries(result: FileResult, path: string, text: string, rules: ReadonlyMap<string, Rule>): BaselineEntry[] {
  const lines = new LineIndex(text);
  return result.findings
    .filter((f) => f.fingerprint !== undefined && (!f.suppressed || f.suppressed.kind === 'baseline'))
    .map((f) => ({
      path,
      rule: f.ruleId,
      fingerprint: f.fingerprint!,
      count: 1,
      excerpt: codeExcerpt(text, lines, f, { maskFinding: isSecretRule(rules.get(f.ruleId)) }),
    }));
}

/** Whether a rule's findings point at a secret value; defined with the excerpt that masks them. */
export { isSecretRule };

/** A baseline of these entries: entries of the same path, rule and fingerprint merged (counts added, first excerpt kept), sorted. */
export function createBaseline(entries: Iterable<BaselineEntry>, toolVersion: string): Baseline {
  const byKey = new Map<string, BaselineEntry>();
  for (const e of entries) {
    const key = entryKey(e.path, e.rule, e.fingerprint);
    const seen = byKey.get(key);
    if (seen) seen.count += e.count;
    else byKey.set(key, { ...e });
  }
  return { version: BASELINE_VERSION, toolVersion, entries: [...byKey.values()].sort(compareEntries) };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.path, b.path) || compare(a.rule, b.rule) || compare(a.fingerprint, b.fingerprint);
}

/** Code-unit order, the same on every machine (no locale). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The baseline file's text: deterministic (no dates, sorted entries, fixed key order), one entry per line so a
 * change to the accepted findings is a one-line diff, ending with a newline.
 */
export function serializeBaseline(baseline: Baseline): string {
  const entry = (e: BaselineEntry) =>
    `    { "path": ${JSON.stringify(e.path)}, "rule": ${JSON.stringify(e.rule)}, "fingerprint": ${JSON.stringify(e.fingerprint)}, "count": ${e.count}, "excerpt": ${JSON.stringify(e.excerpt)} }`;
  const entries = baseline.entries.length === 0 ? '[]' : `[\n${baseline.entries.map(entry).join(',\n')}\n  ]`;
  const text = [
    '{',
    `  "version": ${baseline.version},`,
    `  "tool": { "name": "rampart", "version": ${JSON.stringify(baseline.toolVersion)} },`,
    `  "about": "Findings accepted when this baseline was written; 'rampart scan --baseline <this file>' reports only findings not listed. Regenerate with 'rampart scan --write-baseline <this file>'.",`,
    `  "entries": ${entries}`,
    '}',
  ].join('\n');
  return escapeJsonControls(text) + '\n';
}

/** A baseline read back, or why the text is not one (a sentence naming what is wrong and where). */
export type ParsedBaseline = { ok: true; baseline: Baseline } | { ok: false; message: string };

/**
 * Reads a baseline file's text. Never throws: syntax errors, a newer version, and each wrong entry (path outside
 * the root, unknown shape, bad fingerprint or count) give a message. Unknown keys are ignored; entries repeating a
 * path, rule and fingerprint are merged.
 */
export function parseBaseline(text: string): ParsedBaseline {
  let data: unknown;
  try {
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    return { ok: false, message: `not valid JSON (${e instanceof Error ? e.message : String(e)})` };
  }
  if (!isObject(data)) return { ok: false, message: 'not a baseline: expected a JSON object with "version" and "entries"' };
  if (data.version !== BASELINE_VERSION) {
    const newer = typeof data.version === 'number' && data.version > BASELINE_VERSION;
    return { ok: false, message: newer ? `version ${data.version} was written by a newer Rampart; this one reads version ${BASELINE_VERSION}` : `"version" must be ${BASELINE_VERSION}` };
  }
  if (!Array.isArray(data.entries)) return { ok: false, message: '"entries" must be an array' };
  if (data.entries.length > MAX_BASELINE_ENTRIES) return { ok: false, message: `more than ${MAX_BASELINE_ENTRIES} entries` };
  const entries: BaselineEntry[] = [];
  for (const [i, raw] of data.entries.entries()) {
    const problem = entryProblem(raw);
    if (problem) return { ok: false, message: `entry ${i + 1}: ${problem}` };
    const e = raw as Record<string, unknown>;
    entries.push({ path: e.path as string, rule: e.rule as string, fingerprint: e.fingerprint as string, count: e.count as number, excerpt: typeof e.excerpt === 'string' ? e.excerpt : '' });
  }
  const tool = isObject(data.tool) && typeof data.tool.version === 'string' ? data.tool.version : '';
  return { ok: true, baseline: createBaseline(entries, tool) };
}

function entryProblem(raw: unknown): string | null {
  if (!isObject(raw)) return 'must be an object with "path", "rule", "fingerprint" and "count"';
  const { path, rule, fingerprint, count, excerpt } = raw;
  if (typeof path !== 'string' || !isRelativePath(path)) return '"path" must be a file relative to the repository root, with "/" separators and no ".." (got ' + JSON.stringify(path)?.slice(0, 80) + ')';
  if (typeof rule !== 'string' || rule === '' || rule.length > MAX_NAME) return '"rule" must be a rule id';
  if (typeof fingerprint !== 'string' || !FINGERPRINT_RE.test(fingerprint)) return '"fingerprint" must be 16 lowercase hex digits';
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > MAX_COUNT) return `"count" must be a whole number from 1 to ${MAX_COUNT}`;
  if (excerpt !== undefined && typeof excerpt !== 'string') return '"excerpt" must be a string';
  return null;
}

/** A path relative to a folder that stays inside it: no absolute path, drive, backslash, `.`/`..` or empty segment. */
export function isRelativePath(p: string): boolean {
  return p !== '' && p.length <= MAX_NAME && !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && !/^[A-Za-z]:/.test(p) && p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** What {@link applyBaseline} did. */
export interface BaselineMatch {
  /** Findings marked as baselined. */
  baselined: number;
  /** Of those, findings matched in a file that moved (by rule and fingerprint alone). */
  moved: number;
}

/** Options of {@link applyBaseline}. */
export interface ApplyOptions {
  /**
   * Whether a file of the baseline (a path relative to its root) still exists. Entries of files that are not
   * among the targets and no longer exist are the ones a moved file may match.
   */
  exists: (path: string) => boolean;
}

/**
 * Marks the findings the baseline accepts as suppressed (`kind: 'baseline'`), leaving findings suppressed by a
 * comment or the configuration as they are. First by path, rule and fingerprint: a file keeps as many findings of
 * a kind baselined as the entry counts, in file order, and any more are new. Then files that moved: an unmatched
 * finding takes the place of an entry, of the same rule and fingerprint, whose file is not among the targets and
 * no longer exists. A baseline mark from an earlier application is cleared first, so a result can be matched again
 * against a changed baseline. Findings without a fingerprint are never baselined. Mutates the findings.
 */
export function applyBaseline(baseline: Baseline, targets: readonly BaselineTarget[], options: ApplyOptions): BaselineMatch {
  const index = indexOf(baseline);
  const mark = (f: Finding) => (f.suppressed = { kind: 'baseline', reason: BASELINE_REASON });
  const candidates = (t: BaselineTarget) => t.findings.filter((f) => f.fingerprint !== undefined && !f.suppressed);
  for (const t of targets) for (const f of t.findings) if (f.suppressed?.kind === 'baseline') delete f.suppressed;

  // What is left of each entry; an entry not in here has its whole count left.
  const budget = new Map<string, number>();
  const left = (e: BaselineEntry) => budget.get(entryKey(e.path, e.rule, e.fingerprint)) ?? e.count;
  let baselined = 0;
  for (const t of targets) {
    if (t.path === null) continue;
    for (const f of candidates(t)) {
      const e = index.byKey.get(entryKey(t.path, f.ruleId, f.fingerprint!));
      if (!e || left(e) === 0) continue;
      budget.set(entryKey(e.path, e.rule, e.fingerprint), left(e) - 1);
      mark(f);
      baselined++;
    }
  }

  // Only entries that an unmatched finding could take the place of are looked at (and their file looked for):
  // the editor matches one file at a time against a baseline of the whole repository.
  const present = new Set(targets.map((t) => t.path).filter((p) => p !== null));
  const moved = new Map<string, number>();
  for (const t of targets) {
    if (t.path === null) continue;
    for (const f of candidates(t)) {
      const code = entryKey('', f.ruleId, f.fingerprint!);
      if (moved.has(code)) continue;
      let total = 0;
      for (const e of index.byCode.get(code) ?? []) {
        if (left(e) > 0 && !present.has(e.path) && !options.exists(e.path)) total += left(e);
      }
      moved.set(code, total);
    }
  }
  let movedCount = 0;
  for (const t of targets) {
    if (t.path === null) continue;
    for (const f of candidates(t)) {
      const code = entryKey('', f.ruleId, f.fingerprint!);
      const available = moved.get(code) ?? 0;
      if (available === 0) continue;
      moved.set(code, available - 1);
      mark(f);
      movedCount++;
    }
  }
  return { baselined: baselined + movedCount, moved: movedCount };
}

/** A baseline's entries by path, rule and fingerprint, and by rule and fingerprint alone (for files that moved). */
interface BaselineIndex {
  byKey: Map<string, BaselineEntry>;
  byCode: Map<string, BaselineEntry[]>;
}

const indexes = new WeakMap<Baseline, BaselineIndex>();

/** The index of a baseline, built once: the editor matches every result it shows against the same baseline. */
function indexOf(baseline: Baseline): BaselineIndex {
  let index = indexes.get(baseline);
  if (!index) {
    index = { byKey: new Map(), byCode: new Map() };
    for (const e of baseline.entries) {
      index.byKey.set(entryKey(e.path, e.rule, e.fingerprint), e);
      push(index.byCode, entryKey('', e.rule, e.fingerprint), e);
    }
    indexes.set(baseline, index);
  }
  return index;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function entryKey(path: string, rule: string, fingerprint: string): string {
  return `${path}\0${rule}\0${fingerprint}`;
}

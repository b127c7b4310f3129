/**
 * The provider scan of the secrets engine: every provider-format secret in a text, in one pass per
 * pattern that passes a keyword prefilter. Used for whole files (any text file) and for single values.
 */
import { findPrivateKey, isPlaceholderToken, PRIVATE_KEY_PATTERN, type SecretMatch } from './patterns';
import type { ProviderPattern } from './provider';
import { PROVIDER_PATTERNS } from './providers';
import { keywordFilter } from './providers/keywords';

/** One provider secret found in a text, with the secret's offsets in that text. */
export interface ProviderMatch {
  readonly pattern: ProviderPattern;
  /** Offsets of the secret itself (the `secret` group when the pattern matches context around it). */
  readonly start: number;
  readonly end: number;
}

/** Vendors' documented example values, which appear in docs and tests everywhere and are not secrets. */
const DOCUMENTED_EXAMPLES: ReadonlySet<string> = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'ASIAIOSFODNN7EXAMPLE',
]);

/** Whether a value is a vendor's documented example (AWS's `AKIAIOSFODNN7EXAMPLE`…): in docs and tests everywhere, never a secret. */
export function isDocumentedExample(value: string): boolean {
  return DOCUMENTED_EXAMPLES.has(value);
}

/**
 * Every provider-format secret in `text`, earliest first, not overlapping (on a tie, the pattern listed
 * first in the table wins). Placeholder-looking matches (`xxxxxx`, `12345678`) and documented example
 * values are left out. `patterns` defaults to the whole table.
 */
export function scanProviderSecrets(text: string, patterns: readonly ProviderPattern[] = PROVIDER_PATTERNS): ProviderMatch[] {
  const present = keywordFilter(patterns)(text);
  if (present.size === 0) return [];
  const priorities = priorityOf(patterns);
  const candidates: Array<ProviderMatch & { priority: number }> = [];
  // Only the rows whose keywords are present (the order does not matter: candidates are sorted below).
  for (const pattern of present) {
    const priority = priorities.get(pattern)!;
    forEachMatch(pattern.regex, text, (m) => {
      const secret = m.groups?.secret ?? m[0];
      const start = m.groups?.secret === undefined ? m.index : (m.indices?.groups?.secret?.[0] ?? m.index + m[0].lastIndexOf(secret));
      if (isPlaceholderToken(secret) || DOCUMENTED_EXAMPLES.has(secret) || (pattern.accept && !pattern.accept(secret))) return;
      candidates.push({ pattern, start, end: start + secret.length, priority });
    });
  }
  candidates.sort((a, b) => a.start - b.start || a.priority - b.priority);
  const found: ProviderMatch[] = [];
  let keptEnd = -1;
  for (const c of candidates) {
    if (c.start < keptEnd) continue;
    found.push({ pattern: c.pattern, start: c.start, end: c.end });
    keptEnd = c.end;
  }
  return found;
}

/** Each row's index in a table (its first, should a row be listed twice), built once per table. */
const priorityTables = new WeakMap<readonly ProviderPattern[], ReadonlyMap<ProviderPattern, number>>();

function priorityOf(patterns: readonly ProviderPattern[]): ReadonlyMap<ProviderPattern, number> {
  let priorities = priorityTables.get(patterns);
  if (!priorities) {
    const byPattern = new Map<ProviderPattern, number>();
    patterns.forEach((pattern, i) => {
      if (!byPattern.has(pattern)) byPattern.set(pattern, i);
    });
    priorities = byPattern;
    priorityTables.set(patterns, priorities);
  }
  return priorities;
}

/**
 * The matches of a global regex in `text`, as `text.matchAll(regex)` gives them (from the regex's
 * `lastIndex`, past empty matches) without cloning the regex per call; its `lastIndex` is left as it was.
 */
function forEachMatch(regex: RegExp, text: string, visit: (m: RegExpExecArray) => void): void {
  if (!regex.global) throw new TypeError(`${regex} is not global`); // as matchAll: exec would loop forever
  const saved = regex.lastIndex;
  try {
    for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
      if (m[0] === '') regex.lastIndex = advance(text, regex.lastIndex, regex.unicode || regex.flags.includes('v'));
      visit(m);
    }
  } finally {
    regex.lastIndex = saved;
  }
}

/** The index after `i`: past a surrogate pair in Unicode mode (the spec's AdvanceStringIndex). */
function advance(text: string, i: number, unicode: boolean): number {
  if (!unicode || i + 1 >= text.length) return i + 1;
  const c = text.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? i + 2 : i + 1;
}

/** Every private key in `text` (armour header with a real body), in order. */
export function findPrivateKeys(text: string): Array<{ start: number; end: number }> {
  const keys: Array<{ start: number; end: number }> = [];
  if (!text.includes('-----BEGIN ')) return keys; // every armour header starts so: most texts need no regex pass
  for (let from = 0; from < text.length; ) {
    const key = findPrivateKey(from === 0 ? text : text.slice(from));
    if (!key) break;
    keys.push({ start: from + key.start, end: from + key.end });
    from += key.end;
  }
  return keys;
}

/**
 * Every provider-format secret and private key in `text`, earliest first and not overlapping: the
 * provider table's matches and the private keys of {@link findPrivateKeys}, a table match winning over a
 * key at the same place (a GCP service-account key is reported as such).
 */
export function findProviderSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = scanProviderSecrets(text).map((m) => ({ pattern: m.pattern, start: m.start, end: m.end }));
  for (const key of findPrivateKeys(text)) {
    if (!found.some((f) => f.start < key.end && key.start < f.end)) found.push({ pattern: PRIVATE_KEY_PATTERN, ...key });
  }
  return found.sort((a, b) => a.start - b.start);
}

/** The noun a fix title uses for what a pattern finds: `key`, `token`, `password`, `private key`. */
export function nounOf(pattern: ProviderPattern): string {
  if (pattern.id === PRIVATE_KEY_PATTERN.id) return 'private key';
  const kind = pattern.kind.toLowerCase();
  if (kind.includes('password')) return 'password';
  const last = kind.split(' ').pop() ?? 'secret';
  return last === 'url' ? 'URL' : last;
}

/**
 * A short, masked excerpt of the code a finding points at, for people reading a baseline or a report: the
 * finding's first line, white space collapsed, cut to a few dozen characters around the finding, with every
 * secret replaced by a redaction (`sk-p…(51 chars)`) — the finding's own range when it is a secret, and any
 * provider-format or high-entropy value on the line whatever the rule. Pure; never throws.
 */
import type { LineIndex } from '../engine/line-index';
import type { Rule } from '../engine/rule';
import type { Finding, Range } from '../engine/types';
import { genericSecretCandidate, redact } from '../rules/secrets/patterns';
import { findProviderSecrets } from '../rules/secrets/scan';

/** Longest excerpt, in characters (an ellipsis marks each cut). */
export const MAX_EXCERPT = 120;
/** Characters of a long line around the finding that are searched for secrets; the excerpt is cut from them. */
const SEARCHED = 2000;
/** Characters of a redacted value kept (at most a third of it). */
const VISIBLE = 4;
/** Tokens that could be a secret: no white space, quotes or punctuation that ends a value. Bounded, so linear. */
const TOKEN = /[^\s'"`=:,;(){}[\]<>|\\]{16,4096}/g;

/** Whether a rule's findings point at a secret value, which an excerpt must redact (`maskFinding`); an unknown rule counts as one. */
export function isSecretRule(rule: Rule | undefined): boolean {
  return rule === undefined || rule.meta.category === 'secrets' || rule.meta.cwe.some((c) => SECRET_CWES.has(c));
}

/** Hard-coded credentials, passwords and keys, and unprotected stored credentials. */
const SECRET_CWES: ReadonlySet<string> = new Set(['CWE-798', 'CWE-259', 'CWE-321', 'CWE-522']);

/** Options of {@link codeExcerpt}. */
export interface ExcerptOptions {
  /** The finding's range is itself a secret (a secrets rule): it is redacted too. */
  maskFinding: boolean;
  /** Longest excerpt (default {@link MAX_EXCERPT}). */
  max?: number;
}

/** The masked excerpt of `finding`'s first line in `text` (whose line index is `lines`). */
export function codeExcerpt(text: string, lines: LineIndex, finding: Pick<Finding, 'range' | 'start'>, options: ExcerptOptions): string {
  const max = Math.max(8, options.max ?? MAX_EXCERPT);
  const lineStart = lines.lineStart(finding.start.line);
  const lineEnd = lines.lineEnd(finding.start.line);
  const at = Math.min(Math.max(finding.range[0], lineStart), lineEnd);
  // A very long line (minified code) is searched and cut around the finding only.
  const from = Math.max(lineStart, at - SEARCHED / 2);
  const to = Math.min(lineEnd, from + SEARCHED);
  const searched = text.slice(from, to);
  const masks: Range[] = [];
  if (options.maskFinding) masks.push([Math.max(finding.range[0], from) - from, Math.min(finding.range[1], to) - from]);
  for (const m of findProviderSecrets(searched)) masks.push([m.start, m.end]);
  for (const m of searched.matchAll(TOKEN)) {
    const candidate = genericSecretCandidate(m[0]);
    if (candidate) masks.push([m.index + candidate.start, m.index + candidate.end]);
  }
  const masked = applyMasks(searched, masks, at - from);
  return cut(masked.text, masked.at, max, from > lineStart, to < lineEnd);
}

/** `text` with each masked range redacted, and where offset `at` of the original lands in it. */
function applyMasks(text: string, masks: Range[], at: number): { text: string; at: number } {
  const merged: Array<[number, number]> = [];
  for (const [s, e] of masks.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  let out = '';
  let cursor = 0;
  let mapped = at;
  for (const [s, e] of merged) {
    out += text.slice(cursor, s);
    const shown = redact(text.slice(s, e), VISIBLE);
    if (at >= e) mapped += shown.length - (e - s);
    else if (at > s) mapped = out.length;
    out += shown;
    cursor = e;
  }
  return { text: out + text.slice(cursor), at: mapped };
}

/** White space collapsed and the text cut to `max` characters around offset `at`, with `…` where cut. */
function cut(text: string, at: number, max: number, cutBefore: boolean, cutAfter: boolean): string {
  // Collapse white space, keeping track of where `at` goes.
  let collapsed = '';
  let mapped = 0;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    if (i === at) mapped = collapsed.length;
    if (/\s/.test(text[i])) {
      space = true;
      continue;
    }
    if (space && collapsed !== '') collapsed += ' ';
    space = false;
    collapsed += text[i];
  }
  if (at >= text.length) mapped = collapsed.length;
  let start = 0;
  let end = collapsed.length;
  if (end > max) {
    start = Math.max(0, Math.min(mapped - Math.floor(max / 4), end - max));
    end = start + max;
  }
  const before = cutBefore || start > 0 ? '…' : '';
  const after = cutAfter || end < collapsed.length ? '…' : '';
  return `${before}${collapsed.slice(start, end)}${after}`;
}

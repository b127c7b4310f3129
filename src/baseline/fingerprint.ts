/**
 * Fingerprints: the stable identity of a finding, shared by the baseline (`rampart scan --baseline`), the editor
 * that honours it and SARIF `partialFingerprints`. A fingerprint is made of the rule id and the code of the
 * finding's first line with every white-space character removed — not the line number, not the path — so it
 * survives lines inserted, deleted or edited elsewhere in the file, re-indentation and a formatter adding or
 * removing spaces, and the file being moved (the baseline keeps the path next to it and falls back to the
 * fingerprint alone for files that moved). Neighbouring lines are deliberately left out: including them would
 * make an edit of the line above a "new" finding. Identical lines in one file share a fingerprint; the baseline
 * counts them.
 */
import { createHash } from 'node:crypto';
import { LineIndex } from '../engine/line-index';
import type { FileResult, Finding } from '../engine/types';

/** Version of what a fingerprint hashes; part of the hashed text, so a change of recipe never matches an old one. */
const RECIPE = 'rampart-fingerprint/v1';
/** A line longer than this (minified code) is fingerprinted by the code around the finding only. */
const MAX_LINE = 1000;
/** Characters on each side of the finding's start that stand for a line longer than {@link MAX_LINE}. */
const LONG_LINE_WINDOW = 250;

/** Pattern of a fingerprint: 16 lowercase hex digits. */
export const FINGERPRINT_RE = /^[0-9a-f]{16}$/;

/**
 * The code of a line as a fingerprint sees it: without any white space (indentation, the spaces a formatter
 * adds or removes, a `\r`) and without a trailing `,` or `;` (which formatters add and remove too).
 */
export function normalizeCode(line: string): string {
  const code = line.replace(/\s+/g, '');
  let end = code.length;
  while (end > 0 && (code[end - 1] === ',' || code[end - 1] === ';')) end--;
  return code.slice(0, end);
}

/** The fingerprint of a finding of `ruleId` whose first line is `lineText`: 16 hex digits of SHA-256. */
export function codeFingerprint(ruleId: string, lineText: string): string {
  return createHash('sha256').update(`${RECIPE}\0${ruleId}\0${normalizeCode(lineText)}`).digest('hex').slice(0, 16);
}

/**
 * The text a finding's fingerprint is computed from: its first line, or for a very long line (minified code)
 * the code around where the finding starts.
 */
export function fingerprintLine(text: string, lines: LineIndex, finding: Pick<Finding, 'start' | 'range'>): string {
  const start = lines.lineStart(finding.start.line);
  const end = lines.lineEnd(finding.start.line);
  if (end - start <= MAX_LINE) return text.slice(start, end);
  const at = Math.min(Math.max(finding.range[0], start), end);
  return text.slice(Math.max(start, at - LONG_LINE_WINDOW), Math.min(end, at + LONG_LINE_WINDOW));
}

/**
 * Sets `fingerprint` on every finding of a result from the text it was computed on (the whole text, after
 * any fix was applied). Returns the same result.
 */
export function fingerprintFindings(result: FileResult, text: string): FileResult {
  if (result.findings.length === 0) return result;
  const lines = new LineIndex(text);
  for (const finding of result.findings) finding.fingerprint = codeFingerprint(finding.ruleId, fingerprintLine(text, lines, finding));
  return result;
}

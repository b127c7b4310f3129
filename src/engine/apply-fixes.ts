import type { Fix, TextEdit } from './types';

/** Result of {@link applyFixes}: the new text and how many fixes were applied or skipped. */
export interface ApplyFixesResult {
  text: string;
  applied: number;
  skipped: number;
}

/**
 * Applies fixes to `text`, which must be the text the fixes were computed for. Fixes are taken in
 * order of their first edit; a fix whose edits overlap an already accepted fix (or each other) is
 * skipped whole, so a fix is never half-applied. Pure: returns a new string.
 */
export function applyFixes(text: string, fixes: readonly Pick<Fix, 'edits'>[]): ApplyFixesResult {
  const { edits, applied, skipped } = selectFixes(text.length, fixes);
  let out = '';
  let cursor = 0;
  for (const e of edits) {
    out += text.slice(cursor, e.range[0]) + e.text;
    cursor = e.range[1];
  }
  out += text.slice(cursor);
  return { text: out, applied, skipped };
}

/**
 * The edits {@link applyFixes} would make to a text of `length` characters, sorted, with the counts of
 * fixes taken and skipped. The editor turns these into one workspace edit.
 */
export function selectFixes(length: number, fixes: readonly Pick<Fix, 'edits'>[]): { edits: TextEdit[]; applied: number; skipped: number } {
  const ordered = fixes
    .filter((f) => f.edits.length > 0)
    .map((f) => [...f.edits].sort(compareEdits))
    .sort((a, b) => compareEdits(a[0], b[0]));
  const accepted: TextEdit[] = [];
  let skipped = 0;
  let applied = 0;
  for (const edits of ordered) {
    if (!isValidFix(edits, length) || edits.some((e) => accepted.some((a) => overlaps(a, e)))) {
      skipped++;
      continue;
    }
    accepted.push(...edits);
    applied++;
  }
  return { edits: accepted.sort(compareEdits), applied, skipped };
}

function compareEdits(a: TextEdit, b: TextEdit): number {
  return a.range[0] - b.range[0] || a.range[1] - b.range[1];
}

function isValidFix(sorted: TextEdit[], length: number): boolean {
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i].file !== undefined) return false; // an edit of another file: not this text's to apply
    const [s, e] = sorted[i].range;
    if (s < 0 || e < s || e > length) return false;
    if (i > 0 && overlaps(sorted[i - 1], sorted[i])) return false;
  }
  return true;
}

/** Two edits conflict when their ranges intersect, or both insert at the same offset. */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.range[0] === a.range[1] && b.range[0] === b.range[1]) return a.range[0] === b.range[0];
  return a.range[0] < b.range[1] && b.range[0] < a.range[1];
}

import { LineIndex } from './line-index';
import type { FileResult, Finding, Fix, Range, RelatedLocation, TextEdit } from './types';

/** Where a finding computed on one text goes in another (a notebook cell's Python in the `.ipynb`, a cell without its context). */
export interface Placement {
  /** The range in the target text, or null when it has no place there. */
  range(range: Range): Range | null;
  /** An edit as the target writes it (placed, its text encoded), or null when it cannot be written there. */
  edit(edit: TextEdit): TextEdit | null;
}

/**
 * A finding moved to the target text: its range, positions (from `lines`, the target's index), related
 * locations (those without a place are dropped), the fix and suggestions (dropped whole when one of their
 * edits cannot be placed; edits of other files stay) and its inline suppression comment. Null when the
 * finding itself has no place there.
 */
export function relocate(f: Finding, place: Placement, lines: LineIndex): Finding | null {
  const range = place.range(f.range);
  if (!range) return null;
  const placeFix = <F extends Fix>(fix: F): F | null => {
    const edits: TextEdit[] = [];
    for (const e of fix.edits) {
      const placed = e.file !== undefined ? e : place.edit(e);
      if (!placed) return null;
      edits.push(placed);
    }
    return { ...fix, edits };
  };
  const fix = f.fix ? placeFix(f.fix) : null;
  const placeLocation = (r: RelatedLocation): RelatedLocation[] => {
    if (r.file !== undefined) return [r];
    const placed = place.range(r.range);
    return placed ? [{ ...r, range: placed, start: lines.positionAt(placed[0]), end: lines.positionAt(placed[1]) }] : [];
  };
  const finding: Finding = {
    ...f,
    range,
    start: lines.positionAt(range[0]),
    end: lines.positionAt(range[1]),
    suggestions: f.suggestions.map(placeFix).filter((s) => s !== null),
    related: f.related.flatMap(placeLocation),
  };
  if (f.flow) finding.flow = f.flow.flatMap(placeLocation);
  if (fix) finding.fix = fix;
  else delete finding.fix;
  if (finding.suppressed?.range) {
    const { range: comment, ...rest } = finding.suppressed;
    const placed = place.range(comment);
    finding.suppressed = placed ? { ...rest, range: placed } : rest;
  }
  return finding;
}

/**
 * The result of analysing `context + text` as the result of `text` alone: findings that start in the
 * context are dropped, the others shifted by `contextLength` (see {@link relocate}). The editor analyses a
 * notebook cell after the code of the cells above it (so a name imported there resolves) and shows only the
 * cell's findings.
 */
export function withoutContext(result: FileResult, contextLength: number, text: string): FileResult {
  if (contextLength === 0) return result;
  const lines = new LineIndex(text);
  const shift = (range: Range): Range | null =>
    range[0] < contextLength || range[1] < contextLength ? null : [range[0] - contextLength, range[1] - contextLength];
  const place: Placement = {
    range: shift,
    edit: (e) => {
      const range = shift(e.range);
      return range ? { ...e, range } : null;
    },
  };
  return { ...result, findings: result.findings.flatMap((f) => relocate(f, place, lines) ?? []) };
}

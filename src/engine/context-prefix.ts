import { LineIndex } from './line-index';
import type { FileResult, Finding, Fix, Range } from './types';

/**
 * The result of analysing `context + text` as the result of `text` alone: findings that start in the
 * context are dropped, the others shifted by `contextLength`, their positions recomputed in `text`; related
 * locations in the context are dropped, and so are fixes with an edit there. The editor analyses a notebook
 * cell after the code of the cells above it (so a name imported there resolves) and shows only the cell's
 * findings.
 */
export function withoutContext(result: FileResult, contextLength: number, text: string): FileResult {
  if (contextLength === 0) return result;
  const lines = new LineIndex(text);
  const shift = (range: Range): Range | null =>
    range[0] < contextLength || range[1] < contextLength ? null : [range[0] - contextLength, range[1] - contextLength];
  const shiftFix = <F extends Fix>(fix: F): F | null => {
    const edits = [];
    for (const e of fix.edits) {
      if (e.file !== undefined) {
        edits.push(e);
        continue;
      }
      const range = shift(e.range);
      if (!range) return null;
      edits.push({ ...e, range });
    }
    return { ...fix, edits };
  };
  const findings: Finding[] = [];
  for (const f of result.findings) {
    const range = shift(f.range);
    if (!range) continue;
    const fix = f.fix ? shiftFix(f.fix) : null;
    const finding: Finding = {
      ...f,
      range,
      start: lines.positionAt(range[0]),
      end: lines.positionAt(range[1]),
      suggestions: f.suggestions.map(shiftFix).filter((s) => s !== null),
      related: f.related.flatMap((r) => {
        const placed = shift(r.range);
        return placed ? [{ ...r, range: placed, start: lines.positionAt(placed[0]), end: lines.positionAt(placed[1]) }] : [];
      }),
    };
    if (fix) finding.fix = fix;
    else delete finding.fix;
    if (finding.suppressed?.range) {
      const { range: comment, ...rest } = finding.suppressed;
      const placed = shift(comment);
      finding.suppressed = placed ? { ...rest, range: placed } : rest;
    }
    findings.push(finding);
  }
  return { ...result, findings };
}

import type { SourceComment } from './language';
import type { LineIndex } from './line-index';
import type { Range } from './types';

/** The marker that starts an inline suppression inside a comment. */
export const SUPPRESSION_MARKER = 'rampart-ignore-next-line';

/** A parsed `rampart-ignore-next-line <rule-id>[, <rule-id>…] -- <reason>` comment. */
export interface InlineSuppression {
  /** The line whose findings it suppresses (1-based). */
  targetLine: number;
  ruleIds: string[];
  reason: string;
  range: Range;
}

/** A suppression comment that does not suppress anything, and why. */
export interface SuppressionProblem {
  range: Range;
  messageId: 'missingReason' | 'missingRule' | 'unknownRule';
  data: Record<string, string>;
}

const MARKER_RE = /rampart-ignore-next-line\b([^\n\r]*)/;

/**
 * Finds the inline suppressions in a file's comments. A suppression without a reason or naming an
 * unknown rule does not suppress; it is returned as a problem so the engine can report it.
 */
export function parseSuppressions(
  comments: readonly SourceComment[],
  lines: LineIndex,
  knownRule: (id: string) => boolean,
): { suppressions: InlineSuppression[]; problems: SuppressionProblem[] } {
  const suppressions: InlineSuppression[] = [];
  const problems: SuppressionProblem[] = [];
  for (const comment of comments) {
    if (!comment.value.includes(SUPPRESSION_MARKER)) continue;
    const m = MARKER_RE.exec(comment.value);
    if (!m) continue;
    const body = m[1].replace(/\*\/\s*$/, '');
    const sep = body.indexOf('--');
    const rulePart = (sep >= 0 ? body.slice(0, sep) : body).trim();
    const reason = sep >= 0 ? body.slice(sep + 2).trim() : '';
    const ruleIds = rulePart.split(/[\s,]+/).filter(Boolean);
    const range = comment.range;
    if (ruleIds.length === 0) {
      problems.push({ range, messageId: 'missingRule', data: {} });
      continue;
    }
    const unknown = ruleIds.filter((id) => !knownRule(id));
    if (unknown.length > 0) {
      problems.push({ range, messageId: 'unknownRule', data: { ruleId: unknown.join(', ') } });
      continue;
    }
    if (!reason) {
      problems.push({ range, messageId: 'missingReason', data: { ruleId: ruleIds.join(', ') } });
      continue;
    }
    const endLine = lines.positionAt(range[1]).line;
    suppressions.push({ targetLine: endLine + 1, ruleIds, reason, range });
  }
  return { suppressions, problems };
}

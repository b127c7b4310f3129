import assert from 'node:assert/strict';
import type { FileResult } from '../../src/engine/types';

/** Loose wall-clock bound for one analysis in the robustness tests. */
export const LIMIT_MS = 10_000;

/**
 * Checks that a result is usable: findings lie inside the text with 1-based positions and filled-in
 * messages; internal errors carry a source and a one-line, readable message.
 */
export function assertWellFormed(result: FileResult, text: string): void {
  for (const f of result.findings) {
    const [start, end] = f.range;
    assert.ok(0 <= start && start <= end && end <= text.length, `${f.ruleId}: range ${start}-${end} outside the text`);
    assert.ok(f.start.line >= 1 && f.start.column >= 1, `${f.ruleId}: bad start position`);
    assert.ok(f.message.length > 0 && !f.message.includes('{{'), `${f.ruleId}: bad message "${f.message}"`);
  }
  for (const e of result.errors) {
    assert.ok(e.source.length > 0, 'internal error without a source');
    assert.match(e.message, /^\S.{9,399}$/, `internal error message is not one readable line: ${JSON.stringify(e.message)}`);
  }
}

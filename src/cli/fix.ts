import { applyFixes } from '../engine/apply-fixes';
import type { FileResult, Finding } from '../engine/types';

/** `--fix` re-applies fixes at most this many times, for fixes that overlapped in an earlier pass. */
const MAX_FIX_PASSES = 10;

/** Text after fixing, the analysis of that text, and how many fixes were applied. */
export interface FixOutcome {
  text: string;
  result: FileResult;
  applied: number;
}

/** Whether `--fix` applies this finding's fix: a safe fix of a finding that is not suppressed. */
export function isAutoFixable(finding: Finding): boolean {
  return finding.fix !== undefined && !finding.suppressed;
}

/**
 * Applies the safe fixes of unsuppressed findings (never suggestions), re-analysing after each pass
 * so fixes skipped for overlapping get another chance and the final result shows what remains.
 */
export async function applySafeFixes(text: string, first: FileResult, analyze: (text: string) => Promise<FileResult>): Promise<FixOutcome> {
  let result = first;
  let applied = 0;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const fixes = result.findings.filter(isAutoFixable).map((f) => f.fix!);
    if (fixes.length === 0) break;
    const out = applyFixes(text, fixes);
    if (out.applied === 0 || out.text === text) break;
    text = out.text;
    applied += out.applied;
    result = await analyze(text);
  }
  return { text, result, applied };
}

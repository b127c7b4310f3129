import type { FileResult } from '../engine/types';

/** Counts over a set of results, shared by every formatter. */
export interface ReportSummary {
  /** Files in the results, skipped ones included. */
  files: number;
  /** Files that were not skipped. */
  filesScanned: number;
  /** Findings that are not suppressed. */
  problems: number;
  /** Unsuppressed findings by severity. */
  errors: number;
  warnings: number;
  info: number;
  /** Findings silenced by an inline or configured suppression; not counted as problems. */
  suppressed: number;
  /** Findings the baseline accepts (`--baseline`); not counted as problems, nor as suppressed. */
  baselined: number;
  /** Unsuppressed findings with a safe fix. */
  fixable: number;
  /** Unsuppressed findings that offer at least one suggestion. */
  withSuggestions: number;
  /** Failures inside Rampart (parser gave up, rule threw). */
  internalErrors: number;
  /** Files the engine did not analyse (too large, binary, …). */
  skippedFiles: number;
}

/** Counts problems, suppressions, baselined findings, fixes, internal errors and skipped files. */
export function summarize(results: readonly FileResult[]): ReportSummary {
  const summary: ReportSummary = {
    files: results.length,
    filesScanned: 0,
    problems: 0,
    errors: 0,
    warnings: 0,
    info: 0,
    suppressed: 0,
    baselined: 0,
    fixable: 0,
    withSuggestions: 0,
    internalErrors: 0,
    skippedFiles: 0,
  };
  for (const result of results) {
    if (result.skipped) summary.skippedFiles++;
    else summary.filesScanned++;
    summary.internalErrors += result.errors.length;
    for (const finding of result.findings) {
      if (finding.suppressed) {
        if (finding.suppressed.kind === 'baseline') summary.baselined++;
        else summary.suppressed++;
        continue;
      }
      summary.problems++;
      if (finding.severity === 'error') summary.errors++;
      else if (finding.severity === 'warning') summary.warnings++;
      else summary.info++;
      if (finding.fix) summary.fixable++;
      if (finding.suggestions.length > 0) summary.withSuggestions++;
    }
  }
  return summary;
}

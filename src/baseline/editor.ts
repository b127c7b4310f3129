/**
 * What the editor does with the committed baseline, without the editor: which file it reads (the
 * `rampart.baseline` setting, a path inside the workspace folder) and how baselined findings are shown
 * (`rampart.baselinedFindings`: as hints, or hidden). The VS Code glue is src/vscode/baselines.ts.
 */
import type { Finding } from '../engine/types';
import { DEFAULT_BASELINE_FILE, isRelativePath } from './baseline';

/** How baselined findings are shown: as hints (faded, not counted as problems) or not at all. */
export type BaselinedDisplay = 'hint' | 'hide';

/** The default of `rampart.baselinedFindings`. */
export const DEFAULT_BASELINED_DISPLAY: BaselinedDisplay = 'hint';

/**
 * The baseline file a workspace folder's setting names, relative to the folder with `/` separators: the default
 * when unset, empty or not a string; null when it names nothing Rampart may read (an absolute path, `..`, a
 * backslash), so a workspace's settings cannot point the editor at a file outside the folder.
 */
export function baselineSetting(value: unknown): string | null {
  if (typeof value !== 'string' || value.trim() === '') return DEFAULT_BASELINE_FILE;
  const file = value.trim().replace(/^\.\//, '');
  return isRelativePath(file) ? file : null;
}

/** `rampart.baselinedFindings` as set, or the default. */
export function baselinedDisplaySetting(value: unknown): BaselinedDisplay {
  return value === 'hide' || value === 'hint' ? value : DEFAULT_BASELINED_DISPLAY;
}

/** The findings the editor shows: unsuppressed ones, and baselined ones when they are shown as hints. */
export function shownFindings(findings: readonly Finding[], display: BaselinedDisplay): Finding[] {
  return findings.filter((f) => !f.suppressed || (display === 'hint' && f.suppressed.kind === 'baseline'));
}

/** Whether a finding is accepted by the baseline (shown, if at all, as a hint). */
export function isBaselined(finding: Finding): boolean {
  return finding.suppressed?.kind === 'baseline';
}

/**
 * What a workspace scan left out, and why, for its summary and the "Show Details" list. Kept free of
 * `vscode` imports so plain mocha tests cover it.
 */

/** Why a file was not analysed, as the summary groups it. */
export type SkipReason = 'too large' | 'binary' | 'minified' | 'ignored by .gitignore' | 'ignored by the configuration' | 'ignored by default' | 'unreadable';

/** Order the reasons are listed in. */
const ORDER: readonly SkipReason[] = ['ignored by .gitignore', 'ignored by the configuration', 'ignored by default', 'too large', 'binary', 'minified', 'unreadable'];

/** One file or folder left out. */
export interface Skipped {
  /** Workspace-relative path; folders end with `/`. */
  path: string;
  reason: SkipReason;
  /** More about it, e.g. "larger than 1048576 bytes (2097152 bytes)". */
  detail?: string;
}

/** The reason group of a discovery reason (`ignored by .gitignore`, …) or of a read failure (`readSource`). */
export function skipReason(why: string): SkipReason {
  if (why === 'ignored by .gitignore' || why === 'ignored by the configuration' || why === 'ignored by default') return why;
  if (/^larger than/.test(why)) return 'too large';
  if (/^binary/.test(why)) return 'binary';
  if (/^minified/.test(why)) return 'minified';
  return 'unreadable';
}

/** Files and folders never worth a line: the repository's own metadata. */
export function worthReporting(relativePath: string): boolean {
  return !/(^|\/)\.git\/?$/.test(relativePath);
}

/** "4 skipped (2 ignored by .gitignore, 1 too large, 1 binary)", or null when nothing was. */
export function describeSkipped(skipped: readonly Skipped[]): string | null {
  if (skipped.length === 0) return null;
  const counts = new Map<SkipReason, number>();
  for (const s of skipped) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  const parts = ORDER.filter((r) => counts.has(r)).map((r) => `${counts.get(r)} ${r}`);
  return `${skipped.length} skipped (${parts.join(', ')})`;
}

/** The lines "Show Details" writes to the Output channel: a heading per reason, then one path per line. */
export function skippedDetails(skipped: readonly Skipped[]): string[] {
  const lines = [`workspace scan skipped ${skipped.length} file${skipped.length === 1 ? '' : 's'} or folder${skipped.length === 1 ? '' : 's'}:`];
  for (const reason of ORDER) {
    const group = skipped.filter((s) => s.reason === reason);
    if (group.length === 0) continue;
    lines.push(`  ${reason} (${group.length}):`);
    for (const s of group) lines.push(`    ${s.path}${s.detail ? ` — ${s.detail}` : ''}`);
  }
  return lines;
}

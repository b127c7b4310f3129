/**
 * What a scan did not check, counted by kind of file for the reports' "What was not checked": files no analyser
 * reads, and source files of languages Rampart has no code rules for (read only for hard-coded secrets). Pure.
 */
import type { Classification } from '../engine/classify';

/** Text dialects that are the source of languages without a parser here: only the secrets rules read them. */
const SECRETS_ONLY_DIALECTS: ReadonlySet<string> = new Set(['c-like', 'hash-comment', 'powershell']);
/** Read by the configuration loader, not by an analyser: not a file "without rules". */
const CONFIG_FILE = '.rampart.jsonc';
/** Longest kind shown; a longer extension is a made-up name, not a kind. */
const MAX_KIND = 24;

/** Files of one kind. */
export interface KindCount {
  kind: string;
  files: number;
}

/** Whether only the secrets rules read files of this classification (Go, Java, Ruby, PowerShell, …). */
export function isSecretsOnly(classification: Classification): boolean {
  return classification.language === 'text' && SECRETS_ONLY_DIALECTS.has(classification.dialect);
}

/** The kind of a file for counting: its extension, lower case (`.css`), or `(no extension)`. */
export function fileKind(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot).toLowerCase() : '';
  if (ext === '') return '(no extension)';
  return ext.length > MAX_KIND ? '(other)' : ext;
}

/** Counts `file` under its kind in `counts` (Rampart's own configuration file is left out). */
export function addKind(counts: Map<string, number>, file: string): void {
  if ((file.split(/[\\/]/).pop() ?? '').toLowerCase() === CONFIG_FILE) return;
  const kind = fileKind(file);
  counts.set(kind, (counts.get(kind) ?? 0) + 1);
}

/** Counts by kind as a list, most frequent first (then by kind). */
export function kindCounts(counts: ReadonlyMap<string, number>): KindCount[] {
  return [...counts].map(([kind, files]) => ({ kind, files })).sort((a, b) => b.files - a.files || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
}

/** Files counted by kind, most frequent first (then by kind); Rampart's own configuration file is left out. */
export function countKinds(files: Iterable<string>): KindCount[] {
  const counts = new Map<string, number>();
  for (const file of files) addKind(counts, file);
  return kindCounts(counts);
}

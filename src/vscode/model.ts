/**
 * The editor glue that needs no editor: settings sanitizing, display severities, suppression comments
 * and fix-all edits. Kept free of `vscode` imports so plain mocha tests cover it.
 */
import { selectFixes } from '../engine/apply-fixes';
import { SUPPRESSION_MARKER } from '../engine/suppressions';
import type { FileResult, Finding, Severity, TextEdit } from '../engine/types';

/** How a finding is shown in the editor; `hint` only exists here. */
export type DisplaySeverity = Severity | 'hint';

/** The extension's settings after validation. */
export interface Settings {
  enable: boolean;
  run: 'onType' | 'onSave';
  debounceMs: number;
  maxFileSize: number;
  networkEnabled: boolean;
  /** Rule id (or `*`) -> how its findings are shown. Editor only; the CLI never reads it. */
  severityOverrides: Readonly<Record<string, DisplaySeverity>>;
}

/** Defaults, also declared in package.json `contributes.configuration`. */
export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  run: 'onType',
  debounceMs: 300,
  maxFileSize: 1024 * 1024,
  networkEnabled: true,
  severityOverrides: {},
};

const DISPLAY_SEVERITIES = new Set<string>(['error', 'warning', 'info', 'hint']);

/**
 * Turns whatever is in the user's settings into valid {@link Settings}: wrong types fall back to the
 * default, numbers are clamped (debounce 0–5,000 ms, file size 1 KiB–50 MiB), unknown severities dropped.
 */
export function sanitizeSettings(get: (key: string) => unknown): Settings {
  const bool = (key: string, d: boolean) => (typeof get(key) === 'boolean' ? (get(key) as boolean) : d);
  const num = (key: string, d: number, min: number, max: number) => {
    const v = get(key);
    return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, Math.round(v))) : d;
  };
  const overrides: Record<string, DisplaySeverity> = {};
  const raw = get('severityOverrides');
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [rule, severity] of Object.entries(raw)) {
      if (typeof severity === 'string' && DISPLAY_SEVERITIES.has(severity)) overrides[rule] = severity as DisplaySeverity;
    }
  }
  return {
    enable: bool('enable', DEFAULT_SETTINGS.enable),
    run: get('run') === 'onSave' ? 'onSave' : 'onType',
    debounceMs: num('debounceMs', DEFAULT_SETTINGS.debounceMs, 0, 5000),
    maxFileSize: num('maxFileSize', DEFAULT_SETTINGS.maxFileSize, 1024, 50 * 1024 * 1024),
    networkEnabled: bool('network.enabled', DEFAULT_SETTINGS.networkEnabled),
    severityOverrides: overrides,
  };
}

/** The severity to show: a per-rule override, else the `*` override, else the configured severity. */
export function displaySeverity(finding: Finding, overrides: Readonly<Record<string, DisplaySeverity>>): DisplaySeverity {
  return overrides[finding.ruleId] ?? overrides['*'] ?? finding.severity;
}

/** A suppression reason as one clean line, or null when there is nothing left. */
export function cleanReason(input: string): string | null {
  const reason = input.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /').replace(/\s+/g, ' ').trim();
  return reason.length > 0 ? reason : null;
}

/**
 * The edit that puts `<indent><comment> rampart-ignore-next-line <rule> -- <reason>` on its own line
 * above `line` (1-based), with that line's indentation. `lineStart` is the offset where the line begins.
 */
export function suppressionEdit(text: string, lineStart: number, ruleId: string, reason: string, lineComment: string): TextEdit {
  const indent = /^[ \t]*/.exec(text.slice(lineStart, lineStart + 200))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: [lineStart, lineStart], text: `${indent}${lineComment} ${SUPPRESSION_MARKER} ${ruleId} -- ${reason}${eol}` };
}

/** The non-overlapping safe-fix edits for every unsuppressed finding (of one rule, if given). */
export function fixAllEdits(text: string, findings: readonly Finding[], ruleId?: string): TextEdit[] {
  const fixes = findings.filter((f) => f.fix && !f.suppressed && (ruleId === undefined || f.ruleId === ruleId)).map((f) => f.fix!);
  return selectFixes(text.length, fixes).edits;
}

/**
 * Markdown for the hover of a package finding: what the registry said (first published, latest version,
 * number of versions, deprecation, install scripts) from the finding's `properties`. Null without facts.
 */
export function packageHoverMarkdown(properties: Readonly<Record<string, string | number | boolean>> | undefined): string | null {
  if (!properties || typeof properties.package !== 'string') return null;
  const registry = properties.ecosystem === 'pypi' ? 'PyPI' : 'npm';
  const lines = [`**${escapeMarkdown(properties.package)}** on ${registry}`, ''];
  const fact = (label: string, value: string | number | boolean | undefined) => {
    if (value !== undefined && value !== '') lines.push(`- ${label}: ${escapeMarkdown(String(value))}`);
  };
  if (properties.registryStatus === 'not-found') lines.push('- The registry has no package of this name.');
  if (properties.registryStatus === 'unpublished') lines.push('- The registry lists the name but no published versions.');
  if (typeof properties.firstPublished === 'string') fact('First published', properties.firstPublished.slice(0, 10));
  fact('Latest version', properties.latest);
  fact('Versions', properties.versionCount);
  if (properties.hasInstallScripts === true) lines.push(`- ${registry === 'npm' ? 'Runs install scripts' : 'Builds from source at install (no wheel)'}`);
  fact('Deprecated', properties.deprecated);
  fact('Did you mean', properties.intended);
  return lines.length > 2 ? lines.join('\n') : null;
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}

/** How many findings are shown as problems, and how many are suppressed (kept in SARIF, hidden in the editor). */
export interface FindingCounts {
  problems: number;
  suppressed: number;
}

/** Counts the findings of some results: the one way the status bar, the scan summary and SARIF export count. */
export function countFindings(results: Iterable<FileResult>): FindingCounts {
  const counts: FindingCounts = { problems: 0, suppressed: 0 };
  for (const result of results) {
    for (const f of result.findings) {
      if (f.suppressed) counts.suppressed++;
      else counts.problems++;
    }
  }
  return counts;
}

/** "50 problems, 2 suppressed", "1 problem", "no problems". */
export function describeCounts(counts: FindingCounts): string {
  const problems = counts.problems === 0 ? 'no problems' : `${counts.problems} problem${counts.problems === 1 ? '' : 's'}`;
  return counts.suppressed > 0 ? `${problems}, ${counts.suppressed} suppressed` : problems;
}

/** Unsuppressed findings per severity as shown (after the severity overrides); they add up to `problems`. */
export type SeverityCounts = Record<DisplaySeverity, number>;

/** Counts the shown findings of some results by display severity (the same findings {@link countFindings} counts as problems). */
export function countBySeverity(results: Iterable<FileResult>, overrides: Readonly<Record<string, DisplaySeverity>>): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const result of results) {
    for (const f of result.findings) if (!f.suppressed) counts[displaySeverity(f, overrides)]++;
  }
  return counts;
}

/** Short status-bar text of severity counts: `$(error) 2 $(warning) 1 $(info) 3` (infos and hints together), '' when none. */
export function severityText(counts: SeverityCounts): string {
  const parts: string[] = [];
  if (counts.error > 0) parts.push(`$(error) ${counts.error}`);
  if (counts.warning > 0) parts.push(`$(warning) ${counts.warning}`);
  if (counts.info + counts.hint > 0) parts.push(`$(info) ${counts.info + counts.hint}`);
  return parts.join(' ');
}

/** "2 errors, 1 warning, 3 infos" (zeros left out), '' when none. */
export function describeSeverities(counts: SeverityCounts): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (counts.error > 0) parts.push(plural(counts.error, 'error'));
  if (counts.warning > 0) parts.push(plural(counts.warning, 'warning'));
  if (counts.info > 0) parts.push(plural(counts.info, 'info'));
  if (counts.hint > 0) parts.push(plural(counts.hint, 'hint'));
  return parts.join(', ');
}

/** A range of 0-based lines and columns, as the editor has them. */
export interface LineRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * The problems that no other diagnostic already reports: one whose range meets (overlaps or touches) the
 * range of another is left out. The JSON language server validates an open `.rampart.jsonc` against the
 * contributed schema, so Rampart shows only what it says and the schema cannot.
 */
export function notReportedBy<T extends { range: LineRange }>(problems: readonly T[], others: readonly { range: LineRange }[]): T[] {
  return problems.filter((p) => !others.some((o) => meets(p.range, o.range)));
}

function meets(a: LineRange, b: LineRange): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}

function before(a: LineRange['start'], b: LineRange['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

import { styleText } from 'node:util';
import type { FileResult, Finding, Severity } from '../engine/types';
import { displayPath, type BaseFormatOptions } from './input';
import { summarize, type ReportSummary } from './summary';
import { escapeControls } from './escape';

/** Options of {@link formatText}. */
export interface TextFormatOptions extends BaseFormatOptions {
  /** Colour the output with ANSI escapes (the caller decides, e.g. from `stream.hasColors()`). */
  color: boolean;
}

type Style = Parameters<typeof styleText>[0];
type Paint = (style: Style, text: string) => string;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', info: 'blue' };

/**
 * Human-readable report in the layout of ESLint's "stylish" formatter: one heading per file with
 * unsuppressed findings, one aligned line per finding (`line:col  severity  message  rule-id`), then a
 * summary with the counts of problems, fixable and suppressed findings, skipped files and internal
 * errors (the last two listed with their reasons). When there is nothing to report the output is a
 * single line. Always ends with a newline. Text taken from the scanned code is stripped of terminal
 * control and bidirectional-override characters.
 */
export function formatText(results: readonly FileResult[], opts: TextFormatOptions): string {
  // validateStream: false because the caller has already decided whether its stream takes colour.
  const paint: Paint = opts.color ? (style, text) => styleText(style, text, { validateStream: false }) : (_, text) => text;
  const summary = summarize(results);
  if (summary.problems === 0 && summary.internalErrors === 0 && summary.skippedFiles === 0) {
    return `${paint('green', '✔')} ${noProblems(summary)}\n`;
  }
  const blocks = results.flatMap((result) => fileBlock(result, opts.cwd, paint));
  return [...blocks, ...summaryLines(results, summary, opts.cwd, paint)].join('\n') + '\n';
}

/** The heading and finding lines of one file, followed by a blank line; nothing without problems. */
function fileBlock(result: FileResult, cwd: string, paint: Paint): string[] {
  const findings = result.findings.filter((f) => !f.suppressed);
  if (findings.length === 0) return [];
  const rows = findings.map(toRow);
  const width = (key: keyof Row) => rows.reduce((max, r) => Math.max(max, r[key].length), 0);
  const [wPos, wSeverity, wMessage] = [width('position'), width('severity'), width('message')];
  const lines = rows.map((row, i) => {
    const severity = findings[i].severity;
    const message = row.hint ? `${row.text} ${paint('dim', row.hint)}` : row.text;
    return [
      '  ' + row.position + pad(row.position, wPos),
      paint(SEVERITY_STYLE[severity], row.severity) + pad(row.severity, wSeverity),
      message + pad(row.message, wMessage),
      paint('dim', row.ruleId),
    ].join('  ');
  });
  return [paint('underline', printable(displayPath(result.file, cwd))), ...lines, ''];
}

interface Row {
  position: string;
  severity: string;
  /** Message text plus hint, as printed without colour; used for alignment. */
  message: string;
  text: string;
  hint: string;
  ruleId: string;
}

function toRow(f: Finding): Row {
  // Like stylish, drop the final full stop so the hint and rule id read as separate columns.
  const text = printable(f.message).replace(/([^ ])\.$/, '$1');
  const hint = fixHint(f);
  return {
    position: `${f.start.line}:${f.start.column}`,
    severity: f.severity,
    message: hint ? `${text} ${hint}` : text,
    text,
    hint,
    ruleId: printable(f.ruleId),
  };
}

function fixHint(f: Finding): string {
  const parts: string[] = [];
  if (f.fix) parts.push('fix available');
  if (f.suggestions.length > 0) parts.push(plural(f.suggestions.length, 'suggestion'));
  return parts.length > 0 ? `(${parts.join(', ')})` : '';
}

function summaryLines(results: readonly FileResult[], s: ReportSummary, cwd: string, paint: Paint): string[] {
  const lines: string[] = [];
  if (s.problems > 0) {
    const style: Style = s.errors > 0 ? 'red' : s.warnings > 0 ? 'yellow' : 'blue';
    const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info`;
    lines.push(paint([style, 'bold'], `✖ ${plural(s.problems, 'problem')} (${counts})`));
  } else {
    lines.push(`${paint('green', '✔')} ${noProblems(s)}`);
  }
  if (s.fixable > 0) {
    const verb = s.fixable === 1 ? 'has' : 'have';
    lines.push(`  ${plural(s.fixable, 'problem')} ${verb} a safe fix (apply with --fix).`);
  }
  if (s.problems > 0 && s.suppressed > 0) lines.push(`  ${plural(s.suppressed, 'finding')} suppressed.`);
  if (s.problems > 0 && s.baselined > 0) lines.push(`  ${plural(s.baselined, 'finding')} in the baseline (not counted).`);
  if (s.skippedFiles > 0) {
    lines.push(`  ${plural(s.skippedFiles, 'file')} skipped:`);
    for (const r of results) {
      if (r.skipped) lines.push(`    ${printable(displayPath(r.file, cwd))}: ${printable(r.skipped.reason)}`);
    }
  }
  if (s.internalErrors > 0) {
    lines.push(`  ${paint('red', `${plural(s.internalErrors, 'internal error')}:`)}`);
    for (const r of results) {
      for (const e of r.errors) lines.push(`    ${printable(displayPath(e.file || r.file, cwd))}: ${printable(e.message)}`);
    }
  }
  return lines;
}

function noProblems(s: ReportSummary): string {
  const suppressed = s.suppressed > 0 ? `, ${plural(s.suppressed, 'finding')} suppressed` : '';
  const baselined = s.baselined > 0 ? `, ${plural(s.baselined, 'finding')} in the baseline` : '';
  return `No ${s.baselined > 0 ? 'new ' : ''}problems found (${plural(s.filesScanned, 'file')} scanned${suppressed}${baselined}).`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function pad(plain: string, width: number): string {
  return ' '.repeat(Math.max(0, width - plain.length));
}

/** Text from the scanned code made safe for one terminal line: whitespace runs collapsed, controls escaped. */
function printable(text: string): string {
  return escapeControls(text.replace(/[\t\n\r]+/g, ' '));
}

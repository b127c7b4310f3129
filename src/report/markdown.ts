/**
 * The Markdown summary for pull-request comments: a totals table by risk area and severity, the top findings
 * (errors first, capped) with rule, file:line and message, what was suppressed, baselined and not checked, and a
 * link to the full report. Text from the scanned workspace is written so that GitHub-flavoured Markdown shows it
 * as text: file names and rule ids in code spans, messages with every Markdown punctuation character escaped and
 * `<`, `>`, `&` as entities, so a hostile file name or message cannot add links, images, HTML or table cells.
 * Pure: no I/O.
 */
import { RISK_AREAS, type Rule } from '../engine/rule';
import type { FileResult, Finding, RiskArea, Severity } from '../engine/types';
import { escapeControls } from './escape';
import type { ReportCoverage } from './html';
import { displayPath, type BaseFormatOptions } from './input';
import { summarize } from './summary';

/** Options of {@link formatMarkdown}. */
export interface MarkdownFormatOptions extends BaseFormatOptions {
  /** Where the full (HTML) report is; a link to it ends the summary. Only http(s) URLs are linked. */
  reportUrl?: string;
  /** Findings listed (default {@link MAX_MARKDOWN_FINDINGS}). */
  maxFindings?: number;
  /** Findings the baseline accepted that are not in the results (see `HtmlFormatOptions.baselined`). */
  baselined?: number;
  coverage?: ReportCoverage;
}

/** Findings listed in the summary; the rest are counted. */
export const MAX_MARKDOWN_FINDINGS = 20;
/** Longest message shown in the table, in characters. */
const MAX_MESSAGE = 300;

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The summary as Markdown, ending with a newline. */
export function formatMarkdown(results: readonly FileResult[], opts: MarkdownFormatOptions): string {
  const areaOf = new Map<string, RiskArea>();
  for (const rule of opts.rules as readonly Rule[]) if (!areaOf.has(rule.id)) areaOf.set(rule.id, rule.meta.riskArea);
  const located = results.flatMap((r) => r.findings.map((f) => ({ file: displayPath(r.file, opts.cwd), finding: f })));
  const open = located.filter(({ finding }) => !finding.suppressed);
  const baselined = located.filter(({ finding }) => finding.suppressed?.kind === 'baseline').length + Math.max(0, opts.baselined ?? 0);
  const suppressed = located.filter(({ finding }) => finding.suppressed && finding.suppressed.kind !== 'baseline').length;
  const summary = summarize(results);
  const count = (s: Severity) => open.filter(({ finding }) => finding.severity === s).length;

  const lines: string[] = [];
  const headline = open.length === 0 ? 'no problems' : SEVERITIES.map((s) => plural(count(s), s, s === 'info' ? 'info' : `${s}s`)).join(', ');
  lines.push(`### Rampart: ${headline}`, '');
  if (open.length > 0) {
    lines.push('| Risk area | Errors | Warnings | Info |', '| --- | ---: | ---: | ---: |');
    for (const area of RISK_AREAS) {
      const inArea = open.filter(({ finding }) => (areaOf.get(finding.ruleId) ?? 'development') === area.id);
      if (inArea.length === 0) continue;
      const n = (s: Severity) => inArea.filter(({ finding }) => finding.severity === s).length;
      lines.push(`| ${area.label} | ${n('error')} | ${n('warning')} | ${n('info')} |`);
    }
    lines.push(`| **All** | **${count('error')}** | **${count('warning')}** | **${count('info')}** |`, '');

    const max = Math.max(0, opts.maxFindings ?? MAX_MARKDOWN_FINDINGS);
    const top = [...open].sort((a, b) => compare(a, b)).slice(0, max);
    if (top.length > 0) {
      lines.push(open.length > top.length ? `**Top ${top.length} of ${open.length} findings**` : `**Findings**`, '');
      lines.push('| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |');
      for (const { file, finding: f } of top) {
        lines.push(`| ${f.severity} | ${codeSpan(f.ruleId)} | ${codeSpan(`${file}:${f.start.line}`)} | ${text(shorten(f.message, MAX_MESSAGE))} |`);
      }
      lines.push('');
    }
  }

  const facts = [`${plural(summary.filesScanned, 'file')} scanned`];
  if (suppressed > 0) facts.push(`${suppressed} suppressed with a reason`);
  if (baselined > 0) facts.push(`${baselined} baselined`);
  const notChecked = notCheckedFacts(results, opts.coverage);
  lines.push(`${facts.join(' · ')}${notChecked.length > 0 ? ` · not checked: ${notChecked.join(', ')}` : ''}`);
  const url = safeUrl(opts.reportUrl);
  if (url) lines.push('', `[Full report](${url})`);
  return lines.join('\n') + '\n';
}

/** Errors first, then warnings and info; within a severity, by file and line. */
function compare(a: { file: string; finding: Finding }, b: { file: string; finding: Finding }): number {
  return RANK[a.finding.severity] - RANK[b.finding.severity] || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.finding.start.line - b.finding.start.line);
}

function notCheckedFacts(results: readonly FileResult[], coverage: ReportCoverage | undefined): string[] {
  const facts: string[] = [];
  const skipped = results.filter((r) => r.skipped).length;
  if (skipped > 0) facts.push(`${plural(skipped, 'file')} skipped`);
  const unsupported = (coverage?.unsupportedFiles ?? []).reduce((sum, k) => sum + k.files, 0);
  if (unsupported > 0) facts.push(`${plural(unsupported, 'file')} of types without rules`);
  const failed = coverage?.failedLookups?.count ?? 0;
  if (failed > 0) facts.push(`${plural(failed, 'package look-up')} without an answer`);
  const errors = results.reduce((sum, r) => sum + r.errors.length, 0);
  if (errors > 0) facts.push(`${plural(errors, 'internal error')}`);
  return facts;
}

/** Whether `url` can be the link to the full report: http(s), without characters that would end a Markdown link. */
export function isReportUrl(url: string): boolean {
  return /^https?:\/\/[^\s()<>[\]`"'\\]+$/i.test(url);
}

function safeUrl(url: string | undefined): string | undefined {
  return url !== undefined && isReportUrl(url) ? url : undefined;
}

/** One table cell of text: white space collapsed, controls visible, Markdown punctuation escaped, `<>&` as entities. */
export function text(value: string): string {
  return escapeControls(value.replace(/\s+/g, ' ').trim()).replace(/[\\`*_{}[\]()#+\-.!|~:@<>&]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : `\\${c}`,
  );
}

/**
 * A code span that shows `value` literally, also inside a table: fenced with more backticks than any run in it
 * (padded with spaces when it starts or ends with one), `|` escaped as GitHub-flavoured tables require.
 */
export function codeSpan(value: string): string {
  const flat = escapeControls(value.replace(/\s+/g, ' ')).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function shorten(value: string, max: number): string {
  return value.length <= max ? value : `${value.slice(0, max - 1)}…`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

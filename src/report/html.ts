/**
 * The HTML report: one self-contained page for the people who answer for risk. No script, no external asset,
 * font or stylesheet (a Content-Security-Policy meta tag forbids every fetch but inline styles and data: images);
 * the only URLs are plain links to rule documentation, CWE entries and the frameworks' public pages. Every string
 * from the scanned workspace (file names, messages, code, suppression reasons) is HTML-escaped with its control
 * and bidi characters made visible, and code excerpts go through the shared masking (`codeExcerpt`), so no full
 * secret appears. Pure: the caller passes file texts and rule docs as functions; no I/O here.
 */
import { LineIndex } from '../engine/line-index';
import { RISK_AREAS, type Rule } from '../engine/rule';
import type { FileResult, Finding, RiskArea, Severity } from '../engine/types';
import { escapeControls } from './escape';
import { codeExcerpt, isSecretRule } from './excerpt';
import { FRAMEWORKS, frameworkMappingFor } from './frameworks';
import { displayPath, type BaseFormatOptions } from './input';
import { escapeHtml, renderMarkdown } from './render-markdown';
import { ruleDocsUrl } from './rule-docs';
import { summarize } from './summary';

/** A team-wide suppression (`suppressions` of `.rampart.jsonc`), as the report lists it. */
export interface ReportWaiver {
  rule: string;
  /** The path pattern, as written. */
  path: string;
  reason: string;
  /** `YYYY-MM-DD`, when the entry has one. */
  expires?: string;
  /** Its expiry day is over: it no longer suppresses anything. */
  expired: boolean;
  owner?: string;
}

/** What the scan did not check, beyond what the results say (skipped files, internal errors, unanswered questions). */
export interface ReportCoverage {
  /** Files found that no analyser reads, by kind (`.css`, `.png`, `(no extension)`). */
  unsupportedFiles?: ReadonlyArray<{ kind: string; files: number }>;
  /** Files and folders the scan left out on purpose (`.gitignore`, the configuration's `ignore`, default ignores), by reason. */
  ignored?: ReadonlyArray<{ reason: string; files: number; folders: number }>;
  /** Files read only for hard-coded secrets (languages without code rules), by kind. */
  secretsOnlyFiles?: ReadonlyArray<{ kind: string; files: number }>;
  /** Package look-ups that got no answer, and the most frequent reason. */
  failedLookups?: { count: number; reason: string } | null;
  /** Rules turned off by the configuration. */
  rulesOff?: readonly string[];
  /** Other notes of the scan (paths left out, links not followed, expired suppressions), one line each. */
  notes?: readonly string[];
}

/** Options of {@link formatHtml}. */
export interface HtmlFormatOptions extends BaseFormatOptions {
  /** Rampart's version, shown in the header. */
  toolVersion: string;
  /** What was scanned (a folder name), shown in the title. */
  target?: string;
  /** When the scan ran (ISO 8601), shown in the header; absent, the report says nothing about time. */
  generatedAt?: string;
  /** The text of a result's file (by `FileResult.file`), for code excerpts; undefined: no excerpt. */
  source?: (file: string) => string | undefined;
  /** A rule's documentation page (Markdown), for "why it matters" and "how to fix"; undefined: the metadata only. */
  ruleDoc?: (ruleId: string) => string | undefined;
  /**
   * Findings the baseline accepted that are not in `results` (a caller that drops them). Findings in `results`
   * suppressed by the baseline (`suppressed.kind === 'baseline'`) are counted whether or not this is given.
   */
  baselined?: number;
  /** The configuration's suppressions, listed with their reasons and expiry. */
  waivers?: readonly ReportWaiver[];
  coverage?: ReportCoverage;
  /** Findings shown per rule; the rest are counted (default {@link MAX_FINDINGS_PER_RULE}). */
  maxFindingsPerRule?: number;
}

/** Findings listed per rule before the rest are only counted. */
export const MAX_FINDINGS_PER_RULE = 100;
/** Entries listed in each part of "what was not checked" and of the suppressions. */
const MAX_LISTED = 200;
/** Characters of a rule's "How to fix" section shown; longer sections are cut at a paragraph. */
const MAX_HOW_TO_FIX = 1800;
/** The Content-Security-Policy of the page: nothing may be fetched or run. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_RANK: Record<Severity, number> = { error: 2, warning: 1, info: 0 };

/** Text from the workspace (or anywhere) as HTML: controls and bidi overrides visible, markup escaped. */
const t = (text: string): string => escapeHtml(escapeControls(text));

/** The report as one HTML document, ending with a newline. */
export function formatHtml(results: readonly FileResult[], opts: HtmlFormatOptions): string {
  const rules = new Map<string, Rule>();
  for (const rule of opts.rules) if (!rules.has(rule.id)) rules.set(rule.id, rule);
  // A finding of a rule the caller did not pass (never in the CLI or the editor) is shown with the development area.
  const areaOf = (f: Finding): RiskArea => rules.get(f.ruleId)?.meta.riskArea ?? 'development';
  const findings = results.flatMap((r) => r.findings.map((f) => ({ result: r, finding: f })));
  const open = findings.filter(({ finding }) => !finding.suppressed);
  const baselined = findings.filter(({ finding }) => finding.suppressed?.kind === 'baseline').length + Math.max(0, opts.baselined ?? 0);
  const suppressed = findings.filter(({ finding }) => finding.suppressed && finding.suppressed.kind !== 'baseline');
  const excerpts = excerptSource(opts, rules);
  const title = opts.target ? `Rampart report — ${opts.target}` : 'Rampart report';

  const counts = countByArea(open.map((o) => o.finding), areaOf);
  const summary = summarize(results);
  const body = [
    header(title, opts, summary.filesScanned),
    totals(counts, suppressed.length, baselined, summary.filesScanned, summary.skippedFiles),
    ...RISK_AREAS.map((area) =>
      areaSection(
        area.id,
        area.label,
        open.filter(({ finding }) => areaOf(finding) === area.id),
        counts.get(area.id)!,
        rules,
        opts,
        excerpts,
      ),
    ),
    suppressionsSection(suppressed, baselined, opts),
    notCheckedSection(results, opts),
    footer(opts),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
</body>
</html>
`;
}

type Counts = Record<Severity, number>;

function countByArea(findings: readonly Finding[], areaOf: (f: Finding) => RiskArea): Map<RiskArea, Counts> {
  const counts = new Map<RiskArea, Counts>(RISK_AREAS.map((a) => [a.id, { error: 0, warning: 0, info: 0 }]));
  for (const f of findings) counts.get(areaOf(f))![f.severity]++;
  return counts;
}

const total = (c: Counts): number => c.error + c.warning + c.info;

function header(title: string, opts: HtmlFormatOptions, filesScanned: number): string {
  const facts = [`Rampart ${t(opts.toolVersion)}`, `${plural(filesScanned, 'file')} scanned`];
  if (opts.generatedAt) facts.push(`generated ${t(opts.generatedAt)}`);
  return `<header>
<h1>${t(title)}</h1>
<p class="muted">${facts.join(' · ')}</p>
</header>`;
}

function totals(counts: ReadonlyMap<RiskArea, Counts>, suppressed: number, baselined: number, filesScanned: number, skipped: number): string {
  const all: Counts = { error: 0, warning: 0, info: 0 };
  for (const c of counts.values()) for (const s of SEVERITIES) all[s] += c[s];
  const card = (label: string, value: number, cls: string) =>
    `<div class="card ${cls}"><span class="value" data-count="${cls}">${value}</span><span class="label">${label}</span></div>`;
  const rows = RISK_AREAS.map(({ id, label }) => {
    const c = counts.get(id)!;
    const cells = SEVERITIES.map((s) => `<td class="num${c[s] > 0 ? ` ${s}` : ''}">${c[s]}</td>`).join('');
    return `<tr><th scope="row"><a href="#area-${id}">${t(label)}</a></th>${cells}<td class="num total">${total(c)}</td></tr>`;
  });
  const foot = `<tr><th scope="row">All areas</th>${SEVERITIES.map((s) => `<td class="num">${all[s]}</td>`).join('')}<td class="num total">${total(all)}</td></tr>`;
  return `<section id="totals" aria-labelledby="totals-title">
<h2 id="totals-title">Totals</h2>
<div class="cards">
${card('errors', all.error, 'error')}
${card('warnings', all.warning, 'warning')}
${card('info', all.info, 'info')}
${card('suppressed', suppressed, 'suppressed')}
${card('baselined', baselined, 'baselined')}
${card('files scanned', filesScanned, 'files')}
${card('files skipped', skipped, 'skipped')}
</div>
<table class="by-area">
<thead><tr><th scope="col">Risk area</th><th scope="col">Errors</th><th scope="col">Warnings</th><th scope="col">Info</th><th scope="col">Total</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
<tfoot>${foot}</tfoot>
</table>
</section>`;
}

interface Located {
  result: FileResult;
  finding: Finding;
}

function areaSection(
  area: RiskArea,
  label: string,
  findings: readonly Located[],
  counts: Counts,
  rules: ReadonlyMap<string, Rule>,
  opts: HtmlFormatOptions,
  excerpt: (located: Located) => string | null,
): string {
  const byRule = new Map<string, Located[]>();
  for (const located of findings) {
    const list = byRule.get(located.finding.ruleId);
    if (list) list.push(located);
    else byRule.set(located.finding.ruleId, [located]);
  }
  const worst = (list: readonly Located[]) => Math.max(...list.map((l) => SEVERITY_RANK[l.finding.severity]));
  const groups = [...byRule].sort(([a, la], [b, lb]) => worst(lb) - worst(la) || lb.length - la.length || (a < b ? -1 : a > b ? 1 : 0));
  const summaryLine =
    total(counts) === 0
      ? 'No problems in this area.'
      : `${plural(total(counts), 'problem')}: ${SEVERITIES.filter((s) => counts[s] > 0)
          .map((s) => plural(counts[s], s, s === 'info' ? 'info' : `${s}s`))
          .join(', ')}.`;
  return `<section class="area" id="area-${area}" aria-labelledby="area-${area}-title">
<h2 id="area-${area}-title">${t(label)}</h2>
<p class="area-summary" data-area-total="${total(counts)}">${summaryLine}</p>
${frameworkBox(area)}
${groups.map(([ruleId, list]) => ruleGroup(ruleId, list, rules.get(ruleId), opts, excerpt)).join('\n')}
</section>`;
}

function frameworkBox(area: RiskArea): string {
  const rows = frameworkMappingFor(area).map((m) => {
    const framework = FRAMEWORKS[m.framework];
    return `<li><span class="fw-id">${t(framework.name)} ${t(m.id)}</span> ${t(m.text)} <span class="muted">(${t(m.source)})</span><br><span class="evidence">${t(m.evidence)}</span></li>`;
  });
  return `<div class="frameworks">
<h3>Evidence for</h3>
<ul>
${rows.join('\n')}
</ul>
</div>`;
}

function ruleGroup(ruleId: string, list: readonly Located[], rule: Rule | undefined, opts: HtmlFormatOptions, excerpt: (located: Located) => string | null): string {
  const sorted = [...list].sort((a, b) => compareLocations(a, b, opts.cwd));
  const max = Math.max(1, opts.maxFindingsPerRule ?? MAX_FINDINGS_PER_RULE);
  const shown = sorted.slice(0, max);
  const severity = sorted.reduce<Severity>((worst, l) => (SEVERITY_RANK[l.finding.severity] > SEVERITY_RANK[worst] ? l.finding.severity : worst), 'info');
  const facts: string[] = [];
  if (rule) {
    const cwe = rule.meta.cwe.map((id) => {
      const n = /^CWE-(\d+)$/.exec(id)?.[1];
      return n ? `<a href="https://cwe.mitre.org/data/definitions/${n}.html" rel="noreferrer">${t(id)}</a>` : t(id);
    });
    if (cwe.length > 0) facts.push(`CWE: ${cwe.join(', ')}`);
    facts.push(`OWASP LLM 2025: ${(rule.meta.owaspLlm ?? []).map(t).join(', ') || '—'}`);
    facts.push(`Fix: ${t(FIX_KIND[rule.meta.fix])}`);
  }
  const guidance = ruleGuidance(opts.ruleDoc?.(ruleId));
  const why = guidance.why ? renderMarkdown(guidance.why) : rule ? `<p>${t(rule.meta.description)}.</p>` : '';
  const how = guidance.how ? renderMarkdown(guidance.how) + (guidance.cut ? '<p class="muted">The rule’s documentation has more.</p>' : '') : '';
  const more = sorted.length > shown.length ? `<p class="muted">${plural(sorted.length - shown.length, 'more finding')} of this rule not listed; the JSON and SARIF reports have every one.</p>` : '';
  return `<article class="rule" id="rule-${t(ruleId.replace(/[^A-Za-z0-9-]/g, '-'))}">
<h3><a href="${t(ruleDocsUrl(ruleId))}" rel="noreferrer"><code>${t(ruleId)}</code></a> <span class="sev ${severity}">${severity}</span> <span class="n">${plural(sorted.length, 'finding')}</span></h3>
${rule ? `<p class="desc">${t(rule.meta.description)}</p>` : ''}
${facts.length > 0 ? `<p class="facts">${facts.join(' · ')}</p>` : ''}
<div class="guidance">
${why ? `<div class="why"><h4>Why it matters</h4>${why}</div>` : ''}
${how ? `<div class="how"><h4>How to fix</h4>${how}</div>` : ''}
</div>
<ol class="findings">
${shown.map((l) => findingItem(l, opts.cwd, excerpt(l))).join('\n')}
</ol>
${more}
</article>`;
}

const FIX_KIND: Record<Rule['meta']['fix'], string> = {
  safe: 'safe fix (rampart scan --fix applies it)',
  suggestion: 'suggested fix, reviewed before applying',
  none: 'no automatic fix',
};

function findingItem({ result, finding: f }: Located, cwd: string, excerpt: string | null): string {
  const where = `${displayPath(result.file, cwd)}:${f.start.line}:${f.start.column}`;
  const fixes = [...(f.fix ? [`Fix: ${f.fix.title}`] : []), ...f.suggestions.map((s) => `Suggestion: ${s.title}`)];
  const steps = (f.flow ?? []).slice(0, 10).map((s) => (s.file !== undefined ? `${s.file}:${s.start.line}` : `line ${s.start.line}`));
  const flow = steps.length > 0 ? `Value flow: ${steps.join(' → ')}${(f.flow?.length ?? 0) > steps.length ? ' → …' : ''} → here` : '';
  return `<li class="finding ${f.severity}">
<div class="loc"><span class="sev ${f.severity}">${f.severity}</span> <code>${t(where)}</code></div>
<p class="msg">${t(f.message)}</p>
${excerpt !== null ? `<pre class="excerpt"><code>${t(excerpt)}</code></pre>` : ''}
${fixes.length > 0 ? `<p class="fixes">${fixes.map(t).join('<br>')}</p>` : ''}
${flow ? `<p class="flow muted">${t(flow)}</p>` : ''}
</li>`;
}

function compareLocations(a: Located, b: Located, cwd: string): number {
  const fa = displayPath(a.result.file, cwd);
  const fb = displayPath(b.result.file, cwd);
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.finding.start.line - b.finding.start.line || a.finding.start.column - b.finding.start.column;
}

/** The masked excerpt of a finding, from the file's text when the caller gave it; null without. */
function excerptSource(opts: HtmlFormatOptions, rules: ReadonlyMap<string, Rule>): (located: Located) => string | null {
  const indexes = new Map<string, LineIndex | null>();
  return ({ result, finding }) => {
    let lines = indexes.get(result.file);
    if (lines === undefined) {
      const text = opts.source?.(result.file);
      lines = typeof text === 'string' ? new LineIndex(text) : null;
      indexes.set(result.file, lines);
    }
    if (lines === null) return null;
    const shown = codeExcerpt(lines.text, lines, finding, { maskFinding: isSecretRule(rules.get(finding.ruleId)) });
    return shown === '' ? null : shown;
  };
}

/** A rule doc's first paragraph of "Why it matters" and its "How to fix" (cut at a paragraph when long). */
export function ruleGuidance(doc: string | undefined): { why: string | null; how: string | null; cut: boolean } {
  if (!doc) return { why: null, how: null, cut: false };
  const why = docSection(doc, 'Why it matters');
  const how = docSection(doc, 'How to fix');
  const whyFirst = why === null ? null : firstParagraph(why);
  if (how === null || how.length <= MAX_HOW_TO_FIX) return { why: whyFirst, how, cut: false };
  return { why: whyFirst, how: cutAtParagraph(how, MAX_HOW_TO_FIX), cut: true };
}

/** The text of a doc's `## title` section, up to the next `## ` heading; null when there is none. */
function docSection(doc: string, title: string): string | null {
  const lines = doc.split(/\r\n|\r|\n/);
  const start = lines.findIndex((l) => l.trim() === `## ${title}`);
  if (start < 0) return null;
  let end = start + 1;
  let fenced = false;
  for (; end < lines.length; end++) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(lines[end])) fenced = !fenced;
    if (!fenced && /^##\s/.test(lines[end])) break;
  }
  const body = lines.slice(start + 1, end).join('\n').trim();
  return body === '' ? null : body;
}

function firstParagraph(markdown: string): string {
  const blank = markdown.search(/\n[ \t]*\n/);
  return blank < 0 ? markdown : markdown.slice(0, blank);
}

/** The blocks of `markdown` that fit in `max` characters (at least the first), never cutting inside a code fence. */
function cutAtParagraph(markdown: string, max: number): string {
  const lines = markdown.split('\n');
  let fenced = false;
  let lastBreak = -1;
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    if (/^ {0,3}(`{3,}|~{3,})/.test(lines[i])) fenced = !fenced;
    length += lines[i].length + 1;
    if (!fenced && lines[i].trim() === '') {
      if (length > max && lastBreak >= 0) break;
      lastBreak = i;
    }
    if (length > max && lastBreak >= 0 && !fenced) break;
  }
  return lastBreak < 0 ? markdown : lines.slice(0, lastBreak).join('\n');
}

function suppressionsSection(suppressed: readonly Located[], baselined: number, opts: HtmlFormatOptions): string {
  const sorted = [...suppressed].sort((a, b) => compareLocations(a, b, opts.cwd));
  const waivers = opts.waivers ?? [];
  const rows = sorted.slice(0, MAX_LISTED).map(({ result, finding: f }) => {
    const kind = f.suppressed!.kind === 'inline' ? 'comment' : 'configuration';
    // The configuration entry that suppresses it: the same rule and reason, not expired (as the editor's view matches).
    const entry = f.suppressed!.kind === 'config' ? waivers.find((w) => !w.expired && w.rule === f.ruleId && w.reason === f.suppressed!.reason) : undefined;
    return `<tr><td><code>${t(f.ruleId)}</code></td><td><code>${t(`${displayPath(result.file, opts.cwd)}:${f.start.line}`)}</code></td><td>${kind}</td><td>${t(f.suppressed!.reason)}</td><td>${entry?.expires ? t(entry.expires) : '—'}</td></tr>`;
  });
  const waiverRows = waivers.slice(0, MAX_LISTED).map((w) => {
    const status = w.expired ? '<span class="sev error">expired</span>' : w.expires ? 'active' : 'active, no expiry';
    return `<tr><td><code>${t(w.rule)}</code></td><td><code>${t(w.path)}</code></td><td>${t(w.reason)}</td><td>${w.expires ? t(w.expires) : '—'}</td><td>${status}</td><td>${w.owner ? t(w.owner) : '—'}</td></tr>`;
  });
  const parts = [
    `<p>${plural(suppressed.length, 'finding')} suppressed with a reason (not counted as problems); ${plural(baselined, 'finding')} accepted by the baseline.</p>`,
  ];
  if (rows.length > 0) {
    parts.push(`<table class="list"><thead><tr><th scope="col">Rule</th><th scope="col">Where</th><th scope="col">By</th><th scope="col">Reason</th><th scope="col">Expires</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>`);
    if (sorted.length > rows.length) parts.push(`<p class="muted">${plural(sorted.length - rows.length, 'more suppressed finding')} not listed.</p>`);
  }
  if (waiverRows.length > 0) {
    parts.push(`<h3>Suppressions in the configuration</h3>
<table class="list"><thead><tr><th scope="col">Rule</th><th scope="col">Path</th><th scope="col">Reason</th><th scope="col">Expires</th><th scope="col">Status</th><th scope="col">Owner</th></tr></thead><tbody>
${waiverRows.join('\n')}
</tbody></table>`);
    if (waivers.length > waiverRows.length) parts.push(`<p class="muted">${plural(waivers.length - waiverRows.length, 'more entry', 'more entries')} not listed.</p>`);
  }
  return `<section id="suppressions" aria-labelledby="suppressions-title">
<h2 id="suppressions-title">Suppressions and baseline</h2>
${parts.join('\n')}
</section>`;
}

function notCheckedSection(results: readonly FileResult[], opts: HtmlFormatOptions): string {
  const coverage = opts.coverage ?? {};
  const items: string[] = [];
  const skipped = results.filter((r) => r.skipped);
  if (skipped.length > 0) {
    const byReason = new Map<string, string[]>();
    for (const r of skipped) {
      const reason = r.skipped!.reason;
      const list = byReason.get(reason) ?? [];
      list.push(displayPath(r.file, opts.cwd));
      byReason.set(reason, list);
    }
    const reasons = [...byReason].sort((a, b) => b[1].length - a[1].length).map(([reason, files]) => {
      const listed = files.slice(0, MAX_LISTED).map((f) => `<li><code>${t(f)}</code></li>`).join('');
      const rest = files.length > MAX_LISTED ? `<li class="muted">${files.length - MAX_LISTED} more</li>` : '';
      return `<li>${t(reason)}: ${plural(files.length, 'file')}<ul class="files">${listed}${rest}</ul></li>`;
    });
    items.push(`<li>Files skipped (not analysed at all): ${plural(skipped.length, 'file')}<ul>${reasons.join('')}</ul></li>`);
  }
  const kinds = (list: ReadonlyArray<{ kind: string; files: number }>) =>
    [...list].sort((a, b) => b.files - a.files).slice(0, MAX_LISTED).map((k) => `<code>${t(k.kind)}</code> (${k.files})`).join(', ');
  if (coverage.unsupportedFiles && coverage.unsupportedFiles.length > 0) {
    const n = coverage.unsupportedFiles.reduce((sum, k) => sum + k.files, 0);
    items.push(`<li>File types without rules, not read: ${plural(n, 'file')} — ${kinds(coverage.unsupportedFiles)}</li>`);
  }
  if (coverage.secretsOnlyFiles && coverage.secretsOnlyFiles.length > 0) {
    const n = coverage.secretsOnlyFiles.reduce((sum, k) => sum + k.files, 0);
    items.push(`<li>Read for hard-coded secrets only (no code rules for these languages): ${plural(n, 'file')} — ${kinds(coverage.secretsOnlyFiles)}</li>`);
  }
  const ignored = (coverage.ignored ?? []).filter((i) => i.files + i.folders > 0);
  if (ignored.length > 0) {
    const parts = ignored.map((i) => `${t(i.reason)}: ${[i.files > 0 ? plural(i.files, 'file') : '', i.folders > 0 ? plural(i.folders, 'folder') : ''].filter(Boolean).join(' and ')}`);
    items.push(`<li>Left out on purpose (not read): ${parts.join('; ')}</li>`);
  }
  if (coverage.failedLookups && coverage.failedLookups.count > 0) {
    const { count, reason } = coverage.failedLookups;
    items.push(`<li>Registry look-ups that got no answer: ${plural(count, 'package')} (${t(reason)}); those packages were not checked for existence or age.</li>`);
  }
  const unanswered = results.reduce((sum, r) => sum + (r.unanswered ?? 0), 0);
  if (unanswered > 0) items.push(`<li>Questions rules asked of services (registries, other files) that got no answer: ${unanswered}; nothing was reported for them.</li>`);
  const errors = results.flatMap((r) => r.errors.map((e) => ({ file: e.file || r.file, source: e.source, message: e.message })));
  if (errors.length > 0) {
    const listed = errors.slice(0, MAX_LISTED).map((e) => `<li><code>${t(displayPath(e.file, opts.cwd))}</code> (${t(e.source)}): ${t(e.message)}</li>`).join('');
    items.push(`<li>Internal errors (a parser gave up or a rule failed; that part was not checked): ${errors.length}<ul class="files">${listed}</ul></li>`);
  }
  if (coverage.rulesOff && coverage.rulesOff.length > 0) {
    const listed = coverage.rulesOff.slice(0, 400).map((id) => `<code>${t(id)}</code>`).join(', ');
    items.push(`<li>Rules not enabled (by the preset or the configuration): ${coverage.rulesOff.length}<details><summary>Show</summary><p>${listed}</p></details></li>`);
  }
  if (coverage.notes && coverage.notes.length > 0) {
    const listed = coverage.notes.slice(0, MAX_LISTED).map((n) => `<li>${t(n)}</li>`).join('');
    items.push(`<li>Notes of the scan: ${coverage.notes.length}<ul class="files">${listed}</ul></li>`);
  }
  const body = items.length > 0 ? `<ul class="not-checked">\n${items.join('\n')}\n</ul>` : '<p>Nothing: every file found was analysed, and every question got an answer.</p>';
  return `<section id="not-checked" aria-labelledby="not-checked-title">
<h2 id="not-checked-title">What was not checked</h2>
${body}
</section>`;
}

function footer(opts: HtmlFormatOptions): string {
  const sources = Object.values(FRAMEWORKS)
    .map((f) => `<a href="${t(f.url)}" rel="noreferrer">${t(f.document)}</a>`)
    .join('; ');
  return `<footer>
<p>Generated by Rampart ${t(opts.toolVersion)}. A finding shows that a check ran and what it found in the files listed; it is evidence for the framework entries named above, not a statement of compliance. The mapping and the text each entry rests on: <code>docs/frameworks.md</code>. Sources: ${sources}.</p>
</footer>`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --border: #d1d9e0; --error: #cf222e; --warning: #9a6700; --info: #0969da; --ok: #1a7f37; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --border: #3d444d; --error: #ff7b72; --warning: #d29922; --info: #58a6ff; --ok: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px 32px 48px; font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.7em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05em; margin: 18px 0 6px; }
h4 { font-size: 0.95em; margin: 10px 0 4px; }
a { color: var(--info); }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.9em; }
pre { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; padding: 8px 10px; overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 16px; }
.card { min-width: 120px; padding: 10px 14px; border: 1px solid var(--border); border-radius: 8px; background: var(--panel); display: flex; flex-direction: column; }
.card .value { font-size: 1.8em; font-weight: 650; line-height: 1.1; }
.card .label { color: var(--muted); font-size: 0.9em; }
.card.error .value { color: var(--error); } .card.warning .value { color: var(--warning); } .card.info .value { color: var(--info); }
table { border-collapse: collapse; margin: 8px 0; width: 100%; }
th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
thead th { background: var(--panel); }
td.num { text-align: right; font-variant-numeric: tabular-nums; width: 7em; }
td.num.error { color: var(--error); font-weight: 600; } td.num.warning { color: var(--warning); font-weight: 600; } td.num.info { color: var(--info); font-weight: 600; }
td.total, tfoot td { font-weight: 600; }
.sev { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 0.8em; font-weight: 600; border: 1px solid currentColor; }
.sev.error { color: var(--error); } .sev.warning { color: var(--warning); } .sev.info { color: var(--info); }
.frameworks { border-left: 4px solid var(--border); background: var(--panel); padding: 4px 14px; margin: 10px 0 16px; font-size: 0.92em; }
.frameworks ul { padding-left: 18px; } .frameworks li { margin: 4px 0; }
.fw-id { font-weight: 600; }
.evidence { color: var(--muted); }
.rule { border: 1px solid var(--border); border-radius: 8px; padding: 4px 16px 10px; margin: 14px 0; }
.rule h3 .n { color: var(--muted); font-weight: normal; font-size: 0.9em; }
.desc { margin: 4px 0; font-weight: 500; }
.facts { color: var(--muted); font-size: 0.9em; margin: 2px 0 6px; }
.guidance { font-size: 0.93em; }
.findings { padding-left: 22px; }
.finding { margin: 10px 0; }
.finding .msg { margin: 2px 0; }
.finding .fixes { margin: 2px 0; font-size: 0.9em; color: var(--ok); }
.finding pre { margin: 4px 0; }
.not-checked > li { margin: 6px 0; }
ul.files { font-size: 0.9em; }
footer { margin-top: 40px; font-size: 0.85em; color: var(--muted); border-top: 1px solid var(--border); padding-top: 8px; }
@media print { body { max-width: none; padding: 0; } .rule { break-inside: avoid-page; } a { color: inherit; text-decoration: none; } }
`;

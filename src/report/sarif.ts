import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RISK_AREA_LABELS, type Rule } from '../engine/rule';
import type { FileResult, Finding, Fix, Range, RelatedLocation, Severity, SuppressionState } from '../engine/types';
import { rootRelativePath, type BaseFormatOptions } from './input';
import { REPOSITORY_URL, ruleDocsUrl } from './rule-docs';
import type {
  SarifArtifactLocation,
  SarifFix,
  SarifLevel,
  SarifLog,
  SarifMultiformatMessage,
  SarifNotification,
  SarifRegion,
  SarifReportingDescriptor,
  SarifCodeFlow,
  SarifResult,
  SarifSuppression,
} from './sarif-types';
import { escapeJsonControls } from './escape';
import { isSecretRule } from './excerpt';

/** Options of {@link formatSarif}. */
export interface SarifFormatOptions extends BaseFormatOptions {
  /** Rampart's version, written as `tool.driver.semanticVersion`. */
  toolVersion: string;
  /**
   * The folder artifact URIs are relative to: the repository root (the git work tree of the scanned folder), as
   * GitHub code scanning expects. `originalUriBaseIds` maps `%SRCROOT%` to it. Default: `cwd`.
   */
  root?: string;
  /** The analysis category (`automationDetails.id` is `<category>/`). Default {@link DEFAULT_SARIF_CATEGORY}. */
  category?: string;
  /** The Markdown documentation page of a rule (`docs/rules/<id>.md`), for the `help.markdown` of rules with results. */
  ruleDocs?: (ruleId: string) => string | undefined;
  /** A baseline was applied: each result gets `baselineState`, `unchanged` when the baseline accepts it, else `new`. */
  baseline?: boolean;
}

/** Where the log points for its schema. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The base id that relative artifact URIs resolve against; `originalUriBaseIds` maps it to the repository root. */
export const SRCROOT = '%SRCROOT%';

/**
 * Key of Rampart's entry in `partialFingerprints`: the finding's fingerprint (rule and code of its line, see
 * `src/baseline/fingerprint.ts`) and its occurrence among identical ones in the file. Not
 * `primaryLocationLineHash`: GitHub's upload action computes that one itself and warns about any other value.
 */
export const FINGERPRINT_KEY = 'rampart/v2';

/** The category of the analysis when none is given. */
export const DEFAULT_SARIF_CATEGORY = 'rampart';

/**
 * What GitHub code scanning accepts (docs.github.com, "SARIF support for code scanning", limits table): a run
 * with more results, or a result with more locations, thread-flow locations or a rule with more tags, is rejected.
 */
export const GITHUB_LIMITS = {
  resultsPerRun: 25_000,
  locationsPerResult: 1_000,
  threadFlowLocationsPerResult: 10_000,
  tagsPerRule: 20,
  descriptionLength: 1024,
  ruleNameLength: 255,
} as const;

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0' };
const LEVEL_RANK: Record<SarifLevel, number> = { error: 0, warning: 1, note: 2, none: 3 };
const FIX_HELP = {
  safe: 'a safe fix is available; `--fix` applies it',
  suggestion: 'suggested fixes are offered in the editor; review them before applying',
  none: 'no automatic fix; change the code by hand',
} as const;
const SUPPRESSION_KIND: Record<SuppressionState['kind'], SarifSuppression['kind']> = { inline: 'inSource', config: 'external', baseline: 'external' };
/** Longest section of a rule's documentation page copied into `help.markdown`. */
const MAX_HELP_SECTION = 4000;

/**
 * Builds a SARIF 2.1.0 log with one run that GitHub code scanning accepts: every rule of `opts.rules` as a
 * reporting descriptor (help in Markdown from its documentation page, CWE and risk-area tags, security severity),
 * one result per finding (suppressed and baselined findings included, marked in `suppressions` with their
 * justification), value flows as `codeFlows`, safe fixes and suggestions as `fixes`, a content-based
 * fingerprint, internal errors and skipped files as tool execution notifications, and `automationDetails` with the
 * category. Artifact URIs are relative to `%SRCROOT%`, which `originalUriBaseIds` maps to the repository root; a
 * file outside that root is named by its absolute `file://` URI (never `../`), which code scanning cannot place.
 * Beyond GitHub's limit of results per run, suppressed findings and lower levels are left out first, and a
 * notification says how many.
 */
export function buildSarifLog(results: readonly FileResult[], opts: SarifFormatOptions): SarifLog {
  const context = formatContext(results, opts);
  const all = results.flatMap((r) => fileResults(r, context));
  const kept = withinLimit(all);
  const notes = notifications(results, context);
  if (kept.length < all.length) {
    notes.push({
      level: 'warning',
      message: { text: `${all.length - kept.length} of ${all.length} results were left out (suppressed ones and lower levels first): GitHub code scanning accepts at most ${GITHUB_LIMITS.resultsPerRun} per run.` },
    });
  }
  const category = opts.category ?? DEFAULT_SARIF_CATEGORY;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Rampart',
            informationUri: REPOSITORY_URL,
            semanticVersion: opts.toolVersion,
            rules: context.rules.map((rule) => ruleDescriptor(rule, context.withResults.has(rule.id) ? opts.ruleDocs : undefined)),
          },
        },
        automationDetails: { id: category.endsWith('/') ? category : `${category}/` },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notes }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUrl(context.root), description: { text: 'The root of the repository (the git work tree of the scanned folder), or the scanned folder outside a repository.' } } },
        results: kept,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** The SARIF log as pretty-printed JSON, ending with a newline. */
export function formatSarif(results: readonly FileResult[], opts: SarifFormatOptions): string {
  return escapeJsonControls(JSON.stringify(buildSarifLog(results, opts), null, 2)) + '\n';
}

/**
 * Files of `results` that lie outside the repository root, relative to `cwd` as the CLI shows them: SARIF names
 * them by absolute URI, which GitHub code scanning cannot place. The CLI says so.
 */
export function filesOutsideRoot(results: readonly FileResult[], cwd: string, root: string): string[] {
  return results.filter((r) => rootRelativePath(r.file, cwd, root) === null).map((r) => r.file);
}

interface FormatContext {
  cwd: string;
  root: string;
  rules: Rule[];
  ruleIndex: ReadonlyMap<string, number>;
  rulesById: ReadonlyMap<string, Rule>;
  withResults: ReadonlySet<string>;
  baseline: boolean;
}

function formatContext(results: readonly FileResult[], opts: SarifFormatOptions): FormatContext {
  const rules = uniqueRules(opts.rules);
  return {
    cwd: opts.cwd,
    root: opts.root ?? opts.cwd,
    rules,
    ruleIndex: new Map(rules.map((rule, i) => [rule.id, i])),
    rulesById: new Map(rules.map((rule) => [rule.id, rule])),
    withResults: new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId))),
    baseline: opts.baseline === true,
  };
}

function uniqueRules(rules: readonly Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => !seen.has(rule.id) && seen.add(rule.id));
}

function ruleDescriptor(rule: Rule, ruleDocs: SarifFormatOptions['ruleDocs']): SarifReportingDescriptor {
  const { meta } = rule;
  const security = meta.category !== 'meta';
  // GitHub shows the first 10 tags and rejects more than 20: the ones people filter by come first.
  const tags = [
    ...(security ? ['security'] : []),
    ...meta.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`),
    meta.category,
    ...(meta.owaspLlm ?? []),
    `risk-area/${meta.riskArea}`,
  ];
  return {
    id: rule.id,
    name: pascalCase(rule.id.slice(rule.id.indexOf('/') + 1)).slice(0, GITHUB_LIMITS.ruleNameLength),
    shortDescription: { text: limit(sentence(meta.description), GITHUB_LIMITS.descriptionLength) },
    fullDescription: {
      text: limit([sentence(meta.description), ...classification(rule).map(([label, text]) => `${label}: ${text}.`)].join(' '), GITHUB_LIMITS.descriptionLength),
    },
    helpUri: ruleDocsUrl(rule.id),
    help: help(rule, ruleDocs?.(rule.id)),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: [...new Set(tags)].slice(0, GITHUB_LIMITS.tagsPerRule),
      precision: meta.confidence,
      riskArea: meta.riskArea,
      ...((meta.owaspLlm ?? []).length > 0 ? { owaspLlm: [...meta.owaspLlm!] } : {}),
      ...(security ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  };
}

/** Category, weaknesses, OWASP ids and risk area as [label, plain text, markdown]. */
function classification(rule: Rule): Array<[string, string, string]> {
  const { meta } = rule;
  const facts: Array<[string, string, string]> = [['Category', meta.category, `\`${meta.category}\``]];
  if (meta.cwe.length > 0) {
    const links = meta.cwe.map((cwe) => `[${cwe}](https://cwe.mitre.org/data/definitions/${cwe.slice(4)}.html)`);
    facts.push(['Weaknesses', meta.cwe.join(', '), links.join(', ')]);
  }
  const owasp = meta.owaspLlm ?? [];
  if (owasp.length > 0) facts.push(['OWASP Top 10 for LLM Applications', owasp.join(', '), owasp.join(', ')]);
  const area = RISK_AREA_LABELS[meta.riskArea];
  if (area !== undefined) facts.push(['Risk area', area, area]);
  return facts;
}

/**
 * The rule's help: in plain text from its metadata; in Markdown, when its documentation page is given, why it
 * matters, how to fix it and an incorrect and a correct example from the page, then the metadata.
 */
function help(rule: Rule, page: string | undefined): SarifMultiformatMessage {
  const { meta } = rule;
  // Suppressing a meta rule (e.g. a malformed suppression comment) makes no sense, so no hint for those.
  const security = meta.category !== 'meta';
  const facts = [...classification(rule), ['Confidence', meta.confidence, meta.confidence], ['Fix', FIX_HELP[meta.fix], FIX_HELP[meta.fix]]];
  const comment = `rampart-ignore-next-line ${rule.id} -- <reason>`;
  const suppress = 'To accept a finding, write this in a comment on the line above it:';
  const url = ruleDocsUrl(rule.id);
  return {
    text: [
      sentence(meta.description),
      '',
      ...facts.map(([label, text]) => `${label}: ${text}`),
      ...(security ? ['', `${suppress} ${comment}`] : []),
      '',
      `Documentation: ${url}`,
    ].join('\n'),
    markdown: [
      `**${sentence(meta.description)}**`,
      '',
      ...(page !== undefined ? docHelp(rule, page) : []),
      ...facts.map(([label, , markdown]) => `- ${label}: ${markdown}`),
      ...(security ? ['', `${suppress} \`${comment}\``] : []),
      '',
      `[Documentation](${url})`,
    ].join('\n'),
  };
}

/** Why it matters, how to fix, and the first incorrect and correct examples of a rule's page, as Markdown lines. */
function docHelp(rule: Rule, page: string): string[] {
  const ruleId = rule.id;
  const sections = docSections(page);
  const lines: string[] = [];
  const add = (title: string | null, body: string | undefined) => {
    if (!body) return;
    if (title) lines.push(`#### ${title}`, '');
    lines.push(absoluteLinks(ruleId, limit(body, MAX_HELP_SECTION)), '');
  };
  add(null, sections.get('why it matters'));
  add('How to fix', sections.get('how to fix'));
  // A secrets rule's incorrect example is a realistic-looking credential: it stays on the page, out of the log.
  if (!isSecretRule(rule)) add('Incorrect', firstCodeBlock(sections.get('incorrect')));
  add('Correct', firstCodeBlock(sections.get('correct')));
  return lines;
}

/** The `## ` sections of a Markdown page by lower-cased heading, without HTML comments. */
function docSections(page: string): Map<string, string> {
  const sections = new Map<string, string>();
  const text = withoutHtmlComments(page);
  let heading: string | null = null;
  let body: string[] = [];
  let fenced = false;
  const flush = () => {
    if (heading !== null && !sections.has(heading)) sections.set(heading, body.join('\n').trim());
  };
  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const title = fenced || !/^##\s/.test(line) ? '' : line.slice(3).trim();
    if (title !== '') {
      flush();
      heading = title.toLowerCase();
      body = [];
    } else {
      body.push(line);
    }
  }
  flush();
  return sections;
}

/** The first fenced code block of a section, fences included. */
function firstCodeBlock(section: string | undefined): string | undefined {
  if (section === undefined) return undefined;
  const lines = section.split('\n');
  const open = lines.findIndex((l) => l.startsWith('```') || l.startsWith('~~~'));
  if (open < 0) return undefined;
  const fence = lines[open].slice(0, 3);
  const close = lines.findIndex((l, i) => i > open && l.startsWith(fence) && l.slice(3).trim() === '');
  return close < 0 ? undefined : lines.slice(open, close + 1).join('\n');
}

/** Markdown without `<!-- … -->` comments (an unclosed one runs to the end), in one pass. */
function withoutHtmlComments(page: string): string {
  let out = '';
  let at = 0;
  for (let open = page.indexOf('<!--'); open !== -1; open = page.indexOf('<!--', at)) {
    out += page.slice(at, open);
    const close = page.indexOf('-->', open + 4);
    if (close === -1) return out;
    at = close + 3;
  }
  return out + page.slice(at);
}

/** Links relative to the rule's page made absolute (GitHub shows the help outside the repository). */
function absoluteLinks(ruleId: string, markdown: string): string {
  const pageFolder = path.posix.dirname(`docs/rules/${ruleId}.md`);
  const absolute = (target: string) =>
    /^(?:[a-z][a-z0-9+.-]*:|#|\/)/i.test(target) ? target : `${REPOSITORY_URL}/blob/main/${path.posix.normalize(path.posix.join(pageFolder, target))}`;
  // `](target)`, the target without white space or `)`: one pass, since a scan that stops at white space or the
  // end fails for every `](` it passed over too.
  let out = '';
  let at = 0;
  for (let k = markdown.indexOf('](', at); k !== -1; k = markdown.indexOf('](', at)) {
    let j = k + 2;
    while (j < markdown.length && markdown[j] !== ')' && !/\s/.test(markdown[j])) j++;
    if (j < markdown.length && markdown[j] === ')' && j > k + 2) {
      out += `${markdown.slice(at, k)}](${absolute(markdown.slice(k + 2, j))})`;
      at = j + 1;
    } else {
      out += markdown.slice(at, j);
      at = j;
    }
  }
  return out + markdown.slice(at);
}

function fileResults(result: FileResult, context: FormatContext): SarifResult[] {
  const absolute = path.resolve(context.cwd, result.file);
  const artifactLocation = artifact(absolute, context);
  const fingerprint = fingerprinter(artifactLocation.uri);
  // Another file named relative to the finding's folder (a fix's .gitignore, a callee in an imported module).
  const sibling = (other: string) => artifact(path.join(path.dirname(absolute), ...other.split('/')), context);
  return result.findings.map((f) => {
    const index = context.ruleIndex.get(f.ruleId);
    const fixes = sarifFixes(f, artifactLocation, sibling);
    const meta = context.rulesById.get(f.ruleId)?.meta;
    const owaspLlm = meta?.owaspLlm ?? [];
    const properties = {
      ...f.properties,
      ...(meta !== undefined ? { riskArea: meta.riskArea } : {}),
      ...(owaspLlm.length > 0 ? { owaspLlm: [...owaspLlm] } : {}),
    };
    const related = f.related.slice(0, GITHUB_LIMITS.locationsPerResult);
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(f.range, f.start, f.end) } }],
      ...(related.length > 0
        ? {
            relatedLocations: related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: r.file !== undefined ? sibling(r.file) : artifactLocation, region: region(r.range, r.start, r.end) },
            })),
          }
        : {}),
      ...(f.flow && f.flow.length > 0 ? { codeFlows: [codeFlow(f, artifactLocation, sibling)] } : {}),
      ...(fixes.length > 0 ? { fixes } : {}),
      suppressions: f.suppressed ? [{ kind: SUPPRESSION_KIND[f.suppressed.kind], status: 'accepted', justification: f.suppressed.reason }] : [],
      ...(context.baseline ? { baselineState: f.suppressed?.kind === 'baseline' ? 'unchanged' : 'new' } : {}),
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    } satisfies SarifResult;
  });
}

/** The results GitHub accepts in one run: all of them, or the most important ones (unsuppressed, higher level first). */
function withinLimit(results: SarifResult[]): SarifResult[] {
  if (results.length <= GITHUB_LIMITS.resultsPerRun) return results;
  const rank = (r: SarifResult) => (r.suppressions.length > 0 ? 10 : 0) + LEVEL_RANK[r.level];
  const keep = new Set(
    results
      .map((r, i) => ({ r, i }))
      .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
      .slice(0, GITHUB_LIMITS.resultsPerRun)
      .map(({ r }) => r),
  );
  return results.filter((r) => keep.has(r));
}

/** The finding's value flow as one thread flow: each step, then the sink (the finding itself, unless the flow ends in another file). */
function codeFlow(f: Finding, artifactLocation: SarifArtifactLocation, sibling: (file: string) => SarifArtifactLocation): SarifCodeFlow {
  // A flow into another module already ends at the sink there; the finding is the call that passes the value.
  const endsElsewhere = f.flow![f.flow!.length - 1].file !== undefined;
  const steps: RelatedLocation[] = endsElsewhere ? f.flow! : [...f.flow!, { message: `Reaches the sink: ${f.ruleId}`, range: f.range, start: f.start, end: f.end }];
  return {
    message: { text: f.flow![0].message },
    threadFlows: [
      {
        locations: steps.slice(0, GITHUB_LIMITS.threadFlowLocationsPerResult).map((s, i) => ({
          location: {
            physicalLocation: { artifactLocation: s.file !== undefined ? sibling(s.file) : artifactLocation, region: region(s.range, s.start, s.end) },
            message: { text: s.message },
          },
          executionOrder: i + 1,
        })),
      },
    ],
  };
}

function region(range: Range, start: Finding['start'], end: Finding['end']): SarifRegion {
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine: end.line,
    endColumn: end.column,
    charOffset: range[0],
    charLength: range[1] - range[0],
  };
}

/** The safe fix first, then each suggestion; fixes without edits and duplicates are left out. */
function sarifFixes(f: Finding, artifactLocation: SarifArtifactLocation, sibling: (file: string) => SarifArtifactLocation): SarifFix[] {
  const candidates = [
    ...(f.fix ? [{ fix: f.fix, properties: { kind: 'safe' } }] : []),
    ...f.suggestions.map((s) => ({ fix: s as Fix, properties: { kind: 'suggestion', messageId: s.messageId } })),
  ];
  const seen = new Set<string>();
  const fixes: SarifFix[] = [];
  for (const { fix, properties } of candidates) {
    if (fix.edits.length === 0) continue;
    const sarifFix: SarifFix = {
      description: { text: fix.title },
      // One change per file: the finding's own, then each other file an edit names (a `.gitignore`).
      artifactChanges: [...new Set(fix.edits.map((e) => e.file))].map((file) => ({
        artifactLocation: file === undefined ? artifactLocation : sibling(file),
        replacements: fix.edits
          .filter((e) => e.file === file)
          .map((e) => ({
            deletedRegion: { charOffset: e.range[0], charLength: e.range[1] - e.range[0] },
            insertedContent: { text: e.text },
          })),
      })),
      properties,
    };
    const key = JSON.stringify(sarifFix);
    if (!seen.has(key)) fixes.push(sarifFix);
    seen.add(key);
  }
  return fixes;
}

/**
 * `<fingerprint>:<n>`: the finding's fingerprint (rule and code of its line, set by whoever had the text), numbered
 * among identical ones in the file as CodeQL numbers its line hashes. A finding without one (a caller that did
 * not fingerprint) gets a hash of rule, file, messageId and message — still no line number.
 */
function fingerprinter(file: string): (f: Finding) => string {
  const seen = new Map<string, number>();
  return (f) => {
    const base = f.fingerprint ?? createHash('sha256').update([f.ruleId, file, f.messageId, f.message].join('\0')).digest('hex').slice(0, 16);
    const key = `${f.ruleId}\0${base}`;
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    return `${base}:${occurrence}`;
  };
}

function notifications(results: readonly FileResult[], context: FormatContext): SarifNotification[] {
  const list: SarifNotification[] = [];
  for (const r of results) {
    for (const e of r.errors) {
      const index = context.ruleIndex.get(e.source);
      list.push({
        level: 'error',
        message: { text: e.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(path.resolve(context.cwd, e.file || r.file), context) } }],
        ...(index !== undefined ? { associatedRule: { id: e.source, index } } : {}),
        properties: { source: e.source },
      });
    }
    if (r.skipped) {
      list.push({
        level: 'note',
        message: { text: `File not analysed: ${r.skipped.reason}.` },
        locations: [{ physicalLocation: { artifactLocation: artifact(path.resolve(context.cwd, r.file), context) } }],
      });
    }
  }
  // The schema wants distinct notifications; the same failure twice in a file says nothing new.
  const seen = new Set<string>();
  return list.filter((n) => {
    const key = JSON.stringify(n);
    return !seen.has(key) && seen.add(key);
  });
}

/**
 * A relative, percent-encoded URI reference against `%SRCROOT%` (the repository root) for an absolute path inside
 * it; a `file://` URL for one outside it, so no URI ever climbs out of the root with `../`.
 */
function artifact(absolute: string, context: FormatContext): SarifArtifactLocation {
  const relative = rootRelativePath(absolute, context.cwd, context.root);
  if (relative === null) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
}

function directoryUrl(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('');
}

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** At most `max` characters, ending with `…` when cut. */
function limit(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

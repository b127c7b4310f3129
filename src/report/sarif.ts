import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Rule } from '../engine/rule';
import type { FileResult, Finding, Fix, Range, RelatedLocation, RiskArea, Severity } from '../engine/types';
import { displayPath, type BaseFormatOptions } from './input';
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
} from './sarif-types';
import { escapeJsonControls } from './escape';

/** Options of {@link formatSarif}. */
export interface SarifFormatOptions extends BaseFormatOptions {
  /** Rampart's version, written as `tool.driver.semanticVersion`. */
  toolVersion: string;
}

/** Where the log points for its schema. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The base id that relative artifact URIs resolve against; `originalUriBaseIds` maps it to `cwd`. */
export const SRCROOT = '%SRCROOT%';

/** Key of Rampart's entry in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'rampart/v1';

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0' };
const FIX_HELP = {
  safe: 'a safe fix is available; `--fix` applies it',
  suggestion: 'suggested fixes are offered in the editor; review them before applying',
  none: 'no automatic fix; change the code by hand',
} as const;

/**
 * Builds a SARIF 2.1.0 log with one run: every rule of `opts.rules` as a reporting descriptor (so
 * code scanning knows them all), one result per finding (suppressed findings included, marked in
 * `suppressions`), safe fixes and suggestions as `fixes`, internal errors and skipped files as tool
 * execution notifications. Paths are relative to `%SRCROOT%`, which `originalUriBaseIds` maps to `cwd`.
 */
export function buildSarifLog(results: readonly FileResult[], opts: SarifFormatOptions): SarifLog {
  const rules = uniqueRules(opts.rules);
  const ruleIndex = new Map(rules.map((rule, i) => [rule.id, i]));
  const riskAreas = new Map(rules.map((rule) => [rule.id, rule.meta.riskArea]));
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
            rules: rules.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications(results, opts.cwd, ruleIndex) }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUrl(opts.cwd) } },
        results: results.flatMap((r) => fileResults(r, opts.cwd, ruleIndex, riskAreas)),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
}

/** The SARIF log as pretty-printed JSON, ending with a newline. */
export function formatSarif(results: readonly FileResult[], opts: SarifFormatOptions): string {
  return escapeJsonControls(JSON.stringify(buildSarifLog(results, opts), null, 2)) + '\n';
}

function uniqueRules(rules: readonly Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => !seen.has(rule.id) && seen.add(rule.id));
}

function ruleDescriptor(rule: Rule): SarifReportingDescriptor {
  const { meta } = rule;
  const security = meta.category !== 'meta';
  const tags = [
    ...(security ? ['security'] : []),
    meta.category,
    ...meta.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`),
    ...(meta.owaspLlm ?? []),
  ];
  return {
    id: rule.id,
    name: pascalCase(rule.id.slice(rule.id.indexOf('/') + 1)),
    shortDescription: { text: sentence(meta.description) },
    fullDescription: { text: [sentence(meta.description), ...classification(rule).map(([label, text]) => `${label}: ${text}.`)].join(' ') },
    helpUri: ruleDocsUrl(rule.id),
    help: help(rule),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: [...new Set(tags)],
      precision: meta.confidence,
      riskArea: meta.riskArea,
      ...(security ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  };
}

/** Category, weaknesses and OWASP ids as [label, plain text, markdown]. */
function classification(rule: Rule): Array<[string, string, string]> {
  const { meta } = rule;
  const facts: Array<[string, string, string]> = [['Category', meta.category, `\`${meta.category}\``]];
  if (meta.cwe.length > 0) {
    const links = meta.cwe.map((cwe) => `[${cwe}](https://cwe.mitre.org/data/definitions/${cwe.slice(4)}.html)`);
    facts.push(['Weaknesses', meta.cwe.join(', '), links.join(', ')]);
  }
  const owasp = meta.owaspLlm ?? [];
  if (owasp.length > 0) facts.push(['OWASP Top 10 for LLM Applications', owasp.join(', '), owasp.join(', ')]);
  return facts;
}

function help(rule: Rule): SarifMultiformatMessage {
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
      ...facts.map(([label, , markdown]) => `- ${label}: ${markdown}`),
      ...(security ? ['', `${suppress} \`${comment}\``] : []),
      '',
      `[Documentation](${url})`,
    ].join('\n'),
  };
}

function fileResults(result: FileResult, cwd: string, ruleIndex: ReadonlyMap<string, number>, riskAreas: ReadonlyMap<string, RiskArea>): SarifResult[] {
  const artifactLocation = artifact(result.file, cwd);
  const fingerprint = fingerprinter(displayPath(result.file, cwd));
  // Another file named relative to the finding's folder (a fix's .gitignore, a callee in an imported module).
  const sibling = (other: string) => artifact(path.join(path.dirname(result.file), ...other.split('/')), cwd);
  return result.findings.map((f) => {
    const index = ruleIndex.get(f.ruleId);
    const fixes = sarifFixes(f, artifactLocation, sibling);
    const riskArea = riskAreas.get(f.ruleId);
    const properties = { ...f.properties, ...(riskArea !== undefined ? { riskArea } : {}) };
    return {
      ruleId: f.ruleId,
      ...(index !== undefined ? { ruleIndex: index } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation, region: region(f.range, f.start, f.end) } }],
      ...(f.related.length > 0
        ? {
            relatedLocations: f.related.map((r, id) => ({
              id,
              message: { text: r.message },
              physicalLocation: { artifactLocation: r.file !== undefined ? sibling(r.file) : artifactLocation, region: region(r.range, r.start, r.end) },
            })),
          }
        : {}),
      ...(f.flow && f.flow.length > 0 ? { codeFlows: [codeFlow(f, artifactLocation, sibling)] } : {}),
      ...(fixes.length > 0 ? { fixes } : {}),
      suppressions: f.suppressed
        ? [{ kind: f.suppressed.kind === 'inline' ? 'inSource' : 'external', justification: f.suppressed.reason }]
        : [],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
      ...(Object.keys(properties).length > 0 ? { properties } : {}),
    };
  });
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
        locations: steps.map((s, i) => ({
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
 * Formatters see offsets, not the source text, so the fingerprint cannot hash the line's content as
 * CodeQL's `primaryLocationLineHash` does: it is the SHA-256 of rule id, file, messageId and start line,
 * with a `:<n>` suffix numbering identical ones within the file (as CodeQL does). Editing lines above
 * a finding changes it; github/codeql-action's upload adds its own content-based fingerprint.
 */
function fingerprinter(file: string): (f: Finding) => string {
  const seen = new Map<string, number>();
  return (f) => {
    const hash = createHash('sha256').update([f.ruleId, file, f.messageId, String(f.start.line)].join('\0')).digest('hex');
    const occurrence = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, occurrence);
    return `${hash}:${occurrence}`;
  };
}

function notifications(
  results: readonly FileResult[],
  cwd: string,
  ruleIndex: ReadonlyMap<string, number>,
): SarifNotification[] {
  const list: SarifNotification[] = [];
  for (const r of results) {
    for (const e of r.errors) {
      const index = ruleIndex.get(e.source);
      list.push({
        level: 'error',
        message: { text: e.message },
        locations: [{ physicalLocation: { artifactLocation: artifact(e.file || r.file, cwd) } }],
        ...(index !== undefined ? { associatedRule: { id: e.source, index } } : {}),
        properties: { source: e.source },
      });
    }
    if (r.skipped) {
      list.push({
        level: 'note',
        message: { text: `File not analysed: ${r.skipped.reason}.` },
        locations: [{ physicalLocation: { artifactLocation: artifact(r.file, cwd) } }],
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

/** A relative, percent-encoded URI reference against `%SRCROOT%`, or a file URL outside `cwd`. */
function artifact(file: string, cwd: string): SarifArtifactLocation {
  const shown = displayPath(file, cwd);
  if (path.isAbsolute(shown)) return { uri: pathToFileURL(shown).href };
  return { uri: shown.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
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

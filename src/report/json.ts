import type { Rule } from '../engine/rule';
import type { FileResult, Finding, Fix, Range, RelatedLocation, RiskArea, RuleCategory, Severity, SuppressionState } from '../engine/types';
import { displayPath, type BaseFormatOptions } from './input';
import { ruleDocsUrl } from './rule-docs';
import { summarize, type ReportSummary } from './summary';
import { escapeJsonControls } from './escape';

/** Version of the JSON report shape; bumped on any incompatible change. */
export const JSON_REPORT_VERSION = 1;

/**
 * The JSON report. Every key is always present (absent values are `null` or `[]`), offsets are UTF-16
 * code units into the original text, lines and columns are 1-based (end column exclusive).
 */
export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  /** One entry per file, in the order the engine returned them. */
  results: JsonFileResult[];
  summary: ReportSummary;
  /** Metadata of each rule that has at least one finding in `results`, keyed by rule id. */
  rules: Record<string, JsonRuleInfo>;
}

/** Everything about one file. */
export interface JsonFileResult {
  /** Path relative to the working directory, forward slashes. */
  file: string;
  /** Language adapter that read the file, or `null` when none does. */
  language: string | null;
  findings: JsonFinding[];
  /** Failures inside Rampart for this file; `source` is `parser` or the id of the rule that threw. */
  errors: Array<{ source: string; message: string }>;
  /** Why the file was not analysed, or `null`. */
  skipped: { reason: string } | null;
}

/** A location in the file, as lines/columns and as offsets. */
export interface JsonLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** `[start, end)` UTF-16 offsets. */
  range: [number, number];
}

/** One finding. Suppressed findings are included with `suppressed` set. */
export interface JsonFinding extends JsonLocation {
  ruleId: string;
  messageId: string;
  severity: Severity;
  message: string;
  /** The safe fix that `--fix` applies, or `null`. Its edits can be passed to `applyFixes` as they are. */
  fix: JsonFix | null;
  /** Optional fixes the user may choose. */
  suggestions: JsonSuggestion[];
  /** Secondary locations, e.g. where an untrusted value comes from. */
  /** `file`, when present, is another file than the finding's, relative to the finding's folder. */
  related: Array<JsonLocation & { message: string; file?: string }>;
  /** For value-flow findings: the source, then each step the value goes through to the finding (absent otherwise). */
  flow?: Array<JsonLocation & { message: string; file?: string }>;
  /**
   * How the finding is suppressed (`inline` comment, `config` entry, or `baseline` with reason `baseline` when
   * `--baseline` accepts it) and why, or `null`.
   */
  suppressed: { kind: SuppressionState['kind']; reason: string; range: [number, number] | null } | null;
  /** Stable identity of the finding (rule and code of its line; see `rampart scan --write-baseline`), when known. */
  fingerprint?: string;
  /** Facts behind the finding, when the rule gives them: for package findings, what the registry said. */
  properties?: Record<string, string | number | boolean>;
}

/**
 * A fix: non-overlapping replacements of `range` (offsets of the original text) by `text`. An edit with
 * `file` applies to that other file (relative to the finding's folder, created when missing) instead.
 */
export interface JsonFix {
  title: string;
  edits: Array<{ range: [number, number]; text: string; file?: string }>;
}

/** A suggestion: a fix the user chooses, with the messageId of its title. */
export interface JsonSuggestion extends JsonFix {
  messageId: string;
}

/** What a consumer needs to present a rule without loading Rampart. */
export interface JsonRuleInfo {
  description: string;
  category: RuleCategory;
  /** The risk area the rule reports in: `misuse`, `operation`, `development`, `supply-chain` or `oversight`. */
  riskArea: RiskArea;
  defaultSeverity: Severity;
  cwe: string[];
  owaspLlm: string[];
  docsUrl: string;
}

/** Builds the {@link JsonReport} object that {@link formatJson} serialises. */
export function buildJsonReport(results: readonly FileResult[], opts: BaseFormatOptions): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    results: results.map((r) => ({
      file: displayPath(r.file, opts.cwd),
      language: r.language,
      findings: r.findings.map(toJsonFinding),
      errors: r.errors.map((e) => ({ source: e.source, message: e.message })),
      skipped: r.skipped ? { reason: r.skipped.reason } : null,
    })),
    summary: summarize(results),
    rules: rulesUsed(results, opts.rules),
  };
}

/** The report as pretty-printed JSON (see {@link JsonReport}), ending with a newline. */
export function formatJson(results: readonly FileResult[], opts: BaseFormatOptions): string {
  return escapeJsonControls(JSON.stringify(buildJsonReport(results, opts), null, 2)) + '\n';
}

function toJsonFinding(f: Finding): JsonFinding {
  return {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    line: f.start.line,
    column: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    range: copyRange(f.range),
    fix: f.fix ? toJsonFix(f.fix) : null,
    suggestions: f.suggestions.map((s) => ({ messageId: s.messageId, ...toJsonFix(s) })),
    related: f.related.map(jsonLocation),
    ...(f.flow ? { flow: f.flow.map(jsonLocation) } : {}),
    suppressed: f.suppressed
      ? { kind: f.suppressed.kind, reason: f.suppressed.reason, range: f.suppressed.range ? copyRange(f.suppressed.range) : null }
      : null,
    ...(f.fingerprint !== undefined ? { fingerprint: f.fingerprint } : {}),
    ...(f.properties ? { properties: { ...f.properties } } : {}),
  };
}

function toJsonFix(fix: Fix): JsonFix {
  return { title: fix.title, edits: fix.edits.map((e) => ({ range: copyRange(e.range), text: e.text, ...(e.file !== undefined ? { file: e.file } : {}) })) };
}

function copyRange(range: Range): [number, number] {
  return [range[0], range[1]];
}

function rulesUsed(results: readonly FileResult[], rules: readonly Rule[]): Record<string, JsonRuleInfo> {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const info: Record<string, JsonRuleInfo> = {};
  for (const rule of [...rules].sort((a, b) => a.id.localeCompare(b.id))) {
    if (!used.has(rule.id) || Object.hasOwn(info, rule.id)) continue;
    info[rule.id] = {
      description: rule.meta.description,
      category: rule.meta.category,
      riskArea: rule.meta.riskArea,
      defaultSeverity: rule.meta.severity,
      cwe: [...rule.meta.cwe],
      owaspLlm: [...(rule.meta.owaspLlm ?? [])],
      docsUrl: ruleDocsUrl(rule.id),
    };
  }
  return info;
}

function jsonLocation(r: RelatedLocation): JsonLocation & { message: string; file?: string } {
  const at = { message: r.message, line: r.start.line, column: r.start.column, endLine: r.end.line, endColumn: r.end.column, range: copyRange(r.range) };
  return r.file !== undefined ? { ...at, file: r.file } : at;
}

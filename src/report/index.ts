/**
 * Report formatters: pure functions from engine results to strings (text for terminals, JSON for
 * scripts, SARIF 2.1.0 for code scanning, HTML for people who answer for risk, Markdown for pull-request
 * comments). No I/O; the CLI decides where the output goes.
 */
export { formatText, type TextFormatOptions } from './text';
export {
  buildJsonReport,
  formatJson,
  JSON_REPORT_VERSION,
  type JsonFileResult,
  type JsonFinding,
  type JsonFix,
  type JsonLocation,
  type JsonReport,
  type JsonRuleInfo,
  type JsonSuggestion,
} from './json';
export { buildSarifLog, DEFAULT_SARIF_CATEGORY, filesOutsideRoot, FINGERPRINT_KEY, formatSarif, GITHUB_LIMITS, SARIF_SCHEMA_URI, SRCROOT, type SarifFormatOptions } from './sarif';
export type * from './sarif-types';
export { rootRelativePath, type BaseFormatOptions } from './input';
export { codeExcerpt, MAX_EXCERPT, type ExcerptOptions } from './excerpt';
export { summarize, type ReportSummary } from './summary';
export { ruleDocsUrl, REPOSITORY_URL } from './rule-docs';
export { formatHtml, MAX_FINDINGS_PER_RULE, REPORT_CSP, ruleGuidance, type HtmlFormatOptions, type ReportCoverage, type ReportWaiver } from './html';
export { formatMarkdown, MAX_MARKDOWN_FINDINGS, type MarkdownFormatOptions } from './markdown';
export { FRAMEWORK_MAPPING, FRAMEWORKS, frameworkMappingFor, type Framework, type FrameworkId, type FrameworkMapping } from './frameworks';

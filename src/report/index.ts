/**
 * Report formatters: pure functions from engine results to strings (text for terminals, JSON for
 * scripts, SARIF 2.1.0 for code scanning). No I/O; the CLI decides where the output goes.
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
export { buildSarifLog, FINGERPRINT_KEY, formatSarif, SARIF_SCHEMA_URI, SRCROOT, type SarifFormatOptions } from './sarif';
export type * from './sarif-types';
export type { BaseFormatOptions } from './input';
export { summarize, type ReportSummary } from './summary';
export { ruleDocsUrl, REPOSITORY_URL } from './rule-docs';

import type { Classification } from './classify';
import type { LanguageId, ReportDescriptor, RiskArea, RuleMeta, Severity, Visitors } from './types';

/** What a rule sees of the file it is running on. */
export interface RuleContext<Helpers = unknown> {
  readonly ruleId: string;
  /** Path of the file, as given to the engine. */
  readonly file: string;
  /** Which adapter reads the file, and in which dialect (`package.json` is `json`, a requirements file `text`/`requirements`). */
  readonly classification: Classification;
  /** Full text of the file. */
  readonly text: string;
  /** The severity this run reports the rule at. */
  readonly severity: Severity;
  /** Options from configuration, already validated against the rule's options schema. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Language-specific helpers from the adapter (for JS: import resolution and value flow). */
  readonly lang: Helpers;
  /** Whether the file is analysed for its callers in other files (`AnalyzeRequest.summaries`): `summaryOnly` findings are kept. */
  readonly summaries?: boolean;
  /** Reports a finding. Throws if the messageId is unknown or the fix kind is not declared. */
  report(descriptor: ReportDescriptor): void;
  /**
   * Asks a service the rule declares in `meta.requires` (a registry, the project's manifests). Visitors
   * stay synchronous: `then` runs after the traversal, in the one batched async step of
   * `Analyzer.analyzeAsync`, and may report or ask again. When the service is not provided (offline,
   * synchronous analysis), is cancelled or misses the deadline, `then` never runs.
   */
  ask<Answer = unknown>(service: string, query: unknown, then: (answer: Answer) => void): void;
}

/** A rule: metadata plus a factory of visitors. */
export interface Rule<Node = unknown, Helpers = unknown> {
  readonly id: string;
  readonly meta: RuleMeta;
  readonly languages: readonly LanguageId[];
  create(context: RuleContext<Helpers>): Visitors<Node>;
  /**
   * A cheap test that lets the engine skip the rule on a file it cannot report on (a Kubernetes rule on a
   * YAML file without `apiVersion`), so no context is made for it. Never a judgement: when in doubt, true.
   */
  readonly applies?: (text: string, classification: Classification) => boolean;
}

/** The rules, each skipped on files `applies` rules out (see {@link Rule.applies}). */
export function applyingTo(rules: readonly Rule[], applies: (text: string, classification: Classification) => boolean): Rule[] {
  return rules.map((rule) => Object.freeze({ ...rule, create: rule.create, applies }));
}

/** The risk areas in reporting order, with the labels shown in the editor view and the docs. */
export const RISK_AREAS: readonly { id: RiskArea; label: string }[] = [
  { id: 'misuse', label: 'Misuse and emergent behaviour' },
  { id: 'operation', label: 'AI in operation' },
  { id: 'development', label: 'AI development and infrastructure' },
  { id: 'supply-chain', label: 'The AI supply chain' },
  { id: 'oversight', label: 'Readiness and oversight' },
];

/** Display label of each risk area. */
export const RISK_AREA_LABELS: Readonly<Record<RiskArea, string>> = Object.fromEntries(RISK_AREAS.map((a) => [a.id, a.label])) as Record<RiskArea, string>;

const ID_PATTERN = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*\/(no|require)-[a-z0-9]+(?:-[a-z0-9]+)*$/;
const META_ID_PATTERN = /^rampart\/[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CWE_PATTERN = /^CWE-\d+$/;
const MESSAGE_ID_PATTERN = /^[a-z][a-zA-Z0-9]*$/;

/**
 * Declares a rule and checks its metadata, so a malformed rule fails when the registry loads (and in
 * the metadata tests), not when a user runs it.
 */
export function defineRule<Node = unknown, Helpers = unknown>(rule: Rule<Node, Helpers>): Rule<Node, Helpers> {
  const problems = validateRule(rule as Rule);
  if (problems.length > 0) throw new Error(`Invalid rule ${rule.id}: ${problems.join('; ')}`);
  return Object.freeze(rule);
}

/** Lists what is wrong with a rule's id and metadata; empty when it is well formed. */
export function validateRule(rule: Rule): string[] {
  const problems: string[] = [];
  const { meta } = rule;
  const isMeta = meta.category === 'meta';
  if (!(isMeta ? META_ID_PATTERN : ID_PATTERN).test(rule.id)) {
    problems.push(`id must look like <target>/no-<name> or <target>/require-<name>`);
  }
  if (!meta.description || meta.description.length > 120) problems.push('description must be 1-120 characters');
  if (!Object.hasOwn(RISK_AREA_LABELS, meta.riskArea)) problems.push(`riskArea must be one of ${RISK_AREAS.map((a) => a.id).join(', ')}`);
  if (!isMeta && meta.cwe.length === 0) problems.push('security rules need at least one CWE id');
  for (const cwe of meta.cwe) if (!CWE_PATTERN.test(cwe)) problems.push(`bad CWE id ${cwe}`);
  if (Object.keys(meta.messages).length === 0) problems.push('at least one message is required');
  for (const id of Object.keys(meta.messages)) {
    if (!MESSAGE_ID_PATTERN.test(id)) problems.push(`messageId ${id} must be camelCase`);
  }
  if (rule.languages.length === 0 && !meta.reportedFromConfiguration) problems.push('at least one language is required');
  return problems;
}

/** Fills `{{name}}` placeholders of a message template. Unknown placeholders are left as they are. */
export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, key: string) => (key in data ? String(data[key]) : m));
}

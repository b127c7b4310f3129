/**
 * What the Rampart view shows, computed without the editor: findings grouped by risk area, severity, rule
 * or file, filtered by severity and text, suppressed findings with their reason and expiry, and a summary
 * of what the workspace holds that Rampart knows about. Kept free of `vscode` imports so plain mocha tests
 * cover it; `findings-view.ts` turns it into tree items.
 */
import { classifyFile } from '../../engine/classify';
import { RISK_AREAS, RISK_AREA_LABELS } from '../../engine/rule';
import type { FileResult, Finding, RiskArea, Severity } from '../../engine/types';
import { agentFileKind } from '../../rules/agent/files';

/** How the view groups findings. */
export type GroupBy = 'area' | 'severity' | 'rule' | 'file';

/** The groupings in the order the "Group By" picker offers them, with their labels. */
export const GROUPINGS: readonly { id: GroupBy; label: string }[] = [
  { id: 'area', label: 'Risk area' },
  { id: 'severity', label: 'Severity' },
  { id: 'rule', label: 'Rule' },
  { id: 'file', label: 'File' },
];

const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABELS: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/** One finding with the file it belongs to. */
export interface ViewFinding {
  finding: Finding;
  /** Workspace-relative path shown to the user (`src/server.js`). */
  file: string;
  /** The file's URI as a string, to open it. */
  uri: string;
}

/** A file's stored result, as the view receives it from the finding store. */
export interface ViewFile {
  /** Workspace-relative path (`/` separators). */
  file: string;
  uri: string;
  result: FileResult;
}

/** Which findings the view shows: every severity when `severities` is null; `text` matches case-insensitively. */
export interface ViewFilter {
  severities: readonly Severity[] | null;
  text: string;
}

/** No filter. */
export const NO_FILTER: ViewFilter = { severities: null, text: '' };

/** A group of the tree: its key, label, count description and findings (already sorted). */
export interface FindingGroup {
  id: string;
  label: string;
  description: string;
  findings: ViewFinding[];
}

/** Every finding of `files`, with its file; unsuppressed and suppressed together. */
export function viewFindings(files: readonly ViewFile[]): ViewFinding[] {
  return files.flatMap((f) => f.result.findings.map((finding) => ({ finding, file: f.file, uri: f.uri })));
}

/** Whether the filter is on. */
export function isFiltered(filter: ViewFilter): boolean {
  return filter.severities !== null || filter.text.trim() !== '';
}

/** The findings `filter` lets through: of the chosen severities, with the text in the message, rule id or file. */
export function filterFindings(items: readonly ViewFinding[], filter: ViewFilter): ViewFinding[] {
  const text = filter.text.trim().toLowerCase();
  return items.filter(({ finding, file }) => {
    if (filter.severities && !filter.severities.includes(finding.severity)) return false;
    if (!text) return true;
    return [finding.message, finding.ruleId, file].some((s) => s.toLowerCase().includes(text));
  });
}

/** The filter as a short text for the view's description (`error, warning · "sql"`), or undefined when off. */
export function describeFilter(filter: ViewFilter): string | undefined {
  if (!isFiltered(filter)) return undefined;
  const parts: string[] = [];
  if (filter.severities) parts.push(filter.severities.length === 0 ? 'no severity' : filter.severities.join(', '));
  if (filter.text.trim()) parts.push(`"${filter.text.trim()}"`);
  return `Filter: ${parts.join(' · ')}`;
}

/** "3 findings", "1 finding". */
export function countLabel(n: number): string {
  return `${n} finding${n === 1 ? '' : 's'}`;
}

/**
 * Groups unsuppressed findings. By area: the five risk areas in reporting order (empty ones kept, so the
 * view always shows where nothing was found); by severity: errors, warnings, info (empty ones left out);
 * by rule and file: alphabetically. Within a group, findings are ordered by file, line and column.
 */
export function groupFindings(items: readonly ViewFinding[], by: GroupBy, areaOf: (ruleId: string) => RiskArea | undefined): FindingGroup[] {
  const sorted = [...items].sort(compareFindings);
  const groups: FindingGroup[] = [];
  const add = (id: string, label: string, findings: ViewFinding[], keepEmpty = false) => {
    if (findings.length > 0 || keepEmpty) groups.push({ id, label, description: String(findings.length), findings });
  };
  if (by === 'area') {
    for (const area of RISK_AREAS) add(`area:${area.id}`, area.label, sorted.filter((f) => areaOf(f.finding.ruleId) === area.id), true);
    // A finding of a rule the registry does not know (none today) is not lost.
    add('area:other', 'Other', sorted.filter((f) => areaOf(f.finding.ruleId) === undefined));
  } else if (by === 'severity') {
    for (const s of SEVERITIES) add(`severity:${s}`, SEVERITY_LABELS[s], sorted.filter((f) => f.finding.severity === s));
  } else {
    const key = (f: ViewFinding) => (by === 'rule' ? f.finding.ruleId : f.file);
    const keys = [...new Set(sorted.map(key))].sort((a, b) => a.localeCompare(b));
    for (const k of keys) add(`${by}:${k}`, k, sorted.filter((f) => key(f) === k));
  }
  return groups;
}

function compareFindings(a: ViewFinding, b: ViewFinding): number {
  return a.file.localeCompare(b.file) || a.finding.start.line - b.finding.start.line || a.finding.start.column - b.finding.start.column || a.finding.ruleId.localeCompare(b.finding.ruleId);
}

/** Label of a finding's tree item: its message. */
export function findingLabel(item: ViewFinding): string {
  return item.finding.message;
}

/**
 * Description of a finding's tree item: where it is, and what the grouping does not already say (the
 * rule, unless grouped by rule; the file, unless grouped by file).
 */
export function findingDescription(item: ViewFinding, by: GroupBy | 'suppressed'): string {
  const where = by === 'file' ? `Ln ${item.finding.start.line}` : `${item.file}:${item.finding.start.line}`;
  return by === 'rule' ? where : `${item.finding.ruleId} · ${where}`;
}

/** Tooltip of a finding: message, rule, severity, area and place (Markdown-free plain text). */
export function findingTooltip(item: ViewFinding, area: RiskArea | undefined): string {
  const f = item.finding;
  return [
    f.message,
    '',
    `${f.ruleId} · ${f.severity}${area ? ` · ${RISK_AREA_LABELS[area]}` : ''}`,
    `${item.file}:${f.start.line}:${f.start.column}`,
  ].join('\n');
}

/** A `suppressions` entry of the team config that covers a file (path already matched). */
export interface SuppressionEntry {
  rule: string;
  reason: string;
  line?: number;
  expires?: string;
  /** Whether the entry's last day is over (then it suppresses nothing). */
  expired: boolean;
}

/** A suppressed finding, or one whose config suppression expired, as the "Suppressed" group lists it. */
export interface SuppressedItem extends ViewFinding {
  reason: string;
  kind: 'inline' | 'config' | 'baseline';
  /** Last day of the config entry, when it has one. */
  expires?: string;
  /** The entry expired: the finding counts again. */
  expired: boolean;
}

/**
 * The "Suppressed" group: every suppressed finding with its reason (and the expiry of the config entry
 * that suppresses it), then every unsuppressed finding that an expired entry used to suppress, flagged.
 * `entriesFor(uri)` gives the config entries whose path covers the file.
 */
export function suppressedItems(items: readonly ViewFinding[], entriesFor: (uri: string) => readonly SuppressionEntry[]): SuppressedItem[] {
  const covers = (e: SuppressionEntry, f: Finding) => e.rule === f.ruleId && (e.line === undefined || e.line === f.start.line);
  const out: SuppressedItem[] = [];
  for (const item of [...items].sort(compareFindings)) {
    const f = item.finding;
    const entries = entriesFor(item.uri);
    if (f.suppressed) {
      const entry = f.suppressed.kind === 'config' ? entries.find((e) => !e.expired && covers(e, f) && e.reason === f.suppressed!.reason) : undefined;
      out.push({ ...item, reason: f.suppressed.reason, kind: f.suppressed.kind, ...(entry?.expires ? { expires: entry.expires } : {}), expired: false });
      continue;
    }
    const lapsed = entries.find((e) => e.expired && covers(e, f));
    if (lapsed) out.push({ ...item, reason: lapsed.reason, kind: 'config', ...(lapsed.expires ? { expires: lapsed.expires } : {}), expired: true });
  }
  return out;
}

/** Label of the "Suppressed" group: `Suppressed (2)`, `Suppressed (2, 1 expired)`. */
export function suppressedLabel(items: readonly SuppressedItem[]): string {
  const expired = items.filter((i) => i.expired).length;
  const active = items.length - expired;
  return expired > 0 ? `Suppressed (${active}, ${expired} expired)` : `Suppressed (${active})`;
}

/** Description of a suppressed item: the reason, and the expiry (`expired on …` when it is over). */
export function suppressedDescription(item: SuppressedItem): string {
  const expiry = item.expired ? ` · EXPIRED on ${item.expires ?? '?'}, counts again` : item.expires ? ` · until ${item.expires}` : '';
  return `${item.reason}${expiry}`;
}

/** What the workspace holds that Rampart knows about, from the files it analysed. */
export interface WorkspaceSummary {
  files: number;
  mcpConfigs: number;
  agentConfigs: number;
  /** Provider name -> number of files that import its SDK. */
  llmProviders: Record<string, number>;
  /** Platform name -> number of files. */
  iacPlatforms: Record<string, number>;
  /** Ecosystem name -> number of manifests. */
  ecosystems: Record<string, number>;
}

/** SDK modules (JS/TS and Python) of LLM providers, by provider. */
const PROVIDER_MODULES: ReadonlyArray<[provider: string, modules: readonly string[]]> = [
  ['OpenAI', ['openai', '@ai-sdk/openai', '@langchain/openai', 'langchain_openai', '@azure/openai']],
  ['Anthropic', ['@anthropic-ai/sdk', 'anthropic', '@ai-sdk/anthropic', '@langchain/anthropic', 'langchain_anthropic']],
  ['Google Gemini', ['@google/generative-ai', '@google/genai', '@ai-sdk/google', 'google.generativeai', 'google.genai', '@langchain/google-genai', 'langchain_google_genai', 'vertexai']],
  ['Mistral', ['@mistralai/mistralai', 'mistralai', '@ai-sdk/mistral']],
  ['Cohere', ['cohere-ai', 'cohere', '@ai-sdk/cohere']],
  ['Groq', ['groq-sdk', 'groq', '@ai-sdk/groq']],
  ['Ollama', ['ollama', 'ollama-ai-provider']],
  ['AWS Bedrock', ['@aws-sdk/client-bedrock-runtime', '@ai-sdk/amazon-bedrock', 'langchain_aws']],
  ['Hugging Face', ['@huggingface/inference', 'huggingface_hub', 'transformers']],
  ['Replicate', ['replicate']],
  ['Together', ['together-ai', 'together']],
];
const MODULE_PROVIDER = new Map(PROVIDER_MODULES.flatMap(([provider, modules]) => modules.map((m) => [m, provider] as const)));

// Module names in import statements: JS `from '…'`, `import '…'`, `require('…')`, `import('…')`; Python
// `import a, b` and `from a.b import …`. Bounded quantifiers only (ReDoS-safe).
const JS_IMPORT = /(?:\bfrom[ \t]{0,20}|\bimport[ \t]{0,20}(?:\([ \t]{0,20})?|\brequire[ \t]{0,20}\([ \t]{0,20})['"]([@\w./-]{1,100})['"]/g;
const PY_IMPORT = /^[ \t]{0,40}(?:from[ \t]{1,20}([\w.]{1,100})[ \t]{1,20}import\b|import[ \t]{1,20}([\w., \t]{1,200}))/gm;

/** The LLM providers whose SDKs a JS/TS or Python file imports, by their module names. */
export function llmProvidersIn(text: string, language: string | null): string[] {
  const modules: string[] = [];
  if (language === 'js') {
    for (const m of text.matchAll(JS_IMPORT)) modules.push(m[1]);
  } else if (language === 'python') {
    for (const m of text.matchAll(PY_IMPORT)) {
      if (m[1]) modules.push(m[1]);
      else for (const part of m[2].split(',')) modules.push(part.trim().split(/\s/)[0]);
    }
  } else {
    return [];
  }
  const providers = new Set<string>();
  for (const name of modules) {
    // `openai/resources`, `@ai-sdk/openai/internal`, `google.generativeai.types`: the package is the prefix.
    const parts = name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0];
    const provider = MODULE_PROVIDER.get(parts) ?? MODULE_PROVIDER.get(name.split('.').slice(0, 2).join('.')) ?? MODULE_PROVIDER.get(name.split('.')[0]);
    if (provider) providers.add(provider);
  }
  return [...providers].sort();
}

/** The IaC platform of a file by its path, or, for YAML and JSON, by its text when given. */
export function iacPlatformOf(file: string, text?: string): string | null {
  const c = classifyFile(file);
  if (!c) return null;
  if (c.language === 'terraform') return 'Terraform';
  if (c.language === 'dockerfile') return 'Dockerfile';
  if (c.dialect === 'compose') return 'Docker Compose';
  if (c.dialect === 'github-workflow' || c.dialect === 'github-action') return 'GitHub Actions';
  if (text !== undefined && (c.language === 'yaml' || c.language === 'json')) {
    if (/AWSTemplateFormatVersion|["']?Type["']?\s{0,4}:\s{0,4}["']?AWS::\w{1,60}::/.test(text)) return 'CloudFormation';
    if (c.language === 'yaml' && /^apiVersion:[ \t]{0,20}\S/m.test(text) && /^kind:[ \t]{0,20}[A-Z]/m.test(text)) return 'Kubernetes';
  }
  return null;
}

/** The package ecosystem of a manifest by its file name, or null. */
export function ecosystemOf(file: string): string | null {
  const base = file.split(/[\\/]/).pop()!.toLowerCase();
  if (base === 'package.json') return 'npm';
  const c = classifyFile(file);
  if (c && (c.dialect === 'requirements' || c.dialect === 'pyproject' || c.dialect === 'pipfile')) return 'PyPI';
  return null;
}

/**
 * Sums up the analysed files. `textOf(file)` gives a file's text when the caller has it (for LLM SDK
 * imports and for telling Kubernetes and CloudFormation YAML apart); without it, a Kubernetes or
 * CloudFormation file still counts when one of those rules reported in it.
 */
export function summarizeWorkspace(files: readonly ViewFile[], textOf: (file: ViewFile) => string | undefined = () => undefined): WorkspaceSummary {
  const summary: WorkspaceSummary = { files: files.length, mcpConfigs: 0, agentConfigs: 0, llmProviders: {}, iacPlatforms: {}, ecosystems: {} };
  const bump = (table: Record<string, number>, key: string) => (table[key] = (table[key] ?? 0) + 1);
  for (const f of files) {
    const kind = agentFileKind(f.file);
    if (kind === 'mcp-vscode' || kind === 'mcp-servers') summary.mcpConfigs++;
    else if (kind !== null && kind !== 'vscode-settings') summary.agentConfigs++;
    const needsText = f.result.language === 'js' || f.result.language === 'python' || f.result.language === 'yaml' || f.result.language === 'json';
    const text = needsText ? textOf(f) : undefined;
    const platform = iacPlatformOf(f.file, text) ?? platformFromFindings(f.result.findings);
    if (platform) bump(summary.iacPlatforms, platform);
    const ecosystem = ecosystemOf(f.file);
    if (ecosystem) bump(summary.ecosystems, ecosystem);
    if (text !== undefined) for (const provider of llmProvidersIn(text, f.result.language)) bump(summary.llmProviders, provider);
  }
  return summary;
}

function platformFromFindings(findings: readonly Finding[]): string | null {
  if (findings.some((f) => f.ruleId.startsWith('kubernetes/'))) return 'Kubernetes';
  // Terraform files are known by their path; a YAML or JSON file with AWS findings is a template.
  if (findings.some((f) => f.ruleId.startsWith('cloudformation/') || f.ruleId.startsWith('aws/'))) return 'CloudFormation';
  return null;
}

/** The rows of the "Workspace" node: one per kind of thing, as `[label, description]`. */
export function summaryRows(summary: WorkspaceSummary): Array<[label: string, description: string]> {
  const list = (table: Record<string, number>) =>
    Object.entries(table)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([name, n]) => `${name} (${n})`)
      .join(', ') || 'none found';
  return [
    ['MCP server configs', summary.mcpConfigs === 0 ? 'none found' : String(summary.mcpConfigs)],
    ['Agent configurations', summary.agentConfigs === 0 ? 'none found' : String(summary.agentConfigs)],
    ['LLM providers in code', list(summary.llmProviders)],
    ['IaC platforms', list(summary.iacPlatforms)],
    ['Package ecosystems', list(summary.ecosystems)],
  ];
}

/** One line for the view's message: `12 files analysed · 2 MCP configs · OpenAI · Terraform, Dockerfile · npm`. */
export function summaryLine(summary: WorkspaceSummary): string {
  const names = (table: Record<string, number>) => Object.keys(table).sort((a, b) => a.localeCompare(b));
  const parts = [`${summary.files} file${summary.files === 1 ? '' : 's'} analysed`];
  if (summary.mcpConfigs > 0) parts.push(`${summary.mcpConfigs} MCP config${summary.mcpConfigs === 1 ? '' : 's'}`);
  if (summary.agentConfigs > 0) parts.push(`${summary.agentConfigs} agent config${summary.agentConfigs === 1 ? '' : 's'}`);
  for (const table of [summary.llmProviders, summary.iacPlatforms, summary.ecosystems]) if (names(table).length > 0) parts.push(names(table).join(', '));
  return parts.join(' · ');
}

import type { Node } from 'jsonc-parser';
import { isMap, isScalar } from 'yaml';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { FixDescriptor, Range, Visitors } from '../../engine/types';
import type { JsonHelpers } from '../../languages/json';
import type { TomlHelpers } from '../../languages/toml';
import type { YamlHelpers } from '../../languages/yaml';
import { agentFileKind } from './files';
import { jsonEdits } from '../../languages/json/edits';

/** Gemini CLI tool names that, listed without a command, approve every shell command. */
const GEMINI_SHELL_TOOLS: ReadonlySet<string> = new Set(['run_shell_command', 'ShellTool']);

/** Aider options that answer yes to every confirmation (`yes` is the older name). */
const AIDER_YES_KEYS: ReadonlySet<string> = new Set(['yes-always', 'yes']);

type AnyContext = RuleContext<unknown>;

export default defineRule({
  id: 'agent/no-unsandboxed-auto-approval',
  languages: ['toml', 'json', 'yaml'],
  meta: {
    description: 'Codex, Gemini CLI and Aider configs must not approve agent actions without a sandbox or a prompt',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-250', 'CWE-78'],
    owaspLlm: ['LLM06:2025', 'LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      codexNoApprovalNoSandbox:
        "{{scope}} sets approval_policy = \"never\" with sandbox_mode = \"danger-full-access\" (what --dangerously-bypass-approvals-and-sandbox does): Codex runs every command with full disk and network access and never asks. Keep the sandbox ('workspace-write') or an approval policy.",
      codexNetworkNoApproval:
        'Network access in the workspace-write sandbox with approval_policy = "never" lets Codex send anything in the workspace (source, .env files) to any host without asking. Turn network access off or ask before commands run.',
      dangerousFlag:
        "'{{key}}' turns off a safety check of the agent for everyone who uses this repository's configuration.",
      geminiYolo:
        "'{{key}}' is \"yolo\": Gemini CLI would approve every tool call, shell commands included. Recent versions refuse to take YOLO from settings.json; use \"default\" (or \"auto_edit\") so the file states what actually applies.",
      geminiShellAllowed:
        "'{{tool}}' in '{{key}}' approves every shell command Gemini CLI runs. List the exact commands instead, e.g. 'run_shell_command(npm test)'.",
      geminiAutoAccept:
        "'{{key}}' is true: Gemini CLI runs the tool calls it considers safe without asking, for everyone who opens this repository. Leave that choice to each user's own settings.",
      aiderYesAlways:
        "'{{key}}' is on: Aider answers yes to every question, so it runs suggested shell commands, creates files and adds URLs' content without asking. Leave it off in a shared config.",
      setSandboxWorkspaceWrite: 'Set sandbox_mode to "workspace-write"',
      setApprovalOnRequest: 'Set approval_policy to "on-request"',
      setFalse: "Set '{{key}}' to false",
      setDefaultMode: "Set '{{key}}' to \"default\"",
      removeEntry: "Remove '{{tool}}'",
      removeSetting: "Remove '{{key}}'",
    },
  },
  create(context): Visitors<unknown> {
    const kind = agentFileKind(context.file);
    const { language } = context.classification;
    if (kind === 'codex-config' && language === 'toml') return { File: () => checkCodex(context as RuleContext<TomlHelpers>) };
    if (kind === 'gemini-settings' && language === 'json') return { File: () => checkGemini(context as RuleContext<JsonHelpers>) };
    if (kind === 'aider-config' && language === 'yaml') return { File: () => checkAider(context as RuleContext<YamlHelpers>) };
    return {};
  },
});

// --- Codex (.codex/config.toml) -------------------------------------------------------------------

type Table = Record<string, unknown>;

function asTable(value: unknown): Table | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) ? (value as Table) : undefined;
}

function checkCodex(context: RuleContext<TomlHelpers>): void {
  const data = context.lang.data;
  checkCodexScope(context, data, [], 'This config', undefined);
  const profiles = asTable(data.profiles);
  for (const [name, profile] of Object.entries(profiles ?? {})) {
    const table = asTable(profile);
    if (table) checkCodexScope(context, table, ['profiles', name], `Profile '${name}'`, data);
  }
  for (const [key, value] of Object.entries(data)) {
    if (/^dangerously/i.test(key) && value === true) {
      const range = tomlValueRange(context, [key]);
      if (range) context.report({ range, messageId: 'dangerousFlag', data: { key }, suggest: replaceSuggestion(range, 'false', 'setFalse', { key }) });
    }
  }
  checkCodexNetwork(context, data);
}

/** A scope (the file, or a profile falling back to the file) that combines no approval with no sandbox. */
function checkCodexScope(context: RuleContext<TomlHelpers>, scope: Table, path: string[], label: string, parent: Table | undefined): void {
  const approval = scope.approval_policy ?? parent?.approval_policy;
  const sandbox = scope.sandbox_mode ?? parent?.sandbox_mode;
  if (approval !== 'never' || sandbox !== 'danger-full-access') return;
  // A profile that sets neither key only inherits the file's finding.
  const ownSandbox = scope.sandbox_mode !== undefined;
  if (!ownSandbox && scope.approval_policy === undefined) return;
  const key = ownSandbox ? 'sandbox_mode' : 'approval_policy';
  const range = tomlValueRange(context, [...path, key]);
  if (!range) return;
  const suggest = ownSandbox
    ? replaceSuggestion(range, '"workspace-write"', 'setSandboxWorkspaceWrite')
    : replaceSuggestion(range, '"on-request"', 'setApprovalOnRequest');
  context.report({ range, messageId: 'codexNoApprovalNoSandbox', data: { scope: label }, suggest });
}

function checkCodexNetwork(context: RuleContext<TomlHelpers>, data: Table): void {
  const workspaceWrite = asTable(data.sandbox_workspace_write);
  if (workspaceWrite?.network_access !== true || data.approval_policy !== 'never' || data.sandbox_mode !== 'workspace-write') return;
  const range = tomlValueRange(context, ['sandbox_workspace_write', 'network_access']);
  if (range) context.report({ range, messageId: 'codexNetworkNoApproval', suggest: replaceSuggestion(range, 'false', 'setFalse', { key: 'network_access' }) });
}

/** The exact `[start, end)` of the value written for `path`: a quoted string or a bare literal. */
function tomlValueRange(context: RuleContext<TomlHelpers>, path: string[]): Range | undefined {
  const region = context.lang.locate(path);
  if (!region) return undefined;
  const text = context.text;
  let start = region[0];
  while (start < region[1] && (text[start] === ' ' || text[start] === '\t')) start++;
  const quote = text[start];
  if (quote === '"' || quote === "'") {
    for (let i = start + 1; i < region[1] && text[i] !== '\n'; i++) {
      if (quote === '"' && text[i] === '\\') i++;
      else if (text[i] === quote) return [start, i + 1];
    }
    return undefined;
  }
  const bare = /^[^\s#,\]}]+/.exec(text.slice(start, Math.min(region[1], start + 100)));
  return bare ? [start, start + bare[0].length] : undefined;
}

function replaceSuggestion(range: Range, text: string, messageId: string, data?: Record<string, string>): FixDescriptor[] {
  return [{ messageId, ...(data ? { data } : {}), edits: [{ range, text }] }];
}

// --- Gemini CLI (.gemini/settings.json) -----------------------------------------------------------

function checkGemini(context: RuleContext<JsonHelpers>): void {
  for (const path of [['general', 'defaultApprovalMode'], ['tools', 'approvalMode'], ['approvalMode'], ['defaultApprovalMode']]) {
    const node = context.lang.nodeAt(path);
    if (node?.type !== 'string' || String(node.value).toLowerCase() !== 'yolo') continue;
    const key = path.join('.');
    reportJson(context, node, 'geminiYolo', { key }, jsonSuggestion(context, path, 'default', 'setDefaultMode', { key }));
  }
  for (const path of [['tools', 'autoAccept'], ['autoAccept']]) {
    const node = context.lang.nodeAt(path);
    if (node?.type !== 'boolean' || node.value !== true) continue;
    const key = path.join('.');
    reportJson(context, node, 'geminiAutoAccept', { key }, jsonSuggestion(context, path, false, 'setFalse', { key }));
  }
  for (const path of [['tools', 'allowed'], ['allowedTools']]) {
    const list = context.lang.nodeAt(path);
    if (list?.type !== 'array') continue;
    const key = path.join('.');
    list.children!.forEach((item, index) => {
      const tool = typeof item.value === 'string' ? item.value.trim() : '';
      if (!GEMINI_SHELL_TOOLS.has(tool.replace(/\(\s*(?:\*\s*)?\)$/, ''))) return;
      reportJson(context, item, 'geminiShellAllowed', { key, tool }, jsonSuggestion(context, [...path, index], undefined, 'removeEntry', { tool }));
    });
  }
}

function reportJson(context: AnyContext, node: Node, messageId: string, data: Record<string, string>, suggest: FixDescriptor[]): void {
  context.report({ range: [node.offset, node.offset + node.length], messageId, data, suggest });
}

function jsonSuggestion(context: AnyContext, path: (string | number)[], value: unknown, messageId: string, data: Record<string, string>): FixDescriptor[] {
  const edits = jsonEdits(context.text, path, value, (context.lang as Partial<JsonHelpers> | undefined)?.tree);
  return edits ? [{ messageId, data, edits }] : [];
}

// --- Aider (.aider.conf.yml) ----------------------------------------------------------------------

function checkAider(context: RuleContext<YamlHelpers>): void {
  for (const document of context.lang.documents) {
    const contents = document.contents;
    if (!isMap(contents)) continue;
    for (const pair of contents.items) {
      if (!isScalar(pair.key) || !isScalar(pair.value)) continue;
      const key = String(pair.key.value);
      if (!AIDER_YES_KEYS.has(key) || !isYes(pair.value.value)) continue;
      const range = context.lang.rangeOf(pair.value);
      if (!range) continue;
      context.report({ range, messageId: 'aiderYesAlways', data: { key }, suggest: replaceSuggestion(range, 'false', 'setFalse', { key }) });
    }
  }
}

/** True as Aider's YAML 1.1 loader reads it: `true`, and the `yes`/`on`/`y` spellings the `yaml` package keeps as strings. */
function isYes(value: unknown): boolean {
  return value === true || (typeof value === 'string' && /^(?:y|yes|on|true)$/i.test(value));
}

import picomatch from 'picomatch';
import type { Node } from 'jsonc-parser';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { JsonHelpers, JsonNode } from '../../languages/json';
import { agentFileKind } from './files';
import { jsonEdits } from '../../languages/json/edits';

/** Settings that approve every tool call of every agent (`chat.tools.autoApprove` was renamed in VS Code 1.104). */
const GLOBAL_AUTO_APPROVE: ReadonlySet<string> = new Set(['chat.tools.autoApprove', 'chat.tools.global.autoApprove']);

/** Terminal command auto-approval maps, current and former names. */
const TERMINAL_AUTO_APPROVE: ReadonlySet<string> = new Set([
  'chat.tools.terminal.autoApprove',
  'chat.agent.terminal.autoApprove',
  'chat.agent.terminal.allowList',
  'github.copilot.chat.agent.terminal.allowList',
]);

const EDITS_AUTO_APPROVE = 'chat.tools.edits.autoApprove';

/** Sandbox switches for agent terminal commands, current and former names. */
const SANDBOX_SETTINGS: ReadonlySet<string> = new Set(['chat.tools.terminal.sandbox.enabled', 'chat.agent.sandbox', 'chat.agent.sandbox.enabled']);

/** A command no rule could mean to approve on purpose: a pattern that approves it approves everything. */
const ANY_COMMAND_PROBE = 'zq9-unlisted-tool --flag value';

/** Commands that download, delete, escalate or run arbitrary code; the first word is what plain keys are compared with. */
const DANGEROUS_PROBES: readonly string[] = [
  'curl https://example.invalid/x',
  'wget https://example.invalid/x',
  'rm -rf build',
  'bash -c "id"',
  'sh -c "id"',
  'zsh -c "id"',
  'python -c "print(1)"',
  'python3 -c "print(1)"',
  'node -e "1"',
  'sudo id',
  'eval "$X"',
  'chmod -R 777 .',
  'ssh host',
  'scp a host:b',
  'nc host 80',
  'dd if=/dev/zero of=x',
  'pwsh -c "id"',
  'powershell -c "id"',
  'Invoke-WebRequest https://example.invalid/x',
  'Invoke-Expression $x',
  'iex $x',
  'git push --force',
];

/** Paths an agent must not change without a person looking: workspace config, CI, secrets, manifests, agent config. */
const SENSITIVE_PATHS: readonly string[] = [
  '.vscode/settings.json',
  '.vscode/tasks.json',
  '.vscode/mcp.json',
  '.github/workflows/ci.yml',
  '.github/copilot-instructions.md',
  '.env',
  '.env.local',
  'package.json',
  '.git/config',
  '.claude/settings.json',
  '.cursor/mcp.json',
  '.mcp.json',
];

type Context = RuleContext<JsonHelpers>;

export default defineRule<JsonNode, JsonHelpers>({
  id: 'agent/no-vscode-chat-auto-approve',
  languages: ['json'],
  meta: {
    description: 'Shared .vscode/settings.json must not auto-approve agent tools, risky commands or sensitive edits',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-250', 'CWE-78'],
    owaspLlm: ['LLM06:2025', 'LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      globalAutoApprove:
        "'{{key}}' approves every tool call of every chat agent (terminal commands, file edits, MCP tools) for everyone who opens this workspace. One prompt injection in a file or web page is then enough to run code; approve specific commands instead.",
      terminalApproveAll:
        "The terminal auto-approve rule '{{pattern}}' matches every command, so the agent runs any shell command without asking. Approve the exact commands the project needs, e.g. 'npm test'.",
      terminalApproveDangerous:
        "The terminal auto-approve rule '{{pattern}}' lets the agent run {{command}} without asking. Commands that download, delete, escalate or run arbitrary code are what an injected prompt reaches for; keep them behind a confirmation.",
      editsSensitive:
        "The edit auto-approve rule '{{pattern}}' lets the agent change {{path}} without review. Workspace settings, CI, secrets, manifests and agent configuration decide what runs next; keep edits to them behind a confirmation.",
      sandboxDisabled:
        "'{{key}}' is false: this workspace setting turns off the agent terminal sandbox even for developers who enabled it, so approved commands run with full access to the file system and network.",
      removeSetting: "Remove '{{key}}'",
      removeRule: "Remove the rule '{{pattern}}'",
      requireApproval: "Require approval for '{{pattern}}'",
    },
  },
  create(context): Visitors<JsonNode> {
    if (agentFileKind(context.file) !== 'vscode-settings') return {};
    return {
      File() {
        const root = context.lang.tree;
        if (root?.type !== 'object') return;
        for (const property of root.children ?? []) {
          const [keyNode, value] = property.children ?? [];
          const key = keyNode?.value;
          if (typeof key !== 'string' || !value) continue;
          if (GLOBAL_AUTO_APPROVE.has(key) && value.value === true) reportSetting(context, 'globalAutoApprove', key, keyNode, value);
          else if (TERMINAL_AUTO_APPROVE.has(key)) checkTerminalRules(context, key, value);
          else if (key === EDITS_AUTO_APPROVE) checkEditRules(context, key, value);
          else if (SANDBOX_SETTINGS.has(key) && value.value === false) reportSetting(context, 'sandboxDisabled', key, keyNode, value);
        }
      },
    };
  },
});

function reportSetting(context: Context, messageId: string, key: string, keyNode: Node, value: Node): void {
  const edits = jsonEdits(context.text, [key], undefined, context.lang.tree);
  const suggest: FixDescriptor[] = edits ? [{ messageId: 'removeSetting', data: { key }, edits }] : [];
  context.report({ range: [keyNode.offset, value.offset + value.length], messageId, data: { key }, suggest });
}

/**
 * Terminal rules map a command prefix or a `/regex/flags` to `true`, `false` or `{ approve, matchCommandLine }`.
 * The older allow-list settings map prefixes to `true`. Only approving rules are looked at.
 */
function checkTerminalRules(context: Context, key: string, value: Node): void {
  if (value.type !== 'object') return;
  let regexes = 0;
  for (const rule of value.children ?? []) {
    const [patternNode, decision] = rule.children ?? [];
    const pattern = patternNode?.value;
    if (typeof pattern !== 'string' || !decision || !approves(decision)) continue;
    if (pattern.startsWith('/') && ++regexes > MAX_REGEX_RULES) continue;
    const matches = commandMatcher(pattern);
    let messageId: string;
    let command = '';
    if (pattern.trim() === '*' || matches(ANY_COMMAND_PROBE)) messageId = 'terminalApproveAll';
    else {
      const probe = DANGEROUS_PROBES.find(matches);
      if (!probe) continue;
      command = probe.split(' ')[0];
      messageId = 'terminalApproveDangerous';
    }
    context.report({ range: [patternNode.offset, decision.offset + decision.length], messageId, data: { pattern, command }, suggest: ruleSuggestions(context, key, pattern, decision) });
  }
}

function checkEditRules(context: Context, key: string, value: Node): void {
  if (value.type !== 'object') return;
  for (const rule of value.children ?? []) {
    const [patternNode, decision] = rule.children ?? [];
    const pattern = patternNode?.value;
    if (typeof pattern !== 'string' || decision?.value !== true) continue;
    const glob = globMatcher(pattern);
    const path = glob ? SENSITIVE_PATHS.find((p) => glob.test(p)) : undefined;
    if (!path) continue;
    context.report({ range: [patternNode.offset, decision.offset + decision.length], messageId: 'editsSensitive', data: { pattern, path }, suggest: ruleSuggestions(context, key, pattern, decision) });
  }
}

/** `true`, or an object whose `approve` is true. */
function approves(decision: Node): boolean {
  if (decision.type === 'boolean') return decision.value === true;
  if (decision.type !== 'object') return false;
  const approve = decision.children?.find((p) => p.children?.[0]?.value === 'approve')?.children?.[1];
  return approve?.value === true;
}

/**
 * Require approval instead (the rule stays, its decision replaced by `false`), or remove the rule. Both
 * edits come from the adapter's tree: parsing the text again per finding is quadratic in a file with
 * thousands of rules.
 */
function ruleSuggestions(context: Context, key: string, pattern: string, decision: Node): FixDescriptor[] {
  const suggest: FixDescriptor[] = [
    { messageId: 'requireApproval', data: { pattern }, edits: [{ range: [decision.offset, decision.offset + decision.length], text: 'false' }] },
  ];
  const remove = jsonEdits(context.text, [key, pattern], undefined, context.lang.tree);
  if (remove) suggest.push({ messageId: 'removeRule', data: { pattern }, edits: remove });
  return suggest;
}

/**
 * How VS Code matches a terminal rule: `/regex/flags` is tested against the command, anything else is a
 * command prefix that ends at a word boundary. An invalid regex matches nothing, and so does one that
 * could backtrack for long (see {@link boundedBacktracking}): the workspace must not be able to stall the scan.
 */
export function commandMatcher(pattern: string): (command: string) => boolean {
  const regex = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (regex) {
    if (!boundedBacktracking(regex[1])) return () => false;
    let compiled: RegExp;
    try {
      // redos-exempt(max-input 64): the workspace's own pattern, run only on the probe commands (at most 64 characters, checked in a test) and only when boundedBacktracking accepts its shape.
      compiled = new RegExp(regex[1], regex[2].replace(/[gy]/g, ''));
    } catch {
      return () => false;
    }
    return (command) => compiled.test(command);
  }
  const prefix = pattern.trim();
  if (prefix === '') return () => false;
  return (command) => command === prefix || (command.startsWith(prefix) && /\s/.test(command[prefix.length] ?? ''));
}

/** Regex rules read per setting: each costs up to a few milliseconds against the probes. */
const MAX_REGEX_RULES = 200;

/** Most repetitions (`*`, `+`, `{n,m}`) a workspace regex may have: on a probe of n characters it then costs at most about n³ steps. */
const MAX_REPETITIONS = 2;

/**
 * Whether a regex source avoids the shapes that backtrack exponentially or with a high degree: no
 * backreference, no repeated group that itself holds a repetition or an alternation (`(a+)+`, `(a|ab)*`),
 * and at most {@link MAX_REPETITIONS} repetitions. A conservative reading of the source, not a parser.
 */
export function boundedBacktracking(source: string): boolean {
  const open: boolean[] = []; // per open group: whether it holds a repetition or an alternation
  let repetitions = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    let riskyAtom = false;
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return false;
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      open.push(false);
      if (source[i + 1] === '?') i += source[i + 2] === '<' && /[=!]/.test(source[i + 3] ?? '') ? 3 : 2;
      continue;
    } else if (c === ')') {
      riskyAtom = open.pop() ?? false;
    } else if (c === '|') {
      if (open.length > 0) open[open.length - 1] = true;
      continue;
    }
    const quantifier = /^(?:[*+?]|\{\d+(?:,\d*)?\})\??/.exec(source.slice(i + 1, i + 24));
    if (!quantifier) continue;
    if (quantifier[0].startsWith('?')) continue; // optional: at most doubles the work
    if (riskyAtom) return false;
    repetitions++;
    open.fill(true);
    i += quantifier[0].length;
  }
  return repetitions <= MAX_REPETITIONS;
}

/**
 * A glob (`*`, `**`, `?`, `{a,b}`, `[…]`) as a regular expression over workspace-relative paths (a
 * leading `./` is ignored; `*` matches dot files, as in VS Code). Undefined for a pattern too long to be a
 * real one or with unbalanced braces.
 */
export function globMatcher(pattern: string): RegExp | undefined {
  if (pattern.length > 500 || !bracesBalanced(pattern)) return undefined;
  try {
    return picomatch.makeRe(pattern.replace(/^\.\//, ''), { dot: true });
  } catch {
    return undefined;
  }
}

function bracesBalanced(pattern: string): boolean {
  let depth = 0;
  for (const c of pattern) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

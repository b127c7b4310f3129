import type { JSONPath, Node } from 'jsonc-parser';
import { defineRule, type RuleContext } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import type { JsonHelpers, JsonNode } from '../../languages/json';
import { agentFileKind } from './files';
import { jsonEdits } from '../../languages/json/edits';

/** Commands that, allowed with any arguments, reach the network: exfiltration and downloads. */
const NETWORK_COMMANDS: ReadonlySet<string> = new Set(['curl', 'wget', 'nc', 'ncat', 'netcat', 'socat', 'ssh', 'scp', 'sftp', 'ftp', 'telnet']);

/** Commands that, allowed with any arguments, run arbitrary code (shells, interpreters, wrappers). */
const CODE_RUNNERS: ReadonlySet<string> = new Set([
  'sh', 'bash', 'zsh', 'dash', 'ksh', 'fish', 'pwsh', 'powershell', 'cmd',
  'python', 'python2', 'python3', 'node', 'deno', 'bun', 'perl', 'ruby', 'php', 'lua', 'osascript',
  'eval', 'exec', 'sudo', 'su', 'env', 'xargs',
]);

/** `Bash`, `Bash()`, `Bash(*)`, `Bash(:*)`, `Bash(**)`: any command at all. */
const SHELL_ANY = /^Bash(?:\([*:\s]*\))?$/;
/** `Bash(<command>:*)`, `Bash(<command> *)`, `Bash(<command>*)`: one command word with any arguments. */
const SHELL_COMMAND_ANY_ARGS = /^Bash\(\s*(\S+?)(?::\*|\s+\*|\*)\s*\)$/;
/** `WebFetch`, `WebFetch(*)`, `WebFetch(domain:*)`: fetches from any host. */
const WEB_FETCH_ANY = /^WebFetch(?:\(\s*(?:(?:\*|domain:\s*\*)\s*)?\))?$/;
/** File tools over `//` (the file-system root) or `~` (the home directory) as a whole. */
const WHOLE_DISK = /^(?:Read|Edit|Write|MultiEdit|NotebookEdit|Glob|Grep)\(\s*(?:\/\/|~)(?:\*|\/(?!\/))*\s*\)$/;
const ROOT_DIRECTORY = /^(?:\/{1,2}|~\/?|[A-Za-z]:[\\/]?)$/;

/** A hook command that pipes text into a shell or interpreter, or runs what a download returns. */
const PIPE_TO_SHELL = /\|\s*(?:sudo\s+(?:-[^\s|]+\s+)*)?(?:[^\s|]*\/)?(?:ba|z|da|k|fi)?sh\b(?!\s+-c\b)/;
const PIPE_TO_INTERPRETER = /\|\s*(?:sudo\s+)?(?:[^\s|]*\/)?(?:python[0-9.]*|node|perl|ruby|php|iex|Invoke-Expression)(?=\s*(?:$|-(?:\s|$)|[;&|)]))/i;
const RUN_DOWNLOAD = /(?:\b(?:ba|z)?sh|\beval|\bsource|\biex)\s+(?:-c\s+)?["']?(?:<\(|\$\(|\()\s*(?:curl|wget|irm|iwr|Invoke-WebRequest|Invoke-RestMethod)\b/i;

type Context = RuleContext<JsonHelpers>;

export default defineRule<JsonNode, JsonHelpers>({
  id: 'agent/no-permissive-claude-settings',
  languages: ['json'],
  meta: {
    description: 'Claude Code settings committed to the repository must not grant blanket permissions',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-250', 'CWE-78', 'CWE-829'],
    owaspLlm: ['LLM06:2025', 'LLM01:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      shellWildcard:
        "'{{entry}}' lets Claude Code run any shell command without asking. A prompt injection in a file, issue or web page the agent reads then runs whatever it wants with your permissions; allow the exact commands the project needs instead.",
      networkCommand:
        "'{{entry}}' lets Claude Code run {{command}} with any arguments without asking: an injected prompt can send source code and secrets to any host or download a payload. Allow specific URLs or a project script instead.",
      codeRunner:
        "'{{entry}}' lets Claude Code run {{command}} with any arguments without asking, which is arbitrary code execution by another name. Allow the specific scripts the project needs instead.",
      unrestrictedWebFetch:
        "'{{entry}}' lets Claude Code fetch any URL without asking. Fetched pages can carry prompt injections and URLs can carry your data out; restrict it with 'WebFetch(domain:…)'.",
      wholeDiskAccess:
        "'{{entry}}' gives Claude Code access to the whole disk or home directory without asking, including SSH keys, cloud credentials and browser data. Keep file access inside the project.",
      bypassPermissions:
        "'defaultMode' is 'bypassPermissions': everyone who opens this repository runs Claude Code with every permission check turned off. Use 'default' (or 'acceptEdits') and allow what the project needs.",
      allProjectMcpServers:
        "'enableAllProjectMcpServers' approves every MCP server in the repository's .mcp.json without review, including servers added later by a pull request. Approve servers by name with 'enabledMcpjsonServers'.",
      dangerousFlag:
        "'{{key}}' turns off a safety prompt of Claude Code for everyone who opens this repository. Leave it to each user's own settings, if anywhere.",
      shellPipeHook:
        'This hook pipes text into a shell or runs what a download returns, on every matching agent event and without a prompt. Whoever controls that URL or input runs code on every developer machine; run a reviewed script from the repository instead.',
      removeEntry: "Remove '{{entry}}'",
      useDefaultMode: "Set 'defaultMode' to 'default'",
      disableAllProjectMcpServers: "Set 'enableAllProjectMcpServers' to false",
      removeSetting: "Remove '{{key}}'",
    },
  },
  create(context): Visitors<JsonNode> {
    if (agentFileKind(context.file) !== 'claude-settings') return {};
    return {
      File() {
        const root = context.lang.tree;
        if (root?.type !== 'object') return;
        checkAllowList(context, ['permissions', 'allow']);
        checkDirectories(context, ['permissions', 'additionalDirectories']);
        checkDefaultMode(context, ['defaultMode']);
        checkDefaultMode(context, ['permissions', 'defaultMode']);
        checkProjectMcp(context);
        checkDangerousKeys(context, root, []);
        const permissions = context.lang.nodeAt(['permissions']);
        if (permissions?.type === 'object') checkDangerousKeys(context, permissions, ['permissions']);
        checkHooks(context);
      },
    };
  },
});

/** The kind of problem an allow rule has, with the command it names; undefined for a reasonable rule. */
function classifyAllowEntry(entry: string): { messageId: string; command?: string } | undefined {
  const rule = entry.trim();
  if (SHELL_ANY.test(rule)) return { messageId: 'shellWildcard' };
  const command = SHELL_COMMAND_ANY_ARGS.exec(rule)?.[1];
  if (command) {
    const name = command.replace(/^.*\//, '').toLowerCase();
    if (name === '*') return { messageId: 'shellWildcard' };
    if (NETWORK_COMMANDS.has(name)) return { messageId: 'networkCommand', command: name };
    if (CODE_RUNNERS.has(name)) return { messageId: 'codeRunner', command: name };
  }
  if (WEB_FETCH_ANY.test(rule)) return { messageId: 'unrestrictedWebFetch' };
  if (WHOLE_DISK.test(rule)) return { messageId: 'wholeDiskAccess' };
  return undefined;
}

function checkAllowList(context: Context, path: JSONPath): void {
  const list = context.lang.nodeAt(path);
  if (list?.type !== 'array') return;
  list.children!.forEach((item, index) => {
    if (item.type !== 'string') return;
    const entry = item.value as string;
    const problem = classifyAllowEntry(entry);
    if (!problem) return;
    const data = { entry, command: problem.command ?? '' };
    context.report({ range: rangeOf(item), messageId: problem.messageId, data, suggest: suggestion(context, [...path, index], undefined, 'removeEntry', { entry }) });
  });
}

function checkDirectories(context: Context, path: JSONPath): void {
  const list = context.lang.nodeAt(path);
  if (list?.type !== 'array') return;
  list.children!.forEach((item, index) => {
    if (item.type !== 'string' || !ROOT_DIRECTORY.test((item.value as string).trim())) return;
    const entry = item.value as string;
    context.report({ range: rangeOf(item), messageId: 'wholeDiskAccess', data: { entry }, suggest: suggestion(context, [...path, index], undefined, 'removeEntry', { entry }) });
  });
}

function checkDefaultMode(context: Context, path: JSONPath): void {
  const node = context.lang.nodeAt(path);
  if (node?.type !== 'string' || node.value !== 'bypassPermissions') return;
  context.report({ range: rangeOf(node), messageId: 'bypassPermissions', suggest: suggestion(context, path, 'default', 'useDefaultMode') });
}

function checkProjectMcp(context: Context): void {
  const node = context.lang.nodeAt(['enableAllProjectMcpServers']);
  if (node?.type !== 'boolean' || node.value !== true) return;
  context.report({ range: rangeOf(node), messageId: 'allProjectMcpServers', suggest: suggestion(context, ['enableAllProjectMcpServers'], false, 'disableAllProjectMcpServers') });
}

/** `dangerously…` keys and `skipDangerousModePermissionPrompt` set to anything but false/null. */
function checkDangerousKeys(context: Context, object: Node, path: JSONPath): void {
  for (const property of object.children ?? []) {
    const [key, value] = property.children ?? [];
    const name = key?.value;
    if (typeof name !== 'string' || !value) continue;
    if (!/^dangerously/i.test(name) && !/^skipDangerous/i.test(name)) continue;
    if (value.type === 'null' || value.value === false) continue;
    context.report({ range: rangeOf(key), messageId: 'dangerousFlag', data: { key: name }, suggest: suggestion(context, [...path, name], undefined, 'removeSetting', { key: name }) });
  }
}

/** Every `command` string under `hooks` (events → matchers → hooks), walked without recursion. */
function checkHooks(context: Context): void {
  const hooks = context.lang.nodeAt(['hooks']);
  if (!hooks) return;
  const stack: Node[] = [hooks];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'property') {
      const [key, value] = node.children ?? [];
      if (key?.value === 'command' && value?.type === 'string' && runsUntrustedCode(value.value as string)) {
        context.report({ range: rangeOf(value), messageId: 'shellPipeHook' });
        continue;
      }
    }
    for (const child of node.children ?? []) stack.push(child);
  }
}

/** Whether a shell command line pipes into a shell or interpreter, or executes a download. */
export function runsUntrustedCode(command: string): boolean {
  return PIPE_TO_SHELL.test(command) || PIPE_TO_INTERPRETER.test(command) || RUN_DOWNLOAD.test(command);
}

function rangeOf(node: Node): [number, number] {
  return [node.offset, node.offset + node.length];
}

function suggestion(context: Context, path: JSONPath, value: unknown, messageId: string, data?: Record<string, string>): FixDescriptor[] {
  const edits = jsonEdits(context.text, path, value, (context.lang as Partial<JsonHelpers> | undefined)?.tree);
  return edits ? [{ messageId, ...(data ? { data } : {}), edits }] : [];
}

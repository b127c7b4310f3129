/**
 * Which AI-agent configuration a file is, by its path: MCP server configs of each client, agent permission
 * files, shared editor settings and AI rules/instruction files. Pure; the rules of `src/rules/agent/` use it
 * to decide whether a JSON, TOML, YAML or text file is theirs.
 */
import { lastAnswer } from '../../engine/memo';

/** Kinds of agent configuration Rampart audits. */
export type AgentFileKind =
  /** `.vscode/mcp.json`: `{ "servers": { … }, "inputs": [ … ] }` (JSONC). */
  | 'mcp-vscode'
  /** `.cursor/mcp.json`, `.mcp.json` (Claude Code), `mcp.json`, Windsurf `mcp_config.json`, `claude_desktop_config.json`: `{ "mcpServers": { … } }`. */
  | 'mcp-servers'
  /** `.gemini/settings.json`: `mcpServers` plus Gemini CLI settings (`autoAccept`, …). */
  | 'gemini-settings'
  /** `.codex/config.toml`: `[mcp_servers.<name>]`, `approval_policy`, `sandbox_mode`. */
  | 'codex-config'
  /** `.claude/settings.json`, `.claude/settings.local.json`: `permissions`, `hooks`, `defaultMode`, … */
  | 'claude-settings'
  /** `.vscode/settings.json` committed to the repository (JSONC). */
  | 'vscode-settings'
  /** `.aider.conf.yml`. */
  | 'aider-config'
  /** `.continue/config.json` / `.continue/config.yaml`. */
  | 'continue-config'
  /** AI rules and instruction files read by agents as trusted text. */
  | 'rules-file';

const RULES_FILE_NAMES: ReadonlySet<string> = new Set([
  '.cursorrules',
  '.windsurfrules',
  '.clinerules',
  'agents.md',
  'claude.md',
  'claude.local.md',
  'gemini.md',
  'skill.md',
  'copilot-instructions.md',
]);

/**
 * The kind of agent configuration at `file` (any path form, `/` or `\`), or null when it is none. Only the
 * last few path segments are looked at, so a repository's location on disk never matters.
 */
export function agentFileKind(file: string): AgentFileKind | null {
  // Every agent rule (and the packages rules) asks about the same file in a row.
  return kindOfLast(file);
}

/** {@link kindOf} of the last path asked about (the answer depends on the path alone). */
const kindOfLast = lastAnswer(kindOf);

function kindOf(file: string): AgentFileKind | null {
  const [base, parent, grandparent] = lastSegments(file, 3).map((s) => s.toLowerCase());
  if (parent === '.vscode' && base === 'mcp.json') return 'mcp-vscode';
  if (parent === '.vscode' && base === 'settings.json') return 'vscode-settings';
  if (parent === '.gemini' && base === 'settings.json') return 'gemini-settings';
  if (parent === '.codex' && base === 'config.toml') return 'codex-config';
  if (parent === '.claude' && (base === 'settings.json' || base === 'settings.local.json')) return 'claude-settings';
  if (parent === '.continue' && (base === 'config.json' || base === 'config.yaml' || base === 'config.yml')) return 'continue-config';
  if (base === '.aider.conf.yml' || base === '.aider.conf.yaml') return 'aider-config';
  if (base === 'mcp.json' || base === '.mcp.json' || base === 'mcp_config.json' || base === 'claude_desktop_config.json') return 'mcp-servers';
  if (RULES_FILE_NAMES.has(base)) return 'rules-file';
  if (parent === 'rules' && grandparent === '.cursor' && base.endsWith('.mdc')) return 'rules-file';
  if (parent === 'instructions' && grandparent === '.github' && base.endsWith('.instructions.md')) return 'rules-file';
  if (base.endsWith('.prompt.md') || base.endsWith('.instructions.md') || base.endsWith('.chatmode.md')) return 'rules-file';
  return null;
}

/**
 * The last `count` segments of a path, last first (`''` for those it lacks): what `file.split(/[\\/]+/)` without
 * its empty segments ends with, read from the end so that a long path is not split whole for every file.
 */
function lastSegments(file: string, count: number): string[] {
  const segments: string[] = [];
  let end = file.length;
  while (segments.length < count) {
    while (end > 0 && isSeparator(file.charCodeAt(end - 1))) end--;
    if (end === 0) break;
    let start = end;
    while (start > 0 && !isSeparator(file.charCodeAt(start - 1))) start--;
    segments.push(file.slice(start, end));
    end = start;
  }
  while (segments.length < count) segments.push('');
  return segments;
}

function isSeparator(c: number): boolean {
  return c === 47 /* / */ || c === 92 /* \ */;
}

import { defineRule } from '../../engine/rule';
import { argv, exactSubRange, launchedPackage, mcpConfig, unwrapCmd, type McpConfig, type McpString } from './mcp-model';

/** Filesystem servers whose positional arguments are the directories the agent may read and write. */
const FILESYSTEM_PACKAGES = new Set(['@modelcontextprotocol/server-filesystem', 'mcp-server-filesystem', '@cyanheads/filesystem-mcp-server']);

export default defineRule({
  id: 'agent/no-broad-mcp-filesystem',
  languages: ['json', 'toml'],
  meta: {
    description: 'Filesystem MCP servers must not be given the root, the home directory or a path outside the project',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-732', 'CWE-22'],
    owaspLlm: ['LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      broadRoot:
        "MCP server '{{server}}' lets the agent read and write '{{path}}' ({{why}}). That reaches SSH keys, cloud credentials and every other project, and one injected instruction is enough to leak or change them. Limit it to the project folder.",
      useProject: 'Limit it to {{replacement}}',
    },
  },
  create(context) {
    return {
      File() {
        const config = mcpConfig(context);
        for (const server of config?.servers ?? []) {
          const pkg = launchedPackage(server);
          if (!pkg || !FILESYSTEM_PACKAGES.has(pkg.name)) continue;
          const words = unwrapCmd(argv(server));
          for (const dir of words.slice(pkg.index + 1)) {
            if (dir.value.startsWith('-')) continue;
            const why = broadness(dir.value);
            if (why) report(config!, server.name, dir, why);
          }
        }
      },
    };

    function report(config: McpConfig, server: string, dir: McpString, why: string): void {
      const replacement = config.kind === 'mcp-vscode' || (config.kind === 'mcp-servers' && /[\\/]\.cursor[\\/]mcp\.json$/i.test(`/${context.file}`)) ? '${workspaceFolder}' : '.';
      const edit = exactSubRange(dir, 0, dir.value.length);
      context.report({
        range: dir.range,
        messageId: 'broadRoot',
        data: { server, path: dir.value, why },
        suggest: edit ? [{ messageId: 'useProject', data: { replacement }, edits: [{ range: edit, text: replacement }] }] : [],
      });
    }
  },
});

const HOME_REFERENCE = /^(?:~|\$HOME|\$\{HOME\}|\$\{env:(?:HOME|USERPROFILE)\}|\$\{userHome\}|%USERPROFILE%|%HOMEPATH%)$/i;

/** Why a directory is too broad, or null: root, a home directory, all homes, or `..` out of the project. */
export function broadness(raw: string): string | null {
  const trimmed = raw.trim();
  if (/^[\\/]+$/.test(trimmed)) return 'the whole file system';
  if (/^[A-Za-z]:[\\/]*$/.test(trimmed)) return 'a whole drive';
  const path = trimmed.replace(/(?<![\\/])[\\/]+$/, '');
  if (HOME_REFERENCE.test(path)) return 'the home directory';
  if (/^(?:\/home|\/Users|[A-Za-z]:[\\/]Users)$/i.test(path)) return 'every home directory';
  if (/^(?:(?:\/home|\/Users|[A-Za-z]:[\\/]Users)[\\/][^\\/]+|\/root)$/i.test(path)) return 'a home directory';
  if (!/(?:^|[\\/])\.\.(?:[\\/]|$)/.test(path)) return null;
  const relative = path.replace(/^\$\{(?:workspaceFolder|workspaceRoot)\}(?=[\\/]|$)/, '.');
  return !/^(?:[\\/]|[A-Za-z]:|~|\$)/.test(relative) && escapes(relative) ? 'outside the project' : null;
}

/** Whether a relative path climbs above its starting folder at some point. */
function escapes(path: string): boolean {
  let depth = 0;
  for (const part of path.split(/[\\/]+/)) {
    if (part === '..') depth--;
    else if (part !== '.' && part !== '') depth++;
    if (depth < 0) return true;
  }
  return false;
}

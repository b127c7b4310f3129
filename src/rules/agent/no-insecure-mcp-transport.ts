import { defineRule } from '../../engine/rule';
import { argv, exactSubRange, mcpConfig, type McpString } from './mcp-model';

/** Bridges that connect a stdio client to the remote server named by their first URL argument. */
const REMOTE_BRIDGES = new Set(['mcp-remote', 'supergateway', '@modelcontextprotocol/inspector']);

export default defineRule({
  id: 'agent/no-insecure-mcp-transport',
  languages: ['json', 'toml'],
  meta: {
    description: 'Remote MCP servers must be reached over https unless they run on this machine',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-319'],
    owaspLlm: ['LLM03:2025', 'LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      plainHttp:
        "MCP server '{{server}}' is reached over plain http at '{{host}}'. Anyone on the network path can read the tool calls and the tokens sent with them, and can inject tool descriptions and results that steer the agent. Use https.",
      useHttps: 'Use https://',
    },
  },
  create(context) {
    const check = (server: string, url: McpString): void => {
      const host = insecureHost(url.value);
      if (host === null) return;
      const edit = exactSubRange(url, 0, 'http'.length);
      context.report({
        range: url.range,
        messageId: 'plainHttp',
        data: { server, host },
        suggest: edit ? [{ messageId: 'useHttps', edits: [{ range: edit, text: 'https' }] }] : [],
      });
    };
    return {
      File() {
        for (const server of mcpConfig(context)?.servers ?? []) {
          if (server.url) check(server.name, server.url);
          const bridged = bridgedUrl(argv(server));
          if (bridged) check(server.name, bridged);
        }
      },
    };
  },
});

/** The URL handed to `mcp-remote`-style bridges (`npx -y mcp-remote http://…`). */
function bridgedUrl(words: McpString[]): McpString | undefined {
  const at = words.findIndex((w, i) => i > 0 && REMOTE_BRIDGES.has(w.value.replace(/(?!^)@[^/@]*$/, '')));
  return at < 0 ? undefined : words.slice(at + 1).find((w) => /^https?:\/\//i.test(w.value));
}

/** The host of a plain `http://` URL to another machine, or null (https, loopback, templated host). */
export function insecureHost(url: string): string | null {
  const m = /^http:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]*)/i.exec(url.trim());
  if (!m) return null;
  const host = m[1].toLowerCase();
  if (host === '' || /[${}%]/.test(host) || isLoopback(host)) return null;
  return host;
}

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]' || host === '0.0.0.0' || host === 'host.docker.internal') return true;
  return /^127(?:\.\d{1,3}){3}$/.test(host);
}

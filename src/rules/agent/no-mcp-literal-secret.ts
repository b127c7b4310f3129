import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range } from '../../engine/types';
import { envVarName, genericSecretCandidate, isLiteralCredential, isSecretName, nameWords } from '../secrets/patterns';
import { findProviderSecrets } from '../secrets/scan';
import { jsonEdits } from '../../languages/json/edits';
import { mcpConfig, subRange, type McpConfig, type McpEntry, type McpServer } from './mcp-model';

const AUTH_SCHEME = /^(?:Bearer|Basic|Token|Bot|ApiKey)[ \t]+/i;

/** How a client references a secret instead of holding it. */
type Reference = 'input' | 'env-colon' | 'env-dollar' | null;

export default defineRule({
  id: 'agent/no-mcp-literal-secret',
  languages: ['json', 'toml'],
  meta: {
    description: 'MCP server env variables and headers must reference secrets, not hold them literally',
    severity: 'error',
    category: 'agent-guardrails',
    riskArea: 'operation',
    cwe: ['CWE-798', 'CWE-312'],
    owaspLlm: ['LLM03:2025', 'LLM06:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      literalSecret:
        "MCP server '{{server}}' has a literal {{what}} in {{field}} '{{key}}'. The file is committed and shared, so everyone with the repository (and every agent reading it) gets the credential; reference it from an input or the environment and rotate it.",
      useInput: "Prompt for '{{key}}' with ${input:{{id}}}",
      useEnv: 'Read {{key}} from the environment with {{reference}}',
    },
  },
  create(context) {
    return {
      File() {
        const config = mcpConfig(context);
        if (!config) return;
        const reference = referenceOf(config, context.file);
        const ids = new Set(config.inputIds);
        for (const server of config.servers) {
          for (const entry of [...server.env, ...server.headers]) {
            const found = secretIn(entry);
            if (!found) continue;
            const range = subRange(entry.value, found.start, found.end);
            const suggestion = suggest(context.text, config, reference, server, entry, found, ids);
            context.report({
              range,
              messageId: 'literalSecret',
              data: { server: server.name, what: found.what, field: entry.field === 'env' ? 'env variable' : 'header', key: entry.key },
              suggest: suggestion ? [suggestion] : [],
              properties: { server: server.name, key: entry.key },
            });
          }
        }
      },
    };
  },
});

interface Found {
  start: number;
  end: number;
  what: string;
}

/** A provider-format secret anywhere in the value, or a random-looking value of a secret-named key. */
function secretIn(entry: McpEntry): Found | null {
  const { value } = entry.value;
  const provider = findProviderSecrets(value)[0];
  if (provider) return { start: provider.start, end: provider.end, what: `${provider.pattern.provider} ${provider.pattern.kind}` };
  if (!isSecretName(entry.key, 'env')) return null;
  const scheme = AUTH_SCHEME.exec(value)?.[0].length ?? 0;
  const secret = value.slice(scheme).trim();
  if (secret.length < 8 || /^\d+$/.test(secret) || !isLiteralCredential(secret)) return null;
  // Short hand-written values need to look random; long ones under a secret name are secrets anyway.
  if (secret.length < 20 && !genericSecretCandidate(secret) && !/[0-9]/.test(secret)) return null;
  return { start: scheme, end: scheme + secret.length, what: 'secret' };
}

/**
 * What the client expands: VS Code `${input:id}`; Cursor and Windsurf `${env:NAME}`; Claude Code
 * (`.mcp.json`) and Gemini CLI `${NAME}`. Claude Desktop, Codex and an unknown `mcp.json` expand nothing.
 */
function referenceOf(config: McpConfig, file: string): Reference {
  if (config.kind === 'mcp-vscode') return 'input';
  if (config.kind === 'gemini-settings') return 'env-dollar';
  if (config.kind !== 'mcp-servers') return null;
  const parts = file.toLowerCase().split(/[\\/]+/);
  const base = parts[parts.length - 1];
  if (base === '.mcp.json') return 'env-dollar';
  if (base === 'mcp_config.json' || (base === 'mcp.json' && parts[parts.length - 2] === '.cursor')) return 'env-colon';
  return null;
}

function suggest(text: string, config: McpConfig, reference: Reference, server: McpServer, entry: McpEntry, found: Found, ids: Set<string>): FixDescriptor | undefined {
  if (!reference || !entry.value.exact || config.format !== 'json') return undefined;
  const range: Range = subRange(entry.value, found.start, found.end);
  const name = entry.field === 'env' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(entry.key) ? entry.key : envVarName(entry.key);
  if (reference === 'env-colon' || reference === 'env-dollar') {
    const ref = reference === 'env-colon' ? `\${env:${name}}` : `\${${name}}`;
    return { messageId: 'useEnv', data: { key: entry.key, reference: ref }, edits: [{ range, text: ref }] };
  }
  const keyWords = nameWords(entry.key);
  const serverWords = nameWords(server.name).filter((w) => !keyWords.includes(w));
  const id = uniqueId(ids, [...serverWords, ...keyWords].join('-'));
  const input = { type: 'promptString', id, description: `${entry.key} for the ${server.name} MCP server`, password: true };
  const inputEdits = jsonEdits(text, ['inputs', -1], input);
  if (!inputEdits || inputEdits.some((e) => e.range[0] < range[1] && range[0] < e.range[1])) return undefined;
  return { messageId: 'useInput', data: { key: entry.key, id }, edits: [{ range, text: `\${input:${id}}` }, ...inputEdits] };
}

/** An input id not yet declared (nor proposed for another finding of this file). */
function uniqueId(ids: Set<string>, base: string): string {
  const stem = base.replace(/-{2,}/g, '-') || 'secret';
  let id = stem;
  for (let n = 2; ids.has(id); n++) id = `${stem}-${n}`;
  ids.add(id);
  return id;
}

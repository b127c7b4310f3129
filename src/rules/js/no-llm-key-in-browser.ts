import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** Prefixes that make a bundler inline an environment variable into client code. */
const PUBLIC_PREFIXES = [
  'NEXT_PUBLIC_', // Next.js
  'VITE_', // Vite
  'REACT_APP_', // Create React App
  'EXPO_PUBLIC_', // Expo
  'VUE_APP_', // Vue CLI
  'GATSBY_', // Gatsby
  'NUXT_PUBLIC_', // Nuxt runtime config
  'PUBLIC_', // Astro, SvelteKit
];
/** Provider names in an environment variable name (matched against its `_`-separated words). */
const PROVIDER = /^(OPENAI|ANTHROPIC|CLAUDE|GEMINI|GOOGLE_AI|GOOGLE_GENAI|GOOGLE_GENERATIVE_AI|GROQ|MISTRAL|COHERE|HF|HUGGING\w*|REPLICATE|TOGETHER|PERPLEXITY|DEEPSEEK|OPENROUTER|XAI|FIREWORKS)(_|$)/;
/** Display names of the providers above. */
const PROVIDER_NAMES: Record<string, string> = {
  OPENAI: 'OpenAI',
  ANTHROPIC: 'Anthropic',
  CLAUDE: 'Anthropic',
  GEMINI: 'Google Gemini',
  GOOGLE_AI: 'Google AI',
  GOOGLE_GENAI: 'Google AI',
  GOOGLE_GENERATIVE_AI: 'Google AI',
  GROQ: 'Groq',
  MISTRAL: 'Mistral',
  COHERE: 'Cohere',
  HF: 'Hugging Face',
  REPLICATE: 'Replicate',
  TOGETHER: 'Together AI',
  PERPLEXITY: 'Perplexity',
  DEEPSEEK: 'DeepSeek',
  OPENROUTER: 'OpenRouter',
  XAI: 'xAI',
  FIREWORKS: 'Fireworks AI',
};
/** Words that name a credential; `TOKENS` (as in MAX_TOKENS) is not one. */
const CREDENTIAL_WORD = /^(KEY|APIKEY|TOKEN|SECRET|PAT)$/;
/** `apiKey` values that look like short-lived tokens minted by a server (OpenAI Realtime ephemeral keys). */
const EPHEMERAL = /ephemeral|client_?secret|session/i;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-llm-key-in-browser',
  languages: ['js'],
  meta: {
    description: 'LLM provider API keys must not be shipped to the browser (dangerouslyAllowBrowser, public env variables)',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-522', 'CWE-200'],
    owaspLlm: ['LLM02:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      allowBrowser:
        '`dangerouslyAllowBrowser: true` lets this LLM client run in the browser, where anyone can read its API key from the page and spend on your account. Call the model from a server route and have the page call that route.',
      publicEnvKey:
        '{{name}} is inlined into the client bundle because of its `{{prefix}}` prefix, so every visitor can read this {{provider}} API key and spend on your account.',
      useServerVariable: 'Read the server-only variable {{replacement}} (this code must then run on the server)',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    const checkOption = text.includes('dangerouslyAllowBrowser');
    const checkEnv = PUBLIC_PREFIXES.some((p) => text.includes(p));
    if (!checkOption && !checkEnv) return {};
    const visitors: Visitors<JsNode> = {};
    if (checkOption) {
      visitors.ObjectProperty = (node) => {
        const prop = node as t.ObjectProperty & JsNode;
        if (propertyName(prop) !== 'dangerouslyAllowBrowser') return;
        const value = staticValue(prop.value as JsNode);
        if (!value.known || !value.value) return;
        if (keptOnServer(prop.parent as t.ObjectExpression & JsNode, text)) return;
        context.report({ range: [prop.start!, prop.end!], messageId: 'allowBrowser' });
      };
    }
    if (checkEnv) {
      const report = (node: JsNode, name: string, replaceable: boolean) => {
        const key = credentialName(name);
        if (!key) return;
        const suggest: FixDescriptor[] = replaceable
          ? [{ messageId: 'useServerVariable', data: { replacement: key.serverName }, edits: [{ range: [node.start!, node.end!], text: `process.env.${key.serverName}` }] }]
          : [];
        context.report({
          range: [node.start!, node.end!],
          messageId: 'publicEnvKey',
          data: { name, prefix: key.prefix, provider: key.provider },
          suggest,
        });
      };
      const member = (node: JsNode) => {
        const m = node as t.MemberExpression & JsNode;
        if (!isEnvObject(m.object as JsNode, lang)) return;
        const name = propertyName(m);
        if (name) report(m, name, true);
      };
      visitors.MemberExpression = member;
      visitors.OptionalMemberExpression = member;
      // const { VITE_OPENAI_API_KEY } = import.meta.env;
      visitors.VariableDeclarator = (node) => {
        const d = node as t.VariableDeclarator & JsNode;
        if (d.id.type !== 'ObjectPattern' || !d.init || !isEnvObject(d.init as JsNode, lang)) return;
        for (const p of d.id.properties) {
          const name = p.type === 'ObjectProperty' ? propertyName(p) : null;
          if (name) report(p as JsNode, name, false);
        }
      };
    }
    return visitors;
  },
});

/** `process.env` (not a local `process`) or `import.meta.env`. */
function isEnvObject(node: JsNode, lang: JsHelpers): boolean {
  const n = unwrap(node);
  if (n.type === 'MemberExpression' && propertyName(n) === 'env' && n.object.type === 'MetaProperty') return true;
  const path = memberPath(n);
  if (!path || path.length !== 2 || path[0] !== 'process' || path[1] !== 'env') return false;
  return !lang.scopes.lookup('process', lang.scopes.chainOf(n));
}

/** Splits a public credential variable name into its prefix, provider and server-only name; null otherwise. */
function credentialName(name: string): { prefix: string; provider: string; serverName: string } | null {
  const prefix = PUBLIC_PREFIXES.find((p) => name.startsWith(p));
  if (!prefix) return null;
  const rest = name.slice(prefix.length);
  const words = rest.split('_');
  if (!words.some((w) => CREDENTIAL_WORD.test(w))) return null;
  for (let i = 0; i < words.length; i++) {
    const m = PROVIDER.exec(words.slice(i).join('_'));
    if (m) return { prefix, provider: PROVIDER_NAMES[m[1]] ?? 'Hugging Face', serverName: rest };
  }
  return null;
}

/**
 * Whether the client options show the key never reaches the page: an ephemeral token minted by the
 * server, or a same-origin proxy (`baseURL: '/api/llm'`) that adds the key server-side.
 */
function keptOnServer(options: t.ObjectExpression, text: string): boolean {
  for (const p of options.properties) {
    if (p.type !== 'ObjectProperty') continue;
    const name = propertyName(p);
    if (name === 'apiKey' && EPHEMERAL.test(text.slice(p.value.start!, p.value.end!))) return true;
    if (name === 'baseURL') {
      const v = staticValue(p.value as JsNode);
      if (v.known && typeof v.value === 'string' && v.value.startsWith('/') && !v.value.startsWith('//')) return true;
    }
  }
  return false;
}

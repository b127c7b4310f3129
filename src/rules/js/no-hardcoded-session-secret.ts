import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { memberPath, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { reportsLiteral } from './no-hardcoded-secrets';
import { redact } from '../secrets/patterns';
import { constInit, findProperty, optionsObject, registeredPlugin } from './web-config-helpers';

/** Fastify plugins whose `secret` option signs cookies or sessions. */
const FASTIFY_PLUGINS = new Set(['@fastify/cookie', '@fastify/session', '@fastify/secure-session', 'fastify-cookie', 'fastify-session']);

type JsCall = t.CallExpression & JsNode;

/** A value that must not be hardcoded, with the API it configures and the variable to read instead. */
interface SecretSite {
  value: JsNode;
  api: string;
  envVar: string;
}

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-hardcoded-session-secret',
  languages: ['js'],
  meta: {
    description: 'Session and cookie signing secrets must not be hardcoded',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hardcoded:
        'The {{api}} signing secret is hardcoded ({{preview}}). Anyone who reads this code or its history can forge session cookies and sign in as any user; load it from the environment.',
      useEnvVar: 'Read the secret from process.env.{{envVar}}',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang } = context;
    if (!/session|cookie/i.test(context.text)) return {};
    const reported = new Set<JsNode>();
    return {
      CallExpression(node) {
        for (const site of secretSites(lang, node as JsCall)) {
          const value = unwrap(site.value);
          const array = value.type === 'ArrayExpression' ? value : constInit(lang, value);
          if (array?.type !== 'ArrayExpression') {
            check(site.value, site);
            continue;
          }
          array.elements.forEach((e, i) => {
            if (e) check(e as JsNode, { ...site, envVar: i === 0 ? site.envVar : `${site.envVar}_${i + 1}` });
          });
        }
      },
    };

    function check(value: JsNode, site: SecretSite): void {
      for (const literal of hardcodedLiterals(lang, value, 0)) {
        if (reported.has(literal) || reportsLiteral(literal)) continue;
        reported.add(literal);
        const text = String((staticValue(literal) as { value: string }).value);
        context.report({
          range: [literal.start!, literal.end!],
          messageId: 'hardcoded',
          data: { api: site.api, preview: text.length === 0 ? 'an empty string' : redact(text, 2) },
          suggest: [envSuggestion(literal, site.envVar)],
        });
      }
    }
  },
});

/** The secret options of the session and cookie APIs a call configures. */
function secretSites(lang: JsHelpers, call: JsCall): readonly SecretSite[] {
  const args = call.arguments as JsNode[];
  // One look-up of the callee for the three middleware modules (called as the module itself), then the
  // Fastify plugins; most calls are neither, and nothing is allocated for them.
  const ref = lang.resolve(call.callee as JsNode);
  const module = ref && ref.path.length === 0 ? ref.module : null;
  if (module === 'express-session') return option(lang, args[0], 'secret', 'express-session', 'SESSION_SECRET');
  if (module === 'cookie-session') {
    return [
      ...option(lang, args[0], 'secret', 'cookie-session', 'SESSION_SECRET'),
      ...option(lang, args[0], 'keys', 'cookie-session', 'SESSION_KEY'),
    ];
  }
  if (module === 'cookie-parser') return args[0] ? [{ value: args[0], api: 'cookie-parser', envVar: 'COOKIE_SECRET' }] : [];
  const plugin = registeredPlugin(lang, call);
  if (plugin && FASTIFY_PLUGINS.has(plugin)) {
    return option(lang, args[1], 'secret', plugin, plugin.includes('cookie') ? 'COOKIE_SECRET' : 'SESSION_SECRET');
  }
  return NO_SITES;
}

/** What most calls configure; shared, never modified. */
const NO_SITES: readonly SecretSite[] = [];

/** The option `name` of an options object argument, as a secret site. */
function option(lang: JsHelpers, opts: JsNode | undefined, name: string, api: string, envVar: string): SecretSite[] {
  const obj = optionsObject(lang, opts);
  const prop = obj && findProperty(obj, name);
  return prop ? [{ value: prop.value as JsNode, api, envVar }] : [];
}

/**
 * The string literals a secret value is or falls back to: `'s'`, `process.env.X || 's'`,
 * `isProd ? env : 's'`, and a `const` holding one of those.
 */
function hardcodedLiterals(lang: JsHelpers, node: JsNode, depth: number): JsNode[] {
  if (depth > 5) return [];
  const n = unwrap(node);
  const v = staticValue(n);
  if (v.known) return typeof v.value === 'string' && (n.type === 'StringLiteral' || n.type === 'TemplateLiteral') ? [n] : [];
  switch (n.type) {
    case 'LogicalExpression':
      return n.operator === '&&' ? [] : hardcodedLiterals(lang, n.right as JsNode, depth + 1);
    case 'ConditionalExpression':
      return [...hardcodedLiterals(lang, n.consequent as JsNode, depth + 1), ...hardcodedLiterals(lang, n.alternate as JsNode, depth + 1)];
    case 'Identifier': {
      const init = constInit(lang, n);
      return init ? hardcodedLiterals(lang, init, depth + 1) : [];
    }
    default:
      return [];
  }
}

/** Replaces the literal with `process.env.NAME`, or drops it when it is the fallback of `process.env.X || '…'`. */
function envSuggestion(literal: JsNode, envVar: string): FixDescriptor {
  const parent = literal.parent;
  if (parent?.type === 'LogicalExpression' && parent.right === literal) {
    const path = memberPath(parent.left);
    if (path?.length === 3 && path[0] === 'process' && path[1] === 'env') {
      return { messageId: 'useEnvVar', data: { envVar: path[2] }, edits: [{ range: [parent.left.end!, literal.end!], text: '' }] };
    }
  }
  return { messageId: 'useEnvVar', data: { envVar }, edits: [{ range: [literal.start!, literal.end!], text: `process.env.${envVar}` }] };
}

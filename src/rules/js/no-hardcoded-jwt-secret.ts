import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { boundValue, jwtKeys, mentionsJwtKeyLibrary } from './jwt-calls';
import { reportsLiteral } from './no-hardcoded-secrets';

/** Calls that turn a string into key bytes: `Buffer.from('…')`, `new TextEncoder().encode('…')`, `createSecretKey(…)`. */
const KEY_WRAPPERS = /^(from|encode|createSecretKey)$/;
const TEST_FILE = /(?:^|[/\\])(?:__tests__|test|tests|spec)[/\\]|\.(?:test|spec)\.[cm]?[jt]sx?$/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-hardcoded-jwt-secret',
  languages: ['js'],
  meta: {
    description: 'JWT signing secrets must not be hardcoded in source code',
    severity: 'error',
    category: 'secrets',
    riskArea: 'development',
    cwe: ['CWE-798'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hardcodedSecret:
        'The JWT secret is hardcoded ({{preview}}). Anyone who reads this code can sign tokens for any user and role; load it from the environment or a secret manager.',
      fallbackSecret:
        'When {{envVar}} is not set, tokens are signed with the hardcoded fallback ({{preview}}), which anyone who reads this code can use to forge tokens.',
      useEnvVar: 'Read the secret from process.env.JWT_SECRET',
      removeFallback: 'Remove the fallback and use {{envVar}} only',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text, file } = context;
    if (!mentionsJwtKeyLibrary(text) || TEST_FILE.test(file)) return {};
    const reported = new Set<JsNode>();

    const check = (secret: JsNode | undefined) => {
      if (!secret || secret.type === 'SpreadElement') return;
      const expr = keyBytesOf(boundValue(unwrap(secret), lang), lang);
      const fallback = expr.type === 'LogicalExpression' && expr.operator !== '&&' ? expr : null;
      const literal = literalOf(fallback ? unwrap(fallback.right as JsNode) : expr, lang);
      if (!literal || reported.has(literal) || reportsLiteral(literal)) return;
      reported.add(literal);
      const value = literalText(literal);
      const preview = `'${value.slice(0, 3)}…' (${value.length} chars)`;
      const envPath = fallback ? memberPath(fallback.left) : null;
      if (fallback && envPath?.[0] === 'process' && envPath[1] === 'env') {
        const envVar = envPath.join('.');
        context.report({
          range: [fallback.right.start!, fallback.right.end!],
          messageId: 'fallbackSecret',
          data: { envVar, preview },
          suggest: [{ messageId: 'removeFallback', data: { envVar }, edits: [{ range: [fallback.left.end!, fallback.end!], text: '' }] }],
        });
        return;
      }
      const canReplace = literal.parent?.type !== 'TSLiteralType';
      context.report({
        range: [literal.start!, literal.end!],
        messageId: 'hardcodedSecret',
        data: { preview },
        suggest: canReplace ? [{ messageId: 'useEnvVar', edits: [{ range: [literal.start!, literal.end!], text: 'process.env.JWT_SECRET' }] }] : [],
      });
    };

    const visit = (node: JsNode) => {
      for (const { key } of jwtKeys(node, lang)) check(key);
    };
    return { CallExpression: visit, NewExpression: visit };
  },
});

/** What is turned into key bytes (`new TextEncoder().encode(x)` -> `x`, also nested and through constants), else the node. */
function keyBytesOf(node: JsNode, lang: JsHelpers): JsNode {
  let n = node;
  for (let i = 0; i < 3 && n.type === 'CallExpression' && n.arguments.length >= 1 && KEY_WRAPPERS.test(calleeName(n)); i++) {
    n = boundValue(unwrap(n.arguments[0] as JsNode), lang);
  }
  return n;
}

function calleeName(call: t.CallExpression): string {
  const callee = unwrap(call.callee as JsNode);
  return (callee.type === 'Identifier' ? callee.name : propertyName(callee)) ?? '';
}

/** The string literal a secret expression is, or is bound to; `Buffer.from('…')`/`TextEncoder.encode('…')` too. */
function literalOf(node: JsNode, lang: JsHelpers): JsNode | null {
  const n = keyBytesOf(boundValue(unwrap(node), lang), lang);
  if (n.type !== 'StringLiteral' && !(n.type === 'TemplateLiteral' && n.expressions.length === 0)) return null;
  const v = staticValue(n);
  if (!v.known || typeof v.value !== 'string' || v.value.length === 0) return null;
  // A public key or certificate verifies tokens; it is not a secret.
  return /PUBLIC KEY|CERTIFICATE/.test(v.value) ? null : n;
}

function literalText(literal: JsNode): string {
  const v = staticValue(literal);
  return v.known ? String(v.value) : '';
}

import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { boundValue, findProperty } from './jwt-calls';
import { reportsLiteral } from './no-hardcoded-secrets';

/** Calls whose options object carries the secret: module -> export path -> property names. */
const OPTION_SECRETS: Record<string, Record<string, string[]>> = {
  'express-jwt': { '': ['secret'], expressjwt: ['secret'] },
  'koa-jwt': { '': ['secret'] },
  '@nestjs/jwt': { 'JwtModule.register': ['secret', 'privateKey'] },
  'passport-jwt': { Strategy: ['secretOrKey'] },
};
const TEST_FILE = /(?:^|[/\\])(?:__tests__|test|tests|spec)[/\\]|\.(?:test|spec)\.[cm]?[jt]sx?$/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-hardcoded-jwt-secret',
  languages: ['js'],
  meta: {
    description: 'JWT signing secrets must not be hardcoded in source code',
    severity: 'error',
    category: 'secrets',
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
    if (!/jsonwebtoken|express-jwt|koa-jwt|@nestjs\/jwt|passport-jwt/.test(text) || TEST_FILE.test(file)) return {};
    const reported = new Set<JsNode>();

    const check = (secret: JsNode | undefined) => {
      if (!secret || secret.type === 'SpreadElement') return;
      const expr = boundValue(unwrap(secret), lang);
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

    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const ref = lang.resolve(call.callee as JsNode);
        if (!ref?.module) return;
        if (ref.module === 'jsonwebtoken' && ref.path.length === 1 && (ref.path[0] === 'sign' || ref.path[0] === 'verify')) {
          check(call.arguments[1] as JsNode | undefined);
          return;
        }
        checkOptions(ref.module, ref.path, call.arguments[0] as JsNode | undefined);
      },
      NewExpression(node) {
        const call = node as t.NewExpression & JsNode;
        const ref = lang.resolve(call.callee as JsNode);
        if (ref?.module) checkOptions(ref.module, ref.path, call.arguments[0] as JsNode | undefined);
      },
    };

    function checkOptions(module: string, path: string[], arg: JsNode | undefined): void {
      const names = OPTION_SECRETS[module]?.[path.join('.')];
      const options = names && arg ? boundValue(unwrap(arg), lang) : null;
      if (!names || options?.type !== 'ObjectExpression') return;
      for (const name of names) check(findProperty(options as t.ObjectExpression, name)?.value as JsNode | undefined);
    }
  },
});

/** The string literal a secret expression is, or is bound to; `Buffer.from('…')`/`TextEncoder.encode('…')` too. */
function literalOf(node: JsNode, lang: JsHelpers): JsNode | null {
  let n = boundValue(unwrap(node), lang);
  if (n.type === 'CallExpression' && n.arguments.length >= 1 && /^(from|encode)$/.test(propertyName(n.callee) ?? '')) {
    n = boundValue(unwrap(n.arguments[0] as JsNode), lang);
  }
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

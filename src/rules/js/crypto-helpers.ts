import type * as t from '@babel/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { nameWords } from '../secrets/patterns';

/**
 * Helpers shared by the rules of the `crypto` pack (no-weak-hash, no-deprecated-cipher, no-ecb-mode,
 * no-static-iv, no-insecure-random). Not a rule.
 */

/**
 * The name of the `node:crypto` function a call invokes (`createHash` for `crypto.createHash(...)`,
 * `require('crypto').createHash(...)` or an imported `createHash`), or null. An unimported `crypto.x`
 * counts too: it is Node's module in the REPL and in snippets whose import sits elsewhere.
 */
export function nodeCryptoFunction(lang: JsHelpers, call: t.CallExpression | t.NewExpression): string | null {
  const ref = lang.resolve(call.callee as JsNode);
  if (!ref) return null;
  if (ref.module === 'crypto' && ref.path.length === 1) return ref.path[0];
  if (ref.module === null && ref.path.length === 2 && ref.path[0] === 'crypto') return ref.path[1];
  return null;
}

/** The string a value is known to hold (see `JsHelpers.constantString`). */
export function constantString(lang: JsHelpers, node: JsNode | null | undefined): string | null {
  return lang.constantString(node);
}

/** What a value stands for through constant declarations (see `JsHelpers.definition`). */
export function constantDefinition(lang: JsHelpers, node: JsNode | null | undefined): JsNode | null {
  return lang.definition(node);
}

/** `userPasswordHash` -> ['user', 'password', 'hash']; `API_KEY` -> ['api', 'key']. */
export function nameTokens(name: string): string[] {
  return nameWords(name);
}

/** The static name an expression is known by: `x` -> x, `a.b.c` -> c, `req.headers['x-sig']` -> x-sig. */
export function nameOf(node: t.Node | null | undefined): string | null {
  if (!node) return null;
  const n = unwrap(node as JsNode);
  if (n.type === 'Identifier') return n.name;
  if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') return propertyName(n);
  if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') return nameOf(n.callee);
  return null;
}

/**
 * The name of the nearest enclosing function that has one: its declaration, the variable, property or
 * method it is assigned to. Anonymous callbacks are skipped, so the callback of `Array.from` inside
 * `generateToken` yields `generateToken`.
 */
export function enclosingFunctionName(node: JsNode): string | null {
  for (let n = node.parent; n; n = n.parent) {
    switch (n.type) {
      case 'FunctionDeclaration':
      case 'FunctionExpression':
        if (n.id) return n.id.name;
        break;
      case 'ClassMethod':
      case 'ObjectMethod':
      case 'ClassPrivateMethod':
        return n.key.type === 'PrivateName' ? n.key.id.name : propertyName(n as t.ClassMethod);
      case 'ArrowFunctionExpression':
        break;
      default:
        continue;
    }
    const p = n.parent;
    if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
    if (p?.type === 'AssignmentExpression') return nameOf(p.left);
    if (p?.type === 'ObjectProperty' || p?.type === 'ClassProperty') return propertyName(p);
  }
  return null;
}

/** The quote character a string literal is written with, so a replacement keeps the file's style. */
export function quoteOf(text: string, node: JsNode): string {
  const q = text[node.start!];
  return q === '"' || q === '`' ? q : "'";
}
export { enclosingFunction as enclosingScope } from '../../languages/js/scope';

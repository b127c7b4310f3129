import type * as t from '@babel/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** Shared by the rules of the jwt-deserialization pack: which call is which library function. */

/** A call to a known JWT library function. */
export interface JwtCall {
  /** `jsonwebtoken`, `jose`, `jwt-simple`, … */
  module: string;
  /** Function name inside the module, e.g. `verify`, `jwtVerify`, `decode`. */
  fn: string;
  call: t.CallExpression & JsNode;
}

/** Modules whose functions the JWT rules know. */
export const JWT_MODULES = ['jsonwebtoken', 'jose', 'jwt-simple'];

/** Whether the file text mentions a JWT library at all; the rules return `{}` otherwise. */
export function mentionsJwtLibrary(text: string): boolean {
  return text.includes('jsonwebtoken') || text.includes('jose') || text.includes('jwt-simple');
}

/** The library function a call resolves to, when it is one of {@link JWT_MODULES}. */
export function jwtCall(node: JsNode, lang: JsHelpers): JwtCall | null {
  const call = node as t.CallExpression & JsNode;
  const callee = unwrap(call.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  if (name === null) return null;
  const ref = lang.resolve(callee);
  if (!ref?.module || !JWT_MODULES.includes(ref.module) || ref.path.length !== 1) return null;
  return { module: ref.module, fn: ref.path[0], call };
}

/**
 * The object literal an argument is, or is bound to through a `const` without reassignment
 * (`const opts = { … }; jwt.verify(t, k, opts)`); null otherwise.
 */
export function objectLiteral(node: JsNode | undefined, lang: JsHelpers): (t.ObjectExpression & JsNode) | null {
  const n = node ? boundValue(unwrap(node), lang) : null;
  return n?.type === 'ObjectExpression' ? (n as t.ObjectExpression & JsNode) : null;
}

/** The constant an identifier is bound to (see `JsHelpers.definition`), else the node itself. */
export function boundValue(node: JsNode, lang: JsHelpers): JsNode {
  return node.type === 'Identifier' ? (lang.definition(node) ?? node) : node;
}


/** Whether an object literal has a spread (`{ ...defaults }`), so a missing property may still be set. */
export function hasSpread(object: t.ObjectExpression): boolean {
  return object.properties.some((p) => p.type === 'SpreadElement');
}

export { findProperty } from '../../languages/js/ast';

import type * as t from '@babel/types';
import type { TextEdit } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** Shared helpers of the web-config rules (CORS, cookies, sessions, helmet). */

/** The constant an identifier is bound to (see `JsHelpers.definition`), or null. */
export function constInit(lang: JsHelpers, node: JsNode): JsNode | null {
  return unwrap(node).type === 'Identifier' ? lang.definition(node) : null;
}

/** The object literal an options argument is, directly or through a `const` binding. */
export function optionsObject(lang: JsHelpers, node: JsNode | null | undefined): (t.ObjectExpression & JsNode) | null {
  if (!node) return null;
  const n = unwrap(node);
  if (n.type === 'ObjectExpression') return n;
  const init = constInit(lang, n);
  return init?.type === 'ObjectExpression' ? init : null;
}


/** Whether an object literal has a spread or computed key, so a missing property may still be set. */
export function hasUnknownProperties(obj: t.ObjectExpression): boolean {
  return obj.properties.some((p) => p.type === 'SpreadElement' || propertyName(p) === null);
}

/** The string a value is known to hold (see `JsHelpers.constantString`). */
export function constString(lang: JsHelpers, node: JsNode | null | undefined): string | null {
  return lang.constantString(node);
}

/** Whether the call's callee resolves to `module` + `path` (an import or `require`). */
export function calls(lang: JsHelpers, call: t.CallExpression | t.NewExpression, module: string, ...path: string[]): boolean {
  const ref = lang.resolve(call.callee as JsNode);
  if (!ref || ref.module !== module || ref.path.length !== path.length) return false;
  for (let i = 0; i < path.length; i++) if (ref.path[i] !== path[i]) return false;
  return true;
}

/** `fastify.register(plugin, opts)`: the module the plugin is imported from, else null. */
export function registeredPlugin(lang: JsHelpers, call: t.CallExpression): string | null {
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'register' || !call.arguments[0]) return null;
  const ref = lang.resolve(call.arguments[0] as JsNode);
  return ref?.module && ref.path.length <= 1 && (ref.path.length === 0 || ref.path[0] === 'default') ? ref.module : null;
}

/**
 * The edit that adds `props` (source text such as `httpOnly: true`) to an object literal, after its
 * last property: on new lines when the object spans lines, inline otherwise.
 */
export function addPropertiesEdit(text: string, obj: t.ObjectExpression & JsNode, props: readonly string[]): TextEdit {
  const last = obj.properties[obj.properties.length - 1] as JsNode | undefined;
  if (!last) return { range: [obj.start!, obj.end!], text: `{ ${props.join(', ')} }` };
  const lineStart = text.lastIndexOf('\n', last.start! - 1) + 1;
  const multiline = text.slice(obj.start!, last.start!).includes('\n');
  if (multiline) {
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    return { range: [last.end!, last.end!], text: props.map((p) => `,\n${indent}${p}`).join('') };
  }
  return { range: [last.end!, last.end!], text: props.map((p) => `, ${p}`).join('') };
}

export { findProperty } from '../../languages/js/ast';
export { enclosingFunction } from '../../languages/js/scope';

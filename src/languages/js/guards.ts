import type * as t from '@babel/types';
import { propertyName, staticValue, unwrap } from './ast';
import type { JsHelpers } from './helpers';
import type { JsNode } from './parse';
import { walkJs } from './traverse';

/**
 * Checks a sink rule may accept as proof that a value was validated before the sink: allow-list
 * lookups, path containment, `path.basename` and host allow-lists. Pure functions over the tree
 * and the helpers of `context.lang`; what counts for a given sink stays in the rule.
 */

/** Methods that look a value up in an allow-list: `LIST.includes(x)`, `SET.has(x)`, `/re/.test(x)`, … */
export const ALLOW_LIST_METHODS: ReadonlySet<string> = new Set(['includes', 'has', 'test', 'indexOf', 'hasOwnProperty', 'hasOwn']);

/** Modules whose functions manipulate file-system paths. */
const PATH_MODULES = new Set(['path', 'path/posix', 'path/win32', 'upath']);
/** URL properties that name the destination host. */
const HOST_PROPERTIES = new Set(['hostname', 'host', 'origin']);

/**
 * The values an allow-list lookup checks: the arguments of `receiver.method(…)` when `method` is one of
 * `methods`, unwrapped (also out of `String(x)`, since `LIST.includes(String(x))` checks `x`). Empty
 * when `node` is not such a call.
 */
export function allowListValues(node: JsNode, methods: ReadonlySet<string> = ALLOW_LIST_METHODS): JsNode[] {
  if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression') return [];
  const callee = unwrap(node.callee as JsNode);
  if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return [];
  if (!methods.has(propertyName(callee) ?? '')) return [];
  return (node.arguments as JsNode[]).filter((a) => a.type !== 'SpreadElement').map(unwrapString);
}

/** `String(x)` -> `x`; anything else is only unwrapped from casts and parentheses. */
function unwrapString(node: JsNode): JsNode {
  const n = unwrap(node);
  if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === 'String' && n.arguments.length === 1) {
    return unwrap(n.arguments[0] as JsNode);
  }
  return n;
}

/**
 * The path a containment check vouches for, or null: the receiver of `p.startsWith(root)` and of
 * `p.includes('..')`, and `p` of `path.relative(root, p)`.
 */
export function containedPath(node: JsNode, lang: JsHelpers): JsNode | null {
  if (node.type !== 'CallExpression') return null;
  const callee = unwrap(node.callee as JsNode);
  const [first, second] = node.arguments as JsNode[];
  if (callee.type === 'MemberExpression') {
    const method = propertyName(callee);
    if (method === 'startsWith' || (method === 'includes' && isDotDot(first))) return unwrap(callee.object as JsNode);
  }
  return pathFunction(node, lang) === 'relative' && second ? unwrap(second) : null;
}

function isDotDot(node: JsNode | undefined): boolean {
  const v = staticValue(node);
  return v.known && v.value === '..';
}

/** The `path` function a call invokes (`path.join`, `path.posix.join`, a destructured `join`) -> 'join', else null. */
export function pathFunction(node: JsNode, lang: JsHelpers): string | null {
  if (node.type !== 'CallExpression') return null;
  const ref = lang.resolve(node.callee as JsNode);
  if (!ref?.module || !PATH_MODULES.has(ref.module)) return null;
  const path = ref.path[0] === 'posix' || ref.path[0] === 'win32' ? ref.path.slice(1) : ref.path;
  return path.length === 1 ? path[0] : null;
}

/** Whether `node` is `path.basename(…)`, which keeps only the last segment of a path. */
export function isBasenameCall(node: JsNode, lang: JsHelpers): boolean {
  return pathFunction(node, lang) === 'basename';
}

/**
 * The URL object whose host is checked against an allow-list by `node`, or null: `u` when `node` is
 * `u.hostname`/`u.host`/`u.origin` and is compared (`===`, `switch`), looked up (`LIST.includes(…)`,
 * `SET.has(…)`, `indexOf`) or matched (`.endsWith('.example.com')`, `.startsWith`, `.match`).
 */
export function hostCheckedUrl(node: JsNode): JsNode | null {
  if (node.type !== 'MemberExpression' || !HOST_PROPERTIES.has(propertyName(node) ?? '')) return null;
  return isChecked(node) ? (node.object as JsNode) : null;
}

function isChecked(member: JsNode): boolean {
  const p = member.parent;
  if (!p) return false;
  if (p.type === 'BinaryExpression') return /^[!=]==?$/.test(p.operator);
  if (p.type === 'SwitchStatement') return true;
  if (p.type === 'CallExpression' && p.arguments.includes(member as t.Expression)) {
    return allowListValues(p, HOST_LOOKUPS).includes(member);
  }
  if (p.type === 'MemberExpression' && p.object === member) {
    return /^(endsWith|startsWith|match)$/.test(propertyName(p) ?? '');
  }
  return false;
}

const HOST_LOOKUPS: ReadonlySet<string> = new Set(['includes', 'has', 'indexOf']);

/**
 * The node whose body a guard of `node` must be in: the outermost function around it, or the program
 * for top-level code. Checks in enclosing functions before the sink count, as in a closure.
 */
export function guardScope(node: JsNode, lang: JsHelpers): JsNode {
  const chain = lang.scopes.chainOf(node);
  const functions = chain.filter((s) => s.type !== 'Program');
  return functions.length > 0 ? functions[functions.length - 1] : chain[chain.length - 1] ?? node;
}

/**
 * Calls `visit` on the nodes of `scope` that start before `before`, in source order, until `visit`
 * returns true (a guard was found); returns whether one was.
 */
export function someBefore(scope: JsNode, before: JsNode, visit: (node: JsNode) => boolean): boolean {
  let found = false;
  walkJs(scope, (n) => {
    if (found || (n.start ?? 0) >= before.start!) return false;
    found = visit(n);
    return !found;
  });
  return found;
}

/** The initialiser of a never-reassigned name (see `JsHelpers.constantInit`). */
export function constInit(id: t.Identifier, lang: JsHelpers): JsNode | null {
  return lang.constantInit(id as JsNode);
}

/** The source text of a node without whitespace, to compare a checked value with a used one. */
export function guardText(node: JsNode, text: string): string {
  return text.slice(node.start!, node.end!).replace(/\s+/g, '');
}

export { enclosingFunction } from './scope';

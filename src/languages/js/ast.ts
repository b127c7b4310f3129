import type * as t from '@babel/types';
import type { JsNode } from './parse';

/** The static name of a property key or member property: `a.b`, `a['b']`, `{ b: 1 }`, `{ 'b': 1 }`. */
export function propertyName(node: t.Node): string | null {
  let key: t.Node;
  let computed = false;
  switch (node.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      key = node.property;
      computed = node.computed;
      break;
    case 'ObjectProperty':
    case 'ObjectMethod':
    case 'ClassProperty':
    case 'ClassMethod':
      key = node.key;
      computed = node.computed;
      break;
    default:
      return null;
  }
  if (!computed && key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  if (key.type === 'NumericLiteral') return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked ?? null;
  return null;
}

/** A value known at analysis time, or `{ known: false }`. */
export type StaticValue = { known: true; value: string | number | boolean | null | undefined } | { known: false };

const UNKNOWN: StaticValue = { known: false };

/**
 * Evaluates literals and constant expressions made of them: strings, numbers, booleans, `null`,
 * `undefined`, templates without substitutions, `!`/`-` on constants and `+` of constants.
 */
export function staticValue(node: JsNode | null | undefined, depth = 0): StaticValue {
  if (!node || depth > 50) return UNKNOWN;
  switch (node.type) {
    case 'StringLiteral':
    case 'NumericLiteral':
    case 'BooleanLiteral':
      return { known: true, value: node.value };
    case 'NullLiteral':
      return { known: true, value: null };
    case 'Identifier':
      return node.name === 'undefined' ? { known: true, value: undefined } : UNKNOWN;
    case 'TemplateLiteral':
      return node.expressions.length === 0 ? { known: true, value: node.quasis[0].value.cooked ?? '' } : UNKNOWN;
    case 'UnaryExpression': {
      const arg = staticValue(node.argument as JsNode, depth + 1);
      if (!arg.known) return UNKNOWN;
      if (node.operator === '!') return { known: true, value: !arg.value };
      if (node.operator === '-' && typeof arg.value === 'number') return { known: true, value: -arg.value };
      if (node.operator === 'void') return { known: true, value: undefined };
      return UNKNOWN;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return UNKNOWN;
      const l = staticValue(node.left as JsNode, depth + 1);
      const r = l.known ? staticValue(node.right as JsNode, depth + 1) : UNKNOWN;
      if (!l.known || !r.known) return UNKNOWN;
      if (typeof l.value === 'string' || typeof r.value === 'string') {
        return { known: true, value: String(l.value) + String(r.value) };
      }
      return typeof l.value === 'number' && typeof r.value === 'number'
        ? { known: true, value: l.value + r.value }
        : UNKNOWN;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
    case 'TypeCastExpression':
    case 'ParenthesizedExpression':
      return staticValue(node.expression as JsNode, depth + 1);
    default:
      return UNKNOWN;
  }
}

/** Strips TypeScript casts and parentheses: `(x as string)!` -> `x`. */
export function unwrap(node: JsNode): JsNode {
  let n = node;
  while (
    n.type === 'TSAsExpression' ||
    n.type === 'TSSatisfiesExpression' ||
    n.type === 'TSNonNullExpression' ||
    n.type === 'TypeCastExpression' ||
    n.type === 'ParenthesizedExpression' ||
    n.type === 'TSTypeAssertion'
  ) {
    n = n.expression as JsNode;
  }
  return n;
}

/** `a.b.c` -> ['a', 'b', 'c'] for static member chains rooted at an identifier (or `this`), else null. */
export function memberPath(node: t.Node): string[] | null {
  const parts: string[] = [];
  let n: t.Node = node;
  for (let i = 0; i < 100; i++) {
    n = unwrap(n as JsNode);
    if (n.type === 'Identifier') return [n.name, ...parts.reverse()];
    if (n.type === 'ThisExpression') return ['this', ...parts.reverse()];
    if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return null;
    const name = propertyName(n);
    if (name === null) return null;
    parts.push(name);
    n = n.object;
  }
  return null;
}

/** The last `name: value` property of an object literal (the one that wins), or null. */
export function findProperty(object: t.ObjectExpression, name: string): (t.ObjectProperty & JsNode) | null {
  let found: (t.ObjectProperty & JsNode) | null = null;
  for (const p of object.properties) {
    if (p.type === 'ObjectProperty' && propertyName(p) === name) found = p as t.ObjectProperty & JsNode;
  }
  return found;
}

/** A short readable form of an expression for messages: `req.query.id`, `req.get()`, `new URL().searchParams`. */
export function describeExpression(node: t.Node, depth = 0): string {
  if (depth > 8) return '…';
  switch (node.type) {
    case 'Identifier':
      return node.name;
    case 'ThisExpression':
      return 'this';
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return `${describeExpression(node.object, depth + 1)}.${propertyName(node) ?? '[…]'}`;
    case 'CallExpression':
    case 'OptionalCallExpression':
      return `${describeExpression(node.callee, depth + 1)}()`;
    case 'NewExpression':
      return `new ${describeExpression(node.callee, depth + 1)}()`;
    case 'AwaitExpression':
      return describeExpression(node.argument, depth + 1);
    default:
      return '…';
  }
}

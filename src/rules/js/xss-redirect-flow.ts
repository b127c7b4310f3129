import type * as t from '@babel/types';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { Taint } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** What a sink rule adds to the shared value flow of `context.lang`. */
export interface FlowHooks {
  /** A source the shared flow does not know (browser URL data, message events…), or null. */
  source?(node: JsNode, lang: JsHelpers): Taint | null;
  /** Whether this expression is trusted whatever it is built from (e.g. the Host header for a redirect). */
  trusted?(node: JsNode, lang: JsHelpers): boolean;
  /** Whether this call makes its result harmless for the sink (a sanitizer or validator). */
  sanitizes(call: t.CallExpression | t.OptionalCallExpression | t.NewExpression, lang: JsHelpers): boolean;
  /**
   * For URL sinks: of a concatenation, only the part that decides where the URL points counts, and
   * `new URL(path, base)` is judged by `path` (see {@link destinationPart}).
   */
  url?: boolean;
}

/** Methods whose result carries no attacker-chosen text (booleans, numbers). */
const NON_TEXT_METHODS = new Set([
  'includes', 'startsWith', 'endsWith', 'test', 'indexOf', 'lastIndexOf', 'localeCompare', 'has', 'some',
  'every', 'findIndex', 'charCodeAt', 'codePointAt', 'isArray', 'toFixed', 'getTime', 'valueOf',
]);
/** Globals whose result is a number, a boolean or otherwise free of markup. */
const SAFE_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'isFinite', 'Math', 'Date']);
/** Helper names that, by convention, validate or escape their argument (same heuristic as the shared flow). */
const SANITIZER_NAME = /^(sanitize|escape|quote|validate|allowlist|whitelist|assert)/i;
/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'flatMap', 'some', 'every', 'findLast']);

/**
 * The untrusted source `node` is built from, following the shared flow of `context.lang` (request data,
 * `process.argv`, model output) and the rule's own sources, but stopping at the rule's sanitizers — which
 * the shared flow cannot know — and at number-producing calls. Null when no source is found.
 */
export function untrustedSource(lang: JsHelpers, node: JsNode, hooks: FlowHooks): Taint | null {
  return new Walker(lang, hooks).walk(node, 0);
}

class Walker {
  private readonly seen = new Set<JsNode>();

  constructor(
    private readonly lang: JsHelpers,
    private readonly hooks: FlowHooks,
  ) {}

  walk(node: JsNode | null | undefined, depth: number): Taint | null {
    if (!node || depth > 40 || this.seen.has(node)) return null;
    this.seen.add(node);
    const result = this.compute(unwrap(node), depth + 1);
    this.seen.delete(node);
    return result;
  }

  private any(nodes: ReadonlyArray<t.Node | null | undefined>, depth: number): Taint | null {
    for (const n of nodes) {
      const r = this.walk(n as JsNode, depth);
      if (r) return r;
    }
    return null;
  }

  private compute(n: JsNode, depth: number): Taint | null {
    if (this.hooks.trusted?.(n, this.lang)) return null;
    const own = this.hooks.source?.(n, this.lang);
    if (own) return own;
    switch (n.type) {
      case 'TemplateLiteral':
      case 'BinaryExpression': {
        if (n.type === 'BinaryExpression' && n.operator !== '+') return null;
        const parts = concatParts(n);
        return this.any(this.hooks.url ? destinationPart(parts) : parts, depth);
      }
      case 'LogicalExpression':
        return this.any([n.left, n.right], depth);
      case 'ConditionalExpression':
        return this.any([n.consequent, n.alternate], depth);
      case 'AwaitExpression':
      case 'SpreadElement':
        return this.walk(n.argument as JsNode, depth);
      case 'SequenceExpression':
        return this.walk(n.expressions[n.expressions.length - 1] as JsNode, depth);
      case 'AssignmentExpression':
        return this.walk(n.right as JsNode, depth);
      case 'ArrayExpression':
        return this.any(n.elements, depth);
      case 'ObjectExpression':
        return this.any(n.properties.map((p) => (p.type === 'ObjectProperty' ? p.value : p.type === 'SpreadElement' ? p : null)), depth);
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.member(n, depth);
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return this.call(n, depth);
      case 'Identifier':
        return this.identifier(n as t.Identifier & JsNode, depth);
      default:
        return null;
    }
  }

  private member(n: t.MemberExpression | t.OptionalMemberExpression, depth: number): Taint | null {
    if (propertyName(n) === 'length') return null;
    // A source the shared flow finds inside this very chain (`req.query.x`) is the answer; anything it
    // found further away is re-walked here so that sanitizers on the way are seen.
    const shared = this.lang.taint(n as JsNode);
    if (shared && within(shared.node, n)) return shared;
    return this.walk(n.object as JsNode, depth);
  }

  private call(n: t.CallExpression | t.OptionalCallExpression | t.NewExpression, depth: number): Taint | null {
    if (this.hooks.sanitizes(n, this.lang)) return null;
    const callee = unwrap(n.callee as JsNode);
    const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
    if (name !== null && SANITIZER_NAME.test(name)) return null;
    const ref = this.lang.resolve(callee);
    if (ref && ref.module === null && SAFE_GLOBALS.has(ref.path[0])) return null;
    const shared = this.lang.taint(n as JsNode);
    if (shared && shared.node === n) return shared;
    if (this.hooks.url && n.type === 'NewExpression' && ref?.module === null && ref.path.join('.') === 'URL') {
      // new URL(path, base): a constant path keeps the base's host; otherwise the path decides.
      const path = n.arguments[0] as JsNode | undefined;
      return path && !this.lang.isConstant(path) ? this.walk(path, depth) : null;
    }
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      if (name !== null && NON_TEXT_METHODS.has(name)) return null;
      // map.get(key), searchParams.get('x'): the value comes from the receiver, not from the key.
      if (name === 'get') return this.walk(callee.object as JsNode, depth);
      return this.any([callee.object, ...n.arguments], depth);
    }
    // Unknown functions pass taint through from their arguments.
    return this.any(n.arguments, depth);
  }

  private identifier(n: t.Identifier & JsNode, depth: number): Taint | null {
    const { scopes } = this.lang;
    const chain = scopes.chainOf(n);
    const found = scopes.lookup(n.name, chain);
    if (!found) return null;
    const b = found.binding;
    let result: Taint | null = null;
    if (b.kind === 'param') {
      result = this.lang.taint(n) ?? this.elementOf(b.fn!, b.paramIndex!, depth);
    } else if ((b.kind === 'var' || b.kind === 'for') && b.init) {
      result = this.walk(b.init, depth);
    }
    if (result) return result;
    for (const a of scopes.info(b.scope).assignments.get(n.name) ?? []) {
      if (a.start >= (n.start ?? 0)) continue;
      const r = this.walk(a.value, depth);
      if (r) return r;
    }
    return null;
  }

  /** `items.map((item) => …)`: the first parameter is as untrusted as the array. */
  private elementOf(fn: JsNode, index: number, depth: number): Taint | null {
    const call = fn.parent;
    if (index !== 0 || !call || call.type !== 'CallExpression' || call.arguments[0] !== fn) return null;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'MemberExpression' || !ELEMENT_CALLBACKS.has(propertyName(callee) ?? '')) return null;
    return this.walk(callee.object as JsNode, depth);
  }
}

/** Whether `inner` lies inside `outer` in the source. */
function within(inner: t.Node, outer: t.Node): boolean {
  return inner.start! >= outer.start! && inner.end! <= outer.end!;
}

/** The operands of a string concatenation or template literal, in source order (strings included). */
export function concatParts(node: JsNode): JsNode[] {
  const n = unwrap(node);
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    return [...concatParts(n.left as JsNode), ...concatParts(n.right as JsNode)];
  }
  if (n.type === 'TemplateLiteral') {
    const parts: JsNode[] = [];
    n.quasis.forEach((q, i) => {
      parts.push(q as JsNode);
      if (i < n.expressions.length) parts.push(n.expressions[i] as JsNode);
    });
    return parts;
  }
  return [n];
}

/** The constant text of a concatenation part, or null when it is computed at run time. */
export function partText(part: JsNode): string | null {
  if (part.type === 'TemplateElement') return part.value.cooked ?? part.value.raw;
  const v = staticValue(part);
  return v.known ? String(v.value) : null;
}

/** `https://host/`, `//host/`, a path `/x`, a query `?x` or a fragment `#x`: the host is already fixed. */
const FIXED_DESTINATION = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#\\]+[/?#]|\/(?![/\\])|[?#])/i;
/** A scheme, optionally with `//`, whose host is still to come. */
const OPEN_AUTHORITY = /^(?:[a-z][a-z0-9+.-]*:)?(?:\/\/)?$/i;

/**
 * Of the parts of a URL concatenation, those that can decide its destination: nothing when a constant
 * prefix already fixes scheme and host (or makes it a same-site path), otherwise the first computed part.
 * A computed part after `https://` is the host itself; one after other text (`base + path`) is assumed to
 * be a configured base URL, so the parts after it do not count either.
 */
export function destinationPart(parts: readonly JsNode[]): JsNode[] {
  let prefix = '';
  for (const part of parts) {
    const text = partText(part);
    if (text === null) return FIXED_DESTINATION.test(prefix) ? [] : prefix === '' || OPEN_AUTHORITY.test(prefix) ? [part] : [];
    prefix += text;
  }
  return [];
}

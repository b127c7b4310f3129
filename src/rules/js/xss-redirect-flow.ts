import type { CallLike, Taint, TaintKind } from '../../languages/js/flow';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** What a sink rule adds to the shared value flow of `context.lang`. */
export interface FlowHooks {
  /** A source the shared flow does not know (browser URL data, message events…), or null. */
  source?(node: JsNode, lang: JsHelpers): Taint | null;
  /** Whether this expression is trusted whatever it is built from (e.g. the Host header for a redirect). */
  trusted?(node: JsNode, lang: JsHelpers): boolean;
  /** Whether this call makes its result harmless for the sink (a sanitizer or validator). */
  sanitizes(call: CallLike, lang: JsHelpers): boolean;
  /** For URL sinks: only the part of a concatenation that decides where the URL points counts. */
  url?: boolean;
  /** The kinds of source wanted (the shared flow's default when absent). */
  kinds?: ReadonlySet<TaintKind>;
  /** With `param` wanted: keep a parameter passed through unchanged (see `FlowOptions.passThrough`). */
  passThrough?: boolean;
}

/** Methods whose result is a number, a boolean or a date (the shared flow knows the others). */
const NUMBER_METHODS = new Set(['toFixed', 'getTime', 'valueOf']);
/** Globals whose result is a number, a boolean or otherwise free of markup. */
const SAFE_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'isFinite', 'Math', 'Date']);
/** Helper names that, by convention, validate or escape their argument (also on plain calls). */
const SANITIZER_NAME = /^(sanitize|escape|quote|validate|allowlist|whitelist|assert)/i;

/**
 * The untrusted source `node` is built from, following the shared flow of `context.lang` (request data,
 * `process.argv`, model output, array callbacks) and the rule's own sources, but stopping at the rule's
 * sanitizers and at number-producing calls. Null when no source is found.
 */
export function untrustedSource(lang: JsHelpers, node: JsNode, hooks: FlowHooks): Taint | null {
  return lang.taint(node, {
    source: hooks.source && ((n) => hooks.source!(n, lang)),
    trusted: (n) => isLookupKey(n) || !!hooks.trusted?.(n, lang),
    sanitizes: (call) => hooks.sanitizes(call, lang) || isNumberCall(call, lang),
    url: hooks.url,
    elements: true,
    kinds: hooks.kinds,
    passThrough: hooks.passThrough,
  });
}

/** `map.get(key)`, `searchParams.get('x')`: the value comes from the receiver, not from the key. */
function isLookupKey(node: JsNode): boolean {
  const call = node.parent;
  if (call?.type !== 'CallExpression' && call?.type !== 'OptionalCallExpression') return false;
  const callee = unwrap(call.callee as JsNode);
  return callee !== node && propertyName(callee) === 'get' && call.arguments.includes(node as never);
}

/** Calls of sanitizer-named helpers and of calls whose result carries no markup (numbers, dates). */
function isNumberCall(call: CallLike, lang: JsHelpers): boolean {
  const callee = unwrap(call.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  if (name !== null && SANITIZER_NAME.test(name)) return true;
  if (name !== null && callee.type !== 'Identifier' && NUMBER_METHODS.has(name)) return true;
  const ref = lang.resolve(callee);
  return !!ref && ref.module === null && SAFE_GLOBALS.has(ref.path[0]);
}

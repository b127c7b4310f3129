import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import { MODULES, parameterReport, withCallsIntoModules } from './calls-into-modules';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { FlowOptions, Taint, TaintKind } from '../../languages/js/flow';
import { flowLocations, summaryOnly } from '../shared/flow-report';
import { constInit, guardScope, guardText, hostCheckedUrl, someBefore } from '../../languages/js/guards';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { concatParts, partText } from '../../languages/js/concat';
import { isBrowserPage } from './browser-helpers';

/** HTTP client modules; {@link sinkOf} says, per module, which calls send a request and which argument holds the URL. */
const CLIENT_MODULES = new Set([
  'axios', 'got', 'node-fetch', 'undici', 'superagent', 'http', 'https', 'needle', 'request', 'request-promise',
  'request-promise-native', 'ky',
]);
const VERB_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options', 'request', 'stream', 'fetch']);
/** undici classes whose constructor takes the origin every request of the instance goes to. */
const UNDICI_ORIGIN_CLASSES = new Set(['Pool', 'Client', 'BalancedPool']);
/** Options-object properties that carry the whole URL, or only the host. */
const URL_KEYS = new Set(['url', 'href', 'baseURL', 'baseUrl', 'prefixUrl', 'uri', 'origin']);
const HOST_KEYS = new Set(['host', 'hostname']);
/** Request data and model output; a CLI fetching the URL given on its command line is doing its job. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model']);
/**
 * Any caller's parameter is followed; only one placed after constant URL text decides the host here (see
 * {@link partsTaint}), the others (a whole URL passed through) are summaries for callers in other files.
 */
const URL_FLOW: FlowOptions = { kinds: new Set([...KINDS, 'param']), passThrough: true };
/** Static text that already fixes scheme and host (`https://api.example.com/`) or is a same-origin path. */
const ORIGIN_FIXED = /^(?:[a-z][a-z0-9+.-]*:\/\/[^/?#\\\0]*[/?#\\]|\/(?![/\\])|\0[/?#])/i;
/** Names of helpers that, by convention, check a URL or host against an allow-list. */
const URL_CHECKER = /allow|whitelist|trusted|safe|valid|verify|permitted/i;
const PREFILTER = /fetch|axios|got|superagent|undici|needle|request|ky|https?['"]/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-ssrf',
  languages: ['js'],
  meta: {
    description: 'Outgoing requests must not go to a host chosen by request data or model output',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-918'],
    owaspLlm: ['LLM05:2025', 'LLM06:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which puts it in the host of a request URL (line {{line}}). The sender can make this server call internal services (localhost, 169.254.169.254 cloud metadata).',
      ssrf:
        '{{fn}}() sends a request to a URL whose host comes from {{source}}. The sender can make this server call internal services (localhost, 169.254.169.254 cloud metadata) and read the answer.',
      ssrfParam:
        '{{fn}}() sends a request to a URL whose host comes from {{source}}, which comes from the caller. If a caller passes user input, that user can make this server call internal services (localhost, 169.254.169.254 cloud metadata).',
      ssrfModel:
        '{{fn}}() sends a request to a URL whose host comes from {{source}}. A prompt injection can make the model pick an internal address (localhost, 169.254.169.254) or an attacker\'s server to leak data to.',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    return withCallsIntoModules(context, {
      CallExpression: (node) => check(node as t.CallExpression & JsNode),
      NewExpression: (node) => check(node as t.NewExpression & JsNode),
    });
    function check(call: (t.CallExpression | t.NewExpression) & JsNode): void {
      const sink = sinkOf(call, lang);
      if (!sink) return;
      const guards = guardedTexts(call, lang, text);
      const found = sink.url ? urlTaint(sink.url, lang, text, guards, 0) : null;
      const host = found ? null : sink.options ? optionsTaint(sink.options, lang, text, guards) : null;
      const hit = found ? { node: sink.url!, taint: found } : host;
      if (!hit) return;
      const { node, taint } = hit;
      context.report({
        range: [node.start!, node.end!],
        messageId: taint.kind === 'model' ? 'ssrfModel' : taint.kind === 'param' ? 'ssrfParam' : 'ssrf',
        ...parameterReport(lang, taint),
        data: { fn: sink.fn, source: taint.description },
        flow: flowLocations(taint, lang),
      });
    }
  },
});

interface Sink {
  fn: string;
  /** The argument that is a URL string (or URL object). */
  url: JsNode | null;
  /** An options object that may carry `url`/`host`. */
  options: t.ObjectExpression | null;
}

/** Which arguments of an HTTP client call hold the destination; null when the call is not a client call. */
function sinkOf(call: t.CallExpression | t.NewExpression, lang: JsHelpers): Sink | null {
  const callee = unwrap(call.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  if (name === null) return null;
  // The argument list and the label are built only for calls that may be sinks: most are not.
  if (call.type === 'NewExpression') {
    // new Pool(origin) / new undici.Client(origin)
    if (!UNDICI_ORIGIN_CLASSES.has(name)) return null;
    const ref = lang.resolve(callee);
    return ref?.module === 'undici' && ref.path.length === 1 ? split(`new undici.${name}`, positional(call)[0]) : null;
  }
  if (name === 'goto' && callee.type === 'MemberExpression') {
    return isBrowserPage(callee.object as JsNode, lang) ? split('page.goto', positional(call)[0]) : null;
  }
  if (callee.type !== 'Identifier' && !VERB_METHODS.has(name)) return null;
  const ref = lang.resolve(callee);
  if (!ref) return null;
  const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
  if (ref.module === null) return path.length === 1 && path[0] === 'fetch' ? split('fetch', positional(call)[0]) : null;
  if (!CLIENT_MODULES.has(ref.module)) return null;
  const method = path.length === 1 ? path[0] : path.length === 0 ? null : '?';
  if (method === '?') return null;
  const args = positional(call);
  const label = [ref.module, ...path].filter(Boolean).join('.');
  switch (ref.module) {
    case 'http':
    case 'https':
      return method === 'get' || method === 'request' ? split(label, args[0]) : null;
    case 'node-fetch':
      return method === null ? split(label, args[0]) : null;
    case 'undici':
      return method === 'fetch' || method === 'request' || method === 'stream' ? split(label, args[0]) : null;
    case 'superagent':
    case 'needle': {
      // superagent('GET', url) or superagent(url); needle('get', url, data), needle.request('get', url, data)
      const m = staticValue(args[0]);
      const methodFirst = (method === null || (ref.module === 'needle' && method === 'request')) && args.length > 1;
      const url = methodFirst && (ref.module === 'needle' || (m.known && typeof m.value === 'string')) ? args[1] : args[0];
      return method === null || VERB_METHODS.has(method) ? split(label, url) : null;
    }
    default:
      // axios / got / ky / request: a function of (url | config) and verb methods of (url, …).
      return method === null || VERB_METHODS.has(method) ? split(label || ref.module, args[0]) : null;
  }
}

/** The arguments of a call before and after spreads, spreads left out. */
function positional(call: t.CallExpression | t.NewExpression): JsNode[] {
  return (call.arguments as JsNode[]).filter((a) => a.type !== 'SpreadElement');
}

function split(fn: string, arg: JsNode | undefined): Sink | null {
  if (!arg) return null;
  const n = unwrap(arg);
  if (n.type === 'ObjectExpression') return { fn, url: null, options: n };
  return { fn, url: arg, options: null };
}

/** Taint of the `url`/`baseURL` or `host`/`hostname` properties of an options object. */
function optionsTaint(options: t.ObjectExpression, lang: JsHelpers, text: string, guards: Set<string>): { node: JsNode; taint: Taint } | null {
  for (const p of options.properties) {
    if (p.type !== 'ObjectProperty') continue;
    const key = propertyName(p) ?? '';
    const value = p.value as JsNode;
    const taint = URL_KEYS.has(key)
      ? urlTaint(value, lang, text, guards, 0)
      : HOST_KEYS.has(key) && !guarded(value, text, guards)
        ? lang.taint(value, KINDS)
        : null;
    if (taint) return { node: value, taint };
  }
  return null;
}

/**
 * The untrusted source that can decide the scheme, host or port of a URL expression. Parts after static
 * text that already fixes the origin (`https://api.example.com/users/${id}`) only choose the path.
 */
function urlTaint(node: JsNode, lang: JsHelpers, text: string, guards: Set<string>, depth: number, afterPrefix = false): Taint | null {
  const n = unwrap(node);
  // A caller's parameter counts only after constant text (`https://${host}/api`): the URL is built around it.
  if (depth > 10 || guarded(n, text, guards)) return null;
  switch (n.type) {
    case 'TemplateLiteral':
    case 'BinaryExpression': {
      if (n.type === 'BinaryExpression' && n.operator !== '+') return null;
      const parts = concatParts(n).map((p) => partText(p) ?? p);
      return partsTaint(parts, lang, text, guards, depth);
    }
    case 'ConditionalExpression':
      return urlTaint(n.consequent as JsNode, lang, text, guards, depth + 1, afterPrefix) ?? urlTaint(n.alternate as JsNode, lang, text, guards, depth + 1, afterPrefix);
    case 'LogicalExpression':
      return urlTaint(n.left as JsNode, lang, text, guards, depth + 1, afterPrefix) ?? urlTaint(n.right as JsNode, lang, text, guards, depth + 1, afterPrefix);
    case 'Identifier': {
      const init = constInit(n, lang);
      return init ? urlTaint(init, lang, text, guards, depth + 1, afterPrefix) : prefixedTaint(lang.taint(n, URL_FLOW), afterPrefix);
    }
    case 'NewExpression': {
      // new URL(input, base): an absolute `input` replaces the base, so the input decides first.
      const [input, base] = n.arguments as JsNode[];
      if (n.callee.type !== 'Identifier' || n.callee.name !== 'URL' || !input) return prefixedTaint(lang.taint(n, URL_FLOW), afterPrefix);
      return urlTaint(input, lang, text, guards, depth + 1) ?? (base ? urlTaint(base, lang, text, guards, depth + 1) : null);
    }
    default:
      return prefixedTaint(lang.taint(n, URL_FLOW), afterPrefix);
  }
}

/** A parameter after constant URL text is built into the URL; any other is a summary for callers in other files. */
function prefixedTaint(taint: Taint | null, afterPrefix: boolean): Taint | null {
  if (taint?.kind !== 'param') return taint;
  return { ...taint, passThrough: !afterPrefix };
}

type Part = string | JsNode;

/** Walks the parts in order; an untrusted part counts only while the static text has not fixed the origin. */
function partsTaint(parts: Part[], lang: JsHelpers, text: string, guards: Set<string>, depth: number): Taint | null {
  let prefix = '';
  // A caller's parameter passed on whole is a summary for callers; a later part may still be a problem here.
  let summary: Taint | null = null;
  for (const part of parts) {
    if (ORIGIN_FIXED.test(prefix)) return summary;
    if (typeof part === 'string') {
      prefix += part;
      continue;
    }
    const constant = constantString(part, lang);
    if (constant !== null) {
      prefix += constant;
      continue;
    }
    const taint = urlTaint(part, lang, text, guards, depth + 1, prefix !== '' && !prefix.includes('\0'));
    if (taint && !summaryOnly(taint)) return taint;
    summary ??= taint;
    // A trusted dynamic part (a configured base URL) is a placeholder for unknown origin text.
    prefix += '\0';
  }
  return summary;
}

/** The string value of a literal or of a `const` bound to one, else null. */
function constantString(node: JsNode, lang: JsHelpers, depth = 0): string | null {
  const n = unwrap(node);
  const v = staticValue(n);
  if (v.known) return typeof v.value === 'string' ? v.value : String(v.value);
  if (n.type !== 'Identifier' || depth > 5) return null;
  const init = constInit(n, lang);
  return init ? constantString(init, lang, depth + 1) : null;
}

/** Whether an expression, or the object it is read from (`u.href`, `u.toString()`), was checked. */
function guarded(node: JsNode, text: string, guards: Set<string>): boolean {
  if (guards.size === 0) return false;
  if (guards.has(guardText(node, text))) return true;
  const target = node.type === 'CallExpression' ? node.callee : node;
  const root = memberPath(target)?.[0];
  return root !== undefined && guards.has(root);
}

/**
 * Whitespace-free source texts of URLs whose host is checked before `call` in its enclosing functions:
 * the object of a host allow-list check (see {@link hostCheckedUrl}, and `x` of `const u = new URL(x)`),
 * and the argument of a helper named like `isAllowedUrl(x)`.
 */
function guardedTexts(call: JsNode, lang: JsHelpers, text: string): Set<string> {
  const guards = new Set<string>();
  const addUrl = (node: JsNode) => {
    const n = unwrap(node);
    guards.add(guardText(n, text));
    const init = n.type === 'Identifier' ? constInit(n, lang) : n;
    const url = init ? unwrap(init) : null;
    if (url?.type === 'NewExpression' && url.arguments[0]) guards.add(guardText(unwrap(url.arguments[0] as JsNode), text));
  };
  someBefore(guardScope(call, lang), call, (n) => {
    const checked = hostCheckedUrl(n);
    if (checked && !isIncomingRequest(checked)) {
      addUrl(checked);
    } else if (n.type === 'CallExpression' && n.callee.type === 'Identifier' && URL_CHECKER.test(n.callee.name) && n.arguments[0]) {
      addUrl(n.arguments[0] as JsNode);
    }
    return false;
  });
  return guards;
}

/** `req.hostname` is the host of the incoming request, not of the URL being fetched. */
function isIncomingRequest(node: JsNode): boolean {
  const n = unwrap(node);
  return n.type === 'Identifier' && /^(req|request|ctx)$/.test(n.name);
}

import { enclosingFunction } from '../../languages/js/scope';
import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { isScopeNode } from '../../languages/js/scope';
import { walkJs } from '../../languages/js/traverse';
import { untrustedSource, type FlowHooks } from './xss-redirect-flow';

/** Modules whose `redirect(url)` function sends the browser elsewhere (Next.js, Remix, React Router, SvelteKit). */
const REDIRECT_MODULES = new Set([
  'next/navigation',
  '@remix-run/node',
  '@remix-run/react',
  '@remix-run/server-runtime',
  'react-router',
  'react-router-dom',
  '@sveltejs/kit',
]);
const REDIRECT_FUNCTIONS = new Set(['redirect', 'permanentRedirect']);
/** Helper names that, by convention, validate a URL or return a safe one (`getSafeRedirect`, `isAllowedUrl`). */
const VALIDATOR_NAME = /safe|allow|valid|sanitiz|relative|trusted|whitelist/i;
/** Request properties that name this server, not a destination the sender picks. */
const HOST_PROPERTIES = new Set(['host', 'hostname', 'protocol', 'x-forwarded-host', 'x-forwarded-proto']);

const HOOKS: FlowHooks = { url: true, sanitizes: isValidatorCall, trusted: isOwnHost };

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-open-redirect',
  languages: ['js'],
  meta: {
    description: 'Redirects must not send the browser to a URL taken from the request without validating it',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-601'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      openRedirect:
        'The target of {{fn}} comes from {{source}}. A link to your site can then forward visitors to any site, such as a look-alike login page (open redirect).',
      weakCheck:
        "The target of {{fn}} comes from {{source}} and is only checked with startsWith('/'): `//evil.example` and `/\\evil.example` pass that check and leave your site.",
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!/redirect|location/i.test(text)) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const sink = redirectTarget(call, lang);
        if (!sink) return;
        const source = untrustedSource(lang, sink.target, HOOKS);
        if (!source) return;
        const guard = guardOf(sink.target, call, lang, text);
        if (guard === 'safe') return;
        context.report({
          range: [sink.target.start!, sink.target.end!],
          messageId: guard === 'weak' ? 'weakCheck' : 'openRedirect',
          data: { fn: sink.fn, source: source.description },
          related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
        });
      },
    };
  },
});

/** The URL argument of a redirect call and a label for the message, or null when the call is no redirect. */
function redirectTarget(call: t.CallExpression & JsNode, lang: JsHelpers): { target: JsNode; fn: string } | null {
  const callee = unwrap(call.callee as JsNode);
  const args = (call.arguments as JsNode[]).filter((a) => a.type !== 'SpreadElement');
  if (callee.type === 'Identifier') {
    if (!REDIRECT_FUNCTIONS.has(callee.name)) return null;
    const ref = lang.resolve(callee);
    if (!ref?.module || !REDIRECT_MODULES.has(ref.module)) return null;
    return withTarget(urlArgument(args), `${callee.name}()`);
  }
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  const method = propertyName(callee);
  if (method === 'redirect') {
    // A library of its own with a redirect() export is not a response object.
    const ref = lang.resolve(callee);
    if (ref?.module && !(ref.module === 'next/server' && ref.path.join('.') === 'NextResponse.redirect')) return null;
    return withTarget(urlArgument(args), `${(memberPath(callee) ?? ['redirect']).slice(-2).join('.')}()`);
  }
  if (method === 'writeHead') {
    const options = args.map(unwrap).find((a) => a.type === 'ObjectExpression') as t.ObjectExpression | undefined;
    const location = options?.properties.find(
      (p) => p.type === 'ObjectProperty' && (propertyName(p) ?? '').toLowerCase() === 'location',
    ) as t.ObjectProperty | undefined;
    return withTarget(location ? (location.value as JsNode) : null, 'writeHead(…, { Location })');
  }
  if (method === 'setHeader' || method === 'header' || method === 'set') {
    const name = staticValue(args[0]);
    if (!name.known || String(name.value).toLowerCase() !== 'location') return null;
    return withTarget(args[1] ?? null, `${method}('Location')`);
  }
  return null;
}

function withTarget(target: JsNode | null, fn: string): { target: JsNode; fn: string } | null {
  return target ? { target, fn } : null;
}

/** The URL among `redirect(url)`, `redirect(status, url)` and Fastify 5's `redirect(url, status)`. */
function urlArgument(args: readonly JsNode[]): JsNode | null {
  return args.find((a) => typeof (staticValue(a) as { value?: unknown }).value !== 'number') ?? null;
}

/** `isSafeUrl(x)`, `getSafeRedirect(x)`, `validateReturnTo(x)`: helpers that vet the URL. */
function isValidatorCall(call: t.CallExpression | t.OptionalCallExpression | t.NewExpression): boolean {
  const callee = unwrap(call.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  return name !== null && VALIDATOR_NAME.test(name);
}

/** `req.headers.host`, `req.hostname`, `req.get('host')`: this server's own name (the https-upgrade idiom). */
function isOwnHost(node: JsNode): boolean {
  if (node.type === 'MemberExpression') {
    const path = memberPath(node);
    const name = propertyName(node);
    if (!path || name === null || !HOST_PROPERTIES.has(name.toLowerCase())) return false;
    return path[path.length - 2] === 'headers' || path.length === 2;
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
    const method = propertyName(node.callee);
    const arg = staticValue(node.arguments[0] as JsNode);
    return (method === 'get' || method === 'header') && arg.known && HOST_PROPERTIES.has(String(arg.value).toLowerCase());
  }
  return false;
}

/**
 * How the redirect target is checked in its function: `safe` when it is compared with constants,
 * looked up in an allow-list, tested with a pattern, passed to a validator, parsed with `new URL` whose
 * host is then read, or checked with `startsWith` against more than a bare `/`; `weak` when the only
 * check is `startsWith('/')`; `none` otherwise. Checks are matched on the source text of the target,
 * of the values it is built from, and of their initialisers.
 */
function guardOf(target: JsNode, call: JsNode, lang: JsHelpers, source: string): 'safe' | 'weak' | 'none' {
  const keys = valueKeys(target, lang, source);
  const text = (n: t.Node | null | undefined) => (n ? sourceOf(n, source) : '');
  let result: 'safe' | 'weak' | 'none' = 'none';
  let parsedAsUrl = false;
  let readsHost = false;
  walkJs(enclosingFunction(call), (n) => {
    if (result === 'safe') return false;
    if (n.type === 'MemberExpression' && /^(host|hostname|origin)$/.test(propertyName(n) ?? '')) readsHost = true;
    if (n.type === 'NewExpression' && (keys.has(text(n)) || keys.has(text(n.arguments[0])))) {
      const ref = lang.resolve(n.callee as JsNode);
      if (ref?.module === null && ref.path.join('.') === 'URL') parsedAsUrl = true;
    }
    if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator)) {
      const [a, b] = [n.left, n.right];
      if ((keys.has(text(a)) && staticValue(b as JsNode).known) || (keys.has(text(b)) && staticValue(a as JsNode).known)) result = 'safe';
    }
    if (n.type !== 'CallExpression') return;
    const callee = unwrap(n.callee as JsNode);
    const args = n.arguments as JsNode[];
    const method = callee.type === 'Identifier' ? callee.name : propertyName(callee);
    if (callee.type === 'MemberExpression' && keys.has(text(callee.object)) && method === 'startsWith') {
      const v = staticValue(args[0]);
      result = v.known && v.value === '/' ? 'weak' : 'safe';
    } else if (callee.type === 'MemberExpression' && keys.has(text(callee.object)) && method === 'match') {
      result = 'safe';
    } else if (args.some((a) => keys.has(text(a))) && method !== null && (/^(test|includes|has|indexOf)$/.test(method) || VALIDATOR_NAME.test(method))) {
      result = 'safe';
    }
    return undefined;
  });
  // `result` is assigned inside the walk callback, which TypeScript's narrowing does not see.
  const found = result as 'safe' | 'weak' | 'none';
  return parsedAsUrl && readsHost ? 'safe' : found;
}

function sourceOf(node: t.Node, source: string): string {
  const n = unwrap(node as JsNode);
  return source.slice(n.start!, n.end!);
}

/** Source texts of the identifiers, member chains and `new` expressions the target is built from, following local initialisers. */
function valueKeys(target: JsNode, lang: JsHelpers, source: string): Set<string> {
  const keys = new Set<string>();
  const pending: JsNode[] = [target];
  for (let i = 0; i < pending.length && i < 50; i++) {
    const n = unwrap(pending[i]);
    const add = (x: JsNode) => {
      if (x.type !== 'Identifier' && x.type !== 'MemberExpression' && x.type !== 'NewExpression') return;
      const key = sourceOf(x, source);
      if (keys.has(key)) return;
      keys.add(key);
      if (x.type !== 'Identifier') return;
      const b = lang.scopes.lookup(x.name, lang.scopes.chainOf(x))?.binding;
      if (b && (b.kind === 'var' || b.kind === 'param') && b.init) pending.push(b.init);
    };
    add(n);
    walkJs(n, (c) => {
      const p = c.parent;
      // `query` in `req.query` is a property name, not a value.
      if (!(p?.type === 'MemberExpression' && p.property === c && !p.computed)) add(c);
      return !isScopeNode(c);
    });
  }
  return keys;
}


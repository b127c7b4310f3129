import type * as t from '@babel/types';
import { describeExpression, propertyName, staticValue, unwrap } from './ast';
import type { Taint } from './flow';
import type { JsNode } from './parse';
import type { Resolver } from './resolve';
import type { Binding, Scopes } from './scope';
import { walkJs } from './traverse';

/** Properties of an Express/Fastify/Node/Web request object that carry client-controlled data. */
const REQUEST_DATA = new Set([
  'query',
  'body',
  'params',
  'headers',
  'cookies',
  'signedCookies',
  'url',
  'originalUrl',
  'path',
  'files',
  'file',
  'hostname',
  'rawBody',
  'nextUrl',
  'querystring',
  'header',
  'search',
  'searchParams',
  'queryStringParameters',
  'pathParameters',
  'multiValueQueryStringParameters',
]);
/** Request methods that return client-controlled data. */
const REQUEST_METHODS = new Set(['get', 'header', 'param', 'json', 'text', 'formData', 'arrayBuffer', 'blob']);
/** Methods of Hono's `c.req` that return client-controlled data (beyond {@link REQUEST_METHODS}). */
const HONO_METHODS = new Set(['query', 'queries', 'param', 'header', 'json', 'text', 'formData', 'arrayBuffer', 'blob', 'parseBody', 'valid']);
/** HTTP route registration methods (Express, Koa router, Fastify, Hono...). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route', 'on']);
const NEXT_HANDLERS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
/** Properties of the context of Next.js `getServerSideProps` that come from the request URL. */
const NEXT_SSR_DATA = new Set(['query', 'params', 'resolvedUrl']);
/** Hono helpers whose callback gets the context `c` (from `hono/factory`). */
const HONO_FACTORIES = new Set(['createMiddleware', 'createHandlers']);
/** Properties of the single context parameter of an Elysia handler that carry client-controlled data. */
const ELYSIA_DATA = new Set(['body', 'query', 'params', 'headers', 'cookie', 'path', 'request']);

/** Parameter decorators whose parameter receives client-controlled data, by module. */
const DATA_DECORATORS: Record<string, { framework: string; names: ReadonlySet<string> }> = {
  '@nestjs/common': { framework: 'NestJS', names: new Set(['Body', 'Query', 'Param', 'Headers', 'HostParam', 'UploadedFile', 'UploadedFiles']) },
  '@nestjs/websockets': { framework: 'NestJS', names: new Set(['MessageBody']) },
  '@nestjs/graphql': { framework: 'NestJS GraphQL', names: new Set(['Args']) },
  'type-graphql': { framework: 'TypeGraphQL', names: new Set(['Arg', 'Args']) },
};
/** NestJS parameter decorators that inject the request object itself. */
const REQUEST_DECORATORS = new Set(['Req', 'Request']);
/** NestJS pipes that turn the value into a number, boolean, UUID or enum member. */
const PARSE_PIPE = /^Parse(Int|Float|Bool|UUID|Enum)Pipe$/;

/** tRPC procedure resolvers: `.query(({ input }) => …)`. */
const TRPC_RESOLVERS = new Set(['query', 'mutation', 'subscription']);
/** Root types of a GraphQL resolver map whose field resolvers get client-chosen `args`. */
const GRAPHQL_ROOTS = new Set(['Query', 'Mutation', 'Subscription']);
/** socket.io events the server itself emits, with no client payload. */
const SOCKET_IO_OWN_EVENTS = new Set(['disconnect', 'disconnecting', 'error', 'connect_error']);
/** Electron `ipcMain` methods that register a handler of renderer messages. */
const IPC_MAIN_METHODS = new Set(['on', 'once', 'handle', 'handleOnce', 'addListener']);

/**
 * Browser globals (after `window.`/`document.location` is normalised) that an attacker sets through a link.
 * `location.pathname` is left out: browsers percent-encode markup in it.
 */
const BROWSER_URL: Record<string, string> = {
  'location.hash': 'URL fragment',
  'location.search': 'URL query string',
  'location.href': 'page URL',
  'document.URL': 'page URL',
  'document.documentURI': 'page URL',
  'document.referrer': 'referrer URL',
  name: 'window name',
};
const BROWSER_URL_PROPERTIES = new Set(['hash', 'search', 'href', 'URL', 'documentURI', 'referrer', 'name']);
/** Client-side router hooks that return URL data, by module. */
const ROUTER_HOOKS: Record<string, ReadonlySet<string>> = {
  'next/navigation': new Set(['useSearchParams', 'useParams']),
  'next/router': new Set(['useRouter']),
  'react-router': new Set(['useSearchParams', 'useParams', 'useLocation']),
  'react-router-dom': new Set(['useSearchParams', 'useParams', 'useLocation']),
};
/** Properties of a router hook's result that hold URL data (`useRouter().query`, `useLocation().search`). */
const ROUTER_URL_DATA: Record<string, string> = { query: 'URL query', asPath: 'page URL', search: 'URL query string', hash: 'URL fragment' };
const ROUTER_URL_PROPERTIES = new Set(Object.keys(ROUTER_URL_DATA));
/** Properties that {@link RequestSources.propertyOf} may recognise as client data of a framework object. */
const OBJECT_PROPERTY_SOURCES = new Set(['data', 'input', 'searchParams', 'params', 'resolvedUrl', ...ROUTER_URL_PROPERTIES]);

/**
 * The JS/TS sources of client-controlled data the shared flow knows by framework: request objects and
 * their data (Express, Koa, Fastify, Hono, Elysia, Next.js, Web `Request`, AWS Lambda events), NestJS and
 * TypeGraphQL parameter decorators, Next.js page props and server actions, tRPC inputs, GraphQL resolver
 * arguments, WebSocket and socket.io messages, Electron IPC arguments, `message` events and browser URL
 * data (`location.hash`, router hooks). The flow asks at member reads, method calls, destructuring
 * bindings and parameters; every source is recognised by its import, call shape or directive, not by name.
 */
export class RequestSources {
  /** Whether a `message` handler reads `origin` (it is then taken to check the sender), per function. */
  private readonly checksOrigin = new WeakMap<JsNode, boolean>();

  constructor(
    private readonly scopes: Scopes,
    private readonly resolver: Resolver,
  ) {}

  /** `req.query`, `ctx.request.body`, `new URL(req.url).searchParams`, `location.hash`, `event.data`, `opts.input`. */
  member(n: t.MemberExpression | t.OptionalMemberExpression, chain: readonly JsNode[]): Taint | null {
    const name = propertyName(n);
    if (name === null) return null;
    if (REQUEST_DATA.has(name) && this.isRequestObject(n.object as JsNode, chain)) {
      return { kind: 'request', node: n as JsNode, description: `HTTP request data (${describeExpression(n)})` };
    }
    const object = unwrap(n.object as JsNode);
    if (object.type === 'Identifier' && OBJECT_PROPERTY_SOURCES.has(name)) {
      const described = this.propertyOf(object.name, [name], chain);
      if (described) return { kind: 'request', node: n as JsNode, description: described.replace('{}', describeExpression(n)) };
    }
    if (BROWSER_URL_PROPERTIES.has(name)) return this.browserUrl(n as JsNode, [], chain);
    return null;
  }

  /** `req.get('x')`, `await request.json()`, Hono's `c.req.query('q')`. */
  methodCall(n: JsNode, callee: t.MemberExpression | t.OptionalMemberExpression, chain: readonly JsNode[]): Taint | null {
    const method = propertyName(callee);
    if (method === null) return null;
    if (HONO_METHODS.has(method) && this.isContextRequest(callee.object as JsNode, chain)) {
      return { kind: 'request', node: n, description: `Hono request data (${describeExpression(n)})` };
    }
    if (!REQUEST_METHODS.has(method) || !this.isRequestObject(callee.object as JsNode, chain)) return null;
    return { kind: 'request', node: n, description: `HTTP request data (${describeExpression(n)})` };
  }

  /** `const { query } = req`, `const { data } = event`, `const { hash } = location`, `const sp = useSearchParams()`. */
  destructured(b: Binding, chain: readonly JsNode[]): Taint | null {
    const init = b.init!;
    if (b.path.length > 0 && REQUEST_DATA.has(b.path[0]) && this.isRequestObject(init, chain)) {
      return { kind: 'request', node: b.id, description: `HTTP request data (${describeExpression(init)}.${b.path[0]})` };
    }
    if (b.kind !== 'var') return null;
    const n = unwrap(init);
    if (n.type === 'Identifier' && b.path.length > 0) {
      const described = this.propertyOf(n.name, b.path, chain);
      if (described) return { kind: 'request', node: b.id, description: described.replace('{}', `${n.name}.${b.path[0]}`) };
    }
    if (n.type === 'MemberExpression' || n.type === 'Identifier') {
      const url = b.path.length > 0 ? this.browserUrl(n, b.path, chain) : null;
      if (url) return { ...url, node: b.id };
    }
    if (n.type === 'CallExpression' || n.type === 'AwaitExpression') {
      const hook = this.routerHook(n, chain);
      if (hook === 'useSearchParams' || hook === 'useParams') {
        const what = hook === 'useParams' ? 'URL route params' : 'URL query string';
        return { kind: 'request', node: b.id, description: `${what} (${hook}())` };
      }
      if (hook && b.path.length > 0 && ROUTER_URL_PROPERTIES.has(b.path[0])) {
        return { kind: 'request', node: b.id, description: `${ROUTER_URL_DATA[b.path[0]]} (${hook}().${b.path[0]})` };
      }
    }
    return null;
  }

  /**
   * A parameter that is client-controlled data itself: `({ query }, res) => …` of a route, Next.js route
   * `{ params }`, page `{ searchParams }`, server-action arguments, NestJS `@Query()` parameters, tRPC
   * `{ input }`, GraphQL `args`, WebSocket/socket.io/IPC message arguments, `({ data }) => …` of a message event.
   */
  param(b: Binding): Taint | null {
    const fn = b.fn!;
    const index = b.paramIndex!;
    const top = b.path[0];
    if (b.path.length > 0 && REQUEST_DATA.has(top) && this.requestParamIndex(fn) === index) {
      return { kind: 'request', node: b.id, description: `HTTP request data (${top})` };
    }
    const request = (description: string): Taint => ({ kind: 'request', node: b.id, description });
    if (index === 1 && top === 'params' && isNextRouteHandler(fn)) return request('HTTP request data (route params)');
    if (fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') {
      const decorated = this.decoratedParam(fn, index);
      return decorated?.kind === 'data' ? request(`${decorated.framework} @${decorated.name}() parameter ${b.name}`) : null;
    }
    if (index === 0 && b.path.length > 0 && ELYSIA_DATA.has(top) && isElysiaHandler(fn)) return request(`Elysia request data (${top})`);
    if (index === 0 && (top === 'searchParams' || top === 'params')) {
      const page = nextPageFunction(fn);
      if (page) return request(`Next.js ${page} prop ${top}`);
    }
    if (index === 0 && top !== undefined && NEXT_SSR_DATA.has(top) && exportedName(fn) === 'getServerSideProps') {
      return request(`Next.js getServerSideProps context (${top})`);
    }
    if (index === 0 && top === 'input' && isTrpcResolver(fn)) return request(`tRPC procedure input (${b.name})`);
    if (index === 0 && top === 'data' && this.isMessageEventParam(fn)) return request(`${messageLabel(fn)} (data)`);
    if (index === 1 && isGraphqlResolver(fn)) return request(`GraphQL resolver arguments (${b.name})`);
    if (isServerAction(fn, this.programOf(fn))) return request(`Next.js server action argument (${b.name})`);
    const message = this.messageParam(fn, index);
    if (message) return request(`${message} (${b.name})`);
    const cli = this.cliHandler(fn, index);
    return cli ? { kind: 'argv', node: b.id, description: `a command-line argument (${cli} ${b.name})` } : null;
  }

  /**
   * A command handler of a CLI framework and which of its parameters are the user's input: commander's
   * `.action((file, options) => …)` (every parameter), yargs' `.command(name, desc, builder, (argv) => …)`.
   */
  private cliHandler(fn: JsNode, index: number): string | null {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || !call.arguments.includes(fn as t.Expression)) return null;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'MemberExpression') return null;
    const method = propertyName(callee);
    const module = this.chainModule(callee.object as JsNode);
    if (method === 'action' && module === 'commander') return 'commander action';
    if (method === 'command' && index === 0 && call.arguments[call.arguments.length - 1] === fn && /^yargs(?:\/|$)/.test(module ?? '')) return 'yargs';
    return null;
  }

  /** The module a method chain starts from (`program.command('x').option(…)` → `commander`), or null. */
  private chainModule(node: JsNode): string | null {
    let n = unwrap(node);
    for (let i = 0; i < 20; i++) {
      if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') n = unwrap(n.callee.object as JsNode);
      else if (n.type === 'CallExpression' || n.type === 'NewExpression') n = unwrap(n.callee as JsNode);
      else if (n.type === 'Identifier') {
        // `const cli = new Command()`: follow a name bound once to a chain.
        const b = this.scopes.lookup(n.name, this.scopes.chainOf(n))?.binding;
        if (b?.kind !== 'var' || !b.init || b.path.length > 0 || !/Call|New/.test(unwrap(b.init).type)) break;
        n = unwrap(b.init);
      } else break;
    }
    if (n.type !== 'Identifier' && n.type !== 'MemberExpression') return null;
    const ref = this.resolver.resolve(n, this.scopes.chainOf(n));
    return ref?.module ?? null;
  }

  /** Whether an expression is a request object: a handler's request parameter, `ctx.request`, `ctx` of Koa, `c.req` of Hono, NestJS `@Req()`. */
  isRequestObject(node: JsNode, chain: readonly JsNode[]): boolean {
    const n = unwrap(node);
    if (n.type === 'MemberExpression' && propertyName(n) === 'request') {
      return this.isRequestObject(n.object as JsNode, chain) || isKoaContext(n.object as JsNode, this.scopes, chain);
    }
    if (n.type === 'MemberExpression' && propertyName(n) === 'req') return this.isContextRequest(n, chain);
    if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'URL' && n.arguments[0]) {
      // new URL(req.url).searchParams
      const arg = unwrap(n.arguments[0] as JsNode);
      return arg.type === 'MemberExpression' && propertyName(arg) === 'url' && this.isRequestObject(arg.object as JsNode, chain);
    }
    if (n.type !== 'Identifier') return false;
    const found = this.scopes.lookup(n.name, chain);
    if (!found) return false;
    const b = found.binding;
    if (b.kind === 'param') {
      const fn = b.fn!;
      if (b.path.length > 0) return b.paramIndex === 0 && b.path.join('.') === 'request' && isElysiaHandler(fn);
      if (this.requestParamIndex(fn) === b.paramIndex || isKoaContext(n, this.scopes, chain)) return true;
      if (fn.type === 'ClassMethod' || fn.type === 'ClassPrivateMethod') return this.decoratedParam(fn, b.paramIndex!)?.kind === 'request';
      // wss.on('connection', (socket, req) => …): the upgrade request
      return b.paramIndex === 1 && this.connectionSocket(fn) === 'ws';
    }
    // const { request } = ctx; const req = ctx.req;
    if (b.kind === 'var' && b.init && b.path.length === 0) return this.isRequestObject(b.init, chain.slice(found.depth));
    return false;
  }

  /** Which parameter of a function is the HTTP request, or -1. */
  requestParamIndex(fn: JsNode): number {
    const params = (fn as t.Function).params;
    if (!params || params.length === 0) return -1;
    const first = params[0] as JsNode;
    const name = first.type === 'Identifier' ? first.name : null;
    if (name !== null && /^(req|request)$/.test(name)) return 0;
    if (first.type === 'Identifier' && typeName(first).match(/(^|\.)(Request|NextRequest|FastifyRequest|IncomingMessage|NextApiRequest)$/)) return 0;
    if (name === 'event' && isLambdaHandler(fn)) return 0;
    // Destructured or oddly named first parameter of a route callback: app.get('/x', ({ query }, res) => …)
    if (isRouteCallback(fn) && params.length >= 2) return 0;
    if (isNextRouteHandler(fn)) return 0;
    return -1;
  }

  /**
   * What reading `path` from the local `name` gives, when `name` is a framework object whose property is
   * client data: `event.data` of a message handler, `opts.input` of a tRPC resolver, `props.searchParams`
   * of a Next.js page, `router.query` of a router hook. A description with `{}` for the expression, or null.
   */
  private propertyOf(name: string, path: readonly string[], chain: readonly JsNode[]): string | null {
    const found = this.scopes.lookup(name, chain);
    const b = found?.binding;
    if (!b || b.path.length > 0) return null;
    const prop = path[0];
    if (b.kind === 'param' && b.paramIndex === 0) {
      const fn = b.fn!;
      if (prop === 'data' && this.isMessageEventParam(fn)) return `${messageLabel(fn)} ({})`;
      if (prop === 'input' && isTrpcResolver(fn)) return 'tRPC procedure input ({})';
      if (prop === 'searchParams' || prop === 'params') {
        const page = nextPageFunction(fn);
        if (page) return `Next.js ${page} prop ({})`;
      }
      if (NEXT_SSR_DATA.has(prop) && exportedName(fn) === 'getServerSideProps') return 'Next.js getServerSideProps context ({})';
      return null;
    }
    if (b.kind === 'var' && b.init && ROUTER_URL_PROPERTIES.has(prop) && !this.scopes.info(b.scope).assignments.has(name)) {
      const hook = this.routerHook(unwrap(b.init), chain.slice(found!.depth));
      if (hook === 'useRouter' ? prop === 'query' || prop === 'asPath' : hook === 'useLocation') return `${ROUTER_URL_DATA[prop]} ({})`;
    }
    return null;
  }

  /** `c.req` of a Hono handler (or `ctx.req` of Koa): the context's request. */
  private isContextRequest(node: JsNode, chain: readonly JsNode[]): boolean {
    const n = unwrap(node);
    if ((n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') || propertyName(n) !== 'req') return false;
    const ctx = unwrap(n.object as JsNode);
    if (ctx.type !== 'Identifier') return false;
    const b = this.scopes.lookup(ctx.name, chain)?.binding;
    if (!b || b.kind !== 'param' || b.paramIndex !== 0 || b.path.length > 0) return false;
    const fn = b.fn!;
    if (isRouteCallback(fn) || /(^|\.)Context$/.test(typeName(b.id))) return true;
    const call = fn.parent;
    return call?.type === 'CallExpression' && call.callee.type === 'Identifier' && HONO_FACTORIES.has(call.callee.name);
  }

  /** How a class method's parameter is decorated: client data (`@Query('id')`), the request (`@Req()`), or null. */
  private decoratedParam(fn: JsNode, index: number): { kind: 'data' | 'request'; framework: string; name: string } | null {
    const param = (fn as t.Function).params[index] as { decorators?: t.Decorator[] | null } | undefined;
    if (!param?.decorators?.length) return null;
    const chain = this.scopes.chainOf(fn);
    for (const d of param.decorators) {
      const call = d.expression;
      if (call.type !== 'CallExpression') continue;
      const ref = this.resolver.resolve(call.callee as JsNode, chain);
      if (!ref?.module || ref.path.length !== 1) continue;
      const name = ref.path[0];
      if (ref.module === '@nestjs/common' && REQUEST_DECORATORS.has(name)) return { kind: 'request', framework: 'NestJS', name };
      const known = DATA_DECORATORS[ref.module];
      if (!known?.names.has(name)) continue;
      // @Param('id', ParseIntPipe) id: number
      if (call.arguments.some((a) => isParsePipe(a as JsNode))) return null;
      return { kind: 'data', framework: known.framework, name };
    }
    return null;
  }

  /**
   * What kind of message a handler parameter carries: `socket.on('message', (data) => …)` on a connection
   * of a `ws` server, `socket.on('chat', (payload) => …)` on a socket.io connection, `ipcMain.on('ch',
   * (event, arg) => …)` in Electron. A label, or null.
   */
  private messageParam(fn: JsNode, index: number): string | null {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || call.arguments[1] !== fn) return null;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return null;
    const method = propertyName(callee);
    const event = staticValue(call.arguments[0] as JsNode);
    if (method === null || !event.known || typeof event.value !== 'string') return null;
    const chain = this.scopes.chainOf(call as JsNode);
    if (IPC_MAIN_METHODS.has(method) && index >= 1) {
      const ref = this.resolver.resolve(callee.object as JsNode, chain);
      if (ref?.module === 'electron' && ref.path.join('.') === 'ipcMain') return `Electron IPC message '${event.value}'`;
    }
    if (method !== 'on' && method !== 'once' && method !== 'addListener') return null;
    const socket = unwrap(callee.object as JsNode);
    if (socket.type !== 'Identifier') return null;
    const b = this.scopes.lookup(socket.name, chain)?.binding;
    if (!b || b.kind !== 'param' || b.paramIndex !== 0 || b.path.length > 0) return null;
    const server = this.connectionSocket(b.fn!);
    if (server === 'ws') return event.value === 'message' && index === 0 ? 'WebSocket message' : null;
    if (server === 'socket.io') return SOCKET_IO_OWN_EVENTS.has(event.value) ? null : `socket.io event '${event.value}' payload`;
    return null;
  }

  /** Whether `fn` is the `connection` handler of a `ws` or socket.io server (`wss.on('connection', (socket) => …)`), and which. */
  private connectionSocket(fn: JsNode): 'ws' | 'socket.io' | null {
    const call = fn.parent;
    if (call?.type !== 'CallExpression' || call.arguments[1] !== fn) return null;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'on') return null;
    const event = staticValue(call.arguments[0] as JsNode);
    if (!event.known || (event.value !== 'connection' && event.value !== 'connect')) return null;
    return this.serverKind(callee.object as JsNode, this.scopes.chainOf(call as JsNode), 0);
  }

  /** `new WebSocketServer(…)` from `ws`, `new Server(…)` / `require('socket.io')(…)` from socket.io, `io.of('/ns')`, or a variable holding one. */
  private serverKind(node: JsNode, chain: readonly JsNode[], depth: number): 'ws' | 'socket.io' | null {
    if (depth > 10) return null;
    const n = unwrap(node);
    if (n.type === 'Identifier') {
      const found = this.scopes.lookup(n.name, chain);
      const b = found?.binding;
      if (!b || b.kind !== 'var' || !b.init || b.path.length > 0) return null;
      return this.serverKind(b.init, chain.slice(found!.depth), depth + 1);
    }
    if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && propertyName(n.callee) === 'of') {
      return this.serverKind(n.callee.object as JsNode, chain, depth + 1) === 'socket.io' ? 'socket.io' : null;
    }
    if (n.type !== 'NewExpression' && n.type !== 'CallExpression') return null;
    const ref = this.resolver.resolve(n.callee as JsNode, chain);
    if (!ref?.module) return null;
    const path = ref.path.join('.');
    if (ref.module === 'ws' && n.type === 'NewExpression' && (path === 'WebSocketServer' || path === 'Server' || path === 'WebSocket.Server')) return 'ws';
    if (ref.module === 'socket.io' && (path === '' || path === 'Server' || path === 'default')) return 'socket.io';
    return null;
  }

  /**
   * Whether `fn` handles `message` events (`addEventListener('message', fn)`, `onmessage = fn`) without
   * reading `origin`: any window can post to it. A handler that mentions `origin` is taken to check the sender.
   */
  private isMessageEventParam(fn: JsNode): boolean {
    if (!isMessageHandler(fn, this.scopes)) return false;
    let checks = this.checksOrigin.get(fn);
    if (checks === undefined) {
      checks = mentionsOrigin(fn);
      this.checksOrigin.set(fn, checks);
    }
    return !checks;
  }

  /** `location.hash`, `document.referrer`, `window.name` (and `path` read from them), as a taint, or null. */
  private browserUrl(node: JsNode, path: readonly string[], chain: readonly JsNode[]): Taint | null {
    const ref = this.resolver.resolve(node, chain);
    if (!ref || ref.module !== null) return null;
    let key = [...ref.path, ...path].join('.');
    if (key.startsWith('document.location.')) key = key.slice('document.'.length);
    const what = BROWSER_URL[key];
    if (what === undefined) return null;
    return { kind: 'request', node, description: `${what} (${key === 'name' ? 'window.name' : key})` };
  }

  /** The router hook a call (or awaited call) is, when imported from a router module: `useSearchParams`, `useLocation`… */
  private routerHook(node: JsNode, chain: readonly JsNode[]): string | null {
    const call = node.type === 'AwaitExpression' ? unwrap(node.argument as JsNode) : node;
    if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return null;
    const ref = this.resolver.resolve(call.callee as JsNode, chain);
    if (!ref?.module || ref.path.length !== 1) return null;
    return ROUTER_HOOKS[ref.module]?.has(ref.path[0]) ? ref.path[0] : null;
  }

  /** The Program around a function (the last scope of its chain). */
  private programOf(fn: JsNode): JsNode | null {
    const chain = this.scopes.chainOf(fn);
    const last = chain[chain.length - 1];
    return last?.type === 'Program' ? last : null;
  }
}

function typeName(param: JsNode): string {
  const ann = (param as t.Identifier).typeAnnotation;
  if (!ann || ann.type !== 'TSTypeAnnotation') return '';
  const ty = ann.typeAnnotation;
  if (ty.type !== 'TSTypeReference') return '';
  const parts: string[] = [];
  let name: t.TSEntityName = ty.typeName;
  while (name.type === 'TSQualifiedName') {
    parts.unshift(name.right.name);
    name = name.left;
  }
  if (name.type === 'Identifier') parts.unshift(name.name);
  return parts.join('.');
}

/** A function passed to `app.get('/x', fn)`, `router.post(…)`, `app.use(fn)` and the like. */
function isRouteCallback(fn: JsNode): boolean {
  const call = fn.parent;
  if (!call || call.type !== 'CallExpression' || !call.arguments.includes(fn as t.Expression)) return false;
  const callee = call.callee;
  return (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') &&
    ROUTE_METHODS.has(propertyName(callee) ?? '');
}

/** `app.get('/x', ({ query, body }) => …)`: an Elysia handler, whose one parameter is the destructured context. */
function isElysiaHandler(fn: JsNode): boolean {
  const params = (fn as t.Function).params;
  if (params?.length !== 1 || params[0].type !== 'ObjectPattern' || !isRouteCallback(fn)) return false;
  const call = fn.parent as t.CallExpression;
  const route = staticValue(call.arguments[0] as JsNode);
  return call.arguments[0] !== fn && route.known && typeof route.value === 'string' && route.value.startsWith('/');
}

/** `export async function POST(request, { params })` in a Next.js route file. */
function isNextRouteHandler(fn: JsNode): boolean {
  if (fn.type === 'FunctionDeclaration') {
    return !!fn.id && NEXT_HANDLERS.has(fn.id.name) && fn.parent?.type === 'ExportNamedDeclaration';
  }
  const declarator = fn.parent;
  return (
    declarator?.type === 'VariableDeclarator' &&
    declarator.id.type === 'Identifier' &&
    NEXT_HANDLERS.has(declarator.id.name) &&
    declarator.parent?.parent?.type === 'ExportNamedDeclaration'
  );
}

/**
 * `export default function Page({ searchParams })`, `export async function generateMetadata({ params })`:
 * an App Router page, layout or metadata function, whose `params`/`searchParams` props come from the URL.
 * What it is ('page' or 'generateMetadata'), or null.
 */
function nextPageFunction(fn: JsNode): string | null {
  if ((fn as t.Function).params?.length === 0) return null;
  const name = exportedName(fn);
  // A page or layout is a React component: `Page`, `PostsLayout`, or an anonymous default export.
  if (name === 'default') return /^[A-Z]/.test(localName(fn) ?? 'Page') ? 'page' : null;
  return name === 'generateMetadata' ? name : null;
}

/** The name a function is declared or assigned under (`function f`, `const f = () => …`), or null. */
function localName(fn: JsNode): string | null {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  const p = fn.parent;
  return p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' ? p.id.name : null;
}

/**
 * The name a top-level function is exported under (`default` for a default export): `export function f`,
 * `export const f = () => …`, `export default function`, or a declaration exported by `export { f }` /
 * `export default f`. Null when it is not exported.
 */
function exportedName(fn: JsNode): string | null {
  const p = fn.parent;
  if (!p) return null;
  if (p.type === 'ExportDefaultDeclaration') return 'default';
  let local: string | null = null;
  let holder: JsNode | null | undefined = null;
  if (fn.type === 'FunctionDeclaration' && fn.id) {
    if (p.type === 'ExportNamedDeclaration') return fn.id.name;
    local = fn.id.name;
    holder = p;
  } else if (p.type === 'VariableDeclarator' && p.init === fn && p.id.type === 'Identifier') {
    const decl = p.parent;
    if (decl?.parent?.type === 'ExportNamedDeclaration') return p.id.name;
    local = p.id.name;
    holder = decl?.parent;
  }
  if (local === null || holder?.type !== 'Program') return null;
  for (const s of holder.body) {
    if (s.type === 'ExportDefaultDeclaration' && s.declaration.type === 'Identifier' && s.declaration.name === local) return 'default';
    if (s.type !== 'ExportNamedDeclaration' || s.source) continue;
    for (const spec of s.specifiers) {
      if (spec.type === 'ExportSpecifier' && spec.local.name === local) {
        return spec.exported.type === 'Identifier' ? spec.exported.name : spec.exported.value;
      }
    }
  }
  return null;
}

/** Whether a block or program carries the `'use server'` directive. */
function usesServer(node: t.BlockStatement | t.Program): boolean {
  return node.directives.some((d) => d.value.value === 'use server');
}

/**
 * A Next.js server action: a function whose body starts with `'use server'`, or an exported function of a
 * file that does. Any client can call it with any arguments.
 */
function isServerAction(fn: JsNode, program: JsNode | null): boolean {
  const body = (fn as t.Function).body;
  if (body?.type === 'BlockStatement' && usesServer(body)) return true;
  return program?.type === 'Program' && usesServer(program) && exportedName(fn) !== null;
}

/** `.input(schema).query(({ input }) => …)`: a tRPC procedure resolver (a procedure without `.input()` has no input). */
function isTrpcResolver(fn: JsNode): boolean {
  const call = fn.parent;
  if (call?.type !== 'CallExpression' || call.arguments[0] !== fn || call.arguments.length !== 1) return false;
  const callee = unwrap(call.callee as JsNode);
  if (callee.type !== 'MemberExpression' || !TRPC_RESOLVERS.has(propertyName(callee) ?? '')) return false;
  let n = unwrap(callee.object as JsNode);
  for (let i = 0; i < 20 && n.type === 'CallExpression'; i++) {
    const c = unwrap(n.callee as JsNode);
    if (c.type !== 'MemberExpression') return false;
    if (propertyName(c) === 'input') return true;
    n = unwrap(c.object as JsNode);
  }
  return false;
}

/**
 * A field resolver of a GraphQL resolver map: `{ Query: { user: (parent, args) => … } }`, `Mutation`
 * likewise, and `Subscription: { onEvent: { subscribe: (parent, args) => … } }` (Apollo, graphql-yoga, Mercurius).
 */
function isGraphqlResolver(fn: JsNode): boolean {
  const rootOf = (fieldOrMethod: JsNode): string | null => {
    const map = fieldOrMethod.parent;
    const holder = map?.type === 'ObjectExpression' ? map.parent : null;
    return holder?.type === 'ObjectProperty' && holder.value === map ? propertyName(holder) : null;
  };
  const field = fn.type === 'ObjectMethod' ? fn : fn.parent?.type === 'ObjectProperty' && fn.parent.value === fn ? fn.parent : null;
  if (!field) return false;
  const root = rootOf(field);
  if (root !== null && GRAPHQL_ROOTS.has(root)) return true;
  // Subscription: { onEvent: { subscribe: (parent, args) => …, resolve } }
  const key = propertyName(field);
  if (key !== 'subscribe' && key !== 'resolve') return false;
  const inner = field.parent;
  const outerField = inner?.type === 'ObjectExpression' ? inner.parent : null;
  return outerField?.type === 'ObjectProperty' && outerField.value === inner && rootOf(outerField) === 'Subscription';
}

/** `addEventListener('message', fn)`, `x.onmessage = fn` or the global `onmessage = fn`. */
function isMessageHandler(fn: JsNode, scopes: Scopes): boolean {
  const p = fn.parent;
  if (p?.type === 'CallExpression' && p.arguments[1] === fn && p.callee.type === 'MemberExpression') {
    const type = staticValue(p.arguments[0] as JsNode);
    return propertyName(p.callee) === 'addEventListener' && type.known && type.value === 'message';
  }
  if (p?.type !== 'AssignmentExpression' || p.right !== fn) return false;
  if (p.left.type === 'Identifier') return p.left.name === 'onmessage' && !scopes.lookup('onmessage', scopes.chainOf(p));
  return propertyName(p.left) === 'onmessage';
}

/** `postMessage data` for a window/worker-global handler, `message event data` for another target (a port, a socket). */
function messageLabel(fn: JsNode): string {
  const p = fn.parent;
  const target = p?.type === 'CallExpression' ? (p.callee as t.MemberExpression).object : p?.type === 'AssignmentExpression' && p.left.type === 'MemberExpression' ? p.left.object : null;
  const global = !target || (target.type === 'Identifier' && /^(window|self|globalThis)$/.test(target.name));
  return global ? 'postMessage data' : 'message event data';
}

/** Whether a function reads `origin` anywhere (`event.origin`, `{ origin }`). */
function mentionsOrigin(fn: JsNode): boolean {
  let found = false;
  walkJs(fn, (n) => {
    if ((n.type === 'Identifier' && n.name === 'origin') || (n.type === 'StringLiteral' && n.value === 'origin')) found = true;
    return !found;
  });
  return found;
}

/** `ParseIntPipe`, `new ParseIntPipe({ … })`: a NestJS pipe that leaves a number, boolean, UUID or enum member. */
function isParsePipe(node: JsNode): boolean {
  const n = unwrap(node);
  const id = n.type === 'NewExpression' ? n.callee : n;
  return id.type === 'Identifier' && PARSE_PIPE.test(id.name);
}

/** `export const handler = async (event) => …` / `exports.handler = …` (AWS Lambda). */
function isLambdaHandler(fn: JsNode): boolean {
  const p = fn.parent;
  if (fn.type === 'FunctionDeclaration') return fn.id?.name === 'handler';
  if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name === 'handler';
  if (p?.type === 'AssignmentExpression') return propertyName(p.left) === 'handler';
  return false;
}

/** A Koa-style `ctx` parameter of a route/middleware callback. */
function isKoaContext(node: JsNode, scopes: Scopes, chain: readonly JsNode[]): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier' || !/^(ctx|context)$/.test(n.name)) return false;
  const found = scopes.lookup(n.name, chain);
  const b = found?.binding;
  if (!b || b.kind !== 'param' || b.paramIndex !== 0 || b.path.length > 0) return false;
  return isRouteCallback(b.fn!) || /Context$/.test(typeName(b.id));
}

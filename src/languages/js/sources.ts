import type * as t from '@babel/types';
import { describeExpression, propertyName, unwrap } from './ast';
import type { Taint } from './flow';
import type { JsNode } from './parse';
import type { Binding, Scopes } from './scope';

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
/** HTTP route registration methods (Express, Koa router, Fastify, Hono...). */
const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'use', 'options', 'head', 'route', 'on']);
const NEXT_HANDLERS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * The JS/TS sources of client-controlled data the shared flow knows by framework: request objects and
 * their data (Express, Koa, Fastify, Next.js, Web `Request`, AWS Lambda events). The flow asks at
 * member reads, method calls, destructuring bindings and parameters.
 */
export class RequestSources {
  constructor(private readonly scopes: Scopes) {}

  /** `req.query`, `ctx.request.body`, `new URL(req.url).searchParams`. */
  member(n: t.MemberExpression | t.OptionalMemberExpression, chain: readonly JsNode[]): Taint | null {
    const name = propertyName(n);
    if (name === null || !REQUEST_DATA.has(name) || !this.isRequestObject(n.object as JsNode, chain)) return null;
    return { kind: 'request', node: n as JsNode, description: `HTTP request data (${describeExpression(n)})` };
  }

  /** `req.get('x')`, `await request.json()`. */
  methodCall(n: JsNode, callee: t.MemberExpression | t.OptionalMemberExpression, chain: readonly JsNode[]): Taint | null {
    const method = propertyName(callee);
    if (method === null || !REQUEST_METHODS.has(method) || !this.isRequestObject(callee.object as JsNode, chain)) return null;
    return { kind: 'request', node: n, description: `HTTP request data (${describeExpression(n)})` };
  }

  /** `const { query } = req`. */
  destructured(b: Binding, chain: readonly JsNode[]): Taint | null {
    const init = b.init!;
    if (b.path.length === 0 || !REQUEST_DATA.has(b.path[0]) || !this.isRequestObject(init, chain)) return null;
    return { kind: 'request', node: b.id, description: `HTTP request data (${describeExpression(init)}.${b.path[0]})` };
  }

  /** A parameter that is request data itself: `({ query }, res) => …` of a route, Next.js route `{ params }`. */
  param(b: Binding): Taint | null {
    const fn = b.fn!;
    if (b.path.length > 0 && REQUEST_DATA.has(b.path[0]) && this.requestParamIndex(fn) === b.paramIndex) {
      return { kind: 'request', node: b.id, description: `HTTP request data (${b.path[0]})` };
    }
    if (b.paramIndex === 1 && b.path[0] === 'params' && isNextRouteHandler(fn)) {
      return { kind: 'request', node: b.id, description: 'HTTP request data (route params)' };
    }
    return null;
  }

  /** Whether an expression is a request object: a handler's request parameter, `ctx.request`, `ctx` of Koa. */
  isRequestObject(node: JsNode, chain: readonly JsNode[]): boolean {
    const n = unwrap(node);
    if (n.type === 'MemberExpression' && propertyName(n) === 'request') {
      return this.isRequestObject(n.object as JsNode, chain) || isKoaContext(n.object as JsNode, this.scopes, chain);
    }
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
      if (b.path.length > 0) return false;
      return this.requestParamIndex(b.fn!) === b.paramIndex || isKoaContext(n, this.scopes, chain);
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

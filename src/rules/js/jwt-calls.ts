import type * as t from '@babel/types';
import { findProperty, propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** Shared by the rules of the jwt-deserialization pack: which call is which library function, and where each library takes its key. */

/** A call to a known JWT library function. */
export interface JwtCall {
  /** `jsonwebtoken`, `jose`, `jwt-simple`, … */
  module: string;
  /** Function name inside the module, e.g. `verify`, `jwtVerify`, `decode`. */
  fn: string;
  call: t.CallExpression & JsNode;
}

/**
 * Where JWT libraries take the signing or verification key. `functions`: module -> exported function ->
 * argument position (`jwt.sign(payload, key)`). `builders`: module -> class -> method whose first argument
 * is the key, at the end of a builder chain (`new SignJWT(payload).setProtectedHeader(…).sign(key)`).
 * `options`: module -> export path ('' for the module itself) -> properties of the options object, the
 * first argument, that hold the key (`expressjwt({ secret })`). `plugins`: modules registered as a plugin
 * with their options as the second argument (`fastify.register(fastifyJwt, { secret })`).
 */
export const JWT_KEYS = {
  functions: {
    jsonwebtoken: { sign: 1, verify: 1 },
    jose: { jwtVerify: 1, jwtDecrypt: 1 },
    'jwt-simple': { encode: 1, decode: 1 },
  } as Readonly<Record<string, Readonly<Record<string, number>>>>,
  builders: {
    jose: { SignJWT: 'sign', EncryptJWT: 'encrypt', CompactSign: 'sign', FlattenedSign: 'sign', CompactEncrypt: 'encrypt' },
  } as Readonly<Record<string, Readonly<Record<string, string>>>>,
  options: {
    'express-jwt': { '': ['secret'], expressjwt: ['secret'] },
    'koa-jwt': { '': ['secret'] },
    '@nestjs/jwt': { 'JwtModule.register': ['secret', 'privateKey'], JwtService: ['secret', 'privateKey'] },
    'passport-jwt': { Strategy: ['secretOrKey'] },
  } as Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>,
  plugins: {
    '@fastify/jwt': ['secret'],
    'fastify-jwt': ['secret'],
  } as Readonly<Record<string, readonly string[]>>,
};

/** Modules whose functions the JWT rules know: those of {@link JWT_KEYS}.functions. */
export const JWT_MODULES = Object.keys(JWT_KEYS.functions);

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

/** Whether the file text names a module of {@link JWT_KEYS}; the key rules return `{}` otherwise. */
export function mentionsJwtKeyLibrary(text: string): boolean {
  return /jsonwebtoken|jose|jwt-simple|express-jwt|koa-jwt|@nestjs\/jwt|passport-jwt|fastify-jwt|@fastify\/jwt/.test(text);
}

/** A key argument (or key option value) of a JWT library call, with the library function it belongs to. */
export interface JwtKey {
  module: string;
  /** `sign`, `SignJWT.sign`, `expressjwt`, … */
  fn: string;
  key: JsNode;
}

/** The key arguments and key options a call or `new` passes to a JWT library (see {@link JWT_KEYS}). */
export function jwtKeys(node: JsNode, lang: JsHelpers): JwtKey[] {
  const call = node as (t.CallExpression | t.NewExpression) & JsNode;
  const args = call.arguments as JsNode[];
  const ref = lang.resolve(call.callee as JsNode);
  if (ref?.module) {
    const path = ref.path[0] === 'default' ? ref.path.slice(1) : ref.path;
    const position = path.length === 1 && call.type === 'CallExpression' ? JWT_KEYS.functions[ref.module]?.[path[0]] : undefined;
    if (position !== undefined) return keyArgument(ref.module, path[0], args[position]);
    const names = JWT_KEYS.options[ref.module]?.[path.join('.')];
    return names ? optionKeys(ref.module, path.join('.') || ref.module, args[0], names, lang) : [];
  }
  const callee = unwrap(call.callee as JsNode);
  if (call.type !== 'CallExpression' || callee.type !== 'MemberExpression' || callee.computed) return [];
  const method = propertyName(callee);
  if (method === 'register' && args[0]) {
    const plugin = lang.resolve(args[0]);
    const names = plugin?.module && plugin.path.length === 0 ? JWT_KEYS.plugins[plugin.module] : undefined;
    return names ? optionKeys(plugin!.module!, 'register', args[1], names, lang) : [];
  }
  const builder = method ? builderOf(callee.object as JsNode, lang, 0) : null;
  if (!builder || JWT_KEYS.builders[builder.module]?.[builder.cls] !== method) return [];
  return keyArgument(builder.module, `${builder.cls}.${method}`, args[0]);
}

function keyArgument(module: string, fn: string, arg: JsNode | undefined): JwtKey[] {
  return arg && arg.type !== 'SpreadElement' ? [{ module, fn, key: arg }] : [];
}

function optionKeys(module: string, fn: string, arg: JsNode | undefined, names: readonly string[], lang: JsHelpers): JwtKey[] {
  const options = objectLiteral(arg, lang);
  if (!options) return [];
  return names.flatMap((name) => keyArgument(module, fn, findProperty(options, name)?.value as JsNode | undefined));
}

/** The class of `new SignJWT(…)` at the root of a method chain (or of a variable holding one), when it is a JWT builder. */
function builderOf(node: JsNode, lang: JsHelpers, depth: number): { module: string; cls: string } | null {
  if (depth > 20) return null;
  let n = unwrap(node);
  if (n.type === 'AwaitExpression') n = unwrap(n.argument as JsNode);
  if (n.type === 'NewExpression') {
    const ref = lang.resolve(n.callee as JsNode);
    const path = ref?.path[0] === 'default' ? ref.path.slice(1) : ref?.path ?? [];
    return ref?.module && path.length === 1 && JWT_KEYS.builders[ref.module]?.[path[0]] ? { module: ref.module, cls: path[0] } : null;
  }
  if (n.type === 'CallExpression' && n.callee.type === 'MemberExpression') return builderOf(n.callee.object as JsNode, lang, depth + 1);
  if (n.type === 'Identifier') {
    const init = lang.constantInit(n);
    return init ? builderOf(init, lang, depth + 1) : null;
  }
  return null;
}

export { findProperty } from '../../languages/js/ast';

import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';
import { calls, constString, enclosingFunction, findProperty, optionsObject, registeredPlugin } from './web-config-helpers';

const ALLOW_ORIGIN = 'access-control-allow-origin';
const ALLOW_CREDENTIALS = 'access-control-allow-credentials';
/** Methods that set a response header from a name and a value (Express, Node, Koa, Fastify, Fetch `Headers`). */
const HEADER_SETTERS = new Set(['setHeader', 'header', 'set', 'append']);
/** Fastify plugins that take the same options as the `cors` package. */
const FASTIFY_CORS = new Set(['@fastify/cors', 'fastify-cors']);
/** Calls that compare a value with an allow-list: `allowed.includes(o)`, `set.has(o)`, `re.test(o)`. */
const CHECK_METHODS = new Set(['includes', 'has', 'test', 'indexOf', 'match', 'some', 'find', 'exec']);
/** Helper names that, by convention, check an origin: `isAllowedOrigin(o)`, `validateOrigin(o)`. */
const CHECK_NAME = /allow|valid|trust|whitelist|permit|check|verify/i;
/** Regex origins that match every origin. */
const MATCH_ALL = new Set(['.*', '.+', '^.*$', '^.+$', '.', '^.*', '^.+']);

type JsCall = t.CallExpression & JsNode;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-permissive-cors',
  languages: ['js'],
  meta: {
    description: 'CORS must not allow credentialed requests from any origin',
    severity: 'error',
    category: 'transport',
    riskArea: 'development',
    cwe: ['CWE-942'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      anyOrigin:
        'CORS allows credentialed requests from {{origin}}. Any website a signed-in user visits can then call this API with their cookies and read the answers; list the allowed origins explicitly.',
      reflectedOrigin:
        'Access-Control-Allow-Origin echoes the request\'s origin while Access-Control-Allow-Credentials is true, so any website can make requests with the user\'s cookies and read the answers; compare the origin with an allow-list first.',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!/cors|access-control-allow-origin/i.test(text)) return {};
    const checked = new Set<JsNode>();
    const reflected: JsNode[] = [];
    let credentialsHeader = false;

    const checkOptions = (node: JsNode | null | undefined) => {
      const obj = optionsObject(lang, node);
      if (!obj || checked.has(obj)) return;
      checked.add(obj);
      const credentials = findProperty(obj, 'credentials');
      const value = credentials && staticValue(credentials.value as JsNode);
      if (!value?.known || value.value !== true) return;
      const origin = findProperty(obj, 'origin') ?? originMethod(obj);
      const label = origin && permissiveOrigin(origin.type === 'ObjectMethod' ? origin : (origin.value as JsNode));
      if (!origin || !label) return;
      context.report({ range: [origin.start!, origin.end!], messageId: 'anyOrigin', data: { origin: label } });
    };

    const header = (headerName: string | null, valueNode: JsNode | null | undefined) => {
      const name = headerName?.toLowerCase();
      if (!valueNode || !name) return;
      if (name === ALLOW_CREDENTIALS) {
        const v = staticValue(valueNode);
        if (v.known && (v.value === true || v.value === 'true')) credentialsHeader = true;
      } else if (name === ALLOW_ORIGIN && lang.taint(valueNode)?.kind === 'request' && !isChecked(valueNode, text)) {
        reflected.push(valueNode);
      }
    };

    return {
      CallExpression(node) {
        const call = node as JsCall;
        const args = call.arguments as JsNode[];
        if (calls(lang, call, 'cors')) return checkOptions(args[0]);
        const callee = unwrap(call.callee as JsNode);
        const method = callee.type === 'MemberExpression' ? propertyName(callee) : null;
        if (method === 'enableCors') return checkOptions(args[0]);
        if (method === 'register' && FASTIFY_CORS.has(registeredPlugin(lang, call) ?? '')) return checkOptions(args[1]);
        if (method !== null && HEADER_SETTERS.has(method) && args.length >= 2) header(constString(lang, args[0]), args[1]);
      },
      ObjectProperty(node) {
        const prop = node as t.ObjectProperty & JsNode;
        const name = propertyName(prop);
        // `cors: { … }` options of socket.io, NestFactory.create, Apollo and others.
        if (name === 'cors') return checkOptions(prop.value as JsNode);
        if (prop.value.type !== 'AssignmentPattern') header(name, prop.value as JsNode);
      },
      'Program:exit'() {
        if (!credentialsHeader) return;
        for (const value of reflected) context.report({ range: [value.start!, value.end!], messageId: 'reflectedOrigin' });
      },
    };
  },
});

/** `origin(origin, cb) { … }` written as a method. */
function originMethod(obj: t.ObjectExpression): (t.ObjectMethod & JsNode) | null {
  const m = obj.properties.find((p) => p.type === 'ObjectMethod' && propertyName(p) === 'origin');
  return (m as (t.ObjectMethod & JsNode) | undefined) ?? null;
}

/** How an `origin` option lets every site in, or null when it restricts origins. */
function permissiveOrigin(node: JsNode): string | null {
  const n = unwrap(node);
  const v = staticValue(n);
  if (v.known && v.value === '*') return "every origin (`origin: '*'`)";
  if (v.known && v.value === true) return 'every origin (`origin: true` reflects the request\'s origin)';
  if (n.type === 'RegExpLiteral' && MATCH_ALL.has(n.pattern)) return `every origin (\`origin: /${n.pattern}/\`)`;
  const isFunction = n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression' || n.type === 'ObjectMethod';
  if (isFunction && acceptsEveryOrigin(n)) {
    return 'every origin (the `origin` callback accepts whatever it is given)';
  }
  return null;
}

/** `(origin, cb) => cb(null, true)` or `cb(null, origin)` with no condition around it. */
function acceptsEveryOrigin(fn: t.ArrowFunctionExpression | t.FunctionExpression | t.ObjectMethod): boolean {
  const [originParam, cbParam] = fn.params;
  if (cbParam?.type !== 'Identifier') return false;
  let expr: t.Node | null | undefined;
  if (fn.body.type !== 'BlockStatement') expr = fn.body;
  else if (fn.body.body.length === 1) {
    const only = fn.body.body[0];
    expr = only.type === 'ExpressionStatement' ? only.expression : only.type === 'ReturnStatement' ? only.argument : null;
  }
  if (!expr) return false;
  const call = unwrap(expr as JsNode);
  if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== cbParam.name) return false;
  const [err, allowed] = call.arguments;
  if (!err || err.type !== 'NullLiteral' || !allowed) return false;
  const v = staticValue(allowed as JsNode);
  if (v.known) return v.value === true;
  return allowed.type === 'Identifier' && originParam?.type === 'Identifier' && allowed.name === originParam.name;
}

/**
 * Whether the reflected origin is compared with something in its function: an allow-list lookup,
 * an equality test or a helper named like a check, applied to the value or a name inside it.
 */
function isChecked(value: JsNode, text: string): boolean {
  const subjects = new Set<string>([source(value, text)]);
  walkJs(value, (n) => {
    // Whole operands only (`origin`, `req.headers.origin`), not `req` or a property name inside them.
    if (n.type === 'MemberExpression') {
      subjects.add(source(n, text));
      return false;
    }
    if (n.type === 'Identifier') subjects.add(source(n, text));
    return undefined;
  });
  let found = false;
  walkJs(enclosingFunction(value), (n) => {
    if (found) return false;
    if (n.type === 'BinaryExpression' && /^[!=]==?$/.test(n.operator)) {
      found = subjects.has(source(n.left as JsNode, text)) || subjects.has(source(n.right as JsNode, text));
    } else if (n.type === 'CallExpression' && n.arguments.some((a) => subjects.has(source(a as JsNode, text)))) {
      const callee = unwrap(n.callee as JsNode);
      const name = callee.type === 'Identifier' ? callee.name : propertyName(callee) ?? '';
      found = CHECK_METHODS.has(name) || CHECK_NAME.test(name);
    }
    return undefined;
  });
  return found;
}

function source(node: JsNode, text: string): string {
  return text.slice(node.start!, node.end!);
}

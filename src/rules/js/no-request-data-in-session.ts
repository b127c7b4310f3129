import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { TaintKind } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { sessionTrustMeta } from '../shared/session-trust';

const KINDS: ReadonlySet<TaintKind> = new Set(['request']);
/** Calls that return the data they are given, or a string made of it: their results stay request data. */
const DATA_CALLS = /^(?:String|trim|trimStart|trimEnd|toLowerCase|toUpperCase|slice|substring|substr|replace|replaceAll|concat|split|join|toString|normalize|padStart|padEnd|at|JSON|parse|decodeURIComponent|decodeURI|from)$/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-request-data-in-session',
  languages: ['js'],
  meta: sessionTrustMeta('an allow-list, Number(), a schema'),
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('session')) return {};
    const check = (value: JsNode | null | undefined, key: string | null) => {
      if (!value || lookedUp(lang, value) || converted(value)) return;
      const source = lang.taint(value, KINDS);
      if (!source) return;
      context.report({
        range: [value.start!, value.end!],
        messageId: 'requestDataInSession',
        data: { key: key ? `"${key}"` : 'here', source: source.description },
        related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
      });
    };
    return {
      // req.session.user = req.body.user; ctx.session.role = ctx.query.role; req.session[key] = …
      AssignmentExpression(node) {
        const assignment = node as t.AssignmentExpression & JsNode;
        if (assignment.operator !== '=' || assignment.left.type !== 'MemberExpression') return;
        const target = assignment.left as t.MemberExpression & JsNode;
        if (!isSession(target.object as JsNode)) return;
        check(assignment.right as JsNode, propertyName(target));
      },
      // Object.assign(req.session, req.body)
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const callee = unwrap(call.callee as JsNode);
        if (callee.type !== 'MemberExpression' || propertyName(callee) !== 'assign' || unwrap(callee.object as JsNode).type !== 'Identifier') return;
        if ((unwrap(callee.object as JsNode) as t.Identifier).name !== 'Object' || !isSession(call.arguments[0] as JsNode | undefined)) return;
        for (const arg of call.arguments.slice(1)) if (arg.type !== 'SpreadElement') check(arg as JsNode, null);
      },
    };
  },
});

/** `Number(x)`, `parseInt(x, 10)`, `Number.parseFloat(x)`, `Boolean(x)`: a number or a boolean is no longer what the sender wrote. */
function converted(value: JsNode): boolean {
  const n = unwrap(value);
  if (n.type !== 'CallExpression') return false;
  const callee = unwrap(n.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : null;
  return name !== null && /^(?:Number|parseInt|parseFloat|Boolean|BigInt)$/.test(name);
}

/** `req.session`, `request.session`, `ctx.session`, `this.req.session`: express-session, koa-session, fastify session. */
function isSession(node: JsNode | null | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  if (n.type !== 'MemberExpression' || propertyName(n) !== 'session') return false;
  const object = unwrap(n.object as JsNode);
  const name = object.type === 'Identifier' ? object.name : object.type === 'MemberExpression' ? propertyName(object) : null;
  return name === 'req' || name === 'request' || name === 'ctx';
}

/**
 * A field of what the server looked up: `user.id` after `const user = await User.findOne({ email: req.body.email })`.
 * The value is the row's, not the request's.
 */
function lookedUp(lang: JsHelpers, value: JsNode): boolean {
  const n = unwrap(value);
  if (n.type !== 'MemberExpression') return false;
  let object = lang.definition(n.object as JsNode);
  if (object?.type === 'AwaitExpression') object = unwrap(object.argument as JsNode);
  if (object?.type !== 'CallExpression') return false;
  const callee = unwrap(object.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? propertyName(callee) : null;
  return name !== null && !DATA_CALLS.test(name);
}

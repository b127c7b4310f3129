import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { Taint } from '../../languages/js/flow';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** MongoDB driver / Mongoose methods whose first argument is a query filter. */
const FILTER_METHODS = new Set([
  'find',
  'findOne',
  'findOneAndUpdate',
  'findOneAndDelete',
  'findOneAndReplace',
  'findOneAndRemove',
  'updateOne',
  'updateMany',
  'deleteOne',
  'deleteMany',
  'replaceOne',
  'countDocuments',
  'count',
  'exists',
  'where',
  'remove',
]);
/** Methods that take the filter as second argument. */
const SECOND_ARG_FILTER = new Set(['distinct']);
const MONGO_MODULES = new Set(['mongoose', 'mongodb']);
/** ORMs whose filters cannot carry operators from JSON (Sequelize uses symbols) or are not MongoDB. */
const OTHER_ORMS = /['"](sequelize|@sequelize\/core|typeorm|@prisma\/client|objection|knex|drizzle-orm)['"]/;
/** Query-string and body parsers turn `x[$ne]=1` / `{"x": {"$ne": 1}}` into objects; route params and headers stay strings. */
const OBJECT_SOURCES = /\b(body|query)\b|json\(\)/;
/** Anything in the file that strips `$` keys from request data, or Mongoose's own filter sanitiser. */
const SANITIZED = /mongo-sanitize|sanitizeFilter|mongoSanitize/;
const LOGICAL = new Set(['$and', '$or', '$nor']);

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-nosql-injection',
  languages: ['js'],
  meta: {
    description: 'MongoDB filters must not take request values that can be objects; an attacker can send {"$ne": null}',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-943'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      operatorInjection:
        '{{source}} is used as a MongoDB filter in {{fn}}(). JSON bodies and query strings can carry objects such as {"$ne": null}, which turn the condition into one that matches any document (for example, logging in without the password).',
      whereInjection:
        'The $where JavaScript passed to {{fn}}() is built from {{source}}. The sender can run any JavaScript expression on the database server.',
      useEq: 'Compare with { $eq: … } so an object is matched literally',
      useString: 'Convert the value with String(…)',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (SANITIZED.test(text) || !mayUseMongo(text)) return {};
    const importsMongo = /['"](mongoose|mongodb)['"]/.test(text);
    if (!importsMongo && OTHER_ORMS.test(text)) return {};
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const callee = unwrap(call.callee as JsNode);
        if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return;
        const method = propertyName(callee);
        if (method === null) return;
        if (method === '$where') {
          checkWhereString(call.arguments[0] as JsNode | undefined, method);
          return;
        }
        const index = FILTER_METHODS.has(method) ? 0 : SECOND_ARG_FILTER.has(method) ? 1 : -1;
        const filter = call.arguments[index] as JsNode | undefined;
        if (!filter || !isMongoReceiver(callee.object as JsNode, lang, importsMongo)) return;
        checkFilter(filter, method, 0);
      },
    };

    function checkFilter(filter: JsNode, fn: string, depth: number): void {
      const n = unwrap(filter);
      if (n.type !== 'ObjectExpression') {
        const source = objectSource(n, lang);
        if (source) report(filter, 'operatorInjection', fn, source, []);
        return;
      }
      // A Sequelize/Prisma-shaped options object is not a MongoDB filter.
      if (n.properties.some((p) => ['where', 'include', 'attributes', 'select'].includes(propertyName(p) ?? ''))) return;
      for (const p of n.properties) {
        if (p.type === 'SpreadElement') {
          const source = objectSource(p.argument as JsNode, lang);
          if (source) report(p.argument as JsNode, 'operatorInjection', fn, source, []);
          continue;
        }
        if (p.type !== 'ObjectProperty') continue;
        const key = propertyName(p);
        const value = p.value as JsNode;
        if (key === '$where') checkWhereString(value, fn);
        else if (key !== null && LOGICAL.has(key) && depth < 5) {
          const list = unwrap(value);
          if (list.type === 'ArrayExpression') for (const e of list.elements) if (e && e.type !== 'SpreadElement') checkFilter(e as JsNode, fn, depth + 1);
        } else if (key !== null && !key.startsWith('$')) {
          const source = objectSource(value, lang);
          if (source) report(value, 'operatorInjection', fn, source, wrapSuggestions(p, text));
        }
      }
    }

    function checkWhereString(value: JsNode | undefined, fn: string): void {
      if (!value || unwrap(value).type === 'FunctionExpression' || unwrap(value).type === 'ArrowFunctionExpression') return;
      const source = lang.taint(value);
      if (source) report(value, 'whereInjection', fn, source, []);
    }

    function report(node: JsNode, messageId: string, fn: string, source: Taint, suggest: FixDescriptor[]): void {
      context.report({
        range: [node.start!, node.end!],
        messageId,
        data: { fn, source: messageId === 'whereInjection' ? source.description : capitalize(source.description) },
        related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
        suggest,
      });
    }
  },
});

function mayUseMongo(text: string): boolean {
  return /mongo|\.(find|findOne|updateOne|deleteOne|deleteMany|countDocuments)\(/.test(text);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/**
 * Whether a receiver can be a MongoDB collection or Mongoose model: anything in a file that imports
 * mongoose/mongodb (except plain globals and literals), else a model imported from a local module
 * (`const User = require('../models/user')`) or a `db.collection('x')` call.
 */
function isMongoReceiver(node: JsNode, lang: JsHelpers, importsMongo: boolean): boolean {
  const n = unwrap(node);
  if (n.type === 'ArrayExpression' || n.type === 'StringLiteral' || n.type === 'TemplateLiteral') return false;
  if (n.type === 'CallExpression' && propertyName(n.callee) === 'collection') return true;
  if (n.type !== 'Identifier') return importsMongo;
  const ref = lang.resolve(n);
  const found = lang.scopes.lookup(n.name, lang.scopes.chainOf(n));
  if (!found) return false;
  const module = ref?.module ?? null;
  if (module !== null && !module.startsWith('.') && !module.startsWith('@/') && !module.startsWith('~')) {
    return MONGO_MODULES.has(module);
  }
  if (importsMongo) return !isArrayBinding(found.binding.init);
  // Without a MongoDB import, only a capitalised model from a local module counts.
  return module !== null && /^[A-Z]/.test(n.name);
}

function isArrayBinding(init: JsNode | null): boolean {
  return !!init && unwrap(init).type === 'ArrayExpression';
}

/**
 * The request source of a value that can arrive as an object: `req.body.x`, `req.query.x`, a variable
 * destructured from them, the whole `req.body`, `await req.json()`, or `JSON.parse` of request data.
 * Only plain property access counts: calls, templates and arithmetic produce strings or numbers, and
 * values merely computed from request data (a document found with it) are not request objects.
 */
function objectSource(node: JsNode, lang: JsHelpers, depth = 0): Taint | null {
  const n = unwrap(node);
  if (depth > 10) return null;
  const objectLike = (source: Taint | null) => (source && source.kind === 'request' && OBJECT_SOURCES.test(source.description) ? source : null);
  switch (n.type) {
    case 'AwaitExpression':
      return objectSource(n.argument as JsNode, lang, depth + 1);
    case 'CallExpression': {
      const ref = lang.resolve(n.callee as JsNode);
      if (ref?.module === null && ref.path.join('.') === 'JSON.parse') return n.arguments[0] ? lang.taint(n.arguments[0] as JsNode) : null;
      const source = objectLike(lang.taint(n));
      return source?.node === n ? source : null;
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const source = objectLike(lang.taint(n));
      if (!source) return null;
      let m: JsNode = n;
      while (m.type === 'MemberExpression' || m.type === 'OptionalMemberExpression') {
        if (m === source.node) return source;
        m = unwrap(m.object as JsNode);
      }
      return m.type === 'Identifier' && objectSource(m, lang, depth + 1) ? source : null;
    }
    case 'Identifier': {
      const b = lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding;
      if (!b) return null;
      const source = objectLike(lang.taint(n));
      if (source?.node === b.id) return source;
      const reassigned = lang.scopes.info(b.scope).assignments.has(n.name);
      return b.kind === 'var' && b.init && !reassigned ? objectSource(b.init, lang, depth + 1) : null;
    }
    default:
      return null;
  }
}

/** `{ email: v }` -> `{ email: { $eq: v } }` and `{ email: String(v) }` (shorthand properties are expanded). */
function wrapSuggestions(p: t.ObjectProperty, text: string): FixDescriptor[] {
  const value = p.value as JsNode;
  const src = text.slice(value.start!, value.end!);
  const range: readonly [number, number] = p.shorthand ? [p.start!, p.end!] : [value.start!, value.end!];
  const prefix = p.shorthand ? `${src}: ` : '';
  return [
    { messageId: 'useEq', edits: [{ range, text: `${prefix}{ $eq: ${src} }` }] },
    { messageId: 'useString', edits: [{ range, text: `${prefix}String(${src})` }] },
  ];
}

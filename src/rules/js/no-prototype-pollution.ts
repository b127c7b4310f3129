import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { Taint } from '../../languages/js/flow';
import { memberPath, propertyName, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';

/** Deep merge / path set functions: `module:path` -> which arguments are dangerous when untrusted. */
const SINKS: Record<string, 'sources' | 'path'> = {
  'lodash:merge': 'sources',
  'lodash:mergeWith': 'sources',
  'lodash:defaultsDeep': 'sources',
  'lodash:set': 'path',
  'lodash:setWith': 'path',
  'lodash:zipObjectDeep': 'path',
  'lodash/merge:': 'sources',
  'lodash/mergeWith:': 'sources',
  'lodash/defaultsDeep:': 'sources',
  'lodash/set:': 'path',
  'lodash/setWith:': 'path',
  'lodash.merge:': 'sources',
  'lodash.set:': 'path',
  'lodash-es:merge': 'sources',
  'lodash-es:set': 'path',
  'deepmerge:': 'sources',
  'deepmerge:all': 'sources',
  'deep-extend:': 'sources',
  'merge-deep:': 'sources',
  'mixin-deep:': 'sources',
  'dot-prop:setProperty': 'path',
  'dot-prop:set': 'path',
  'object-path:set': 'path',
};
const PROTO_KEYS = /['"`](?:__proto__|constructor|prototype)['"`]/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-prototype-pollution',
  languages: ['js'],
  meta: {
    description: 'Request data or model output must not be deep-merged or used as property paths without a key check',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-1321'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      deepMerge:
        '{{fn}}() copies nested keys from {{source}}. A `__proto__` or `constructor.prototype` key in it can change Object.prototype for the whole process (privilege flags, crashes, sometimes code execution).',
      taintedPath:
        '{{fn}}() writes to a property path taken from {{source}}. A path like `__proto__.isAdmin` changes Object.prototype for the whole process.',
      computedKey:
        'Property key from {{source}} is written without rejecting `__proto__`, `constructor` and `prototype`; {{effect}}',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    const related = (s: Taint) => [{ message: `Untrusted data enters here: ${s.description}`, range: [s.node.start!, s.node.end!] as const }];
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const callee = unwrap(call.callee as JsNode);
        const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
        if (name === null) return;
        const ref = lang.resolve(callee);
        if (!ref) return;
        const args = call.arguments as JsNode[];
        const jquery = isJqueryDeepExtend(ref.module, ref.path, args);
        const kind = jquery ? 'sources' : ref.module ? SINKS[`${ref.module}:${ref.path.join('.')}`] : undefined;
        if (!kind) return;
        const candidates = kind === 'path' ? args.slice(1, 2) : args.slice(jquery ? 2 : 1);
        const source = candidates.map((a) => lang.taint(a)).find((s) => s !== null);
        if (!source) return;
        const fn = jquery ? '$.extend(true, …)' : [ref.module, ...ref.path].join('.');
        context.report({
          range: [call.start!, call.end!],
          messageId: kind === 'path' ? 'taintedPath' : 'deepMerge',
          data: { fn, source: source.description },
          related: related(source),
        });
      },
      AssignmentExpression(node) {
        const assign = node as t.AssignmentExpression & JsNode;
        const target = assign.left;
        if (assign.operator !== '=' || target.type !== 'MemberExpression' || !target.computed) return;
        // obj[a][b] = v with `a` untrusted reaches Object.prototype; obj[a] = v replaces obj's prototype.
        const outer = unwrap(target.object as JsNode);
        const nested = outer.type === 'MemberExpression' && outer.computed;
        const key = (nested ? (outer as t.MemberExpression).property : target.property) as JsNode;
        if (key.type === 'StringLiteral' || key.type === 'NumericLiteral') return;
        const source = lang.taint(key) ?? forEachKeyTaint(key, lang);
        if (!source || isGuarded(assign, key, text)) return;
        // One level deep, only an object value can become a prototype: header values are always strings.
        if (!nested && (isHeaderData(source.node) || !lang.taint(assign.right as JsNode))) return;
        const effect = nested
          ? 'a `__proto__` key makes this write change Object.prototype for the whole process.'
          : "a `__proto__` key replaces this object's prototype, so it inherits properties the sender chose.";
        context.report({
          range: [assign.start!, assign.end!],
          messageId: 'computedKey',
          data: { source: source.description, effect },
          related: related(source),
        });
      },
    };
  },
});

/** Whether a source is HTTP header data (`req.headers`, `request.headers.entries()`), whose values are strings. */
function isHeaderData(node: JsNode): boolean {
  for (let n: t.Node = node, i = 0; i < 20; i++) {
    if (n.type === 'CallExpression' || n.type === 'OptionalCallExpression') n = n.callee;
    else if (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
      if (/^(headers|header|rawHeaders)$/.test(propertyName(n) ?? '')) return true;
      n = n.object;
    } else return false;
  }
  return false;
}

/** `$.extend(true, target, src)` / `jQuery.extend(true, …)` (global or imported jQuery). */
function isJqueryDeepExtend(module: string | null, path: string[], args: JsNode[]): boolean {
  const isJquery = module === 'jquery' ? path.join('.') === 'extend' : module === null && /^(\$|jQuery)\.extend$/.test(path.join('.'));
  const deep = args[0];
  return isJquery && !!deep && deep.type === 'BooleanLiteral' && deep.value;
}

/** `Object.keys(req.body).forEach((k) => …)`: the callback's first parameter iterates untrusted keys. */
function forEachKeyTaint(key: JsNode, lang: JsHelpers): Taint | null {
  if (key.type !== 'Identifier') return null;
  const found = lang.scopes.lookup(key.name, lang.scopes.chainOf(key));
  const b = found?.binding;
  if (!b || b.kind !== 'param' || b.paramIndex !== 0 || b.path.length > 0) return null;
  const call = b.fn!.parent;
  if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return null;
  if (!/^(forEach|map|reduce)$/.test(propertyName(call.callee) ?? '')) return null;
  const keys = unwrap(call.callee.object as JsNode);
  if (keys.type !== 'CallExpression' || !/^Object\.(keys|entries)$/.test(memberPath(keys.callee)?.join('.') ?? '')) return null;
  return keys.arguments[0] ? lang.taint(keys.arguments[0] as JsNode) : null;
}

/**
 * A key check in the enclosing function: the dangerous keys named in a string, an allow-list lookup
 * (`ALLOWED.includes(k)`, `.has(k)`), or a target created without a prototype (`Object.create(null)`).
 */
function isGuarded(assign: JsNode, key: JsNode, text: string): boolean {
  let fn: JsNode | null | undefined = assign.parent;
  while (fn && !/Function|Method|Program/.test(fn.type)) fn = fn.parent;
  if (!fn) return false;
  const body = text.slice(fn.start!, fn.end!);
  if (PROTO_KEYS.test(body) || body.includes('Object.create(null)')) return true;
  if (key.type !== 'Identifier') return false;
  let guarded = false;
  walkJs(fn, (n) => {
    if (guarded) return false;
    if (n.type === 'CallExpression' && /^(includes|has)$/.test(propertyName(n.callee) ?? '')) {
      guarded = n.arguments.some((a) => a.type === 'Identifier' && a.name === key.name);
    }
    return true;
  });
  return guarded;
}

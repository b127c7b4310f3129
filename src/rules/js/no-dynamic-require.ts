import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import { memberPath, propertyName, unwrap } from '../../languages/js/ast';
import type { TaintKind } from '../../languages/js/flow';
import { allowListValues, enclosingFunction, isBasenameCall, someBefore } from '../../languages/js/guards';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';
import { walkJs } from '../../languages/js/traverse';

/**
 * Sender- or model-chosen specifiers only; `process.argv` is left out because CLIs load the plugin or
 * config file their operator names.
 */
const UNTRUSTED: ReadonlySet<TaintKind> = new Set(['request', 'model']);
/** Checks that restrict a value to an allow-list: `LIST.includes(x)`, `SET.has(x)`, `/re/.test(x)`. */
const CHECK_METHODS: ReadonlySet<string> = new Set(['includes', 'has', 'test', 'hasOwnProperty', 'hasOwn']);

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-dynamic-require',
  languages: ['js'],
  meta: {
    description: 'require() and import() must not load a module named by request data or model output',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-829', 'CWE-94'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      dynamicRequire:
        '{{fn}} loads a module whose name comes from {{source}}. Whoever controls that value chooses which code runs in this process (any installed package, or a file they uploaded); map allowed names onto fixed modules instead.',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!text.includes('require') && !text.includes('import(')) return {};
    const check = (call: JsNode, specifier: JsNode | undefined, fn: string) => {
      if (!specifier || specifier.type === 'SpreadElement' || lang.isConstant(specifier)) return;
      const source = lang.taint(specifier, UNTRUSTED);
      if (!source || basenamed(specifier, source.node, lang) || checkedBefore(call, specifier)) return;
      context.report({
        range: [specifier.start!, specifier.end!],
        messageId: 'dynamicRequire',
        data: { fn, source: source.description },
        related: [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }],
      });
    };
    return {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const callee = unwrap(call.callee as JsNode);
        const arg = call.arguments[0] as JsNode | undefined;
        if (callee.type === 'Import') return check(call, arg, 'import()');
        const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
        if (name !== 'require') return;
        const ref = lang.resolve(callee);
        const isRequire = callee.type === 'Identifier' ? ref?.module === null && ref.path.join('.') === 'require' : memberPath(callee)?.join('.') === 'module.require';
        if (isRequire) check(call, arg, 'require()');
      },
      ImportExpression(node) {
        const imp = node as t.ImportExpression & JsNode;
        check(imp, imp.source as JsNode, 'import()');
      },
    };
  },
});

/** `path.basename(x)` around the source keeps the choice inside one folder the code names. */
function basenamed(specifier: JsNode, source: JsNode, lang: JsHelpers): boolean {
  let found = false;
  walkJs(specifier.parent ?? specifier, (n) => {
    if (found) return false;
    found = isBasenameCall(n, lang) && (n as t.CallExpression).arguments.some((a) => contains(a as JsNode, source));
  });
  return found;
}

function contains(outer: JsNode, inner: JsNode): boolean {
  return (outer.start ?? 0) <= (inner.start ?? 0) && (inner.end ?? 0) <= (outer.end ?? 0) && outer.start !== undefined;
}

/** An allow-list check (`LIST.includes(name)`) earlier in the function on a value the specifier is built from. */
function checkedBefore(call: JsNode, specifier: JsNode): boolean {
  const fn = enclosingFunction(call);
  if (!fn) return false;
  const parts = new Set<string>();
  const add = (n: JsNode) => {
    const path = memberPath(unwrap(n));
    if (path) parts.add(path.join('.'));
  };
  add(specifier);
  walkJs(specifier, (n) => {
    add(n);
  });
  return someBefore(fn, call, (n) => allowListValues(n, CHECK_METHODS).some((a) => parts.has(memberPath(a)?.join('.') ?? '')));
}

import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import { propertyName, staticValue, unwrap } from '../../languages/js/ast';
import type { JsHelpers } from '../../languages/js/helpers';
import type { ResolvedRef } from '../../languages/js/resolve';
import type { JsNode } from '../../languages/js/parse';
import { isBrowserPage } from './browser-helpers';

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-dynamic-eval',
  languages: ['js'],
  meta: {
    description: 'eval, new Function, vm and string timers must not run strings built at run time',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-95'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      evalUntrusted:
        '{{fn}} runs code built from {{source}}. Whoever controls that value runs JavaScript with all the privileges of this process.',
      evalPage:
        '{{fn}} runs code built from {{source}} in a headless browser page. Whoever controls that value acts in that page with its cookies and logins, and reaches what the browser can: local files and internal services.',
      evalDynamic:
        '{{fn}} runs a string built at run time. If any part of it can come from a user, a file or a model, that is code injection; parse data with JSON.parse or look functions up in a map instead.',
      useJsonParse: 'Parse the value as JSON with JSON.parse instead of running it',
    },
  },
  create(context) {
    const { lang, text } = context;
    const check = (node: t.CallExpression | t.NewExpression) => {
      let callee = unwrap(node.callee as JsNode);
      if (callee.type === 'SequenceExpression') callee = unwrap(callee.expressions[callee.expressions.length - 1] as JsNode);
      // Cheap name check first; resolution then rules out local bindings that shadow the global.
      const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
      if (name === null || !CANDIDATE_NAMES.has(name)) return;
      const sink = sinkOf(lang.resolve(callee), node.type === 'NewExpression') ?? instanceSink(callee, name, lang);
      if (sink) checkSink(node, sink);
    };
    // Apart from `check`, so that its closures cost nothing for the many calls that are no sink.
    const checkSink = (node: t.CallExpression | t.NewExpression, sink: Sink) => {
      const args = (node.arguments as JsNode[]).filter((a) => a.type !== 'SpreadElement');
      const code = sink.kind === 'function' ? args : args.slice(sink.arg ?? 0, (sink.arg ?? 0) + 1);
      const stringOnly = sink.kind === 'timer' || sink.kind === 'page';
      const dynamic = code.filter((a) => !lang.isConstant(a) && (!stringOnly || isStringLike(a, lang)));
      if (dynamic.length === 0) return;
      const target = dynamic[dynamic.length - 1];
      const source = dynamic.map((a) => lang.taint(a)).find((s) => s !== null) ?? null;
      // Scripts of a page are often built from values of the script itself; only traced input is reported there.
      if (sink.kind === 'page' && !source) return;
      const label = sink.kind === 'function' ? (node.type === 'NewExpression' ? 'new Function()' : 'Function()') : sink.label;
      const json = sink.kind === 'eval' && args.length === 1 ? jsonSource(target, text) : null;
      context.report({
        range: [target.start!, target.end!],
        messageId: sink.kind === 'page' ? 'evalPage' : source ? 'evalUntrusted' : 'evalDynamic',
        data: { fn: label, source: source?.description ?? '' },
        related: source ? [{ message: `Untrusted data enters here: ${source.description}`, range: [source.node.start!, source.node.end!] }] : [],
        suggest: json ? [{ messageId: 'useJsonParse', edits: [{ range: [node.start!, node.end!], text: `JSON.parse(${json})` }] }] : [],
      });
    };
    return { CallExpression: (n) => check(n as t.CallExpression), NewExpression: (n) => check(n as t.NewExpression) };
  },
});

/** `vm` functions whose first argument is compiled as code; `vm` is not a security sandbox. */
const VM_FUNCTIONS = new Set(['runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction']);
/** Timers that run a string argument as code in browsers (Node.js throws instead). */
const TIMERS = new Set(['setTimeout', 'setInterval']);
/** vm2 classes whose instances run code (`new VM().run(code)`); vm2 is discontinued and has known sandbox escapes. */
const VM2_CLASSES = new Set(['VM', 'NodeVM']);
/** Headless-browser page methods that run a string argument as page script, with its position (a function is fine). */
const PAGE_EVALUATE: Record<string, number> = { evaluate: 0, evaluateHandle: 0, waitForFunction: 0, $eval: 1, $$eval: 1 };
const CANDIDATE_NAMES = new Set(['eval', 'Function', 'Script', ...VM_FUNCTIONS, ...TIMERS, 'VMScript', 'code', 'run', ...Object.keys(PAGE_EVALUATE)]);

interface Sink {
  kind: 'eval' | 'function' | 'vm' | 'timer' | 'page';
  label: string;
  /** Position of the code argument when not the first. */
  arg?: number;
}

/** What a resolved callee runs as code, or null when it is not a code sink. */
function sinkOf(ref: ResolvedRef | null, isNew: boolean): Sink | null {
  if (!ref || ref.path.length !== 1) return null;
  const fn = ref.path[0];
  if (ref.module === null) {
    if (fn === 'eval' && !isNew) return { kind: 'eval', label: 'eval()' };
    if (fn === 'Function') return { kind: 'function', label: 'Function()' };
    if (TIMERS.has(fn) && !isNew) return { kind: 'timer', label: `${fn}()` };
    return null;
  }
  if (ref.module === 'vm2') return fn === 'VMScript' && isNew ? { kind: 'vm', label: 'new VMScript() (vm2)' } : null;
  if (ref.module !== 'vm') return null;
  if (fn === 'Script' && isNew) return { kind: 'vm', label: 'new vm.Script()' };
  return VM_FUNCTIONS.has(fn) && !isNew ? { kind: 'vm', label: `vm.${fn}()` } : null;
}

/**
 * Methods that run code on an object rather than a module function: `run` of a vm2 `VM`/`NodeVM`, the
 * static `NodeVM.code()`, and the script methods of a headless-browser page (`page.evaluate(string)`).
 */
function instanceSink(callee: JsNode, name: string, lang: JsHelpers): Sink | null {
  if (callee.type !== 'MemberExpression' || callee.computed) return null;
  const object = callee.object as JsNode;
  if (name === 'run') return isVm2(object, lang, 0) ? { kind: 'vm', label: 'vm2 run()' } : null;
  if (name === 'code') {
    const ref = lang.resolve(object);
    return ref?.module === 'vm2' && ref.path.join('.') === 'NodeVM' ? { kind: 'vm', label: 'NodeVM.code() (vm2)' } : null;
  }
  if (name in PAGE_EVALUATE && isBrowserPage(object, lang)) return { kind: 'page', label: `page.${name}()`, arg: PAGE_EVALUATE[name] };
  return null;
}

/** `new VM(…)` or `new NodeVM(…)` of vm2, or a variable holding one. */
function isVm2(node: JsNode, lang: JsHelpers, depth: number): boolean {
  const n = unwrap(node);
  if (n.type === 'NewExpression') {
    const ref = lang.resolve(n.callee as JsNode);
    return ref?.module === 'vm2' && ref.path.length === 1 && VM2_CLASSES.has(ref.path[0]);
  }
  const b = n.type === 'Identifier' && depth < 5 ? lang.scopes.lookup(n.name, lang.scopes.chainOf(n))?.binding : null;
  return !!b && b.kind === 'var' && !!b.init && b.path.length === 0 && isVm2(b.init, lang, depth + 1);
}

/**
 * Whether a timer argument is a string rather than a callback: a template or a concatenation with a
 * string, or a value that comes from an untrusted source (request data and model output are text).
 */
function isStringLike(arg: JsNode, lang: JsHelpers): boolean {
  const n = unwrap(arg);
  if (n.type === 'TemplateLiteral') return true;
  if (n.type === 'BinaryExpression' && n.operator === '+') {
    return [n.left, n.right].some((x) => {
      const u = unwrap(x as JsNode);
      return u.type === 'TemplateLiteral' || u.type === 'StringLiteral' || isStringLike(u, lang);
    });
  }
  if (n.type === 'ArrowFunctionExpression' || n.type === 'FunctionExpression') return false;
  return lang.taint(n) !== null;
}

/** The source text to hand to JSON.parse: strips the `'(' + x + ')'` wrapping of old JSON-by-eval code. */
function jsonSource(arg: JsNode, text: string): string {
  const n = unwrap(arg);
  if (n.type === 'BinaryExpression' && n.operator === '+' && n.left.type === 'BinaryExpression' && n.left.operator === '+') {
    const open = staticValue(n.left.left as JsNode);
    const close = staticValue(n.right as JsNode);
    if (open.known && open.value === '(' && close.known && close.value === ')') {
      return text.slice(n.left.right.start!, n.left.right.end!);
    }
  }
  if (n.type === 'TemplateLiteral' && n.expressions.length === 1 && n.quasis[0].value.cooked === '(' && n.quasis[1].value.cooked === ')') {
    return text.slice(n.expressions[0].start!, n.expressions[0].end!);
  }
  return text.slice(arg.start!, arg.end!);
}

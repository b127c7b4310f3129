import type * as t from '@babel/types';
import { defineRule } from '../../engine/rule';
import { MODULES, parameterReport, withCallsIntoModules } from './calls-into-modules';
import type { FixDescriptor, TextEdit, Visitors } from '../../engine/types';
import { propertyName, unwrap } from '../../languages/js/ast';
import type { FlowOptions, Taint, TaintKind } from '../../languages/js/flow';
import { flowLocations, summaryOnly } from '../shared/flow-report';
import {
  allowListValues,
  constInit,
  containedPath,
  guardScope,
  guardText,
  pathFunction,
  someBefore,
} from '../../languages/js/guards';
import type { JsHelpers } from '../../languages/js/helpers';
import type { JsNode } from '../../languages/js/parse';

/** Modules whose functions take a file-system path; `fs` also through `fs.promises`. */
const FS_MODULES = new Set(['fs', 'fs/promises', 'fs-extra', 'graceful-fs']);
/** File-system functions whose first argument is a path (the `Sync` variants are derived). */
const PATH_FUNCTIONS = [
  'readFile', 'writeFile', 'appendFile', 'unlink', 'rm', 'rmdir', 'readdir', 'stat', 'lstat', 'open',
  'access', 'exists', 'mkdir', 'opendir', 'readlink', 'realpath', 'truncate', 'chmod', 'chown', 'utimes',
  'watch', 'watchFile', 'createReadStream', 'createWriteStream',
  // fs-extra
  'outputFile', 'outputJson', 'readJson', 'writeJson', 'remove', 'ensureDir', 'ensureFile', 'pathExists',
  'emptyDir', 'mkdirp', 'mkdirs', 'outputJSON', 'readJSON', 'writeJSON',
];
/** Functions whose first two arguments are both paths. */
const TWO_PATH_FUNCTIONS = ['copyFile', 'rename', 'link', 'symlink', 'cp', 'copy', 'move'];
const withSync = (names: string[]) => new Set(names.flatMap((n) => [n, `${n}Sync`]));
const ONE_PATH = withSync(PATH_FUNCTIONS);
const TWO_PATHS = withSync(TWO_PATH_FUNCTIONS);
/** Express response methods that read the file at the given path. */
const RESPONSE_METHODS = new Set(['sendFile', 'download']);
/** `path` functions that combine segments: the result is as untrusted as the segments it is built from. */
const JOIN_FUNCTIONS = new Set(['join', 'resolve', 'normalize']);
/** Allow-list lookups that keep a path segment to known names. */
const LOOKUPS: ReadonlySet<string> = new Set(['includes', 'has']);
/** A command-line tool opening the file named on its command line is doing its job; argv is not a source here. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'model', 'param']);
/**
 * Any caller's parameter is followed, passed through unchanged or not; only one appended to a base is a
 * problem here (see {@link untrustedPath}), the others are summaries for callers in other files.
 */
const PATH_FLOW: FlowOptions = { kinds: KINDS, passThrough: true };
const PREFILTER = /\bfs\b|fs-extra|fs\/promises|graceful-fs|sendFile|download/;

export default defineRule<JsNode, JsHelpers>({
  id: 'js/no-path-traversal',
  languages: ['js'],
  meta: {
    description: 'File paths must not be built from request data or model output without a containment check',
    severity: 'error',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-22'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    requires: [MODULES],
    messages: {
      viaCall:
        '{{source}} is passed to {{callee}}() ({{file}}), which builds a file path from it (line {{line}}). A value such as `../../etc/passwd` reaches files outside the intended folder.',
      pathTraversal:
        'The path passed to {{fn}}() is built from {{source}}. A value such as `../../etc/passwd` reaches files outside the intended folder.',
      pathTraversalParam:
        'The path passed to {{fn}}() is built from {{source}}, which comes from the caller. If a caller passes user input, a value such as `../../etc/passwd` reaches files outside the intended folder.',
      useBasename: 'Keep only the file name with path.basename()',
    },
  },
  create(context): Visitors<JsNode> {
    const { lang, text } = context;
    if (!PREFILTER.test(text)) return withCallsIntoModules(context, {});
    return withCallsIntoModules(context, {
      CallExpression(node) {
        const call = node as t.CallExpression & JsNode;
        const sink = sinkOf(call, lang);
        if (!sink) return;
        const guards = guardedTexts(call, lang, text);
        for (const arg of sink.args) {
          const source = untrustedPath(arg, lang, text, guards, 0);
          if (!source) continue;
          const suggestion = basenameSuggestion(arg, lang, text, guards);
          context.report({
            range: [arg.start!, arg.end!],
            messageId: source.kind === 'param' ? 'pathTraversalParam' : 'pathTraversal',
            ...parameterReport(lang, source),
            data: { fn: sink.fn, source: source.description },
            flow: flowLocations(source, lang),
            suggest: suggestion ? [suggestion] : [],
          });
        }
      },
    });
  },
});

/** The path arguments of a file-system or `res.sendFile` call, or null when the call is not a sink. */
function sinkOf(call: t.CallExpression & JsNode, lang: JsHelpers): { fn: string; args: JsNode[] } | null {
  const callee = unwrap(call.callee as JsNode);
  const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
  if (name === null) return null;
  // The argument list is built only for calls that may be sinks: most are not.
  if (RESPONSE_METHODS.has(name) && callee.type === 'MemberExpression') {
    if (!isResponse(callee.object as JsNode, lang)) return null;
    const args = positional(call);
    if (hasRootOption(args.slice(1))) return null;
    return args[0] ? { fn: `res.${name}`, args: [args[0]] } : null;
  }
  const ref = lang.resolve(callee);
  if (!ref?.module || !FS_MODULES.has(ref.module)) return null;
  const path = ref.path[0] === 'promises' ? ref.path.slice(1) : ref.path;
  if (path.length !== 1) return null;
  const fn = path[0];
  const args = positional(call);
  if (TWO_PATHS.has(fn)) return { fn, args: args.slice(0, 2) };
  return ONE_PATH.has(fn) && args[0] ? { fn, args: [args[0]] } : null;
}

/** The arguments of a call before and after spreads, spreads left out. */
function positional(call: t.CallExpression): JsNode[] {
  return (call.arguments as JsNode[]).filter((a) => a.type !== 'SpreadElement');
}

/** An Express response: `res`/`response`, or the second parameter of a handler whose first is `req`. */
function isResponse(node: JsNode, lang: JsHelpers): boolean {
  const n = unwrap(node);
  if (n.type !== 'Identifier') return false;
  const found = lang.scopes.lookup(n.name, lang.scopes.chainOf(n));
  const b = found?.binding;
  if (!b || b.kind !== 'param' || b.path.length > 0) return false;
  if (/^(res|response)$/.test(n.name)) return true;
  const first = (b.fn as t.Function).params[0];
  return b.paramIndex === 1 && first?.type === 'Identifier' && /^(req|request)$/.test(first.name);
}

/** `res.sendFile(name, { root })`: `send` then refuses paths that leave the root. */
function hasRootOption(args: JsNode[]): boolean {
  return args.some((a) => {
    const n = unwrap(a);
    return n.type === 'ObjectExpression' && n.properties.some((p) => p.type === 'ObjectProperty' && propertyName(p) === 'root');
  });
}

/**
 * The untrusted source a path expression is built from, unless every untrusted part went through
 * `path.basename` or was checked (see {@link guardedTexts}).
 */
function untrustedPath(node: JsNode, lang: JsHelpers, text: string, guards: Set<string>, depth: number, appended = false): Taint | null {
  const n = unwrap(node);
  if (depth > 10 || guards.has(guardText(n, text))) return null;
  // A caller's parameter counts only as a segment appended to a base (`path.join(UPLOADS, name)`, `${dir}/${file}`):
  // a base folder chosen by the caller (`path.join(root, 'package.json')`) is the caller's business.
  const rec = (x: t.Node | null | undefined, inner = appended) => (x ? untrustedPath(x as JsNode, lang, text, guards, depth + 1, inner) : null);
  switch (n.type) {
    case 'TemplateLiteral':
      return firstOf(n.expressions, (x) => rec(x, appended || x !== n.expressions[0] || n.quasis[0].value.cooked !== ''));
    case 'BinaryExpression':
      return n.operator === '+' ? rec(n.left) ?? rec(n.right, true) : null;
    case 'ConditionalExpression':
      return firstOf([n.consequent, n.alternate], rec);
    case 'LogicalExpression':
      return firstOf([n.left, n.right], rec);
    case 'AwaitExpression':
      return rec(n.argument);
    case 'CallExpression': {
      const fn = pathFunction(n as JsNode, lang);
      if (fn === 'basename') return null;
      if (fn !== null && JOIN_FUNCTIONS.has(fn)) return firstOf(n.arguments, (x) => rec(x, appended || x !== n.arguments[0]));
      return appendedTaint(lang.taint(n, PATH_FLOW), appended);
    }
    case 'Identifier': {
      const init = constInit(n, lang);
      return init ? rec(init) : appendedTaint(lang.taint(n, PATH_FLOW), appended);
    }
    default:
      return appendedTaint(lang.taint(n, PATH_FLOW), appended);
  }
}

/**
 * A parameter appended as a segment is built into the path (a problem here); any other parameter — a base
 * folder the caller chose, a path passed through — is a summary for callers in other files.
 */
function appendedTaint(taint: Taint | null, appended: boolean): Taint | null {
  if (taint?.kind !== 'param') return taint;
  return { ...taint, passThrough: !appended };
}

/** The first untrusted part, preferring one that is a problem here over a summary for callers. */
function firstOf(nodes: ReadonlyArray<t.Node | null | undefined>, fn: (n: t.Node) => Taint | null): Taint | null {
  let summary: Taint | null = null;
  for (const n of nodes) {
    const r = n ? fn(n) : null;
    if (r && !summaryOnly(r)) return r;
    summary ??= r;
  }
  return summary;
}

/**
 * Whitespace-free source texts of values checked before `call` in its enclosing functions: paths a
 * containment check vouches for (see {@link containedPath}) and the arguments of an allow-list
 * `.includes(x)` / `.has(x)`.
 */
function guardedTexts(call: JsNode, lang: JsHelpers, text: string): Set<string> {
  const guards = new Set<string>();
  someBefore(guardScope(call, lang), call, (n) => {
    const contained = containedPath(n, lang);
    const checked = contained ? [contained] : allowListValues(n, LOOKUPS).slice(0, 1);
    for (const value of checked) guards.add(guardText(value, text));
    return false;
  });
  return guards;
}

/**
 * Wraps each untrusted segment of a `path.join`/`path.resolve` call or template (directly at the sink
 * or in the `const` it reads) in `path.basename(...)`; null when there is no such segment or no name
 * for `basename` in scope.
 */
function basenameSuggestion(arg: JsNode, lang: JsHelpers, text: string, guards: Set<string>): FixDescriptor | null {
  let n = unwrap(arg);
  for (let i = 0; i < 3 && n.type === 'Identifier'; i++) {
    const init = constInit(n, lang);
    if (!init) return null;
    n = unwrap(init);
  }
  let segments: JsNode[];
  if (n.type === 'CallExpression' && JOIN_FUNCTIONS.has(pathFunction(n, lang) ?? '')) {
    segments = (n.arguments as JsNode[]).slice(1);
  } else if (n.type === 'TemplateLiteral') {
    segments = n.expressions as JsNode[];
  } else {
    return null;
  }
  const basename = basenameName(n, lang);
  if (!basename) return null;
  const edits: TextEdit[] = segments
    .filter((s) => s.type !== 'SpreadElement' && untrustedPath(s, lang, text, guards, 0))
    .map((s) => ({ range: [s.start!, s.end!], text: `${basename}(${text.slice(s.start!, s.end!)})` }));
  return edits.length > 0 ? { messageId: 'useBasename', edits } : null;
}

/** How `basename` of the path module can be called where `node` is: `path.basename`, `basename`. */
function basenameName(node: JsNode, lang: JsHelpers): string | null {
  const chain = lang.scopes.chainOf(node);
  for (const scope of chain) {
    for (const [name, binding] of lang.scopes.info(scope).bindings) {
      if (binding.kind !== 'import' && binding.kind !== 'var') continue;
      if (lang.scopes.lookup(name, chain)?.binding !== binding) continue;
      const ref = lang.resolver.resolve(binding.id, chain);
      if (ref?.module !== 'path') continue;
      if (ref.path.length === 0) return `${name}.basename`;
      if (ref.path.length === 1 && ref.path[0] === 'basename') return name;
    }
  }
  return null;
}

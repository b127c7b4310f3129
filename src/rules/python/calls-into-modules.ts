import type { RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { TaintKind } from '../../languages/js/flow';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { callArguments } from '../../languages/python/calls';
import { distributionOfImport } from '../../services/package-names/python-imports';
import { isPopularPackage } from '../../services/typosquat';
import { parameterFacts } from '../shared/flow-report';
import { escapingUse, reportCallFacts, reportCallIntoModule, type CallFact } from '../shared/module-calls';
import { flowOptions, relatedLocations, withCallerParameters } from './injection-flow';

/** Sources whose flow into another module's sink is reported at the call. */
const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model', 'tool']);
/**
 * Whether an imported module can be one of the workspace's own: relative, or neither the standard library
 * nor a popular PyPI distribution (asking about `os.path.join(…)` or `requests.get(…)` would cost a value-flow
 * query per argument for nothing).
 */
function mayBeWorkspaceModule(module: string): boolean {
  let may = workspaceModules.get(module);
  if (may === undefined) {
    const distribution = distributionOfImport(module);
    may = 'skip' in distribution ? distribution.skip === 'relative' : !distribution.mapped && !isPopularPackage(distribution.normalized, 'pypi');
    if (workspaceModules.size >= 4096) workspaceModules.clear();
    workspaceModules.set(module, may);
  }
  return may;
}

/** {@link mayBeWorkspaceModule} by module name (it depends on bundled lists only). */
const workspaceModules = new Map<string, boolean>();

/**
 * The function of a workspace module a call calls: the module as imported (`.lib`, `app.utils`) and the
 * function's name; null for calls into other modules, methods of objects and calls through more names.
 */
function calledFunction(lang: PythonHelpers, call: SyntaxNode): CalledFunction | null {
  // Asked of every call by each rule that checks calls into modules: answered once per file and call.
  let known = calledFunctions.get(lang);
  if (!known) calledFunctions.set(lang, (known = new Map()));
  let target = known.get(call.id);
  if (target === undefined) known.set(call.id, (target = findCalledFunction(lang, call)));
  return target;
}

/** A function of a workspace module: the module as imported and the function's name. */
interface CalledFunction {
  specifier: string;
  name: string;
}

/** {@link calledFunction} per file, by call. The answers are shared: do not modify them. */
const calledFunctions = new WeakMap<PythonHelpers, Map<number, CalledFunction | null>>();

function findCalledFunction(lang: PythonHelpers, call: SyntaxNode): CalledFunction | null {
  const ref = lang.callee(call);
  if (!ref?.module || !mayBeWorkspaceModule(ref.module)) return null;
  const submodule = (name: string) => (ref.module!.endsWith('.') ? ref.module + name : `${ref.module}.${name}`);
  const path = ref.path;
  // A method of an instance of a class the module defines: `Repo().find(…)`, `repo = Repo(); repo.find(…)`,
  // `self.repo.find(…)`, `db.Repo().find(…)`: the function is `Repo.find` (its `self` is not an argument).
  const instance = path.length === 3 || path.length === 4 ? path.length - 2 : -1;
  if (instance > 0 && path[instance] === '()' && !path.slice(0, instance).some((p) => p.endsWith('()'))) {
    const method = path[instance + 1];
    if (method.startsWith('_') || method.endsWith('()')) return null;
    return { specifier: instance === 2 ? submodule(path[0]) : ref.module, name: `${path[instance - 1]}.${method}` };
  }
  if (path.length === 0 || path.length > 2 || path.some((p) => p.endsWith('()'))) return null;
  // `from app import utils; utils.run(…)`: the module is `app.utils`.
  const specifier = path.length === 2 ? submodule(path[0]) : ref.module;
  return { specifier, name: path[path.length - 1] };
}

/** An argument of a call and what it fills: a position, or a parameter by name (`cmd=user`). */
interface Passed {
  value: SyntaxNode;
  paramIndex: number;
  parameterName?: string;
}

/** The arguments whose parameter is known: positional ones up to a `*args`, and keyword arguments. */
function passedArguments(call: SyntaxNode): { passed: Passed[]; spread: boolean; anyKeyword: boolean } {
  const passed: Passed[] = [];
  let index = 0;
  let spread = false;
  let anyKeyword = false;
  for (const arg of callArguments(call)) {
    if (arg.type === 'list_splat') spread = true;
    else if (arg.type === 'dictionary_splat') anyKeyword = true;
    else if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) passed.push({ value, paramIndex: -1, parameterName: name });
    } else if (!spread) passed.push({ value: arg, paramIndex: index++ });
  }
  return { passed, spread, anyKeyword };
}

/** Flow options with the caller's own parameters, one object per file so that the flow's memo is shared. */
const parameterOptions = new WeakMap<PythonHelpers, PythonFlowOptions>();

function withParameters(lang: PythonHelpers, file: string): PythonFlowOptions {
  let options = parameterOptions.get(lang);
  if (!options) parameterOptions.set(lang, (options = flowOptions(lang, { kinds: withCallerParameters(file, KINDS), passThrough: true })));
  return options;
}

/**
 * Adds to a Python rule's visitors the check of calls into the workspace's own modules (`from .lib import
 * run`, `from app.utils import run`, `import app.db as db; db.find(…)`): when such a call passes request
 * data, command-line input, model output or a tool argument, the module service says whether that
 * parameter reaches one of this rule's sinks there, and the rule reports at the argument (see
 * `reportCallIntoModule`). Positional arguments are matched by position (up to a `*args`), keyword
 * arguments (`run(cmd=user)`) by the parameter's name. When the module is analysed for its callers
 * (`context.summaries`), a parameter of its own public function passed on counts too, reported as a
 * summary, so that calls into this module are followed through it; and what each call into a module passes
 * is reported as a call fact (see `reportCallFacts`). Works whatever the rule's own pre-filter decided.
 */
export function withCallsIntoModules(context: RuleContext<PythonHelpers>, visitors: Visitors<PythonNode>, messageId = 'viaCall'): Visitors<PythonNode> {
  const { lang } = context;
  const callerParameter = (arg: SyntaxNode): PythonTaint | null => {
    const taint = lang.taint(arg, withParameters(lang, context.file));
    return taint?.kind === 'param' && taint.parameter?.importedAs ? taint : null;
  };
  const check = (node: PythonNode): void => {
    const call = node as SyntaxNode;
    const target = calledFunction(lang, call);
    if (!target) return;
    const callee = call.childForFieldName('function')!.text.replace(/\s+/g, '');
    for (const { value, paramIndex, parameterName } of passedArguments(call).passed) {
      const taint = lang.taint(value, KINDS) ?? (context.summaries ? callerParameter(value) : null);
      if (!taint) continue;
      const argument = lang.range(value);
      const parameter = taint.kind === 'param' ? parameterFacts(taint) : undefined;
      const flow = relatedLocations(lang, taint, argument);
      const at = { ...target, paramIndex, ...(parameterName !== undefined ? { parameterName } : {}), argument, callee };
      reportCallIntoModule(context, { ...at, flow, source: taint.description, ...(parameter ? { parameter } : {}) }, messageId);
    }
  };
  const own = visitors.call;
  const withCalls = { ...visitors, call: own ? (node: PythonNode) => (own(node), check(node)) : check };
  if (!context.summaries) return withCalls;
  const exit = visitors['File:exit'];
  const facts = () => reportCallFacts(context, callFacts(lang, context.file), messageId);
  return { ...withCalls, 'File:exit': exit ? (node) => (exit(node), facts()) : facts };
}

/** The call facts of a file, computed once for all rules. */
const factsByFile = new WeakMap<PythonHelpers, CallFact[]>();

/**
 * Every call from this module into a function of a module that may be the workspace's, with whether each
 * argument (by position and by keyword) is safe: a constant, or a value in which the flow finds no
 * untrusted source and no parameter of a public function. And every use of a name imported from such a
 * module otherwise than in a call: passed as a callback, stored, used as a decorator.
 */
function callFacts(lang: PythonHelpers, file: string): CallFact[] {
  let facts = factsByFile.get(lang);
  if (facts) return facts;
  facts = [];
  const options = withParameters(lang, file);
  const safe = (n: SyntaxNode) => lang.taint(n, options) === null;
  for (const call of lang.nodes.ofType(['call'])) {
    const target = calledFunction(lang, call);
    if (!target) continue;
    const { passed, spread, anyKeyword } = passedArguments(call);
    const positional = passed.filter((p) => p.paramIndex >= 0).map((p) => safe(p.value));
    const keywords = new Map(passed.filter((p) => p.parameterName !== undefined).map((p) => [p.parameterName!, safe(p.value)] as const));
    facts.push({ range: lang.range(call), ...target, positional, spread, keywords, anyKeyword, escapes: false });
  }
  const locals = importedNames(lang);
  if (locals.size > 0) {
    for (const id of lang.parsed.root.module.descendantsOfType('identifier')) {
      if (locals.has(id.text) && isUse(id)) facts.push(...escapes(lang, id));
    }
  }
  factsByFile.set(lang, facts);
  return facts;
}

/** The names this module binds by importing from modules that may be the workspace's. */
function importedNames(lang: PythonHelpers): Set<string> {
  const names = new Set<string>();
  for (const imp of lang.imports()) {
    if (imp.dynamic || !mayBeWorkspaceModule('.'.repeat(imp.level) + imp.module)) continue;
    for (const n of imp.node.childrenForFieldName('name')) {
      const local = n.type === 'aliased_import' ? n.childForFieldName('alias')?.text : imp.kind === 'import' ? n.text.split('.')[0] : n.text;
      if (local) names.add(local);
    }
  }
  return names;
}

/** Whether an identifier is a use of a name: not in an import, not an attribute's name, not a keyword's. */
function isUse(id: SyntaxNode): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'attribute' && p.childForFieldName('attribute') === id) return false;
  if (p.type === 'keyword_argument' && p.childForFieldName('name') === id) return false;
  for (let n: SyntaxNode | null = p, i = 0; n && i < 4; n = n.parent, i++) {
    if (n.type === 'import_statement' || n.type === 'import_from_statement') return false;
  }
  return true;
}

/**
 * The call facts of a use of an imported name: none when it is called (`run(…)`, `lib.run(…)`), else an
 * escape of what it refers to (`run`; `lib.run`; the module `lib` as a whole, `*`).
 */
function escapes(lang: PythonHelpers, id: SyntaxNode): CallFact[] {
  let top = id;
  while (top.parent?.type === 'attribute' && top.parent.childForFieldName('object') === top) top = top.parent;
  if (top.parent?.type === 'call' && top.parent.childForFieldName('function') === top) return [];
  const ref = lang.resolve(top);
  if (!ref?.module || ref.path.some((p) => p.endsWith('()'))) return [];
  const use = (specifier: string, name: string): CallFact => escapingUse(lang.range(top), specifier, name);
  const [first, second] = ref.path;
  if (first === undefined) return [use(ref.module, '*')];
  // `utils` of `from app import utils` may be a function of `app` or the module `app.utils`.
  const submodule = ref.module.endsWith('.') ? ref.module + first : `${ref.module}.${first}`;
  return [use(ref.module, first), use(submodule, second ?? '*')];
}

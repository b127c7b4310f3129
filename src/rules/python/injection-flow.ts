import type { Range, ReportDescriptor, Severity } from '../../engine/types';
import { parameterFacts, summaryOnly } from '../shared/flow-report';
import { callersDecide, type LocalCallers } from '../shared/module-calls';
import type { TaintKind } from '../../languages/js/flow';
import type { GuardKind, PythonFlowOptions, PythonHelpers, PythonTaint, SyntaxNode } from '../../languages/python';

/**
 * What the Python injection rules (shell, code, SQL, NoSQL, template, XSS, path, SSRF, redirect) add to the
 * shared value flow of `context.lang`, and how they report what it finds. Not a rule.
 */

const DEFAULT_GUARDS: ReadonlySet<GuardKind> = new Set(['allowlist', 'regex']);
const PATH_GUARDS: ReadonlySet<GuardKind> = new Set(['allowlist', 'regex', 'containment']);
/** At most this many flow steps are shown as related locations after the source. */
const MAX_STEPS = 5;

/**
 * Types of a parameter annotation whose values cannot carry text: FastAPI, Pydantic and Typer convert and
 * validate them before the function runs (`item_id: int`, `when: datetime`, `key: uuid.UUID`).
 */
const NON_TEXT_TYPES = new Set([
  'int', 'float', 'bool', 'complex', 'UUID', 'Decimal', 'date', 'datetime', 'time', 'timedelta',
  'PositiveInt', 'NegativeInt', 'NonNegativeInt', 'NonPositiveInt', 'PositiveFloat', 'NegativeFloat',
  'NonNegativeFloat', 'StrictInt', 'StrictFloat', 'StrictBool', 'UUID1', 'UUID3', 'UUID4', 'UUID5', 'None',
]);
/** A name written in capitals: by convention a constant (an allow-list mapping such as `COMMANDS`). */
const CONSTANT_NAME = /^_*[A-Z][A-Z0-9_]*$/;

/**
 * The `trusted` hook every injection rule gives the flow, for one file: parameters annotated with a
 * non-text type, and the key of a lookup in a constant mapping (`COMMANDS.get(name)` is one of the
 * mapping's values, whatever `name` is).
 */
export function trustedValue(lang: PythonHelpers, guardKinds: ReadonlySet<GuardKind> = DEFAULT_GUARDS): (node: SyntaxNode) => boolean {
  const helpers: HelperCache = { byFunction: new Map(), called: null };
  const guarded = (id: SyntaxNode) => {
    // The flow takes a name bound once to a request read (`x = request.args.get("x")`) for the source
    // itself, before it looks at the guards on that name: they are checked here.
    if (!lang.resolve(id)?.module) return false;
    let after = 0;
    for (const site of lang.scopes.lookupNode(id)?.sites ?? []) {
      if (site.kind !== 'param' && site.stmt.endIndex <= id.startIndex) after = Math.max(after, site.stmt.endIndex);
    }
    return lang.guards.protecting(id, guardKinds, after) !== null;
  };
  return (node) =>
    (node.type === 'identifier' && (isNonTextParameter(lang, node) || isDjangoHelperParameter(lang, node, helpers) || guarded(node))) || isLookupKey(lang, node);
}

/** Django shortcuts that return a database row or 404. */
const ROW_SHORTCUTS = new Set(['django.shortcuts.get_object_or_404', 'django.shortcuts.get_list_or_404', 'flask_sqlalchemy.SQLAlchemy.().get_or_404']);
/** Query methods of Django managers and query sets, SQLAlchemy sessions and queries, pymongo collections. */
const QUERY_METHODS = new Set([
  'get', 'filter', 'exclude', 'first', 'last', 'get_or_create', 'update_or_create', 'filter_by', 'where', 'query', 'scalar',
  'scalars', 'scalar_one', 'scalar_one_or_none', 'one', 'one_or_none', 'get_or_404', 'first_or_404', 'find', 'find_one',
  'count', 'exists', 'values', 'values_list', 'order_by',
]);
const ORM_MODULES = /^(?:sqlalchemy|sqlmodel|flask_sqlalchemy|pymongo|motor|mongoengine|peewee|tortoise|django)(?:\.|$)/;

/**
 * An argument of a database lookup (`get_object_or_404(Article, slug=slug)`, `Article.objects.filter(…)`,
 * `session.get(User, user_id)`, `users.find_one({…})`): the row it returns is the database's content, not
 * the key it was looked up with. Not for the SQL and NoSQL rules, whose sinks these calls are.
 */
export function lookupArgument(lang: PythonHelpers, node: SyntaxNode): boolean {
  let arg = node;
  if (arg.parent?.type === 'keyword_argument') arg = arg.parent;
  const list = arg.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  if (call?.type !== 'call') return false;
  const ref = lang.callee(call);
  const name = ref?.module ? [ref.module, ...ref.path].join('.') : null;
  if (name && ROW_SHORTCUTS.has(name)) return true;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || !QUERY_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) return false;
  if (ref?.module && ORM_MODULES.test(ref.module)) return true;
  // `Article.objects.filter(…)`, `Article.objects.filter(…).exclude(…)`: a Django manager of a model from another file.
  for (let n: SyntaxNode | null = fn.childForFieldName('object'); n && n.type !== 'identifier'; ) {
    if (n.type === 'attribute') {
      if (n.childForFieldName('attribute')?.text === 'objects') return true;
      n = n.childForFieldName('object');
    } else if (n.type === 'call') n = n.childForFieldName('function');
    else break;
  }
  return false;
}

/**
 * A parameter after `request` of a function that this file calls itself (`render_flatpage(request, f)`):
 * a helper of the views, whose other parameters are what its callers pass (objects, settings), not URL
 * parts — the flow takes every such function in a Django file for a view.
 */
interface HelperCache {
  byFunction: Map<number, boolean>;
  /** The names called as plain functions in the file (`render_flatpage(…)`), collected once. */
  called: Set<string> | null;
}

function isDjangoHelperParameter(lang: PythonHelpers, id: SyntaxNode, cache: HelperCache): boolean {
  const sites = lang.scopes.lookupNode(id)?.sites ?? [];
  const site = sites.length === 1 && sites[0].kind === 'param' ? sites[0] : null;
  const fn = site?.fn;
  if (!site || !fn || fn.type !== 'function_definition' || (site.index ?? 0) < 1) return false;
  let helper = cache.byFunction.get(fn.id);
  if (helper === undefined) {
    const first = fn.childForFieldName('parameters')?.namedChildren[0];
    const inClass = fn.parent?.type === 'block' && fn.parent.parent?.type === 'class_definition';
    helper = !inClass && /^(?:request|req)$/.test(first?.text ?? '') && lang.imports().some((i) => i.module.split('.')[0] === 'django');
    if (helper) {
      if (!cache.called) {
        cache.called = new Set();
        for (const c of lang.nodes.ofType(['call'])) {
          const callee = c.childForFieldName('function');
          if (callee?.type === 'identifier') cache.called.add(callee.text);
        }
      }
      helper = cache.called.has(fn.childForFieldName('name')?.text ?? '');
    }
    cache.byFunction.set(fn.id, helper);
  }
  return helper;
}

/**
 * Options for {@link PythonHelpers.taint} with the shared `trusted` hook; build them once per file. `lookups`:
 * database lookups return the database's content (see {@link lookupArgument}); false for the query sinks.
 */
export function flowOptions(lang: PythonHelpers, options: PythonFlowOptions, lookups = true): PythonFlowOptions {
  const shared = trustedValue(lang, options.guards ?? (options.sanitizers?.has('path') ? PATH_GUARDS : DEFAULT_GUARDS));
  const trusted = lookups ? (n: SyntaxNode) => shared(n) || lookupArgument(lang, n) : shared;
  const own = options.trusted;
  return { ...options, trusted: own ? (n) => trusted(n) || own(n) : trusted };
}

/** Whether every binding of a name is a parameter whose annotation is a number, a boolean, a date or a UUID. */
function isNonTextParameter(lang: PythonHelpers, id: SyntaxNode): boolean {
  const found = lang.scopes.lookupNode(id);
  if (!found || found.sites.length === 0) return false;
  return found.sites.every((site) => site.kind === 'param' && isNonTextAnnotation(site.stmt.childForFieldName('type')));
}

/** `int`, `Optional[int]`, `int | None`, `Annotated[int, Query(gt=0)]`, `uuid.UUID`. */
function isNonTextAnnotation(type: SyntaxNode | null): boolean {
  if (!type) return false;
  let text = type.text.replace(/\s+/g, '');
  if (text.length > 120) return false;
  const annotated = /^(?:typing\.)?Annotated\[/.exec(text);
  if (annotated) {
    const comma = text.indexOf(',');
    if (comma < 0) return false;
    text = text.slice(annotated[0].length, comma);
  }
  const optional = /^(?:typing\.)?(?:Optional|Union)\[(.*)\]$/.exec(text);
  if (optional) text = optional[1];
  const alternatives = text.split(/[|,]/);
  return alternatives.every((t) => NON_TEXT_TYPES.has(t.slice(t.lastIndexOf('.') + 1)));
}

/** The key of `MAPPING.get(key)` / `MAPPING.pop(key)` on a constant-named or literal mapping. */
function isLookupKey(lang: PythonHelpers, node: SyntaxNode): boolean {
  const list = node.parent;
  const call = list?.type === 'argument_list' ? list.parent : null;
  if (call?.type !== 'call' || !list!.namedChildren[0]?.equals(node)) return false;
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return false;
  const method = fn.childForFieldName('attribute')?.text;
  if (method !== 'get' && method !== 'pop') return false;
  const receiver = fn.childForFieldName('object');
  if (!receiver) return false;
  const name = receiver.type === 'identifier' ? receiver.text : receiver.type === 'attribute' ? receiver.childForFieldName('attribute')?.text : null;
  if (name && CONSTANT_NAME.test(name)) return true;
  if (receiver.type !== 'identifier') return false;
  const sites = lang.scopes.lookupNode(receiver)?.sites ?? [];
  return sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 && /^(?:dictionary|set|dictionary_comprehension)$/.test(sites[0].value?.type ?? '');
}

/**
 * The related locations of a finding: where the untrusted data enters, then the assignments and calls it
 * went through (at most a few), leaving out those that contain the finding itself.
 */
export function relatedLocations(lang: PythonHelpers, taint: PythonTaint, finding: Range): Array<{ message: string; range: Range }> {
  const { node, steps } = origin(lang, taint.node, taint.kind);
  const label = taint.kind === 'param' ? 'The caller chooses this value' : 'Untrusted data enters here';
  const out = [{ message: `${label}: ${taint.description}`, range: lang.range(node) }];
  const seen = new Set([out[0].range.join(':')]);
  for (const step of [...steps, ...(taint.steps ?? [])]) {
    if (out.length > MAX_STEPS) break;
    const range = lang.range(step);
    const key = range.join(':');
    if (seen.has(key) || (range[0] <= finding[0] && range[1] >= finding[1])) continue;
    seen.add(key);
    out.push({ message: 'The untrusted value flows through here', range });
  }
  return out;
}

/**
 * Where a source really is when the flow names a use of a variable: the resolver follows names bound once
 * (`branch = request.args.get("b")`), so the flow may report `branch` or `branch.split()` as the source.
 * Follows the leftmost name of the chain back through its one assignment, collecting the assignments.
 */
function origin(lang: PythonHelpers, source: SyntaxNode, kind: TaintKind): { node: SyntaxNode; steps: SyntaxNode[] } {
  let node = source;
  const steps: SyntaxNode[] = [];
  for (let i = 0; i < 5; i++) {
    const root = leftmostName(node);
    const value = root ? singleAssignment(lang, root) : null;
    // Only through values that carry the data (`branch = request.args[…]`), not clients (`client = OpenAI()`).
    if (!root || !value || !lang.taint(value, kindSet(kind))) break;
    steps.unshift(value.parent ?? value);
    node = value;
  }
  return { node, steps };
}

const kindSets = new Map<TaintKind, ReadonlySet<TaintKind>>();

/** One set per kind, so that the flow's results stay memoised across findings. */
function kindSet(kind: TaintKind): ReadonlySet<TaintKind> {
  let set = kindSets.get(kind);
  if (!set) kindSets.set(kind, (set = new Set([kind])));
  return set;
}

/** The name a chain starts from: `a` of `a.b(c)[d]`. */
function leftmostName(node: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode | null = node;
  for (let i = 0; n && i < 30; i++) {
    if (n.type === 'identifier') return n;
    if (n.type === 'attribute') n = n.childForFieldName('object');
    else if (n.type === 'call') n = n.childForFieldName('function');
    else if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'await' || n.type === 'parenthesized_expression') n = n.namedChildren[0] ?? null;
    else return null;
  }
  return null;
}

/**
 * The severity of a finding by the kind of its source: a command-line argument is chosen by whoever runs
 * the program, who could usually run the command themselves, so it is a warning; undefined keeps the
 * rule's severity.
 */
export function severityOf(taint: PythonTaint): Severity | undefined {
  return taint.kind === 'argv' || taint.kind === 'env' || taint.kind === 'param' ? 'warning' : undefined;
}

/** Test modules and fixtures: their functions' parameters are filled by the test runner, not by callers. */
const TEST_FILE = /(?:^|[\\/])(?:test_[^\\/]*|[^\\/]*_test|conftest)\.py$|(?:^|[\\/])tests?[\\/]/;

/**
 * The kinds of an injection-shaped sink plus `param` (a parameter of a public function, filled by callers
 * Rampart cannot see; see `PythonFlow.callerParameter`), except in tests. Rules report such findings at
 * `warning` with their `…Param` message, and those passing the parameter unchanged only as summaries for
 * callers in other modules ({@link parameterReport}).
 */
export function withCallerParameters(file: string, kinds: ReadonlySet<TaintKind>): ReadonlySet<TaintKind> {
  return TEST_FILE.test(file) ? kinds : new Set([...kinds, 'param']);
}

/**
 * What a report adds for a caller's parameter: the severity, the parameter facts, whether it is only a
 * summary, and the callers' decision (see `callersDecide`). The flow already lets the calls a module makes
 * of its own function decide (such a function has no parameter source); what is left is whether the file
 * uses the function otherwise than by calls (a callback, a registry), which leaves its callers unknown.
 */
export function parameterReport(taint: PythonTaint): Pick<ReportDescriptor, 'severity' | 'properties' | 'summaryOnly' | 'hold'> {
  if (taint.kind !== 'param') return {};
  const facts = parameterFacts(taint);
  const report = { severity: 'warning' as const, properties: facts, summaryOnly: summaryOnly(taint) };
  if (report.summaryOnly || facts?.parameterImportedAs === undefined) return report;
  return { ...report, ...callersDecide(facts, localCallers(taint.node)) };
}

/** A module's identifiers by name, collected once per tree. */
const identifiersByTree = new WeakMap<object, Map<string, SyntaxNode[]>>();

/**
 * What the module of a parameter's function knows of the function's callers: none that the flow took for
 * callers (see above), and whether its name is used otherwise — any identifier with that name but the
 * definition's, a keyword name or an attribute (`x.run`) counts, shadowing names included (then its callers
 * are taken as unknown). Null when the parameter is not in a function.
 */
function localCallers(param: SyntaxNode): LocalCallers | null {
  let fn: SyntaxNode | null = param.parent;
  for (let i = 0; fn && fn.type !== 'function_definition' && i < 8; i++) fn = fn.parent;
  const nameNode = fn?.type === 'function_definition' ? fn.childForFieldName('name') : null;
  if (!nameNode) return null;
  let byName = identifiersByTree.get(nameNode.tree);
  if (!byName) {
    byName = new Map();
    for (const id of nameNode.tree.root.descendantsOfType('identifier')) {
      const list = byName.get(id.text);
      if (list) list.push(id);
      else byName.set(id.text, [id]);
    }
    identifiersByTree.set(nameNode.tree, byName);
  }
  const used = (byName.get(nameNode.text) ?? []).some((id) => {
    if (id === nameNode) return false;
    const p = id.parent;
    if (p?.type === 'attribute' && p.childForFieldName('attribute') === id) return false;
    if (p?.type === 'keyword_argument' && p.childForFieldName('name') === id) return false;
    return true;
  });
  return { calls: 0, unsafe: used };
}

/**
 * Whether a call may invoke one of `names`: by the last name it is written with, or through a name
 * imported under another one (`from django.template import Template as DjangoTemplate`), which the rule
 * then resolves.
 */
export function mayCall(lang: PythonHelpers, call: SyntaxNode, names: ReadonlySet<string>): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute') return names.has(fn.childForFieldName('attribute')?.text ?? '');
  if (fn?.type !== 'identifier') return false;
  if (names.has(fn.text)) return true;
  const sites = lang.scopes.lookupNode(fn)?.sites ?? [];
  return sites.length === 1 && sites[0].kind === 'import';
}

/** The value a name is bound to by its one assignment (`x = …`), else null. */
export function singleAssignment(lang: PythonHelpers, node: SyntaxNode): SyntaxNode | null {
  if (node.type !== 'identifier') return null;
  const sites = lang.scopes.lookupNode(node)?.sites ?? [];
  if (sites.length !== 1) return null;
  const site = sites[0];
  return site.kind === 'assign' && site.unpack.length === 0 ? site.value : null;
}

/** Parentheses removed. */
export function unwrap(node: SyntaxNode): SyntaxNode {
  let n = node;
  for (let i = 0; i < 20 && n.type === 'parenthesized_expression'; i++) {
    const inner = n.namedChildren.find((c) => c && c.type !== 'comment');
    if (!inner) break;
    n = inner;
  }
  return n;
}

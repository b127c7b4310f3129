import { FIXED_DESTINATION, OPEN_AUTHORITY } from '../js/concat';
import { DEFAULT_TAINT_KINDS, type FlowOptions, type Taint, type TaintKind } from '../js/flow';
import { lastName } from './ast';
import { callArguments, decoratorExpression, decoratorNodes } from './calls';
import type { Constants } from './constants';
import type { GuardKind, Guards } from './guards';
import type { NodeIndex } from './nodes';
import type { SyntaxNode } from './parse';
import { methodClass, type ResolvedRef, type Resolver } from './resolve';
import { ALWAYS_SANITIZING, NON_TEXT_METHODS, PATH_CLASSES, SANITIZER_NAME, sanitizerKinds, type SanitizerKind } from './sanitizers';
import type { Lookup, Scopes, Site } from './scope';
import {
  AIOHTTP_MODULES,
  ARGPARSE_METHODS,
  chainNames,
  CLI_DECORATORS,
  CLI_MODULES,
  CLIENT_PARAMETER_DEFAULTS,
  DJANGO_MODULES,
  DJANGO_VIEW_METHODS,
  endsWith,
  FRAMEWORK_PARAMETER_TYPES,
  GLOBAL_SOURCES,
  isLlmModule,
  LAMBDA_HANDLERS,
  LANGCHAIN_METHODS,
  LANGCHAIN_RECEIVER,
  LLM_CLIENT_NAME,
  MODEL_CALLS,
  REQUEST_OBJECT_DATA,
  REQUEST_TYPES,
  refKey,
  rootName,
  ROUTE_DECORATORS,
  APP_NAME,
  TOOL_BASE_CLASSES,
  TOOL_DECORATORS,
  TOOL_METHODS,
  TORNADO_METHODS,
  WEB_MODULES,
} from './sources';

/** A source found by the Python flow: the JS/TS contract over tree-sitter nodes. */
export type PythonTaint = Taint<SyntaxNode>;

/**
 * What a rule adds to the Python value flow: the JS/TS hooks (`kinds`, `source`, `trusted`, `sanitizes`
 * called with `call` nodes, `url`) plus the built-in sanitizers and guards it accepts.
 */
export interface PythonFlowOptions extends FlowOptions<SyntaxNode, SyntaxNode> {
  /**
   * Built-in sanitizers the sink accepts (`shell`: `shlex.quote`; `html`: `html.escape`, `markupsafe.escape`,
   * `bleach.clean`; `path`: `os.path.basename`, `secure_filename`, and realpath-containment guards; `sql`,
   * `url`, `regex`). Conversions to numbers and booleans (`int`, `float`, `bool`, `uuid.UUID`, `len`) and
   * helpers named `sanitize_*`/`escape_*`/`quote_*`/`validate_*` always count.
   */
  sanitizers?: ReadonlySet<SanitizerKind>;
  /**
   * Guards accepted before the use (default: `allowlist` and `regex`; `containment` is added by the
   * `path` sanitizer kind): `if x not in ALLOWED: return`, `if re.fullmatch(P, x):`, `assert x.isdigit()`.
   */
  guards?: ReadonlySet<GuardKind>;
}

/** `param` marks a parameter's own value while computing a function summary. */
type Kind = TaintKind | 'param';
type Flowed = Omit<PythonTaint, 'kind'> & { kind: Kind };

interface Query {
  opts: PythonFlowOptions;
  wanted: ReadonlySet<Kind>;
  memo: Map<number, { depth: number; result: Flowed | null; clean: boolean }>;
  /** Results that no cycle or depth cut touched, shared by the top-level queries with the same options. */
  shared: Map<number, Flowed | null> | null;
  /** How many times the walk was cut (a node already on the path, the depth limit). */
  cuts: number;
  seen: Set<number>;
  /** Keyed container reads in progress (`id:key`), made on the first. */
  keyed: Set<string> | null;
  /** While summarising: the parameter whose flow to the return value is asked about. */
  marker: Site | null;
  /** Whether parameters without a source follow the calls of their function in this file. */
  callers: boolean;
  guards: ReadonlySet<GuardKind>;
}

/** A function defined in this file and how a call passes its receiver. */
interface LocalFunction {
  fn: SyntaxNode;
  /** 1 when the call passes `self`/`cls` implicitly, else 0. */
  offset: number;
}

interface FunctionInfo {
  positional: Site[];
  byName: Map<string, Site>;
  args: Site | null;
  kwargs: Site | null;
  returns: SyntaxNode[];
}

/** A write into a container or object: `d[k] = v`, `o.a = v`, `l.append(v)`, `d.update(v)`. */
interface Mutation {
  kind: 'item' | 'attr' | 'call';
  /** The subscript key, the attribute name node, or the call. */
  key: SyntaxNode | null;
  attr?: string;
  method?: string;
  values: readonly SyntaxNode[];
}

/** The writes into one name, grouped for keyed reads. */
interface MutationSet {
  size: number;
  /** Item writes under a constant key, by the key's JSON. */
  items: Map<string, Mutation[]>;
  /** Item writes under a computed key. */
  unkeyed: Mutation[];
  attrs: Map<string, Mutation[]>;
  calls: Mutation[];
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A key read from a container: a constant item key or an attribute name. */
type Key = { item: string | number | boolean | null } | { attr: string };

const MAX_DEPTH = 60;
/** Steps of work per file across all queries; past it, every query answers null. */
export const FLOW_BUDGET = 200_000;
const BUDGET_EXCEEDED = Symbol('flow budget exceeded');
/** Summaries computed inside summaries, at most; deeper, the query answers null. */
const MAX_NESTING = 8;
const TOO_DEEP = Symbol('summaries nested too deep');
const DEFAULT_OPTIONS: PythonFlowOptions = Object.freeze({ kinds: DEFAULT_TAINT_KINDS });
const DEFAULT_GUARDS: ReadonlySet<GuardKind> = new Set(['allowlist', 'regex']);
const PATH_GUARDS: ReadonlySet<GuardKind> = new Set(['allowlist', 'regex', 'containment']);
const MARKER_KINDS: ReadonlySet<Kind> = new Set(['param']);
const PASS_THROUGH = new Set(['parenthesized_expression', 'await', 'list_splat', 'dictionary_splat', 'yield', 'expression_statement', 'list_splat_pattern']);
const COLLECTIONS = new Set(['list', 'tuple', 'set', 'expression_list', 'pattern_list']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'generator_expression', 'dictionary_comprehension']);
/** Methods that store their arguments into the receiver. */
const MUTATORS = new Set(['append', 'extend', 'insert', 'add', 'update', 'setdefault', 'appendleft', 'extendleft', 'put', 'put_nowait', 'write', 'writelines', 'push', 'set', 'read_dict', 'read_string', '__setitem__']);
/** Methods reading one key of a mapping (`d.get('k', default)`). */
const KEY_READS = new Set(['get', 'pop', 'setdefault', 'getlist']);
const KILLERS = new Set(['assign', 'walrus', 'with', 'import', 'def', 'class', 'del', 'param']);
const STATEMENT_PARENTS = new Set(['block', 'module']);
/** Calls that build a larger string or path from their receiver and arguments. */
const TEXT_BUILDERS = new Set(['format', 'format_map', 'join', 'replace', 'joinpath', 'urljoin', 'Template', 'substitute', 'safe_substitute']);
/** Calls that convert text without changing what it says. */
const TEXT_CONVERSIONS = new Set([
  'str', 'bytes', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold', 'title', 'capitalize', 'encode', 'decode',
  'unquote', 'unquote_plus', 'fspath', 'expanduser', 'normpath', 'abspath', 'Path', 'PurePath', 'PosixPath', 'dedent',
]);
/** Functions that, by their name, reject bad values by raising (`validate_name(name)`, `check_path(p)`). */
const VALIDATOR_NAME = /^_*(?:validate|check|verify|ensure|assert)_?/i;
/** Names of the request, context and framework objects handlers receive: objects, not text a caller chooses. */
const CONTEXT_PARAMETER = /^(?:self|cls|request|req|ctx|context|event|info|session|conn|connection|cursor|db|client|app|logger|args|kwargs|options|config|settings|parser)$/;

/**
 * Value flow for Python under the JS/TS contract (`taint(node, options)`): through assignments, `+=`,
 * unpacking, f-strings, `%`, `.format`, `+`, `join`, slicing, conversions and unknown calls (their
 * arguments and receiver pass through), containers with constant keys kept apart, attributes of tainted
 * objects, `with`/`for` bindings, comprehensions, lambdas, and functions of the same file (parameter →
 * return summaries; parameters follow the calls of their function). Sources are the tables of
 * `sources.ts`; sanitizers and guards those of `sanitizers.ts` and `guards.ts`. Work is budgeted per file.
 */
export class Flow {
  private steps = 0;
  private exhausted = false;
  private nesting = 0;
  /** Steps of work this file may take across all queries (see {@link FLOW_BUDGET}). */
  budget = FLOW_BUDGET;
  private readonly live = new Map<Site, boolean>();
  /** The source each name, attribute or call asked about is by itself (see {@link nameSource}, {@link callSource}), by node id. */
  private readonly ownSources = new Map<number, Flowed | null>();
  /** The sites that reach each use asked about, by the use's node id (`found` is always that node's look-up). */
  private readonly reached = new Map<number, readonly Site[]>();
  private readonly top = new WeakMap<PythonFlowOptions, Map<number, PythonTaint | null>>();
  private readonly shared = new WeakMap<PythonFlowOptions, Map<number, Flowed | null>>();
  private readonly optionsOfKinds = new WeakMap<ReadonlySet<TaintKind>, PythonFlowOptions>();
  private readonly summaries = new WeakMap<PythonFlowOptions, { flows: Map<string, boolean | null>; intrinsic: Map<number, Flowed | null | undefined> }>();
  private readonly functions = new Map<number, FunctionInfo>();
  private readonly paramSources = new Map<Site, Flowed | null>();
  private readonly callerParameters = new Map<Site, Flowed | null>();
  private callIndex: Map<string, SyntaxNode[]> | null = null;
  private rawMutations: Map<string, Array<{ object: SyntaxNode; mutation: Mutation }>> | null = null;
  private readonly mutationsByKey = new Map<string, Mutation[]>();
  private readonly mutationSets = new Map<string, MutationSet>();
  private importedModules: string[] | null = null;
  private llmImported: boolean | undefined;
  private loopRanges: Array<[number, number]> | null = null;

  constructor(
    private readonly nodes: NodeIndex,
    private readonly scopes: Scopes,
    private readonly resolver: Resolver,
    private readonly constants: Constants,
    private readonly guards: Guards,
    private readonly imports: () => readonly { module: string; level: number }[],
  ) {}

  /**
   * The first untrusted source of the wanted kinds that `node` is built from, with the steps it went
   * through; null when there is none, when the flow passes a sanitizer or guard the options accept, or
   * when the file's work budget ({@link FLOW_BUDGET}) is spent. The second argument is the wanted kinds
   * or {@link PythonFlowOptions}; results are memoised per options object.
   */
  taint(node: SyntaxNode, kindsOrOptions?: ReadonlySet<TaintKind> | PythonFlowOptions): PythonTaint | null {
    if (this.exhausted) return null;
    const opts = this.toOptions(kindsOrOptions);
    let memo = this.top.get(opts);
    if (!memo) this.top.set(opts, (memo = new Map()));
    const known = memo.get(node.id);
    if (known !== undefined) return known;
    const kinds = opts.kinds ?? DEFAULT_TAINT_KINDS;
    let result: PythonTaint | null = null;
    try {
      const found = this.walk(node, this.query(opts, kinds, null, true), 0);
      // A parameter passed to the sink unchanged is the caller's business unless the rule asks for it (see `passThrough`).
      result = found && kinds.has(found.kind) && !(found.passThrough && !opts.passThrough) ? (found as PythonTaint) : null;
    } catch (e) {
      this.nesting = 0;
      if (e === TOO_DEEP) result = null;
      else if (e === BUDGET_EXCEEDED) {
        this.exhausted = true;
        return null;
      } else throw e;
    }
    memo.set(node.id, result);
    return result;
  }

  /** Whether the work budget of this file is spent (every later query answers null). */
  get budgetExhausted(): boolean {
    return this.exhausted;
  }

  private toOptions(kindsOrOptions: ReadonlySet<TaintKind> | PythonFlowOptions | undefined): PythonFlowOptions {
    if (kindsOrOptions === undefined || kindsOrOptions === DEFAULT_TAINT_KINDS) return DEFAULT_OPTIONS;
    if (!(kindsOrOptions instanceof Set)) return kindsOrOptions as PythonFlowOptions;
    const kinds = kindsOrOptions as ReadonlySet<TaintKind>;
    let opts = this.optionsOfKinds.get(kinds);
    if (!opts) this.optionsOfKinds.set(kinds, (opts = { kinds }));
    return opts;
  }

  private query(opts: PythonFlowOptions, wanted: ReadonlySet<Kind>, marker: Site | null, callers: boolean): Query {
    const guards = opts.guards ?? (opts.sanitizers?.has('path') ? PATH_GUARDS : DEFAULT_GUARDS);
    let shared: Map<number, Flowed | null> | null = null;
    if (callers && !marker) {
      shared = this.shared.get(opts) ?? null;
      if (!shared) this.shared.set(opts, (shared = new Map()));
    }
    return { opts, wanted, memo: new Map(), shared, cuts: 0, seen: new Set(), keyed: null, marker, callers, guards };
  }

  private tick(): void {
    if (++this.steps > this.budget) throw BUDGET_EXCEEDED;
  }

  private walk(node: SyntaxNode | null | undefined, q: Query, depth: number): Flowed | null {
    if (!node) return null;
    const id = node.id;
    const shared = q.shared?.get(id);
    if (shared !== undefined) return shared;
    if (depth > MAX_DEPTH || q.seen.has(id)) {
      q.cuts++;
      return null;
    }
    const known = q.memo.get(id);
    if (known && known.depth <= depth) {
      if (!known.clean) q.cuts++;
      return known.result;
    }
    this.tick();
    const cuts = q.cuts;
    q.seen.add(id);
    let result: Flowed | null;
    try {
      result = this.compute(node, q, depth + 1);
    } finally {
      q.seen.delete(id);
    }
    const clean = q.cuts === cuts;
    q.memo.set(id, { depth, result, clean });
    if (clean) q.shared?.set(id, result);
    return result;
  }

  /**
   * The first result among the parts of a value in order, where a caller's parameter counts as built into
   * the value (see `Taint.passThrough`) unless it is the value's base: one of the first `bases` parts
   * (`f"{path}.tgz"`, `base + name`, `sql % args`). A part that is constant text adds nothing but moves
   * the base on (`f"ls {path}"` builds on `"ls "`).
   */
  private ordered(parts: ReadonlyArray<SyntaxNode | null | undefined>, q: Query, depth: number, bases = 1): Flowed | null {
    let first: Flowed | null = null;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      if (!part) continue;
      if (part.type === 'string_content' || part.type === 'escape_sequence') {
        if (i < bases && part.text !== '') bases = 0;
        continue;
      }
      const r = built(this.walk(part, q, depth), i >= bases);
      if (r && q.wanted.has(r.kind)) return r;
      first ??= r;
    }
    return first;
  }

  /** In a URL: the part that decides the destination; a caller's parameter is built in when a scheme precedes it. */
  private destinationTaint(parts: readonly SyntaxNode[], q: Query, depth: number): Flowed | null {
    const { part, prefixed } = this.destination(parts);
    return part ? built(this.walk(part, q, depth), prefixed) : null;
  }

  /** The first result of a wanted kind among `nodes`, else the first result. */
  private any(nodes: ReadonlyArray<SyntaxNode | null | undefined>, q: Query, depth: number): Flowed | null {
    let first: Flowed | null = null;
    for (const n of nodes) {
      const r = this.walk(n, q, depth);
      if (r && q.wanted.has(r.kind)) return r;
      first ??= r;
    }
    return first;
  }

  private compute(n: SyntaxNode, q: Query, depth: number): Flowed | null {
    if (q.opts.trusted?.(n)) return null;
    const own = q.opts.source?.(n);
    if (own) return own;
    switch (n.type) {
      case 'identifier':
        return this.identifier(n, q, depth);
      case 'attribute':
        return this.attribute(n, q, depth);
      case 'subscript':
        return this.subscript(n, q, depth);
      case 'call':
        return this.call(n, q, depth);
      case 'string':
        if (q.opts.url) return this.destinationTaint(urlParts(n), q, depth);
        return this.ordered(stringParts(n), q, depth);
      case 'concatenated_string':
        if (q.opts.url) return this.destinationTaint(n.namedChildren.flatMap((p) => (p ? urlParts(p) : [])), q, depth);
        return this.ordered(n.namedChildren.flatMap((p) => (p ? stringParts(p) : [])), q, depth);
      case 'binary_operator': {
        const op = n.childForFieldName('operator')?.text;
        if (op !== '+' && op !== '%' && op !== '*') return null;
        if (q.opts.url && op === '+') return this.destinationTaint(plusParts(n), q, depth);
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        // `"%s?%s" % (base, query)`: the first value of a format that starts with it is the base too.
        const base = op === '%' && right && formatStartsWithValue(left, this.constants) ? firstValue(right) : null;
        return this.ordered([left, ...(base ? [base, right] : [right])], q, depth, base ? 2 : 1);
      }
      case 'boolean_operator':
        return this.any([n.childForFieldName('left'), n.childForFieldName('right')], q, depth);
      case 'conditional_expression': {
        const [consequence, condition, alternative] = n.namedChildren.filter((c) => c && c.type !== 'comment');
        const truth = condition ? this.constants.truth(condition) : undefined;
        return this.any([truth === false ? null : consequence, truth === true ? null : alternative], q, depth);
      }
      case 'keyword_argument':
      case 'named_expression':
        return this.walk(n.childForFieldName('value'), q, depth);
      case 'dictionary':
        return this.any(n.namedChildren.flatMap((c) => (c?.type === 'pair' ? [c.childForFieldName('key'), c.childForFieldName('value')] : [c])), q, depth);
      case 'pair':
        return this.any([n.childForFieldName('key'), n.childForFieldName('value')], q, depth);
      case 'slice':
        return null;
      default:
        if (PASS_THROUGH.has(n.type)) return this.walk(n.namedChildren.find((c) => c && c.type !== 'comment'), q, depth);
        if (COLLECTIONS.has(n.type)) return this.any(n.namedChildren, q, depth);
        if (COMPREHENSIONS.has(n.type)) return this.walk(n.childForFieldName('body'), q, depth);
        return null;
    }
  }

  // ---- names -------------------------------------------------------------------------------------

  private identifier(n: SyntaxNode, q: Query, depth: number): Flowed | null {
    const global = this.nameSource(n);
    if (global) return global;
    const found = this.scopes.lookupNode(n);
    if (!found) return null;
    const sites = this.reaching(n, found);
    if (this.guarded(n, q, sites)) return null;
    let first: Flowed | null = null;
    for (const site of sites) {
      const r = this.site(site, q, depth);
      if (r && q.wanted.has(r.kind)) return r;
      first ??= r;
    }
    const written = this.mutationTaint(n, found, null, q, depth);
    if (written && q.wanted.has(written.kind)) return written;
    return first ?? written;
  }

  private site(site: Site, q: Query, depth: number): Flowed | null {
    if (q.marker === site) return { kind: 'param', node: site.id, description: 'a parameter' };
    let r: Flowed | null;
    switch (site.kind) {
      case 'param':
        r = this.param(site, q, depth);
        break;
      case 'assign':
      case 'walrus':
      case 'with':
        r = site.value ? this.walk(unpacked(site.value, site.unpack), q, depth) : null;
        break;
      case 'augassign':
      case 'for':
        r = this.walk(site.value, q, depth);
        break;
      default:
        r = null;
    }
    return r && site.kind !== 'param' ? withStep(r, site.stmt) : r;
  }

  /**
   * The sites of a name that can reach `use`: in the same scope, those before it (or later in a loop
   * around both) from the last one that dominates it (an unconditional binding in a block holding the
   * use); from an enclosing scope or a comprehension, all of them.
   */
  private reaching(use: SyntaxNode, found: Lookup): readonly Site[] {
    let sites = this.reached.get(use.id);
    if (!sites) this.reached.set(use.id, (sites = this.computeReaching(use, found)));
    return sites;
  }

  private computeReaching(use: SyntaxNode, found: Lookup): Site[] {
    const sites = found.sites.filter((s) => this.isLive(s));
    if (sites.length <= 1) return sites;
    const useScope = this.scopes.chainOf(use)[0];
    if (found.scope.kind === 'comprehension' || useScope.node.id !== found.scope.node.id) return sites;
    const pos = use.startIndex;
    const before: Site[] = [];
    const carried: Site[] = [];
    for (const s of sites) {
      if (sitePosition(s) <= pos) before.push(s);
      else if (this.sharesLoop(s, use, found.scope.node)) carried.push(s);
    }
    before.sort((a, b) => sitePosition(a) - sitePosition(b));
    let from = 0;
    for (let i = before.length - 1; i >= 0; i--) {
      if (KILLERS.has(before[i].kind) && dominates(before[i], use)) {
        from = i;
        break;
      }
    }
    return [...before.slice(from), ...carried];
  }

  /** Whether a loop inside `scope` holds both a binding and the use (the binding reaches the next iteration). */
  private sharesLoop(site: Site, use: SyntaxNode, scope: SyntaxNode): boolean {
    this.loopRanges ??= this.nodes.ofType(['for_statement', 'while_statement']).map((l) => [l.startIndex, l.endIndex] as [number, number]);
    const [s0, s1] = [site.stmt.startIndex, site.stmt.endIndex];
    const [u0, u1] = [use.startIndex, use.endIndex];
    const [c0, c1] = [scope.startIndex, scope.endIndex];
    return this.loopRanges.some(([a, b]) => a >= c0 && b <= c1 && s0 >= a && s1 <= b && u0 >= a && u1 <= b);
  }

  /** Whether a binding can run (it is not in a branch a constant condition excludes). */
  private isLive(site: Site): boolean {
    let live = this.live.get(site);
    if (live === undefined) this.live.set(site, (live = site.kind === 'param' || this.constants.liveBranch(site.stmt)));
    return live;
  }

  /** Whether a guard the query accepts protects this use (made after the last binding that reaches it). */
  private guarded(n: SyntaxNode, q: Query, sites: readonly Site[] = []): boolean {
    if (q.guards.size === 0 || this.guards.empty) return false;
    let after = 0;
    for (const s of sites) if (s.kind !== 'param') after = Math.max(after, sitePosition(s));
    return this.guards.protecting(n, q.guards, after) !== null;
  }

  // ---- parameters --------------------------------------------------------------------------------

  private param(site: Site, q: Query, depth: number): Flowed | null {
    // While summarising a function, its parameters are what the call passes: the arguments decide.
    if (!q.callers) return null;
    const source = this.paramSource(site);
    if (source) return source;
    const fn = site.fn!;
    if (fn.type === 'lambda') return this.lambdaElement(fn, q, depth);
    let first: Flowed | null = null;
    const callers = this.callersOf(fn);
    for (const { call, offset } of callers) {
      const arg = this.argumentFor(call, offset, site);
      if (!arg) continue;
      const r = withStep(this.walk(arg, q, depth), call);
      if (!r) continue;
      if (q.wanted.has(r.kind)) return r;
      first ??= r;
    }
    if (!q.wanted.has('param') || q.marker) return first;
    if (callers.length === 0) return this.callerParameter(site) ?? first;
    // Python has no `export`: a public function its own module calls is taken for a helper whose callers are those
    // calls (above); its parameter stays a fact for other modules that import it (reported as a summary only).
    const other = first === null ? this.callerParameter(site) : null;
    return other ? { ...other, calledHere: true } : first;
  }

  /**
   * A parameter of a public function or method of the module, which callers in other modules fill with
   * values Rampart cannot see (the `param` kind, as in JS/TS). Not: private (`_name`) functions and
   * classes, nested functions, constructors (their arguments configure the object: folders, names),
   * `self`/`cls`, `*args`/`**kwargs`, the request or context objects of handlers, parameters whose default
   * is a number or a boolean, parameters the function hands to a validator first (`validate_name(name)`),
   * functions the framework calls (routes, tools, CLI commands, fixtures) and tests.
   */
  private callerParameter(site: Site): Flowed | null {
    let r = this.callerParameters.get(site);
    if (r === undefined) this.callerParameters.set(site, (r = this.computeCallerParameter(site)));
    return r;
  }

  private computeCallerParameter(site: Site): Flowed | null {
    const fn = site.fn!;
    if (fn.type !== 'function_definition' || (site.paramKind !== 'positional' && site.paramKind !== 'keyword')) return null;
    const name = fn.childForFieldName('name')?.text ?? '';
    if ((name.startsWith('_') && name !== '__call__') || /^test/i.test(name)) return null;
    if (CONTEXT_PARAMETER.test(site.name)) return null;
    const type = annotationName(site.stmt);
    if (REQUEST_TYPES.has(type) || FRAMEWORK_PARAMETER_TYPES.has(type) || /Context$|Request$/.test(type)) return null;
    const value = site.value;
    if (value && (value.type === 'integer' || value.type === 'float' || value.type === 'true' || value.type === 'false')) return null;
    for (const d of decoratorNodes(fn)) {
      const expr = decoratorExpression(d);
      const last = lastName(expr?.type === 'call' ? expr.childForFieldName('function') : expr) ?? '';
      if (ROUTE_DECORATORS.has(last) || TOOL_DECORATORS.has(last) || CLI_DECORATORS.has(last) || last === 'fixture') return null;
    }
    if (this.validatedFirst(fn, site.name)) return null;
    const cls = methodClass(fn);
    const holder = (cls ?? fn).parent;
    const topLevel = holder?.type === 'module' || (holder?.type === 'decorated_definition' && holder.parent?.type === 'module');
    if (!topLevel) return null;
    let index = site.index ?? 0;
    const className = cls?.childForFieldName('name')?.text ?? '';
    if (cls) {
      if (className.startsWith('_') || /^Test/.test(className)) return null;
      if (methodKind(fn) !== 'static') {
        if (index === 0) return null;
        index--;
      }
    }
    const label = cls ? `${className}.${name}()` : `${name}()`;
    return {
      kind: 'param',
      node: site.id,
      description: `\`${site.name}\`, a parameter of ${label}`,
      passThrough: true,
      // A method is called on an instance or the class another module imports: `Repo.find` (self left out of `index`).
      parameter: { name: site.name, index, importedAs: cls ? `${className}.${name}` : name },
    };
  }

  /** `map(lambda x: …, items)`, `sorted(items, key=lambda x: …)`: the lambda's parameter is an element of the other arguments. */
  private lambdaElement(fn: SyntaxNode, q: Query, depth: number): Flowed | null {
    const args = fn.parent?.type === 'keyword_argument' ? fn.parent.parent : fn.parent;
    const call = args?.type === 'argument_list' ? args.parent : null;
    if (call?.type !== 'call') return null;
    return this.any(callArguments(call).filter((a) => a.startIndex !== fn.startIndex && !a.equals(fn.parent!)), q, depth);
  }

  /** The source a parameter is by its function's role: a route's URL or query parameter, a tool argument, a Lambda event… */
  private paramSource(site: Site): Flowed | null {
    if (this.paramSources.has(site)) return this.paramSources.get(site)!;
    const r = this.computeParamSource(site);
    this.paramSources.set(site, r);
    return r;
  }

  private computeParamSource(site: Site): Flowed | null {
    const fn = site.fn!;
    if (fn.type !== 'function_definition' || site.paramKind === undefined) return null;
    const fnName = fn.childForFieldName('name')?.text ?? '';
    const cls = methodClass(fn);
    const index = site.index! - (cls ? 1 : 0);
    if (cls && site.index === 0 && site.paramKind === 'positional') return null;
    const type = annotationName(site.stmt);
    const decorators = decoratorNodes(fn);
    for (const d of decorators) {
      const expr = decoratorExpression(d);
      const target = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
      if (!target) continue;
      const ref = this.resolver.resolve(target);
      const last = ref ? ref.path[ref.path.length - 1] : lastName(target);
      const top = ref?.module?.split('.')[0] ?? '';
      if (last && TOOL_DECORATORS.has(last) && !/Context$/.test(type)) {
        return { kind: 'tool', node: site.id, description: `a tool argument chosen by the model (${site.name} of ${fnName})`, field: site.name };
      }
      if (last && ROUTE_DECORATORS.has(last) && (WEB_MODULES.has(top) || (!ref?.module && APP_NAME.test(rootName(target) ?? '')) || (ref?.module?.startsWith('.') && APP_NAME.test(ref.path[0] ?? '')))) {
        if (REQUEST_TYPES.has(type) || FRAMEWORK_PARAMETER_TYPES.has(type) || this.isDependency(site.value)) return null;
        if (index === 0 && /^(?:request|req)$/.test(site.name) && (top === 'sanic' || top === 'aiohttp')) return null;
        return { kind: 'request', node: site.id, description: `HTTP request data (the ${site.name} parameter of route ${fnName})`, field: site.name };
      }
      if (last && CLI_DECORATORS.has(last) && CLI_MODULES.has(top)) {
        return { kind: 'argv', node: site.id, description: `a command-line argument (${site.name} of ${fnName})`, field: site.name };
      }
    }
    if (cls && TOOL_METHODS.has(fnName) && this.classExtends(cls, TOOL_BASE_CLASSES) && !/Context$|Manager/.test(type)) {
      return { kind: 'tool', node: site.id, description: `a tool argument chosen by the model (${site.name} of ${fnName})`, field: site.name };
    }
    if (index === 0 && site.name === 'event' && (LAMBDA_HANDLERS.has(fnName) || secondParamName(fn) === 'context')) {
      return { kind: 'request', node: site.id, description: 'an AWS Lambda event' };
    }
    // Django URL kwargs: the parameters after the request of a view.
    if (index >= 1 && this.importsAny(DJANGO_MODULES) && this.isViewFunction(fn, cls)) {
      return { kind: 'request', node: site.id, description: `HTTP request data (the URL parameter ${site.name} of view ${fnName})`, field: site.name };
    }
    return null;
  }

  /** A FastAPI dependency default (`Depends(...)`, `Security(...)`), not client data. */
  private isDependency(value: SyntaxNode | null): boolean {
    if (value?.type !== 'call') return false;
    const name = lastName(value.childForFieldName('function')) ?? '';
    return FRAMEWORK_PARAMETER_TYPES.has(name) && !CLIENT_PARAMETER_DEFAULTS.has(name);
  }

  /** A Django view: its first parameter (after `self` in a class-based view's handler) is the request. */
  private isViewFunction(fn: SyntaxNode, cls: SyntaxNode | null): boolean {
    const params = this.info(fn).positional;
    const request = params[cls ? 1 : 0];
    if (!request || !/^(?:request|req)$/.test(request.name)) return false;
    return !cls || DJANGO_VIEW_METHODS.has(fn.childForFieldName('name')?.text ?? '');
  }

  private classExtends(cls: SyntaxNode, bases: ReadonlySet<string>): boolean {
    const superclasses = cls.childForFieldName('superclasses');
    return (superclasses?.namedChildren ?? []).some((b) => b && bases.has(lastName(b) ?? ''));
  }

  /** Whether a statement of the function's body calls a validator with the name (`self.validate_name(name)`). */
  private validatedFirst(fn: SyntaxNode, name: string): boolean {
    const body = fn.childForFieldName('body');
    for (const stmt of body?.namedChildren ?? []) {
      const call = stmt?.type === 'expression_statement' ? stmt.namedChildren[0] : null;
      if (call?.type !== 'call' || !VALIDATOR_NAME.test(lastName(call.childForFieldName('function')) ?? '')) continue;
      if (callArguments(call).some((a) => a.type === 'identifier' && a.text === name)) return true;
    }
    return false;
  }

  // ---- attributes, subscripts, containers --------------------------------------------------------

  private attribute(n: SyntaxNode, q: Query, depth: number): Flowed | null {
    const own = this.nameSource(n);
    if (own) return own;
    const object = n.childForFieldName('object');
    const name = n.childForFieldName('attribute')?.text ?? '';
    if (!object) return null;
    if (this.guarded(n, q)) return null;
    if ((name === 'name' || name === 'stem') && q.opts.sanitizers?.has('path') && this.isPathObject(object)) return null;
    const cls = this.resolver.classOf(object);
    if (cls) {
      const value = this.resolver.classAttributeValue(cls, name);
      if (value) return withStep(this.walk(value, q, depth), value.parent ?? value);
      return this.classAttributeTaint(cls, name, q, depth);
    }
    if (object.type === 'identifier') return this.keyed(object, { attr: name }, q, depth);
    return this.walk(object, q, depth);
  }

  /**
   * The source a name or attribute is by itself, whatever the query: a module-level source (`sys.argv`),
   * for an attribute also request data of a framework request object or tool-call arguments. Memoised.
   */
  private nameSource(n: SyntaxNode): Flowed | null {
    let own = this.ownSources.get(n.id);
    if (own === undefined) this.ownSources.set(n.id, (own = this.computeNameSource(n)));
    return own;
  }

  private computeNameSource(n: SyntaxNode): Flowed | null {
    const ref = this.resolver.resolve(n);
    const global = ref ? this.globalSource(ref, n, false) : null;
    if (global || n.type !== 'attribute') return global;
    const object = n.childForFieldName('object');
    const name = n.childForFieldName('attribute')?.text ?? '';
    if (!object) return null;
    if (REQUEST_OBJECT_DATA.has(name) && this.isRequestObject(object)) {
      return { kind: 'request', node: n, description: `HTTP request data (${describe(n)})` };
    }
    return toolArguments(n, object, name);
  }

  /** Every value assigned to `self.name` in a class (several assignments: any of them). */
  private classAttributeTaint(cls: SyntaxNode, name: string, q: Query, depth: number): Flowed | null {
    const writes = this.mutationsOf(cls, name, true);
    return this.any(writes.flatMap((m) => m.values), q, depth);
  }

  private subscript(n: SyntaxNode, q: Query, depth: number): Flowed | null {
    const value = n.childForFieldName('value');
    if (!value) return null;
    if (this.guarded(n, q)) return null;
    const keys = n.childrenForFieldName('subscript').filter((k): k is SyntaxNode => !!k && k.type !== 'comment');
    const key = keys.length === 1 && keys[0].type !== 'slice' ? this.constants.constant(keys[0]) : undefined;
    if (key === undefined) return this.walk(value, q, depth);
    return this.keyed(value, { item: key.value }, q, depth);
  }

  /**
   * The taint of one key of a container: a dict literal's entry, a tuple's element, or for a name the
   * entries its bindings and writes (`d['k'] = v`, `d.update(…)`, `d.setdefault(…)`) put under that key.
   * Entries under another constant key do not count; entries under unknown keys do.
   */
  private keyed(container: SyntaxNode, key: Key, q: Query, depth: number): Flowed | null {
    const tag = `${container.id}:${'attr' in key ? '.' + key.attr : JSON.stringify(key.item)}`;
    const keyed = (q.keyed ??= new Set());
    if (keyed.has(tag) || depth > MAX_DEPTH) {
      q.cuts++;
      return null;
    }
    this.tick();
    keyed.add(tag);
    try {
      return this.keyedIn(container, key, q, depth + 1);
    } finally {
      keyed.delete(tag);
    }
  }

  private keyedIn(container: SyntaxNode, key: Key, q: Query, depth: number): Flowed | null {
    if (q.opts.trusted?.(container)) return null;
    const item = 'item' in key ? key.item : undefined;
    switch (container.type) {
      case 'parenthesized_expression':
        return this.keyed(container.namedChildren[0] ?? container, key, q, depth);
      case 'dictionary': {
        if (item === undefined) return this.walk(container, q, depth);
        const values: SyntaxNode[] = [];
        for (const c of container.namedChildren) {
          if (!c || c.type === 'comment') continue;
          if (c.type !== 'pair') {
            values.push(c);
            continue;
          }
          const k = c.childForFieldName('key');
          const v = c.childForFieldName('value');
          const known = k ? this.constants.constant(k) : undefined;
          if (!known || known.value === item) values.push(v!);
        }
        return this.any(values, q, depth);
      }
      case 'tuple':
      case 'list': {
        const elements = container.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
        if (typeof item !== 'number' || elements.some((e) => e.type === 'list_splat')) return this.walk(container, q, depth);
        const i = item < 0 ? elements.length + item : item;
        return i >= 0 && i < elements.length ? this.walk(elements[i], q, depth) : null;
      }
      case 'call': {
        // dict(a=…, b=…)
        const ref = this.resolver.resolve(container.childForFieldName('function')!);
        if (ref?.module === null && ref.path.join('.') === 'dict' && typeof item === 'string') {
          const args = callArguments(container);
          if (args.every((a) => a.type === 'keyword_argument')) {
            return this.walk(args.find((a) => a.childForFieldName('name')?.text === item)?.childForFieldName('value'), q, depth);
          }
        }
        return this.walk(container, q, depth);
      }
      case 'identifier': {
        const global = this.nameSource(container);
        if (global) return global;
        const found = this.scopes.lookupNode(container);
        if (!found) return null;
        const sites = this.reaching(container, found);
        if (this.guarded(container, q, sites)) return null;
        let first: Flowed | null = null;
        for (const site of sites) {
          let r: Flowed | null;
          if (q.marker === site) r = { kind: 'param', node: site.id, description: 'a parameter' };
          else if ((site.kind === 'assign' || site.kind === 'walrus') && site.value && site.unpack.length === 0) r = withStep(this.keyed(site.value, key, q, depth), site.stmt);
          else r = this.site(site, q, depth);
          if (r && q.wanted.has(r.kind)) return r;
          first ??= r;
        }
        const written = this.mutationTaint(container, found, key, q, depth);
        if (written && q.wanted.has(written.kind)) return written;
        return first ?? written;
      }
      default:
        return this.walk(container, q, depth);
    }
  }

  /** Writes into the object a name holds, restricted to those that can land under `key` (all for null). */
  private mutationTaint(id: SyntaxNode, found: Lookup, key: Key | null, q: Query, depth: number): Flowed | null {
    const set = this.mutationSet(found.scope.node, id.text);
    if (set.size === 0) return null;
    if (key && 'attr' in key) return this.any((set.attrs.get(key.attr) ?? []).flatMap((m) => m.values), q, depth);
    // Attribute writes count only for reads of that attribute, not for the whole object.
    const values: SyntaxNode[] = [];
    if (key) {
      for (const m of set.items.get(JSON.stringify(key.item)) ?? []) values.push(...m.values);
      for (const m of set.unkeyed) values.push(...m.values);
    } else {
      for (const list of set.items.values()) for (const m of list) values.push(...m.values);
      for (const m of set.unkeyed) values.push(...m.values);
    }
    let first: Flowed | null = null;
    for (const m of set.calls) {
      this.tick();
      // update(mapping) / setdefault(k, v) are keyed; append/extend/add are not.
      if (key && m.method === 'update') {
        for (const v of m.values) {
          const r = v.type === 'keyword_argument' ? (v.childForFieldName('name')?.text === key.item ? this.walk(v, q, depth) : null) : this.keyed(v, key, q, depth);
          if (r && q.wanted.has(r.kind)) return r;
          first ??= r;
        }
      } else if (key && m.method === 'setdefault') {
        const k = m.values[0] ? this.constants.constant(m.values[0]) : undefined;
        if (!k || k.value === key.item) values.push(...m.values.slice(1));
      } else values.push(...(m.method === 'insert' ? m.values.slice(1) : m.values));
    }
    const r = this.any(values, q, depth);
    return r && q.wanted.has(r.kind) ? r : (first ?? r);
  }

  /** The writes into a name of a scope, grouped: item writes by constant key, attribute writes by name, calls. */
  private mutationSet(scope: SyntaxNode, name: string): MutationSet {
    const cacheKey = `${scope.id}:${name}`;
    let set = this.mutationSets.get(cacheKey);
    if (set) return set;
    set = { size: 0, items: new Map(), unkeyed: [], attrs: new Map(), calls: [] };
    this.mutationSets.set(cacheKey, set);
    for (const m of this.mutationsOf(scope, name)) {
      set.size++;
      if (m.kind === 'call') set.calls.push(m);
      else if (m.kind === 'attr') pushTo(set.attrs, m.attr!, m);
      else {
        const k = m.key ? this.constants.constant(m.key) : undefined;
        if (k) pushTo(set.items, JSON.stringify(k.value), m);
        else set.unkeyed.push(m);
      }
    }
    return set;
  }

  /** Writes into the object `name` holds in `scope` (or into `self` of class `scope` when `self` is set). */
  private mutationsOf(scope: SyntaxNode, name: string, self = false): Mutation[] {
    const key = `${self ? 'self' : 'scope'}:${scope.id}:${name}`;
    let list = this.mutationsByKey.get(key);
    if (list) return list;
    list = [];
    this.mutationsByKey.set(key, list);
    const raw = this.collectMutations();
    if (self) {
      // `self.x = …` in the methods of the class: `name` is the attribute.
      for (const { object, mutation } of raw.get(`*self.${name}`) ?? []) {
        const site = this.scopes.lookupNode(object)?.sites[0];
        if (site?.kind === 'param' && site.index === 0 && site.fn && methodClass(site.fn)?.id === scope.id) list.push(mutation);
      }
      return list;
    }
    for (const { object, mutation } of raw.get(name) ?? []) {
      this.tick();
      if (this.scopes.lookupNode(object)?.scope.node.id === scope.id) list.push(mutation);
    }
    return list;
  }

  /** Every write into a named object in the file, by the object's name (attribute writes also under `*self`). */
  private collectMutations(): Map<string, Array<{ object: SyntaxNode; mutation: Mutation }>> {
    if (this.rawMutations) return this.rawMutations;
    const map = new Map<string, Array<{ object: SyntaxNode; mutation: Mutation }>>();
    this.rawMutations = map;
    const push = (key: string, object: SyntaxNode, mutation: Mutation) => {
      const list = map.get(key);
      if (list) list.push({ object, mutation });
      else map.set(key, [{ object, mutation }]);
    };
    for (const n of this.nodes.ofType(['assignment', 'augmented_assignment', 'call'])) {
      if (!n) continue;
      if (n.type === 'call') {
        const fn = n.childForFieldName('function');
        if (fn?.type !== 'attribute') continue;
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const object = fn.childForFieldName('object');
        if (object?.type === 'identifier' && MUTATORS.has(method)) push(object.text, object, { kind: 'call', key: n, method, values: callArguments(n) });
        continue;
      }
      const left = n.childForFieldName('left');
      if (!left || left.type === 'identifier') continue;
      let right = n.childForFieldName('right');
      while (right?.type === 'assignment') right = right.childForFieldName('right');
      if (!right) continue;
      const targets = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : [left];
      for (const t of targets) {
        if (t?.type === 'subscript') {
          const object = t.childForFieldName('value');
          const keys = t.childrenForFieldName('subscript').filter((k) => k && k.type !== 'comment');
          if (object?.type === 'identifier') push(object.text, object, { kind: 'item', key: keys.length === 1 ? keys[0] : null, values: [right] });
        } else if (t?.type === 'attribute') {
          const object = t.childForFieldName('object');
          const attr = t.childForFieldName('attribute')?.text;
          if (object?.type !== 'identifier' || !attr) continue;
          const mutation: Mutation = { kind: 'attr', key: null, attr, values: [right] };
          push(object.text, object, mutation);
          push(`*self.${attr}`, object, mutation);
        }
      }
    }
    return map;
  }

  // ---- calls -------------------------------------------------------------------------------------

  private call(n: SyntaxNode, q: Query, depth: number): Flowed | null {
    if (q.opts.sanitizes?.(n)) return null;
    const fn = n.childForFieldName('function');
    if (!fn) return null;
    const ref = this.resolver.resolve(fn);
    let source = this.ownSources.get(n.id);
    if (source === undefined) this.ownSources.set(n.id, (source = this.callSource(n, fn, ref)));
    if (source) return source;
    if (this.guarded(n, q)) return null;
    if (ref && this.sanitizes(ref, q.opts)) return null;
    const method = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : null;
    const name = method ?? (fn.type === 'identifier' ? fn.text : '');
    if (method !== null && NON_TEXT_METHODS.has(method)) return null;
    if (SANITIZER_NAME.test(name) && !(ref?.module && !ref.module.startsWith('.'))) return null;
    const args = callArguments(n);
    const object = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (method !== null && object && KEY_READS.has(method) && args[0] && args[0].type !== 'keyword_argument') {
      const key = this.constants.constant(args[0]);
      if (key !== undefined) return this.any2(this.keyed(object, { item: key.value }, q, depth), this.walk(args[1], q, depth), q);
    }
    const local = this.functionOf(fn);
    if (local) return this.summaryTaint(local, n, q, depth);
    // Unknown functions pass taint through from their arguments and receiver (as Semgrep's taint mode does).
    if (q.marker || !q.wanted.has('param')) return this.any([object, ...args], q, depth);
    // A caller's parameter only through calls that build or convert text (`"…".format(p)`, `os.path.join(d, p)`,
    // `p.strip()`): what `db.find(p)` or `load(p)` returns is not the parameter.
    const text = TEXT_BUILDERS.has(name) ? 'build' : TEXT_CONVERSIONS.has(name) ? 'convert' : null;
    // What a builder builds on: the receiver of a method (`template.format(…)`), the first argument of a
    // function (`os.path.join(base, …)`), nothing for a separator's `join` (`" ".join(parts)`).
    const function_ = object === null || !!ref?.module;
    const base = text !== 'build' ? -1 : function_ ? 1 : method === 'join' ? -1 : 0;
    const parts = [object, ...args];
    let first: Flowed | null = null;
    for (let i = 0; i < parts.length; i++) {
      const r = this.walk(parts[i], q, depth);
      if (!r || (r.kind === 'param' && !text)) continue;
      const kept = built(r, text === 'build' && i !== base);
      if (q.wanted.has(kept!.kind)) return kept;
      first ??= kept;
    }
    return first;
  }

  private any2(a: Flowed | null, b: Flowed | null, q: Query): Flowed | null {
    if (a && q.wanted.has(a.kind)) return a;
    if (b && q.wanted.has(b.kind)) return b;
    return a ?? b;
  }

  /** Whether a resolved callee sanitizes for the query: number/boolean conversions always, kinds when asked. */
  private sanitizes(ref: ResolvedRef, opts: PythonFlowOptions): boolean {
    if (ALWAYS_SANITIZING.has(refKey(ref))) return true;
    if (!opts.sanitizers || opts.sanitizers.size === 0) return false;
    return sanitizerKinds(ref).some((k) => opts.sanitizers!.has(k));
  }

  private callSource(n: SyntaxNode, fn: SyntaxNode, ref: ResolvedRef | null): Flowed | null {
    if (ref) {
      const global = this.globalSource(ref, n, true);
      if (global) return global;
      const last = ref.path[ref.path.length - 1];
      if (ARGPARSE_METHODS.has(last) && (ref.module === 'argparse' || ref.module === 'configargparse')) {
        return { kind: 'argv', node: n, description: `command-line arguments (${describe(fn)}())` };
      }
    }
    if (this.isModelCall(fn, ref)) return { kind: 'model', node: n, description: `model output (${describe(fn)}())` };
    if (fn.type !== 'attribute') return null;
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object')!;
    if (REQUEST_OBJECT_DATA.has(method) && this.isRequestObject(object)) {
      return { kind: 'request', node: n, description: `HTTP request data (${describe(n)})` };
    }
    if (TORNADO_METHODS.has(method) && this.isHandlerSelf(object)) {
      return { kind: 'request', node: n, description: `HTTP request data (${describe(n)})` };
    }
    if (ARGPARSE_METHODS.has(method) && !ref && /pars/i.test(rootName(object) ?? '')) {
      return { kind: 'argv', node: n, description: `command-line arguments (${describe(fn)}())` };
    }
    return null;
  }

  /** A module-level source (`sys.argv`, `os.environ`, `flask.request.args`, `input()`), by resolved reference. */
  private globalSource(ref: ResolvedRef, node: SyntaxNode, isCall: boolean): Flowed | null {
    const key = refKey(ref);
    for (const s of GLOBAL_SOURCES) {
      if (s.call) {
        if (isCall && key === s.ref) return { kind: s.kind, node, description: s.description };
        continue;
      }
      if (key === s.ref) {
        if (s.attributes) continue;
        return { kind: s.kind, node, description: s.description };
      }
      if (key.startsWith(`${s.ref}.`)) {
        const next = key.slice(s.ref.length + 1).split('.')[0];
        if (s.attributes && !s.attributes.has(next)) continue;
        return { kind: s.kind, node, description: s.attributes ? `${s.description} (${s.ref.split(':')[1]}.${next})` : s.description };
      }
    }
    return null;
  }

  /** A framework request object: a view's `request` parameter, a `Request`-typed one, Tornado's `self.request`. */
  private isRequestObject(node: SyntaxNode, depth = 0): boolean {
    if (depth > 4) return false;
    if (node.type === 'attribute') {
      return node.childForFieldName('attribute')?.text === 'request' && this.isHandlerSelf(node.childForFieldName('object')!);
    }
    if (node.type !== 'identifier') return false;
    const found = this.scopes.lookupNode(node);
    if (!found || found.sites.length !== 1) return false;
    const site = found.sites[0];
    if (site.kind === 'assign' && site.value && site.unpack.length === 0) return this.isRequestObject(site.value, depth + 1);
    if (site.kind !== 'param' || !site.fn || site.fn.type !== 'function_definition') return false;
    const type = annotationName(site.stmt);
    if (REQUEST_TYPES.has(type)) return true;
    if (type !== '' || !/^(?:request|req)$/.test(site.name)) return false;
    const cls = methodClass(site.fn);
    if (site.index !== (cls ? 1 : 0)) return false;
    return this.importsAny([...DJANGO_MODULES, ...AIOHTTP_MODULES, 'starlette', 'fastapi', 'sanic', 'falcon', 'pyramid', 'tornado', 'litestar']);
  }

  /** `self` in a Tornado `RequestHandler` (or any `…Handler`) method. */
  private isHandlerSelf(node: SyntaxNode): boolean {
    const cls = node.type === 'identifier' ? this.resolver.classOf(node) : null;
    if (!cls || this.scopes.lookupNode(node)?.sites[0]?.kind !== 'param') return false;
    const superclasses = cls.childForFieldName('superclasses')?.namedChildren ?? [];
    return superclasses.some((b) => b && /Handler$/.test(lastName(b) ?? '')) && this.importsAny(['tornado']);
  }

  private isPathObject(node: SyntaxNode): boolean {
    const ref = node.type === 'call' ? this.resolver.resolve(node.childForFieldName('function')!) : this.resolver.resolve(node);
    if (!ref?.module) return false;
    return PATH_CLASSES.has(`${ref.module}:${ref.path[0]}`);
  }

  /** Whether a call returns model output: an SDK method (resolved, or by name in a file using an LLM SDK). */
  private isModelCall(fn: SyntaxNode, ref: ResolvedRef | null): boolean {
    if (ref?.module && !ref.module.startsWith('.')) {
      if (!isLlmModule(ref.module)) return false;
      const names = ref.path.filter((p) => p !== '()');
      const top = ref.module.split('.')[0];
      if (MODEL_CALLS.some((c) => endsWith(names, c.suffix) && (!c.module || c.module === top))) return true;
      // A Hugging Face pipeline object called: `pipe = pipeline(...); pipe(text)`.
      if (top === 'transformers' && ref.path.length === 2 && ref.path[0] === 'pipeline' && ref.path[1] === '()') return true;
      return (top.startsWith('langchain') || top === 'langgraph' || top === 'llama_index' || top === 'crewai') && LANGCHAIN_METHODS.has(names[names.length - 1]);
    }
    if (ref && ref.module === null) return false;
    const names = chainNames(fn);
    if (names.length < 2) return false;
    const root = names[0];
    const llmFile = this.importsLlm();
    if (!llmFile && !LLM_CLIENT_NAME.test(root)) return false;
    if (MODEL_CALLS.some((c) => !c.module && endsWith(names, c.suffix))) return true;
    if (MODEL_CALLS.some((c) => c.module && endsWith(names, c.suffix) && root.toLowerCase().includes(c.module))) return true;
    const method = names[names.length - 1];
    return llmFile && LANGCHAIN_METHODS.has(method) && LANGCHAIN_RECEIVER.test(names[names.length - 2]);
  }

  private importsLlm(): boolean {
    this.llmImported ??= this.modules().some((m) => isLlmModule(m));
    return this.llmImported;
  }

  private importsAny(prefixes: readonly string[]): boolean {
    return this.modules().some((m) => prefixes.some((p) => m === p || m.startsWith(`${p}.`)));
  }

  private modules(): string[] {
    this.importedModules ??= this.imports().filter((i) => i.level === 0).map((i) => i.module);
    return this.importedModules;
  }

  // ---- functions of this file --------------------------------------------------------------------

  /** The function of this file a callee refers to: a `def` or a lambda bound once, a method through `self`, `cls` or its class. */
  private functionOf(callee: SyntaxNode): LocalFunction | null {
    if (callee.type === 'identifier') {
      const found = this.scopes.lookupNode(callee);
      const site = found?.sites.length === 1 ? found.sites[0] : null;
      if (site?.kind === 'def') return { fn: site.value!, offset: 0 };
      if (site?.kind === 'assign' && site.value?.type === 'lambda' && site.unpack.length === 0) return { fn: site.value, offset: 0 };
      return null;
    }
    if (callee.type !== 'attribute') return null;
    const object = callee.childForFieldName('object')!;
    const name = callee.childForFieldName('attribute')?.text ?? '';
    let cls = this.resolver.classOf(object);
    let viaClass = false;
    if (cls) {
      viaClass = this.scopes.lookupNode(object)?.sites[0]?.kind === 'class';
    } else if (object.type === 'identifier' || object.type === 'call') {
      // `obj = LocalClass(...)`; `obj.method(...)`, or `LocalClass(...).method(...)`
      const found = object.type === 'identifier' ? this.scopes.lookupNode(object) : null;
      const site = found?.sites.length === 1 ? found.sites[0] : null;
      const made = object.type === 'call' ? object : site?.kind === 'assign' && site.unpack.length === 0 && site.value?.type === 'call' ? site.value : null;
      const ctor = made?.childForFieldName('function') ?? null;
      cls = ctor ? this.resolver.classOf(ctor) : null;
      if (cls && this.scopes.lookupNode(ctor!)?.sites[0]?.kind !== 'class') cls = null;
    }
    if (!cls) return null;
    const method = classMethod(cls, name);
    if (!method) return null;
    const kind = methodKind(method);
    const offset = kind === 'static' ? 0 : viaClass && kind !== 'class' ? 0 : 1;
    return { fn: method, offset };
  }

  private info(fn: SyntaxNode): FunctionInfo {
    let info = this.functions.get(fn.id);
    if (info) return info;
    const sites = [...this.scopes.info(fn).sites.values()].flat().filter((s) => s.kind === 'param' && s.fn?.id === fn.id);
    const positional = sites.filter((s) => s.paramKind === 'positional').sort((a, b) => a.index! - b.index!);
    const byName = new Map(sites.filter((s) => s.paramKind === 'positional' || s.paramKind === 'keyword').map((s) => [s.name, s]));
    info = {
      positional,
      byName,
      args: sites.find((s) => s.paramKind === 'args') ?? null,
      kwargs: sites.find((s) => s.paramKind === 'kwargs') ?? null,
      returns: this.returnValues(fn),
    };
    this.functions.set(fn.id, info);
    return info;
  }

  /** The values a function returns or yields (its body for a lambda), nested functions excluded. */
  private returnValues(fn: SyntaxNode): SyntaxNode[] {
    const body = fn.childForFieldName('body');
    if (!body) return [];
    if (fn.type === 'lambda') return [body];
    const out: SyntaxNode[] = [];
    const [start, end] = [body.startIndex, body.endIndex];
    for (const r of this.nodes.ofType(['return_statement', 'yield'])) {
      if (r.startIndex < start || r.startIndex >= end || this.scopes.scopeOf(r).node.id !== fn.id) continue;
      const value = r.namedChildren.find((c) => c && c.type !== 'comment');
      if (value) out.push(value);
    }
    return out;
  }

  /** The argument a call passes to parameter `site` (positionally after `offset` implicit ones, or by keyword). */
  private argumentFor(call: SyntaxNode, offset: number, site: Site): SyntaxNode | null {
    const args = callArguments(call);
    let index = offset;
    for (const a of args) {
      if (a.type === 'keyword_argument') {
        if (a.childForFieldName('name')?.text === site.name) return a.childForFieldName('value');
        continue;
      }
      if (a.type === 'list_splat') return site.paramKind === 'positional' || site.paramKind === 'args' ? a : null;
      if (a.type === 'dictionary_splat') continue;
      if (site.paramKind === 'positional' && site.index === index) return a;
      if (site.paramKind === 'args' && index >= this.info(site.fn!).positional.length) return a;
      index++;
    }
    if (site.paramKind === 'kwargs') return args.find((a) => a.type === 'keyword_argument' || a.type === 'dictionary_splat') ?? null;
    return null;
  }

  private callersOf(fn: SyntaxNode): Array<{ call: SyntaxNode; offset: number }> {
    const name = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : null;
    if (!name) return [];
    const out: Array<{ call: SyntaxNode; offset: number }> = [];
    for (const call of this.callsNamed().get(name) ?? []) {
      this.tick();
      const local = this.functionOf(call.childForFieldName('function')!);
      if (local?.fn.id === fn.id) out.push({ call, offset: local.offset });
    }
    return out;
  }

  /** The calls of the file by the last name of their callee (`f(…)`, `obj.f(…)`), collected once. */
  private callsNamed(): Map<string, SyntaxNode[]> {
    if (this.callIndex) return this.callIndex;
    const index = new Map<string, SyntaxNode[]>();
    this.callIndex = index;
    for (const call of this.nodes.ofType(['call'])) {
      const name = call ? lastName(call.childForFieldName('function')) : null;
      if (!name) continue;
      const list = index.get(name);
      if (list) list.push(call!);
      else index.set(name, [call!]);
    }
    return index;
  }

  /**
   * Taint of a call to a function of this file: a tainted argument whose parameter reaches the return
   * value, else what the function returns on its own (a source inside it). Summaries are cached per
   * options; a summary being computed counts as "no flow" (recursion).
   */
  private summaryTaint(local: LocalFunction, call: SyntaxNode, q: Query, depth: number): Flowed | null {
    const info = this.info(local.fn);
    let first: Flowed | null = null;
    const params = [...info.positional, ...(info.args ? [info.args] : []), ...(info.kwargs ? [info.kwargs] : []), ...[...info.byName.values()].filter((s) => s.paramKind === 'keyword')];
    for (const site of params) {
      const arg = this.argumentFor(call, local.offset, site);
      if (!arg) continue;
      const r = this.walk(arg, q, depth);
      if (!r || !this.flowsToReturn(local.fn, site, q.opts)) continue;
      const stepped = withStep(r, call);
      if (q.wanted.has(r.kind)) return stepped;
      first ??= stepped;
    }
    const own = this.intrinsic(local.fn, q.opts);
    const ownStepped = own ? withStep(own, call) : null;
    if (ownStepped && q.wanted.has(ownStepped.kind)) return ownStepped;
    return first ?? ownStepped;
  }

  private summaryCache(opts: PythonFlowOptions) {
    let cache = this.summaries.get(opts);
    if (!cache) this.summaries.set(opts, (cache = { flows: new Map(), intrinsic: new Map() }));
    return cache;
  }

  /** Runs a summary computation one level deeper; too deep aborts the query (its answer is null). */
  private nested<T>(fn: () => T): T {
    if (this.nesting >= MAX_NESTING) throw TOO_DEEP;
    this.nesting++;
    try {
      return fn();
    } finally {
      this.nesting--;
    }
  }

  /** Whether parameter `site` of `fn` reaches one of its return (or yield) values. */
  private flowsToReturn(fn: SyntaxNode, site: Site, opts: PythonFlowOptions): boolean {
    const cache = this.summaryCache(opts).flows;
    const key = `${fn.id}:${site.id.id}`;
    const known = cache.get(key);
    if (known !== undefined) return known ?? false;
    cache.set(key, null);
    const q = this.query(opts, MARKER_KINDS, site, false);
    let r: Flowed | null;
    try {
      r = this.nested(() => this.any(this.info(fn).returns, q, 0));
    } catch (e) {
      cache.delete(key);
      throw e;
    }
    const flows = r?.kind === 'param';
    cache.set(key, flows);
    return flows;
  }

  /** What `fn` returns whatever its arguments: sources inside it. */
  private intrinsic(fn: SyntaxNode, opts: PythonFlowOptions): Flowed | null {
    const cache = this.summaryCache(opts).intrinsic;
    if (cache.has(fn.id)) return cache.get(fn.id) ?? null;
    cache.set(fn.id, undefined);
    const q = this.query(opts, opts.kinds ?? DEFAULT_TAINT_KINDS, null, false);
    let r: Flowed | null;
    try {
      r = this.nested(() => this.any(this.info(fn).returns, q, 0));
    } catch (e) {
      cache.delete(fn.id);
      throw e;
    }
    cache.set(fn.id, r);
    return r;
  }

  // ---- URLs --------------------------------------------------------------------------------------

  /**
   * Of the parts of a URL built by concatenation or an f-string, those that can decide its destination:
   * none when a constant prefix fixes scheme and host (or makes it a path), else the first computed part
   * after an empty prefix or a bare scheme (see the JS front-end's `destinationPart`).
   */
  private destination(parts: readonly SyntaxNode[]): { part: SyntaxNode | null; prefixed: boolean } {
    let prefix = '';
    for (const part of parts) {
      const text = part.type === 'string_content' ? part.text : this.constants.constant(part.type === 'interpolation' ? (part.childForFieldName('expression') ?? part) : part)?.value;
      if (text === undefined || text === null || typeof text !== 'string') {
        if (FIXED_DESTINATION.test(prefix)) return NO_DESTINATION;
        const open = prefix === '' || OPEN_AUTHORITY.test(prefix);
        return open ? { part: part.type === 'interpolation' ? (part.childForFieldName('expression') ?? part) : part, prefixed: prefix !== '' } : NO_DESTINATION;
      }
      prefix += text;
    }
    return NO_DESTINATION;
  }
}

const NO_DESTINATION = Object.freeze({ part: null, prefixed: false });

/** The parts of a string literal in order: its text and the expressions it interpolates. */
function stringParts(str: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const c of str.namedChildren) {
    if (c?.type === 'string_content') out.push(c);
    else if (c?.type === 'interpolation') {
      const e = c.childForFieldName('expression');
      if (e) out.push(e);
    }
  }
  return out;
}

/** Whether a `%` format string is constant and starts with a conversion (`"%s?%s"`, `"%(base)s/x"`). */
function formatStartsWithValue(format: SyntaxNode | null, constants: Constants): boolean {
  const value = format ? constants.constant(format)?.value : undefined;
  return typeof value === 'string' && /^%(?:\([^)]*\))?[-#0 +]*(?:[1-9]\d*)?(?:\.\d+)?[sr]/.test(value);
}

/** The first element of a tuple of `%` values, or the value itself. */
function firstValue(values: SyntaxNode): SyntaxNode | null {
  let v = values;
  while (v.type === 'parenthesized_expression' && v.namedChildren[0]) v = v.namedChildren[0];
  if (v.type !== 'tuple') return null;
  return v.namedChildren.find((c) => c && c.type !== 'comment') ?? null;
}


/** The parts of a string literal in order: its contents and interpolations (the literal itself when plain). */
function urlParts(str: SyntaxNode): SyntaxNode[] {
  if (str.type !== 'string' || !str.namedChildren.some((c) => c?.type === 'interpolation')) return [str];
  return str.namedChildren.filter((c): c is SyntaxNode => c?.type === 'string_content' || c?.type === 'interpolation');
}

/** The operands of a `+` chain in order, string literals split into their parts. */
function plusParts(node: SyntaxNode, depth = 0): SyntaxNode[] {
  if (depth > MAX_DEPTH) return [node];
  if (node.type === 'binary_operator' && node.childForFieldName('operator')?.text === '+') {
    return [...plusParts(node.childForFieldName('left')!, depth + 1), ...plusParts(node.childForFieldName('right')!, depth + 1)];
  }
  if (node.type === 'parenthesized_expression' && node.namedChildren[0]) return plusParts(node.namedChildren[0], depth + 1);
  return urlParts(node);
}

/** The element of a value an unpacking target takes: `a, b = x, y` → `y` for b; the whole value otherwise. */
function unpacked(value: SyntaxNode, unpack: ReadonlyArray<number | '*'>): SyntaxNode {
  let v = value;
  for (const step of unpack) {
    if (step === '*' || !COLLECTIONS.has(v.type)) return v;
    const elements = v.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
    if (elements.some((e) => e.type === 'list_splat') || step >= elements.length) return v;
    v = elements[step];
  }
  return v;
}

/** Where a binding takes effect, to order it against uses. */
function sitePosition(s: Site): number {
  return s.kind === 'param' ? s.id.startIndex : s.kind === 'for' || s.kind === 'with' || s.kind === 'except' ? s.id.endIndex : s.stmt.endIndex;
}

const blocks = new WeakMap<Site, [number, number] | null>();

/** The block (or module) whose statement holds a binding, as a range; cached per site. */
function blockOf(site: Site): [number, number] | null {
  let range = blocks.get(site);
  if (range === undefined) {
    let n = site.stmt;
    let p = n.parent;
    for (; p && !STATEMENT_PARENTS.has(p.type); p = p.parent) n = p;
    range = p ? [p.startIndex, p.endIndex] : null;
    blocks.set(site, range);
  }
  return range;
}

/** Whether a binding always runs before `use`: a parameter, or a statement of a block that holds the use. */
function dominates(site: Site, use: SyntaxNode): boolean {
  if (site.kind === 'param') return true;
  const block = blockOf(site);
  return !!block && use.startIndex >= block[0] && use.endIndex <= block[1];
}

/** The method `name` defined directly in a class body. */
function classMethod(cls: SyntaxNode, name: string): SyntaxNode | null {
  for (const member of cls.childForFieldName('body')?.namedChildren ?? []) {
    const def = member?.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) return def;
  }
  return null;
}

function methodKind(def: SyntaxNode): 'static' | 'class' | 'instance' {
  for (const d of decoratorNodes(def)) {
    const name = lastName(decoratorExpression(d));
    if (name === 'staticmethod') return 'static';
    if (name === 'classmethod') return 'class';
  }
  return 'instance';
}

/** The last name of a parameter's type annotation (`Request` of `request: fastapi.Request`), or ''. */
function annotationName(param: SyntaxNode): string {
  const type = param.childForFieldName('type');
  if (!type) return '';
  let t: SyntaxNode | null | undefined = type.namedChildren[0];
  // Annotated[str, Header()], Optional[Request]
  if (t?.type === 'generic_type' || t?.type === 'subscript') t = t.namedChildren.find((c) => c?.type === 'type_parameter')?.namedChildren[0] ?? t.namedChildren[0];
  return lastName(t?.type === 'type' ? t.namedChildren[0] : t) ?? t?.text ?? '';
}

function secondParamName(fn: SyntaxNode): string | null {
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((p) => p && p.type !== 'comment') ?? [];
  const second = params[1];
  return second?.type === 'identifier' ? second.text : null;
}

/** `tool_call.function.arguments` (OpenAI), `part.function_call.args` (Gemini), `tool_use.input` (Anthropic). */
function toolArguments(n: SyntaxNode, object: SyntaxNode, name: string): Flowed | null {
  const inner = object.type === 'attribute' ? object.childForFieldName('attribute')?.text : null;
  const isTool =
    (name === 'arguments' && inner === 'function') ||
    (name === 'args' && inner === 'function_call') ||
    (name === 'input' && /tool/i.test(rootName(object) ?? '') && object.type === 'identifier');
  return isTool ? { kind: 'tool', node: n, description: `tool-call arguments chosen by the model (${describe(n)})` } : null;
}

/** A caller's parameter built into a larger value by the expression that returned it (see `Taint.passThrough`). */
function built(r: Flowed | null, building: boolean): Flowed | null {
  return building && r?.passThrough ? { ...r, passThrough: false } : r;
}

function withStep(r: Flowed | null, step: SyntaxNode): Flowed | null {
  if (!r) return null;
  return { ...r, steps: [...(r.steps ?? []), step] };
}

/** A short readable form of an expression for messages: whitespace collapsed, at most 60 characters. */
function describe(node: SyntaxNode): string {
  const short = node.endIndex - node.startIndex > 200 ? (node.childForFieldName('function') ?? node) : node;
  const text = short.text.replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

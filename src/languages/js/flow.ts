import type * as t from '@babel/types';
import { describeExpression, memberPath, propertyName, staticValue, unwrap } from './ast';
import { concatParts, destinationPart } from './concat';
import type { JsNode } from './parse';
import type { Resolver } from './resolve';
import type { Binding, Scopes } from './scope';
import { Callers, componentName, nonTextParameter } from './callers';
import { RequestSources } from './sources';

/**
 * Where untrusted data comes from. `tool` (arguments a model chose for an agent tool) has no source in
 * the shared flow; a rule adds it through {@link FlowOptions.source}. `param` is data of unknown
 * provenance: a parameter of an exported function or public method, which any caller may fill; rules ask
 * for it only at injection-shaped sinks and report it at a lower severity.
 */
export type TaintKind = 'request' | 'argv' | 'env' | 'model' | 'tool' | 'param';

/** An untrusted source an expression was built from. `N` is the front-end's node type (Babel nodes for JS/TS). */
export interface Taint<N = JsNode> {
  kind: TaintKind;
  /** The source expression (e.g. `req.query.id`), for related locations. */
  node: N;
  /** Human-readable description, e.g. "HTTP request data (req.query)". */
  description: string;
  /** The property first read from the source (e.g. the tool argument `command` of `args.command`), when a rule's source hook records it. */
  field?: string;
  /**
   * The bindings and calls the value went through, from the source towards the queried expression
   * (assignments, parameters, call sites), for related locations and SARIF `codeFlows`. Set by the
   * Python front-end, and by the JS/TS one for calls within the file; absent when the source is the
   * expression itself.
   */
  steps?: N[];
  /**
   * For `param`: the parameter reached the queried expression as it is, not built into a larger string
   * (`exec(cmd)` rather than `exec('ls ' + dir)`). Such a wrapper passes its caller's value through: the
   * caller's business, so {@link Flow.taint} drops it unless {@link FlowOptions.passThrough} is set.
   */
  passThrough?: boolean;
  /**
   * For `param`: the function is called in its own module and those calls decide there (none passes an untrusted
   * value), so the parameter is only a fact for callers in other modules (see `summaryOnly`).
   */
  calledHere?: boolean;
  /**
   * For `param`: which parameter of which function, and the name other modules import that function by
   * (null when they cannot call it by name), so that a caller in another file can be matched to it.
   */
  parameter?: { name: string; index: number; importedAs: string | null };
}

/** The kinds most sinks care about; `env` is opt-in because the environment is usually operator-controlled. */
export const DEFAULT_TAINT_KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'model']);

/** A call, optional call or `new` expression. */
export type CallLike = t.CallExpression | t.OptionalCallExpression | t.NewExpression;

/**
 * What a rule adds to the shared value flow. Every hook is consulted at every step of the walk,
 * bindings and earlier assignments included.
 */
export interface FlowOptions<N = JsNode, Call = CallLike> {
  /** The kinds of source wanted; defaults to {@link DEFAULT_TAINT_KINDS}. */
  kinds?: ReadonlySet<TaintKind>;
  /** A source the shared flow does not know (browser URL data, tool arguments…), or null. */
  source?(node: N): Taint<N> | null;
  /** Whether this expression is trusted whatever it is built from (e.g. the Host header for a redirect). */
  trusted?(node: N): boolean;
  /** Whether this call makes its result harmless for the rule's sink (a sanitizer or validator). */
  sanitizes?(call: Call): boolean;
  /**
   * For URL sinks: of a concatenation only the part that decides where the URL points counts
   * (see {@link destinationPart}), and `new URL(path, base)` is judged by `path`.
   */
  url?: boolean;
  /** Whether the first parameter of an array callback (`items.map((item) => …)`) is as untrusted as the array. */
  elements?: boolean;
  /** With `param` wanted: whether a parameter passed through unchanged counts (HTML sinks: it is rendered as it is). */
  passThrough?: boolean;
}

const DEFAULT_OPTIONS: FlowOptions = Object.freeze({ kinds: DEFAULT_TAINT_KINDS });
/** One options object per kinds set, so that queries by kinds share the memo. */
const OPTIONS_OF_KINDS = new WeakMap<ReadonlySet<TaintKind>, FlowOptions>();
/** Array methods whose callback's first parameter is an element of the receiver. */
const ELEMENT_CALLBACKS = new Set(['map', 'forEach', 'filter', 'find', 'flatMap', 'some', 'every', 'findLast']);

/** Modules whose clients return model output. */
const LLM_MODULES = [
  'openai',
  '@anthropic-ai/sdk',
  '@google/genai',
  '@google/generative-ai',
  '@google-cloud/vertexai',
  'ollama',
  'ollama/browser',
  'ai',
  'langchain',
  '@mistralai/mistralai',
  'groq-sdk',
  'cohere-ai',
  '@aws-sdk/client-bedrock-runtime',
];
const isLlmModule = (m: string) =>
  LLM_MODULES.includes(m) || m.startsWith('@langchain/') || m.startsWith('langchain/') || m.startsWith('@ai-sdk/');

/** Member-call suffixes that return model output on the official SDK clients. */
const MODEL_CALL_SUFFIXES = [
  ['chat', 'completions', 'create'],
  ['chat', 'completions', 'parse'],
  ['chat', 'completions', 'stream'],
  ['beta', 'chat', 'completions', 'parse'],
  ['responses', 'create'],
  ['responses', 'parse'],
  ['responses', 'stream'],
  ['completions', 'create'],
  ['messages', 'create'],
  ['messages', 'stream'],
  ['models', 'generateContent'],
  ['models', 'generateContentStream'],
  ['generateContent'],
  ['generateContentStream'],
  ['sendMessage'],
  ['sendMessageStream'],
  ['chat', 'complete'],
  ['chat', 'stream'],
];
/** Vercel AI SDK functions (from `ai`) that return model output. */
const AI_SDK_FUNCTIONS = new Set(['generateText', 'streamText', 'generateObject', 'streamObject']);
/** LangChain runnable methods that return model output. */
const LANGCHAIN_METHODS = new Set(['invoke', 'stream', 'batch', 'call', 'predict', 'predictMessages', 'streamEvents']);
const LANGCHAIN_RECEIVER = /llm|model|chain|agent|chat|executor|graph|runnable/i;
/** Names that identify an LLM client object even when its import is in another file. */
const LLM_CLIENT_NAME = /openai|anthropic|claude|gemini|genai|groq|mistral|ollama|llm/i;

/** Methods whose result carries no attacker-chosen text (booleans, numbers). */
const NON_TEXT_METHODS = new Set([
  'includes',
  'startsWith',
  'endsWith',
  'test',
  'indexOf',
  'lastIndexOf',
  'localeCompare',
  'has',
  'some',
  'every',
  'findIndex',
  'charCodeAt',
  'codePointAt',
  'isArray',
]);
/** Global functions that turn anything into something harmless for string sinks. */
const SANITIZING_GLOBALS = new Set(['Number', 'parseInt', 'parseFloat', 'Boolean', 'isNaN', 'isFinite']);
/** Helper names that, by convention, validate or escape their argument. */
const SANITIZER_NAME = /^(sanitize|escape|quote|shellQuote|shellEscape|validate|allowlist|whitelist|assert)/i;
/** Methods that build a larger string from their receiver and arguments. */
const BUILDING_METHODS = new Set(['concat', 'join', 'replace', 'replaceAll', 'format', 'resolve', 'raw']);
/** Global functions that convert text without changing what it says. */
const TEXT_CONVERSIONS = new Set(['String', 'decodeURIComponent', 'decodeURI', 'unescape']);
/** Calls within the file followed from a parameter back to its callers, at most, per parameter. */
const MAX_CALLERS = 20;

/** Value flow within a file: is an expression built from untrusted data (through the calls of the functions it is in)? */
export class Flow {
  /** Whole-query results by options object (rules keep theirs in a constant), then node. */
  private readonly memo = new WeakMap<FlowOptions, Map<JsNode, Taint | null>>();
  /** Results within one `taint` query, keyed by the query's `seen` set (see `taintIn`). */
  private readonly queryMemo = new WeakMap<Set<JsNode>, Map<JsNode, { depth: number; result: Taint | null }>>();
  private llmImported: boolean | null = null;
  private readonly sources: RequestSources;
  /** The file's functions as their callers see them (exports, calls within the file). */
  readonly callers: Callers;

  constructor(
    private readonly program: JsNode,
    private readonly scopes: Scopes,
    private readonly resolver: Resolver,
    /** Every node of the file in source order, when the traversal has collected them. */
    nodes: () => readonly JsNode[] | null = () => null,
  ) {
    this.sources = new RequestSources(scopes, resolver);
    this.callers = new Callers(program, scopes, nodes);
  }

  /**
   * The first untrusted source of the wanted kinds that `node` is built from, through assignments,
   * template literals, concatenation, destructuring, awaits and calls; null when none is found.
   * The second argument is either the wanted kinds or {@link FlowOptions} with a rule's own sources,
   * sanitizers and trusted expressions. Results are memoised per options object: keep options in a constant.
   * `node` must be a node the traversal has reached (its ancestors carry parent pointers).
   */
  taint(node: JsNode, kindsOrOptions?: ReadonlySet<TaintKind> | FlowOptions): Taint | null {
    const opts = toOptions(kindsOrOptions);
    const kinds = opts.kinds ?? DEFAULT_TAINT_KINDS;
    const found = this.taintIn(node, this.scopes.chainOf(node), 0, new Set(), opts);
    if (found?.kind === 'param' && found.passThrough && !opts.passThrough) return null;
    return found && kinds.has(found.kind) ? found : null;
  }

  /** Whether `node` evaluates to a string/number known at analysis time (following const bindings). */
  isConstant(node: JsNode): boolean {
    return this.constant(node, this.scopes.chainOf(node), 0);
  }

  /**
   * Taint of `node`, preferring a source of one of the wanted kinds (another kind is returned only
   * when no wanted one is found). Whole-query results are memoised per options object and node.
   */
  private taintIn(node: JsNode, chain: readonly JsNode[], depth: number, seen: Set<JsNode>, opts: FlowOptions): Taint | null {
    if (depth > 40 || seen.has(node)) return null;
    let memo: Map<JsNode, Taint | null> | undefined;
    if (depth === 0) {
      memo = this.memo.get(opts);
      if (!memo) this.memo.set(opts, (memo = new Map()));
      const known = memo.get(node);
      if (known !== undefined) return known;
    }
    // Within one query a node is computed once (reused when first reached with at least this much depth
    // left): each use of a variable follows every earlier assignment, so a chain of `v = v + x` would
    // otherwise be walked once per path through it, 2^n times.
    let local = this.queryMemo.get(seen);
    if (!local) this.queryMemo.set(seen, (local = new Map()));
    const known = local.get(node);
    if (known && known.depth <= depth) return known.result;
    seen.add(node);
    const result = this.compute(unwrap(node), chain, depth + 1, seen, opts);
    seen.delete(node);
    local.set(node, { depth, result });
    memo?.set(node, result);
    return result;
  }

  private compute(n: JsNode, chain: readonly JsNode[], depth: number, seen: Set<JsNode>, opts: FlowOptions): Taint | null {
    if (opts.trusted?.(n)) return null;
    const own = opts.source?.(n);
    if (own) return own;
    const kinds = opts.kinds ?? DEFAULT_TAINT_KINDS;
    const rec = (x: t.Node | null | undefined) => (x ? this.taintIn(x as JsNode, chain, depth, seen, opts) : null);
    const any = (xs: ReadonlyArray<t.Node | null | undefined>) => {
      let first: Taint | null = null;
      for (const x of xs) {
        const r = rec(x);
        if (r && kinds.has(r.kind)) return r;
        first ??= r;
      }
      return first;
    };
    switch (n.type) {
      case 'TemplateLiteral':
        return built(any(opts.url ? destinationPart(concatParts(n)) : n.expressions), n.quasis.some((q) => q.value.cooked !== ''));
      case 'BinaryExpression':
        if (n.operator !== '+') return null;
        return built(any(opts.url ? destinationPart(concatParts(n)) : [n.left, n.right]), true);
      case 'LogicalExpression':
        return any([n.left, n.right]);
      case 'ConditionalExpression':
        return any([n.consequent, n.alternate]);
      case 'AwaitExpression':
      case 'SpreadElement':
        return rec(n.argument);
      case 'SequenceExpression':
        return rec(n.expressions[n.expressions.length - 1]);
      case 'AssignmentExpression':
        return rec(n.right);
      case 'ArrayExpression':
        return any(n.elements);
      case 'ObjectExpression':
        return any(n.properties.map((p) => (p.type === 'ObjectProperty' ? p.value : p.type === 'SpreadElement' ? p : null)));
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        return this.member(n, chain, rec);
      case 'CallExpression':
      case 'OptionalCallExpression':
      case 'NewExpression':
        return this.call(n, chain, opts, rec);
      case 'Identifier':
        return this.identifier(n, chain, depth, seen, opts);
      default:
        return null;
    }
  }

  private member(
    n: t.MemberExpression | t.OptionalMemberExpression,
    chain: readonly JsNode[],
    rec: (x: t.Node) => Taint | null,
  ): Taint | null {
    const name = propertyName(n);
    if (name === 'length') return null;
    const path = memberPath(n);
    if (path?.[0] === 'process' && path[1] === 'argv' && !this.scopes.lookup('process', chain)) {
      return { kind: 'argv', node: n as JsNode, description: 'a command-line argument (process.argv)' };
    }
    if (path?.[0] === 'process' && path[1] === 'env' && path.length > 2 && !this.scopes.lookup('process', chain)) {
      return { kind: 'env', node: n as JsNode, description: `an environment variable (process.env.${path[2]})` };
    }
    return this.sources.member(n, chain) ?? rec(n.object);
  }

  private call(
    n: CallLike,
    chain: readonly JsNode[],
    opts: FlowOptions,
    rec: (x: t.Node) => Taint | null,
  ): Taint | null {
    if (opts.sanitizes?.(n)) return null;
    const callee = unwrap(n.callee as JsNode);
    if (this.isModelCall(n, chain)) {
      return { kind: 'model', node: n as JsNode, description: `model output (${describeExpression(callee)})` };
    }
    const args = n.arguments;
    if (opts.url && n.type === 'NewExpression' && this.isGlobal(callee, chain, 'URL')) {
      // new URL(path, base): a constant path keeps the base's host; otherwise the path decides.
      const path = args[0] as JsNode | undefined;
      return path && !this.isConstant(path) ? rec(path) : null;
    }
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      const method = propertyName(callee);
      if (method !== null && NON_TEXT_METHODS.has(method)) return null;
      if (method !== null && SANITIZER_NAME.test(method)) return null;
      const source = this.sources.methodCall(n, callee, chain);
      if (source) return source;
      const ref = this.resolver.resolve(callee as JsNode, chain);
      if (ref && ref.module === null && ref.path[0] === 'Math') return null;
      const building = BUILDING_METHODS.has(method ?? '') && args.length > 0;
      const receiver = rec(callee.object);
      if (receiver && (opts.kinds ?? DEFAULT_TAINT_KINDS).has(receiver.kind)) return built(receiver, building);
      return built(this.throughArguments(args, building, opts, rec), building) ?? receiver;
    }
    let keepsParameter = false;
    if (callee.type === 'Identifier') {
      if (SANITIZER_NAME.test(callee.name)) return null;
      const ref = this.resolver.resolve(callee, chain);
      if (ref && ref.module === null && ref.path.length === 1 && SANITIZING_GLOBALS.has(ref.path[0])) return null;
      keepsParameter = !!ref && ref.module === null && ref.path.length === 1 && TEXT_CONVERSIONS.has(ref.path[0]);
    }
    // Unknown functions pass taint through from their arguments (as Semgrep's taint mode does).
    return this.throughArguments(args, keepsParameter, opts, rec);
  }

  /**
   * Taint an unknown call passes on from its arguments. A caller's parameter is followed only into calls
   * that build or convert text (`path.join(dir, name)`, `String(x)`): what `glob(pattern)` or
   * `db.find(id)` return is not the parameter, and guessing so would turn every library into findings.
   */
  private throughArguments(
    args: ReadonlyArray<t.Node>,
    keepsParameter: boolean,
    opts: FlowOptions,
    rec: (x: t.Node) => Taint | null,
  ): Taint | null {
    const kinds = opts.kinds ?? DEFAULT_TAINT_KINDS;
    let first: Taint | null = null;
    for (const arg of args) {
      const r = rec(arg);
      if (!r || (r.kind === 'param' && !keepsParameter)) continue;
      if (kinds.has(r.kind)) return r;
      first ??= r;
    }
    return first;
  }

  private identifier(n: t.Identifier, chain: readonly JsNode[], depth: number, seen: Set<JsNode>, opts: FlowOptions): Taint | null {
    const found = this.scopes.lookup(n.name, chain);
    if (!found) return null;
    const kinds = opts.kinds ?? DEFAULT_TAINT_KINDS;
    const { binding } = found;
    const bchain = chain.slice(found.depth);
    let result: Taint | null = null;
    const assignments = this.scopes.info(binding.scope).assignments.get(n.name) ?? [];
    if (binding.kind === 'param') {
      result = this.param(binding, opts) ?? (opts.elements ? this.elementOf(binding, depth, seen, opts) : null);
      // A parameter reassigned before this use (`dir = path.basename(dir)`) is judged by the assignments.
      const reassigned = assignments.some((a) => (a.value.end ?? 0) <= (n.start ?? 0));
      if (!result && !reassigned) result = this.fromCallers(binding, depth, seen, opts) ?? this.callerParameter(binding, opts);
    } else if ((binding.kind === 'var' || binding.kind === 'for') && binding.init) {
      result = this.destructured(binding, bchain, depth, seen, opts);
    }
    if (result && kinds.has(result.kind)) return result;
    // Later assignments `x = …` / `x += …` before this use.
    for (const a of assignments) {
      if (a.start >= (n.start ?? 0)) continue;
      const r = this.taintIn(a.value, bchain, depth, seen, opts);
      if (r && kinds.has(r.kind)) return r;
      result ??= r;
    }
    return result;
  }

  /** Taint of a destructured or plain binding: request-object properties are checked by name. */
  private destructured(b: Binding, chain: readonly JsNode[], depth: number, seen: Set<JsNode>, opts: FlowOptions): Taint | null {
    return this.sources.destructured(b, chain) ?? this.taintIn(b.init!, chain, depth, seen, opts);
  }

  /** Parameters: destructured request data, or callback parameters of a tainted promise (`.then(r => …)`). */
  private param(b: Binding, opts: FlowOptions): Taint | null {
    const source = this.sources.param(b);
    if (source) return source;
    const fn = b.fn!;
    const call = fn.parent;
    if (
      b.paramIndex === 0 &&
      call?.type === 'CallExpression' &&
      call.arguments[0] === fn &&
      call.callee.type === 'MemberExpression' &&
      propertyName(call.callee) === 'then'
    ) {
      return this.taintIn(call.callee.object as JsNode, this.scopes.chainOf(call as JsNode), 1, new Set(), opts);
    }
    return null;
  }

  /**
   * A parameter of a function called in this file: the first wanted taint among the arguments its calls
   * pass (`run(req.query.dir)` for `function run(dir)`), with the call's argument and the parameter as steps.
   */
  private fromCallers(b: Binding, depth: number, seen: Set<JsNode>, opts: FlowOptions): Taint | null {
    const kinds = opts.kinds ?? DEFAULT_TAINT_KINDS;
    let first: Taint | null = null;
    for (const call of this.callers.callsOf(b.fn!).slice(0, MAX_CALLERS)) {
      let arg = call.arguments[b.paramIndex!] as JsNode | undefined;
      if (!arg || call.arguments.slice(0, b.paramIndex).some((a) => a.type === 'SpreadElement')) continue;
      if (b.path.length > 0 && unwrap(arg).type === 'ObjectExpression') {
        // `run({ dir: req.query.dir })` for `function run({ dir })`
        const prop = (unwrap(arg) as t.ObjectExpression).properties.find((p) => p.type === 'ObjectProperty' && propertyName(p) === b.path[0]);
        if (!prop) continue;
        arg = (prop as t.ObjectProperty).value as JsNode;
      }
      const r = this.taintIn(arg, this.scopes.chainOf(arg), depth, seen, opts);
      if (!r) continue;
      const found = { ...r, steps: [...(r.steps ?? []), arg, b.id] };
      if (kinds.has(r.kind)) return found;
      first ??= found;
    }
    return first;
  }

  /** With `param` wanted: a parameter of an exported function or public method is filled by unknown callers. */
  private callerParameter(b: Binding, opts: FlowOptions): Taint | null {
    if (!opts.kinds?.has('param') || nonTextParameter(b)) return null;
    const component = b.paramIndex === 0 ? componentName(b.fn!) : null;
    if (component) {
      // A prop is filled by whoever renders the component: rendered as HTML, it is injection-shaped as it is.
      const prop = b.path.length > 0 ? `the \`${b.path.join('.')}\` prop` : 'the props';
      return { kind: 'param', node: b.id, description: `${prop} of ${component === 'the default export' ? 'the default-exported component' : `<${component}>`}` };
    }
    const exposure = this.callers.exposure(b.fn!);
    if (!exposure?.exported) return null;
    return {
      kind: 'param',
      node: b.id,
      description: `\`${b.name}\`, a parameter of ${exposure.label}`,
      passThrough: true,
      parameter: { name: b.name, index: b.paramIndex!, importedAs: b.path.length === 0 ? exposure.importedAs : null },
    };
  }

  /** `items.map((item) => …)`: the first parameter is as untrusted as the array. */
  private elementOf(b: Binding, depth: number, seen: Set<JsNode>, opts: FlowOptions): Taint | null {
    const call = b.fn!.parent;
    if (b.paramIndex !== 0 || call?.type !== 'CallExpression' || call.arguments[0] !== b.fn) return null;
    const callee = unwrap(call.callee as JsNode);
    if (callee.type !== 'MemberExpression' || !ELEMENT_CALLBACKS.has(propertyName(callee) ?? '')) return null;
    return this.taintIn(callee.object as JsNode, this.scopes.chainOf(call as JsNode), depth, seen, opts);
  }

  /** Whether `node` refers to the global `name` (not a local or an import). */
  private isGlobal(node: JsNode, chain: readonly JsNode[], name: string): boolean {
    const ref = this.resolver.resolve(node, chain);
    return ref?.module === null && ref.path.join('.') === name;
  }

  private isModelCall(n: CallLike, chain: readonly JsNode[]): boolean {
    if (n.type === 'NewExpression') return false;
    const callee = unwrap(n.callee as JsNode);
    // A client imported from a local module (`import { openai } from './llm'`) counts when its name says so.
    if (!this.importsLlmModule() && !LLM_CLIENT_NAME.test(memberPath(callee)?.[0] ?? '')) return false;
    if (callee.type === 'Identifier') {
      const ref = this.resolver.resolve(callee, chain);
      return !!ref && ref.module === 'ai' && ref.path.length === 1 && AI_SDK_FUNCTIONS.has(ref.path[0]);
    }
    if (MODEL_CALL_SUFFIXES.some((s) => endsWith(memberNames(callee), s))) return true;
    const path = memberPath(callee);
    if (!path) return false;
    const method = path[path.length - 1];
    if (path.length === 2 && (method === 'chat' || method === 'generate')) {
      const ref = this.resolver.resolve(callee, chain);
      if (ref && ref.module?.startsWith('ollama')) return true;
      return this.constructedFrom(path[0], chain, (m) => m.startsWith('ollama'));
    }
    if (LANGCHAIN_METHODS.has(method) && path.length >= 2) {
      const receiver = path[path.length - 2];
      return LANGCHAIN_RECEIVER.test(receiver) || this.constructedFrom(path[0], chain, isLlmModule);
    }
    return false;
  }

  /** Whether `name` is bound to `new X(...)` (or a call chain on it) with X imported from a matching module. */
  private constructedFrom(name: string, chain: readonly JsNode[], matches: (m: string) => boolean): boolean {
    const found = this.scopes.lookup(name, chain);
    if (!found || found.binding.kind !== 'var' || !found.binding.init) return false;
    let init = unwrap(found.binding.init);
    for (let i = 0; i < 10 && (init.type === 'CallExpression' || init.type === 'AwaitExpression'); i++) {
      init = unwrap((init.type === 'AwaitExpression' ? init.argument : init.callee.type === 'MemberExpression' ? init.callee.object : init.callee) as JsNode);
    }
    if (init.type !== 'NewExpression') return false;
    const ref = this.resolver.resolve(init.callee as JsNode, chain.slice(found.depth));
    return !!ref?.module && matches(ref.module);
  }

  private importsLlmModule(): boolean {
    if (this.llmImported === null) {
      const imports = this.scopes.info(this.program).bindings;
      this.llmImported = [...imports.values()].some(
        (b) => (b.kind === 'import' && isLlmModule(b.module!)) || (b.kind === 'var' && b.init !== null && requireOf(b.init, isLlmModule)),
      );
    }
    return this.llmImported;
  }

  private constant(node: JsNode, chain: readonly JsNode[], depth: number): boolean {
    if (depth > 20) return false;
    const n = unwrap(node);
    if (staticValue(n).known) return true;
    switch (n.type) {
      case 'TemplateLiteral':
        return n.expressions.every((e) => this.constant(e as JsNode, chain, depth + 1));
      case 'BinaryExpression':
        return this.constant(n.left as JsNode, chain, depth + 1) && this.constant(n.right as JsNode, chain, depth + 1);
      case 'ConditionalExpression':
        return this.constant(n.consequent as JsNode, chain, depth + 1) && this.constant(n.alternate as JsNode, chain, depth + 1);
      case 'Identifier': {
        const found = this.scopes.lookup(n.name, chain);
        const b = found?.binding;
        if (!b || b.kind !== 'var' || !b.init || b.path.length > 0) return false;
        if (this.scopes.info(b.scope).assignments.has(n.name)) return false;
        return this.constant(b.init, chain.slice(found.depth), depth + 1);
      }
      default:
        return false;
    }
  }
}

/** The options a `taint` argument stands for; the default kinds map to the one memoised default. */
function toOptions(kindsOrOptions: ReadonlySet<TaintKind> | FlowOptions | undefined): FlowOptions {
  if (kindsOrOptions === undefined || kindsOrOptions === DEFAULT_TAINT_KINDS) return DEFAULT_OPTIONS;
  if (kindsOrOptions instanceof Set) {
    let opts = OPTIONS_OF_KINDS.get(kindsOrOptions);
    if (!opts) OPTIONS_OF_KINDS.set(kindsOrOptions, (opts = Object.freeze({ kinds: kindsOrOptions })));
    return opts;
  }
  return kindsOrOptions as FlowOptions;
}

/** A parameter taint built into a larger value by the expression that returned it (see {@link Taint.passThrough}). */
function built(r: Taint | null, building: boolean): Taint | null {
  return building && r?.passThrough ? { ...r, passThrough: false } : r;
}

function endsWith(names: string[], suffix: string[]): boolean {
  if (names.length < suffix.length) return false;
  return suffix.every((s, i) => names[names.length - suffix.length + i] === s);
}

/** Static property names of a member chain, outermost last: `new A().b.c` -> ['b', 'c']. */
function memberNames(node: JsNode): string[] {
  const names: string[] = [];
  let n = unwrap(node);
  while (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') {
    const name = propertyName(n);
    if (name === null) break;
    names.unshift(name);
    n = unwrap(n.object as JsNode);
  }
  return names;
}

function requireOf(node: JsNode, matches: (m: string) => boolean): boolean {
  let n = unwrap(node);
  while (n.type === 'MemberExpression') n = unwrap(n.object as JsNode);
  return (
    n.type === 'CallExpression' &&
    n.callee.type === 'Identifier' &&
    n.callee.name === 'require' &&
    n.arguments[0]?.type === 'StringLiteral' &&
    matches(n.arguments[0].value)
  );
}

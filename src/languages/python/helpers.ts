import type { Range } from '../../engine/types';
import type { TaintKind } from '../js/flow';
import { stringLiteral, stringValue, type StringLiteral } from './ast';
import { argument, decoratorExpression, decoratorNodes } from './calls';
import { Constants, type ConstantValue } from './constants';
import { Flow, type PythonFlowOptions, type PythonTaint } from './flow';
import { Guards } from './guards';
import { extractImports, type PythonImport } from './imports';
import { NodeIndex } from './nodes';
import type { PythonNode, PythonParsedFile, SyntaxNode } from './parse';
import { Resolver, type ResolvedRef } from './resolve';
import { Scopes } from './scope';

/** A decorator of a definition: its node, what it refers to and, for `@x(...)`, the call. */
export interface Decorator {
  /** The `decorator` node (`@app.route('/x')`). */
  node: SyntaxNode;
  /** What the decorator's callee refers to: `app.route` of `@app.route('/x')` with `app = Flask(__name__)` → `flask` `Flask.().route`. */
  ref: ResolvedRef | null;
  /** The call when the decorator is called (`@mcp.tool()`), else null (`@tool`). */
  call: SyntaxNode | null;
}

/**
 * Helpers the Python adapter gives rules as `context.lang`. Rules must take ranges from {@link range}:
 * it is the one place that knows how tree-sitter offsets relate to the UTF-16 offsets findings use.
 */
export class PythonHelpers {
  private importList: readonly PythonImport[] | undefined;
  private scopeIndex: Scopes | undefined;
  private nodeIndex: NodeIndex | undefined;
  private resolverInstance: Resolver | undefined;
  private constantsInstance: Constants | undefined;
  private flowInstance: Flow | undefined;
  private guardsInstance: Guards | undefined;

  constructor(
    readonly parsed: PythonParsedFile,
    /** The analysed text. */
    readonly source: string,
  ) {}

  /**
   * `[start, end)` UTF-16 offsets of a node in the analysed text, ready for `context.report`. The runtime
   * feeds tree-sitter UTF-16 and reports code-unit indices, so this is exact for any text (non-ASCII,
   * astral characters, lone surrogates). The `File` root spans the whole text.
   */
  range(node: PythonNode): Range {
    if (node.type === 'File') return [0, this.source.length];
    const n = node as SyntaxNode;
    return [n.startIndex, n.endIndex];
  }

  /** The source text of a node. */
  text(node: PythonNode): string {
    const [start, end] = this.range(node);
    return this.source.slice(start, end);
  }

  /** Every import of the file in source order (see {@link extractImports}); computed once. Do not modify. */
  imports(): readonly PythonImport[] {
    this.importList ??= Object.freeze(extractImports(this.parsed.root));
    return this.importList;
  }

  /** Scopes and binding sites of the file, collected on first use. */
  get scopes(): Scopes {
    this.scopeIndex ??= new Scopes(this.parsed.root.module, this.nodes);
    return this.scopeIndex;
  }

  /** The file's nodes by kind, collected once for every analysis. */
  get nodes(): NodeIndex {
    this.nodeIndex ??= new NodeIndex(this.parsed.root.module);
    return this.nodeIndex;
  }

  /** The resolver behind {@link resolve}. */
  get resolver(): Resolver {
    this.resolverInstance ??= new Resolver(this.scopes);
    return this.resolverInstance;
  }

  /** The evaluator behind {@link constant}. */
  get evaluator(): Constants {
    this.constantsInstance ??= new Constants(this.scopes, this.resolver, this.nodes);
    return this.constantsInstance;
  }

  /**
   * What an identifier, attribute chain or call refers to through imports and aliases, with the JS
   * front-end's shape: `sp.run` after `import subprocess as sp` → `{ module: 'subprocess', path: ['run'] }`,
   * `os.path.join` → `os` + `path.join`, an unshadowed builtin → `{ module: null, path: ['eval'] }`, a
   * relative import keeps its dots (`.utils`). A call adds `'()'` to its callee's path, so instances
   * follow: `client = OpenAI(); client.chat.completions.create` → `openai` + `OpenAI.().chat.completions.create`,
   * as do `self.x = …` and class attributes bound once. Names bound once to a resolvable expression are
   * followed; parameters, local definitions and names bound to different things give null. Memoised;
   * the result is shared, do not modify it.
   */
  resolve(node: SyntaxNode): ResolvedRef | null {
    return this.resolver.resolve(node);
  }

  /** What the function of a `call` node refers to (see {@link resolve}); null for other nodes. */
  callee(call: SyntaxNode): ResolvedRef | null {
    if (call.type !== 'call') return null;
    const fn = call.childForFieldName('function');
    return fn ? this.resolver.resolve(fn) : null;
  }

  /**
   * The argument of a call at `position` among the positional ones (null: keyword only) or passed as
   * `keyword=`; null when absent or hidden behind `*args` / `**kwargs`.
   */
  argument(call: SyntaxNode, position: number | null, keyword?: string): SyntaxNode | null {
    return argument(call, position, keyword);
  }

  /**
   * The value of an expression when it folds to a scalar constant: literals (implicit concatenation
   * included), names bound once to constants, f-strings, `%`, `.format`, `+`, `str()`, `not`, `and`/`or`,
   * comparisons. Ints come as numbers, bytes as their text. Undefined when unknown.
   */
  constant(node: SyntaxNode): { value: ConstantValue } | undefined {
    return this.evaluator.constant(node);
  }

  /** Whether an expression's value is fixed at analysis time: built only from literals and constant names. */
  isConstant(node: SyntaxNode): boolean {
    return this.evaluator.isConstant(node);
  }

  /**
   * Whether `node` can run: false inside a branch of `if`/`elif`/`else`, a conditional expression, a
   * `while` or an `and`/`or` operand that a constant condition excludes (`if False:`, `if DEBUG:` with
   * `DEBUG = False`, `if TYPE_CHECKING:`). Dead code must not be reported.
   */
  liveBranch(node: SyntaxNode): boolean {
    return this.evaluator.liveBranch(node);
  }

  /** The guards of the file (`if x in ALLOWED:`…), shared by the flow and the rules that check guards themselves. */
  get guards(): Guards {
    this.guardsInstance ??= new Guards(this.nodes, this.scopes, this.resolver, this.evaluator);
    return this.guardsInstance;
  }

  /** The value flow behind {@link taint}. */
  get flow(): Flow {
    this.flowInstance ??= new Flow(this.nodes, this.scopes, this.resolver, this.evaluator, this.guards, () => this.imports());
    return this.flowInstance;
  }

  /**
   * The untrusted source `node` is built from, under the JS/TS contract: the first source of the wanted
   * kinds (default `request`, `argv`, `model`; `env` and `tool` are opt-in) with its description and the
   * `steps` (assignments, parameters, call sites) the value went through; null when none is found, when
   * the value passes a sanitizer or guard the options accept, or past the file's work budget. See
   * {@link PythonFlowOptions}. Memoised per options object: rules should keep theirs in a constant.
   */
  taint(node: SyntaxNode, kindsOrOptions?: ReadonlySet<TaintKind> | PythonFlowOptions): PythonTaint | null {
    return this.flow.taint(node, kindsOrOptions);
  }

  /** The decorators of a function or class definition, in source order, with what they refer to. */
  decorators(def: SyntaxNode): Decorator[] {
    return decoratorNodes(def).map((node) => {
      const expr = decoratorExpression(node);
      const call = expr?.type === 'call' ? expr : null;
      const target = call ? call.childForFieldName('function') : expr;
      return { node, ref: target ? this.resolver.resolve(target) : null, call };
    });
  }

  /** The value of a plain string literal or of a concatenation of them, escapes decoded; null otherwise. */
  stringValue(node: SyntaxNode | null | undefined): string | null {
    return stringValue(node);
  }

  /** A plain string literal's value and the range of its content (see {@link stringLiteral}). */
  stringLiteral(node: SyntaxNode | null | undefined): StringLiteral | null {
    return stringLiteral(node);
  }
}

import { decodeEscapes } from './ast';
import type { SyntaxNode } from './parse';
import type { ResolvedRef, Resolver } from './resolve';
import type { NodeIndex } from './nodes';
import type { Scopes, Site } from './scope';

/** A scalar value known at analysis time, as rules see it (ints come as numbers, bytes as their text). */
export type ConstantValue = string | number | boolean | null;

/** Bytes, kept apart from `str` (their value is their text, escapes decoded). */
class PyBytes {
  constructor(readonly text: string) {}
}

/** Ints are bigints (exact, like Python's), floats are numbers, tuples/lists/sets are arrays. */
type PyValue = string | bigint | number | boolean | null | PyBytes | PyValue[];

/** A constant whose value is not computed here (a format spec, a call of a pure function…). */
const OPAQUE: unique symbol = Symbol('opaque constant');
type Evaluated = PyValue | typeof OPAQUE | undefined;

const MAX_DEPTH = 40;
const LIVE = 1;
const DEAD = 2;
const MAX_STRING = 100_000;

/** Methods of `str` computed on constant receivers. */
const STR_METHODS = new Set(['upper', 'lower', 'strip', 'lstrip', 'rstrip', 'format', 'join', 'replace', 'encode', 'title', 'casefold']);
/** Other pure methods of `str`/`bytes`: their result on constants is a constant not computed here. */
const PURE_STR_METHODS = new Set(['startswith', 'endswith', 'split', 'rsplit', 'splitlines', 'partition', 'isdigit', 'isalpha', 'isalnum', 'find', 'count', 'zfill', 'ljust', 'rjust', 'center', 'capitalize', 'swapcase', 'removeprefix', 'removesuffix', 'decode']);
/** Pure callables of constants whose result is a constant not computed here. */
/** The constructs whose parts a constant condition can exclude. */
const CONDITIONAL = new Set(['if_statement', 'elif_clause', 'while_statement', 'conditional_expression', 'boolean_operator']);
const OPAQUE_CALLS = new Set(['os.path.join', 'os.path.normpath', 'posixpath.join', 'pathlib.Path', 'pathlib.PurePath', 'repr', 'hex', 'oct', 'bin', 'chr', 'ord', 'abs', 'round', 'min', 'max', 'sorted', 'tuple', 'list', 'frozenset', 'set']);

/**
 * Constant evaluation of Python expressions: literals, names bound once to constants (not reassigned,
 * not `global`-written elsewhere), f-strings, `%`, `.format`, `+`, `*`, `str()`, `not`, `and`/`or`,
 * comparisons and conditional expressions. Memoised per node.
 */
export class Constants {
  private readonly memo = new Map<number, Evaluated>();
  private readonly active = new Set<Site>();
  /** The excluded parts of each conditional construct asked about, by node id. */
  private readonly dead = new Map<number, readonly SyntaxNode[]>();
  /** {@link liveBranch} by node id: 0 not asked yet, {@link LIVE} or {@link DEAD}. */
  private live: Int8Array | undefined;

  constructor(
    private readonly scopes: Scopes,
    private readonly resolver: Resolver,
    private readonly nodes: NodeIndex,
  ) {}

  /** The value of `node` when it is a known scalar (see {@link ConstantValue}); undefined otherwise. */
  constant(node: SyntaxNode): { value: ConstantValue } | undefined {
    const v = this.evaluate(node);
    if (v === undefined || v === OPAQUE) return undefined;
    if (typeof v === 'bigint') {
      const n = Number(v);
      return Number.isSafeInteger(n) ? { value: n } : undefined;
    }
    if (v instanceof PyBytes) return { value: v.text };
    if (Array.isArray(v)) return undefined;
    return { value: v };
  }

  /** Whether the value of `node` is fixed at analysis time: built only from literals and constant names. */
  isConstant(node: SyntaxNode): boolean {
    return this.evaluate(node) !== undefined;
  }

  /** The truth value of a condition when it folds to a constant, else undefined. */
  truth(node: SyntaxNode): boolean | undefined {
    const v = this.evaluate(node);
    return v === undefined || v === OPAQUE ? undefined : truthy(v);
  }

  /**
   * Whether `node` can run: false when it sits in the branch of an `if`/`elif`/`else`, a conditional
   * expression, a `while` or the right operand of `and`/`or` that a constant condition excludes
   * (`if False:`, `if DEBUG:` with `DEBUG = False`, `if TYPE_CHECKING:`, `x if True else node`).
   */
  liveBranch(node: SyntaxNode): boolean {
    // Up through the ancestors: only the conditions of the constructs around the node are evaluated. The
    // answer is kept for every node passed on the way (a node is live when its parent is and no constant
    // condition of the parent excludes it), so the many rules asking about calls in the same function stop
    // at the first ancestor already answered. By node id, on the tree's arrays: no object per ancestor.
    const tree = node.tree;
    const { parents, kinds, names } = tree;
    const known = (this.live ??= new Int8Array(tree.count));
    let answer = true;
    // The first node up from `node` whose answer this call does not write: known already, or the construct excluding the path.
    let stop = -1;
    for (let n = node.id, p = parents[n]; ; n = p, p = parents[p]) {
      if (known[n] !== 0) {
        answer = known[n] === LIVE;
        stop = n;
        break;
      }
      if (p < 0) break;
      if (CONDITIONAL.has(names[kinds[p]]) && this.deadParts(tree.node(p)).some((part) => part.id === n)) {
        answer = false;
        stop = p;
        break;
      }
    }
    // Every node below `stop` shares the answer: a dead node's descendants are dead, a live one's ancestors live.
    const mark = answer ? LIVE : DEAD;
    for (let n = node.id; n !== stop && n >= 0; n = parents[n]) known[n] = mark;
    return answer;
  }

  /** The parts of an `if`, `while`, conditional expression or `and`/`or` that a constant condition excludes. */
  private deadParts(n: SyntaxNode): readonly SyntaxNode[] {
    const known = this.dead.get(n.id);
    if (known) return known;
    const dead: SyntaxNode[] = [];
    const add = (part: SyntaxNode | null | undefined) => {
      if (part) dead.push(part);
    };
    switch (n.type) {
      case 'elif_clause':
        // Its consequence is excluded by the `if` it belongs to, which weighs the earlier conditions.
        return n.parent ? this.deadParts(n.parent) : dead;
      case 'if_statement': {
        let holds = this.truthOf(n.childForFieldName('condition'));
        if (holds === false) add(n.childForFieldName('consequence'));
        let taken = holds === true;
        for (const alt of n.childrenForFieldName('alternative')) {
          if (!alt) continue;
          if (taken) {
            add(alt);
            continue;
          }
          if (alt.type !== 'elif_clause') continue;
          holds = this.truthOf(alt.childForFieldName('condition'));
          if (holds === false) add(alt.childForFieldName('consequence'));
          taken = holds === true;
        }
        break;
      }
      case 'while_statement':
        if (this.truthOf(n.childForFieldName('condition')) === false) add(n.childForFieldName('body'));
        break;
      case 'conditional_expression': {
        const [consequence, condition, alternative] = n.namedChildren.filter((c) => c && c.type !== 'comment');
        const truth = this.truthOf(condition);
        if (truth === false) add(consequence);
        if (truth === true) add(alternative);
        break;
      }
      case 'boolean_operator': {
        const truth = this.truthOf(n.childForFieldName('left'));
        const op = n.childForFieldName('operator')?.text;
        if ((op === 'and' && truth === false) || (op === 'or' && truth === true)) add(n.childForFieldName('right'));
        break;
      }
      default:
        break;
    }
    this.dead.set(n.id, dead);
    return dead;
  }

  private truthOf(condition: SyntaxNode | null | undefined): boolean | undefined {
    return condition ? this.truth(condition) : undefined;
  }

  private evaluate(node: SyntaxNode, depth = 0): Evaluated {
    if (this.memo.has(node.id)) return this.memo.get(node.id);
    if (depth > MAX_DEPTH) return undefined;
    const v = this.compute(node, depth + 1);
    this.memo.set(node.id, v);
    return v;
  }

  private compute(node: SyntaxNode, depth: number): Evaluated {
    switch (node.type) {
      case 'string':
        return this.string(node, depth);
      case 'concatenated_string': {
        let out = '' as string | PyBytes;
        let opaque = false;
        for (const part of node.namedChildren) {
          if (!part || part.type === 'comment') continue;
          const v = this.evaluateAt(depth, part);
          if (v === undefined) return undefined;
          if (v === OPAQUE) opaque = true;
          else if (typeof v === 'string' && typeof out === 'string') out += v;
          else if (v instanceof PyBytes && (out instanceof PyBytes || out === '')) out = new PyBytes((out instanceof PyBytes ? out.text : '') + v.text);
          else return undefined;
        }
        return opaque ? OPAQUE : out;
      }
      case 'integer':
        return parseInteger(node.text);
      case 'float': {
        const text = node.text.replace(/_/g, '');
        if (/[jJ]$/.test(text)) return OPAQUE;
        const n = Number(text);
        return Number.isNaN(n) ? undefined : n;
      }
      case 'true':
        return true;
      case 'false':
        return false;
      case 'none':
        return null;
      case 'parenthesized_expression': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
        return inner?.type === 'yield' ? undefined : this.evaluateAt(depth, inner);
      }
      case 'tuple':
      case 'list':
      case 'set':
      case 'expression_list': {
        const out: PyValue[] = [];
        let opaque = false;
        for (const c of node.namedChildren) {
          if (!c || c.type === 'comment') continue;
          const v = this.evaluateAt(depth, c);
          if (v === undefined) return undefined;
          if (v === OPAQUE) opaque = true;
          else out.push(v);
        }
        return opaque ? OPAQUE : out;
      }
      case 'identifier':
        return this.identifier(node, depth);
      case 'attribute': {
        const ref = this.resolver.resolve(node);
        if (ref && isRef(ref, 'typing', 'TYPE_CHECKING')) return false;
        return this.classConstant(node, depth);
      }
      case 'not_operator': {
        const v = this.evaluateAt(depth, node.childForFieldName('argument'));
        return v === undefined || v === OPAQUE ? v : !truthy(v);
      }
      case 'boolean_operator': {
        const left = this.evaluateAt(depth, node.childForFieldName('left'));
        if (left === undefined) return undefined;
        const op = node.childForFieldName('operator')?.text;
        if (left !== OPAQUE && (op === 'and' ? !truthy(left) : truthy(left))) return left;
        const right = this.evaluateAt(depth, node.childForFieldName('right'));
        return left === OPAQUE && right !== undefined ? OPAQUE : right;
      }
      case 'unary_operator': {
        const v = this.evaluateAt(depth, node.childForFieldName('argument'));
        if (v === undefined || v === OPAQUE) return v;
        return unary(node.childForFieldName('operator')?.text ?? '', v);
      }
      case 'binary_operator': {
        const left = this.evaluateAt(depth, node.childForFieldName('left'));
        const right = this.evaluateAt(depth, node.childForFieldName('right'));
        if (left === undefined || right === undefined) return undefined;
        if (left === OPAQUE || right === OPAQUE) return OPAQUE;
        const r = binary(node.childForFieldName('operator')?.text ?? '', left, right);
        return r === undefined ? OPAQUE : r;
      }
      case 'comparison_operator':
        return this.comparison(node, depth);
      case 'conditional_expression': {
        const [consequence, condition, alternative] = node.namedChildren.filter((c) => c && c.type !== 'comment');
        const cond = this.evaluateAt(depth, condition);
        if (cond !== undefined && cond !== OPAQUE) return this.evaluateAt(depth, truthy(cond) ? consequence : alternative);
        const a = this.evaluateAt(depth, consequence);
        const b = this.evaluateAt(depth, alternative);
        return a !== undefined && b !== undefined ? OPAQUE : undefined;
      }
      case 'subscript': {
        const value = this.evaluateAt(depth, node.childForFieldName('value'));
        const index = node.childrenForFieldName('subscript').filter((c) => c && c.type !== 'comment');
        if (value === undefined || index.length !== 1) return undefined;
        const key = index[0]!.type === 'slice' ? this.slice(index[0]!, depth) : this.evaluateAt(depth, index[0]);
        if (key === undefined) return undefined;
        if (value === OPAQUE || key === OPAQUE) return OPAQUE;
        return subscript(value, key) ?? OPAQUE;
      }
      case 'call':
        return this.call(node, depth);
      default:
        return undefined;
    }
  }

  /** {@link evaluate} of an optional node (a method, not a closure per {@link compute}: compute runs for every node evaluated). */
  private evaluateAt(depth: number, n: SyntaxNode | null | undefined): Evaluated {
    return n ? this.evaluate(n, depth) : undefined;
  }

  private identifier(node: SyntaxNode, depth: number): Evaluated {
    const found = this.scopes.lookupNode(node);
    if (!found) return undefined;
    if (found.sites.length !== 1) {
      const ref = this.resolver.resolve(node);
      return ref && isRef(ref, 'typing', 'TYPE_CHECKING') ? false : undefined;
    }
    const site = found.sites[0];
    if (site.kind === 'import') return site.module === 'typing' && site.path?.join('.') === 'TYPE_CHECKING' ? false : undefined;
    if (site.kind !== 'assign' || !site.value || this.active.has(site)) return undefined;
    this.active.add(site);
    try {
      let v = this.evaluate(site.value, depth);
      for (const step of site.unpack) {
        if (v === undefined || v === OPAQUE) return v;
        if (step === '*' || !Array.isArray(v)) return OPAQUE;
        v = v[step];
      }
      return v;
    } finally {
      this.active.delete(site);
    }
  }

  /** `self.X` / `Cls.X` where the class binds `X` once to a constant. */
  private classConstant(node: SyntaxNode, depth: number): Evaluated {
    const object = node.childForFieldName('object');
    const name = node.childForFieldName('attribute')?.text;
    const cls = object && name ? this.resolver.classOf(object) : null;
    const value = cls ? this.resolver.classAttributeValue(cls, name!) : null;
    return value ? this.evaluate(value, depth) : undefined;
  }

  private comparison(node: SyntaxNode, depth: number): Evaluated {
    const operands: SyntaxNode[] = [];
    const operators: string[] = [];
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (!c || c.type === 'comment') continue;
      if (node.fieldNameForChild(i) === 'operators') {
        // `not in` and `is not` are two tokens.
        const prev = operators.length > operands.length - 1 ? operators.pop()! + ' ' : '';
        operators.push(prev + c.type);
      } else operands.push(c);
    }
    if (operands.length < 2 || operators.length !== operands.length - 1) return undefined;
    const values = operands.map((o) => this.evaluate(o, depth));
    if (values.some((v) => v === undefined)) return undefined;
    for (let i = 0; i < operators.length; i++) {
      const a = values[i];
      const b = values[i + 1];
      if (a === OPAQUE || b === OPAQUE) return OPAQUE;
      const r = compare(operators[i], a!, b!);
      if (r === undefined) return OPAQUE;
      if (!r) return false;
    }
    return true;
  }

  private slice(node: SyntaxNode, depth: number): Evaluated {
    // Slices of constants are constants; their bounds are not computed.
    for (const c of node.namedChildren) {
      if (c && c.type !== 'comment' && this.evaluate(c, depth) === undefined) return undefined;
    }
    return OPAQUE;
  }

  private string(node: SyntaxNode, depth: number): Evaluated {
    const start = node.firstChild;
    if (start?.type !== 'string_start' || node.lastChild?.type !== 'string_end' || node.hasError) return undefined;
    const prefix = start.text.replace(/(?<!['"])['"]+$/, '').toLowerCase();
    if (prefix.includes('t')) return undefined;
    const raw = prefix.includes('r');
    const isF = prefix.includes('f');
    let out = '';
    let opaque = false;
    for (let i = 1; i < node.childCount - 1; i++) {
      const part = node.child(i);
      if (!part) return undefined;
      if (part.type === 'string_content') {
        let text = part.text;
        if (isF) text = text.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        const decoded = raw ? text : decodeEscapes(text);
        if (decoded === null) return OPAQUE;
        out += decoded;
      } else if (part.type === 'interpolation' && isF) {
        const v = this.interpolation(part, depth);
        if (v === undefined) return undefined;
        if (v === OPAQUE) opaque = true;
        else out += v;
      } else if (part.type !== 'comment') return undefined;
    }
    if (opaque) return OPAQUE;
    return prefix.includes('b') ? new PyBytes(out) : out;
  }

  /** The text an f-string field adds: `{x}`, `{x!r}`, `{x!s}`; with a format spec or `=` only whether it is constant. */
  private interpolation(part: SyntaxNode, depth: number): string | typeof OPAQUE | undefined {
    const v = this.evaluate(part.childForFieldName('expression') ?? part, depth);
    if (v === undefined) return undefined;
    const spec = part.childForFieldName('format_specifier');
    if (spec) {
      for (const e of spec.descendantsOfType('format_expression')) {
        const inner = e?.childForFieldName('expression');
        if (inner && this.evaluate(inner, depth) === undefined) return undefined;
      }
    }
    if (v === OPAQUE || (spec && spec.text !== ':') || part.children.some((c) => c?.type === '=')) return OPAQUE;
    const conversion = part.childForFieldName('type_conversion')?.text;
    const text = conversion === '!r' || conversion === '!a' ? pyRepr(v) : pyStr(v);
    return text ?? OPAQUE;
  }

  private call(node: SyntaxNode, depth: number): Evaluated {
    const fn = node.childForFieldName('function');
    const args = node.childForFieldName('arguments');
    if (!fn || args?.type !== 'argument_list') return undefined;
    const positional: SyntaxNode[] = [];
    const keywords = new Map<string, SyntaxNode>();
    for (const a of args.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'list_splat' || a.type === 'dictionary_splat') return undefined;
      if (a.type === 'keyword_argument') {
        const name = a.childForFieldName('name')?.text;
        const value = a.childForFieldName('value');
        if (!name || !value) return undefined;
        keywords.set(name, value);
      } else positional.push(a);
    }
    // Only calls of known pure functions or methods can be constant: reject the others before their arguments.
    const method = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : null;
    if (method !== null ? !STR_METHODS.has(method) && !PURE_STR_METHODS.has(method) && !PURE_CALL_NAMES.has(method) : !PURE_CALL_NAMES.has(fn.text)) {
      return undefined;
    }
    const values: PyValue[] = [];
    let opaque = false;
    for (const a of [...positional, ...keywords.values()]) {
      const v = this.evaluate(a, depth);
      if (v === undefined) return undefined;
      if (v === OPAQUE) opaque = true;
      else values.push(v);
    }
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      const object = fn.childForFieldName('object');
      const receiver = object ? this.evaluate(object, depth) : undefined;
      if (receiver !== undefined) {
        if (receiver === OPAQUE || opaque) return STR_METHODS.has(method) || PURE_STR_METHODS.has(method) ? OPAQUE : undefined;
        if (typeof receiver === 'string' && STR_METHODS.has(method)) {
          return strMethod(receiver, method, values.slice(0, positional.length), keywordValues(keywords, values.slice(positional.length))) ?? OPAQUE;
        }
        if (receiver instanceof PyBytes && method === 'decode') return receiver.text;
        return PURE_STR_METHODS.has(method) ? OPAQUE : undefined;
      }
    }
    const ref = this.resolver.resolve(fn);
    if (!ref) return undefined;
    const name = (ref.module ? `${ref.module}.` : '') + ref.path.join('.');
    if (opaque) return OPAQUE_CALLS.has(name) || BUILTIN_CONVERSIONS.has(name) ? OPAQUE : undefined;
    if (ref.module === null && BUILTIN_CONVERSIONS.has(name)) return builtinCall(name, values, positional.length) ?? OPAQUE;
    return OPAQUE_CALLS.has(name) ? OPAQUE : undefined;
  }
}

const BUILTIN_CONVERSIONS = new Set(['str', 'int', 'float', 'bool', 'len']);
/** Last names of the callables {@link Constants} can fold (a cheap filter before resolving the callee). */
const PURE_CALL_NAMES = new Set([...BUILTIN_CONVERSIONS, ...[...OPAQUE_CALLS].map((n) => n.split('.').pop()!), 'Path', 'PurePath']);

function keywordValues(keywords: Map<string, SyntaxNode>, values: PyValue[]): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  [...keywords.keys()].forEach((k, i) => out.set(k, values[i]));
  return out;
}

function builtinCall(name: string, values: PyValue[], positional: number): PyValue | undefined {
  if (positional !== values.length || values.length > 1) return undefined;
  const v = values[0];
  switch (name) {
    case 'str':
      return values.length === 0 ? '' : pyStr(v);
    case 'bool':
      return values.length === 0 ? false : truthy(v);
    case 'int':
      if (values.length === 0) return 0n;
      if (typeof v === 'string' && /^\s*[-+]?\d+(?:_\d+)*\s*$/.test(v)) return BigInt(v.trim().replace(/_/g, ''));
      if (typeof v === 'bigint') return v;
      if (typeof v === 'boolean') return v ? 1n : 0n;
      if (typeof v === 'number' && Number.isFinite(v)) return BigInt(Math.trunc(v));
      return undefined;
    case 'float':
      if (values.length === 0) return 0;
      if (typeof v === 'bigint' || typeof v === 'number') return Number(v);
      return undefined;
    case 'len':
      if (typeof v === 'string') return BigInt([...v].length);
      if (Array.isArray(v)) return BigInt(v.length);
      return undefined;
    default:
      return undefined;
  }
}

/** Python's `str()` of a constant, or undefined when it is not computed here. */
function pyStr(v: PyValue): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v === null) return 'None';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
    const s = String(v);
    if (/e/.test(s)) return undefined;
    return Number.isInteger(v) ? `${s}.0` : s;
  }
  return undefined;
}

/** Python's `repr()` of simple constants. */
function pyRepr(v: PyValue): string | undefined {
  if (typeof v !== 'string') return pyStr(v);
  if (/[\\\p{C}]/u.test(v)) return undefined;
  if (v.includes("'") && !v.includes('"')) return `"${v}"`;
  return `'${v.replace(/'/g, "\\'")}'`;
}

function truthy(v: PyValue): boolean {
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'boolean') return v;
  if (v === null) return false;
  if (v instanceof PyBytes) return v.text.length > 0;
  return v.length > 0;
}

/** Parses an int literal (`1_000`, `0x1F`, `0o17`, `0b1`); complex literals are opaque. */
function parseInteger(text: string): Evaluated {
  const t = text.replace(/_/g, '');
  if (/[jJ]$/.test(t)) return OPAQUE;
  if (/[lL]$/.test(t)) return parseInteger(t.slice(0, -1));
  try {
    if (/^0[oO]/.test(t)) return BigInt('0o' + t.slice(2));
    if (/^0\d+$/.test(t)) return /^0+$/.test(t) ? 0n : undefined;
    return BigInt(t);
  } catch {
    return undefined;
  }
}

type Numeric = bigint | number;

function toNumeric(v: PyValue): Numeric | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return undefined;
}

function unary(op: string, v: PyValue): PyValue | typeof OPAQUE {
  const n = toNumeric(v);
  if (n === undefined) return OPAQUE;
  if (op === '-') return typeof n === 'bigint' ? -n : -n;
  if (op === '+') return n;
  if (op === '~' && typeof n === 'bigint') return ~n;
  return OPAQUE;
}

function binary(op: string, a: PyValue, b: PyValue): PyValue | undefined {
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a.length + b.length > MAX_STRING ? undefined : a + b;
  if (op === '+' && a instanceof PyBytes && b instanceof PyBytes) return new PyBytes(a.text + b.text);
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (op === '%' && typeof a === 'string') return percentFormat(a, b);
  if (op === '*' && (typeof a === 'string' || typeof b === 'string')) {
    const [s, n] = typeof a === 'string' ? [a, toNumeric(b)] : [b as string, toNumeric(a)];
    if (typeof n !== 'bigint' || n < 0n) return n === undefined || typeof n === 'number' ? undefined : '';
    return BigInt(s.length) * n > BigInt(MAX_STRING) ? undefined : s.repeat(Number(n));
  }
  const x = toNumeric(a);
  const y = toNumeric(b);
  if (x === undefined || y === undefined) return undefined;
  if (typeof x === 'bigint' && typeof y === 'bigint') {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '//':
        return y === 0n ? undefined : floorDiv(x, y);
      case '%':
        return y === 0n ? undefined : x - floorDiv(x, y) * y;
      case '/':
        return y === 0n ? undefined : Number(x) / Number(y);
      case '**':
        return y < 0n || y > 256n ? undefined : x ** y;
      case '&':
        return x & y;
      case '|':
        return x | y;
      case '^':
        return x ^ y;
      case '<<':
        return y < 0n || y > 256n ? undefined : x << y;
      case '>>':
        return y < 0n ? undefined : x >> y;
      default:
        return undefined;
    }
  }
  const fx = Number(x);
  const fy = Number(y);
  switch (op) {
    case '+':
      return fx + fy;
    case '-':
      return fx - fy;
    case '*':
      return fx * fy;
    case '/':
      return fy === 0 ? undefined : fx / fy;
    case '//':
      return fy === 0 ? undefined : Math.floor(fx / fy);
    case '**':
      return fx ** fy;
    default:
      return undefined;
  }
}

function floorDiv(x: bigint, y: bigint): bigint {
  const q = x / y;
  return (x % y !== 0n && (x < 0n) !== (y < 0n)) ? q - 1n : q;
}

/** `'%s-%d' % (a, b)` with `%s`, `%r`, `%d`, `%i` and `%%`; other conversions are not computed. */
function percentFormat(format: string, args: PyValue): string | undefined {
  const values = Array.isArray(args) ? args : [args];
  let next = 0;
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      out += c;
      continue;
    }
    const conv = format[++i];
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (next >= values.length) return undefined;
    const v = values[next++];
    let text: string | undefined;
    if (conv === 's') text = pyStr(v);
    else if (conv === 'r') text = pyRepr(v);
    else if ((conv === 'd' || conv === 'i') && typeof toNumeric(v) === 'bigint') text = String(toNumeric(v));
    if (text === undefined) return undefined;
    out += text;
  }
  return next === values.length ? out : undefined;
}

/** `str` methods of a constant receiver; undefined when not computed. */
function strMethod(s: string, method: string, args: PyValue[], keywords: Map<string, PyValue>): PyValue | undefined {
  switch (method) {
    case 'upper':
      return args.length === 0 ? s.toUpperCase() : undefined;
    case 'lower':
    case 'casefold':
      return args.length === 0 ? s.toLowerCase() : undefined;
    case 'strip':
      return args.length === 0 ? s.trim() : undefined;
    case 'lstrip':
      return args.length === 0 ? s.trimStart() : undefined;
    case 'rstrip':
      return args.length === 0 ? s.trimEnd() : undefined;
    case 'replace':
      return args.length === 2 && typeof args[0] === 'string' && typeof args[1] === 'string' ? s.split(args[0]).join(args[1]) : undefined;
    case 'encode':
      return new PyBytes(s);
    case 'join': {
      if (args.length !== 1 || !Array.isArray(args[0])) return typeof args[0] === 'string' ? [...args[0]].join(s) : undefined;
      const parts = args[0];
      return parts.every((p) => typeof p === 'string') ? parts.join(s) : undefined;
    }
    case 'format':
      return braceFormat(s, args, keywords);
    default:
      return undefined;
  }
}

/** `'{} {0} {name}'.format(…)` without conversions, format specs or attribute access. */
function braceFormat(format: string, args: PyValue[], keywords: Map<string, PyValue>): string | undefined {
  let out = '';
  let auto = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if ((c === '{' || c === '}') && format[i + 1] === c) {
      out += c;
      i++;
      continue;
    }
    if (c === '}') return undefined;
    if (c !== '{') {
      out += c;
      continue;
    }
    const close = format.indexOf('}', i);
    if (close < 0) return undefined;
    const field = format.slice(i + 1, close);
    i = close;
    let v: PyValue | undefined;
    if (field === '') v = args[auto++];
    else if (/^\d+$/.test(field)) v = args[Number(field)];
    else if (/^[A-Za-z_]\w*$/.test(field)) v = keywords.get(field);
    else return undefined;
    const text = v === undefined ? undefined : pyStr(v);
    if (text === undefined) return undefined;
    out += text;
  }
  return out;
}

function subscript(value: PyValue, key: PyValue): PyValue | undefined {
  const k = toNumeric(key);
  if (typeof k !== 'bigint') return undefined;
  const items = typeof value === 'string' ? [...value] : Array.isArray(value) ? value : null;
  if (!items) return undefined;
  const i = Number(k < 0n ? BigInt(items.length) + k : k);
  return i >= 0 && i < items.length ? items[i] : undefined;
}

function compare(op: string, a: PyValue, b: PyValue): boolean | undefined {
  switch (op) {
    case '==':
      return equal(a, b);
    case '!=':
    case '<>':
      return equal(a, b) === undefined ? undefined : !equal(a, b);
    case 'is':
      return a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean' ? a === b : undefined;
    case 'is not':
      return a === null || b === null || typeof a === 'boolean' || typeof b === 'boolean' ? a !== b : undefined;
    case 'in':
    case 'not in': {
      let r: boolean | undefined;
      if (typeof b === 'string' && typeof a === 'string') r = b.includes(a);
      else if (Array.isArray(b)) {
        const eqs = b.map((x) => equal(a, x));
        r = eqs.some((e) => e === true) ? true : eqs.every((e) => e === false) ? false : undefined;
      }
      return r === undefined ? undefined : op === 'in' ? r : !r;
    }
    case '<':
    case '>':
    case '<=':
    case '>=': {
      let x: number | string | bigint | undefined;
      let y: number | string | bigint | undefined;
      if (typeof a === 'string' && typeof b === 'string') [x, y] = [a, b];
      else [x, y] = [toNumeric(a), toNumeric(b)];
      if (x === undefined || y === undefined) return undefined;
      if (typeof x !== typeof y && (typeof x === 'string' || typeof y === 'string')) return undefined;
      if (op === '<') return x < y;
      if (op === '>') return x > y;
      if (op === '<=') return x <= y;
      return x >= y;
    }
    default:
      return undefined;
  }
}

function equal(a: PyValue, b: PyValue): boolean | undefined {
  const x = toNumeric(a);
  const y = toNumeric(b);
  if (x !== undefined && y !== undefined) return typeof x === typeof y ? x === y : Number(x) === Number(y);
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || b === null) return a === b;
  if (a instanceof PyBytes && b instanceof PyBytes) return a.text === b.text;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    let all = true;
    for (let i = 0; i < a.length; i++) {
      const e = equal(a[i], b[i]);
      if (e === false) return false;
      if (e === undefined) all = false;
    }
    return all ? true : undefined;
  }
  return false;
}

function isRef(ref: ResolvedRef, module: string, ...path: string[]): boolean {
  return ref.module === module && ref.path.length === path.length && ref.path.every((p, i) => p === path[i]);
}

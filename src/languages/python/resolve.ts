import type { ResolvedRef } from '../js/resolve';
import { lastName, stringValue } from './ast';
import type { SyntaxNode } from './parse';
import { fieldOf, type Scopes, type Site } from './scope';

export type { ResolvedRef } from '../js/resolve';

/** Names of Python's `builtins` module: unbound names among them resolve to `{ module: null, path: [name] }`. */
export const BUILTINS: ReadonlySet<string> = new Set(
  (
    'abs aiter all anext any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
    'copyright credits delattr dict dir divmod enumerate eval exec exit filter float format frozenset getattr ' +
    'globals hasattr hash help hex id input int isinstance issubclass iter len license list locals map max ' +
    'memoryview min next object oct open ord pow print property quit range repr reversed round set setattr ' +
    'slice sorted staticmethod str sum super tuple type vars zip __import__ __build_class__ __debug__ ' +
    'BaseException BaseExceptionGroup Exception ExceptionGroup ArithmeticError AssertionError AttributeError ' +
    'BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ' +
    'ConnectionError ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError EncodingWarning ' +
    'EnvironmentError FileExistsError FileNotFoundError FloatingPointError FutureWarning GeneratorExit IOError ' +
    'ImportError ImportWarning IndentationError IndexError InterruptedError IsADirectoryError KeyError ' +
    'KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError NotADirectoryError ' +
    'NotImplementedError OSError OverflowError PendingDeprecationWarning PermissionError ProcessLookupError ' +
    'RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StopAsyncIteration StopIteration ' +
    'SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError UnboundLocalError ' +
    'UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning ' +
    'ValueError Warning ZeroDivisionError Ellipsis NotImplemented'
  ).split(' '),
);

/** Attribute reads of a class: `self.x = …` in its methods and `x = …` in its body, by name. */
interface ClassAttributes {
  /** The assigned values; null where the value is not a plain expression (`+=`, unpacking). */
  values: Map<string, Array<SyntaxNode | null>>;
}

const MAX_DEPTH = 24;

/**
 * What Python expressions refer to through imports and aliases (see {@link Resolver.resolve}). Results
 * are memoised per node; the returned objects are shared, do not modify them.
 */
export class Resolver {
  private readonly memo = new Map<number, ResolvedRef | null>();
  private readonly classes = new Map<number, ClassAttributes>();
  /** Sites being followed, against cycles (`a = b; b = a`). */
  private readonly active = new Set<Site>();

  constructor(private readonly scopes: Scopes) {}

  /**
   * The import or builtin an expression refers to: an identifier, an attribute chain, a call (its
   * callee's path plus `'()'`), through `import m as a`, `from m import n as a`, names bound once to a
   * resolvable expression (`run = subprocess.run`, `client = OpenAI()`), `self.x`/`cls.x` and class
   * attributes bound once, `with … as x`, `await`, `__import__('m')` and `importlib.import_module('m')`.
   * Unshadowed builtins give `{ module: null, path: [name] }`; parameters, local definitions and names
   * bound more than once to different things give null.
   */
  resolve(node: SyntaxNode, depth = 0): ResolvedRef | null {
    const cached = this.memo.get(node.id);
    if (cached !== undefined) return cached;
    if (depth > MAX_DEPTH) return null;
    const ref = this.compute(node, depth);
    this.memo.set(node.id, ref);
    return ref;
  }

  private compute(node: SyntaxNode, depth: number): ResolvedRef | null {
    switch (node.type) {
      case 'parenthesized_expression':
      case 'await': {
        const inner = node.namedChildren.find((c) => c && c.type !== 'comment');
        return inner ? this.resolve(inner, depth + 1) : null;
      }
      case 'identifier':
        return this.identifier(node, depth);
      case 'attribute': {
        const object = node.childForFieldName('object');
        const name = node.childForFieldName('attribute')?.text;
        if (!object || !name) return null;
        const base = this.resolve(object, depth + 1);
        if (base) return { module: base.module, path: [...base.path, name] };
        const cls = this.classOf(object);
        return cls ? this.classAttribute(cls, name, depth) : null;
      }
      case 'call': {
        const fn = node.childForFieldName('function');
        if (!fn) return null;
        const callee = this.resolve(fn, depth + 1);
        if (!callee) return null;
        const imported = dynamicImport(callee, node);
        if (imported !== undefined) return imported;
        return { module: callee.module, path: [...callee.path, '()'] };
      }
      default:
        return null;
    }
  }

  private identifier(node: SyntaxNode, depth: number): ResolvedRef | null {
    const name = node.text;
    const found = this.scopes.lookupNode(node);
    if (!found) {
      if (BUILTINS.has(name)) return { module: null, path: [name] };
      const wildcards = this.scopes.wildcardModules();
      return wildcards.length === 1 ? { module: wildcards[0], path: [name] } : null;
    }
    return this.sites(found.sites, depth);
  }

  /**
   * The one thing every site of a name resolves to, or null. `x = None` beside an import is the
   * optional-dependency idiom (`try: import m / except ImportError: m = None`) and does not count.
   */
  private sites(sites: readonly Site[], depth: number): ResolvedRef | null {
    let result: ResolvedRef | null = null;
    for (const site of sites) {
      if (sites.length > 1 && site.kind === 'assign' && site.value?.type === 'none') continue;
      const ref = this.site(site, depth);
      if (!ref || (result && !sameRef(ref, result))) return null;
      result = ref;
    }
    return result;
  }

  private site(site: Site, depth: number): ResolvedRef | null {
    if (site.kind === 'import') return { module: site.module!, path: site.path! };
    if (site.kind !== 'assign' && site.kind !== 'walrus' && site.kind !== 'with') return null;
    if (site.unpack.length > 0 || !site.value || this.active.has(site)) return null;
    this.active.add(site);
    try {
      return this.resolve(site.value, depth + 1);
    } finally {
      this.active.delete(site);
    }
  }

  /**
   * The class whose attributes `node` reads: `self`/`cls` (first parameter of a method that is not a
   * `@staticmethod`) or the name of a class defined once in this file.
   */
  classOf(node: SyntaxNode): SyntaxNode | null {
    if (node.type !== 'identifier') return null;
    const found = this.scopes.lookupNode(node);
    if (!found || found.sites.length !== 1) return null;
    const site = found.sites[0];
    if (site.kind === 'class') return site.value;
    if (site.kind !== 'param' || site.index !== 0 || site.paramKind !== 'positional') return null;
    return methodClass(site.fn!);
  }

  /** The value bound once to attribute `name` of a class (`self.name = …` or `name = …` in its body). */
  classAttributeValue(cls: SyntaxNode, name: string): SyntaxNode | null {
    const values = this.attributes(cls).values.get(name);
    return values?.length === 1 ? values[0] : null;
  }

  private classAttribute(cls: SyntaxNode, name: string, depth: number): ResolvedRef | null {
    const value = this.classAttributeValue(cls, name);
    return value ? this.resolve(value, depth + 1) : null;
  }

  /** Every `self.x = …` in the methods of a class and every name its body binds. */
  private attributes(cls: SyntaxNode): ClassAttributes {
    let attrs = this.classes.get(cls.id);
    if (attrs) return attrs;
    attrs = { values: new Map() };
    this.classes.set(cls.id, attrs);
    const values = attrs.values;
    const push = (name: string, value: SyntaxNode | null) => {
      const list = values.get(name);
      if (list) list.push(value);
      else values.set(name, [value]);
    };
    for (const [name, sites] of this.scopes.info(cls).sites) {
      for (const s of sites) push(name, s.kind === 'assign' && s.unpack.length === 0 ? s.value : null);
    }
    const body = cls.childForFieldName('body');
    for (const member of body?.namedChildren ?? []) {
      const fn = member?.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
      if (fn?.type !== 'function_definition' || !methodClass(fn)) continue;
      const receiver = receiverName(fn);
      if (!receiver) continue;
      for (const a of fn.descendantsOfType(['assignment', 'augmented_assignment'])) {
        if (!a) continue;
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (!left) continue;
        const direct = a.type === 'assignment' && right && right.type !== 'assignment' ? right : null;
        for (const target of attributeTargets(left)) {
          const object = target.childForFieldName('object');
          const attr = target.childForFieldName('attribute');
          if (object?.type === 'identifier' && object.text === receiver && attr) push(attr.text, target.equals(left) ? direct : null);
        }
      }
    }
    return attrs;
  }
}

/** The attribute targets of an assignment's left side (`self.a`, or each of `self.a, self.b`). */
function attributeTargets(left: SyntaxNode): SyntaxNode[] {
  if (left.type === 'attribute') return [left];
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
    return left.namedChildren.filter((c): c is SyntaxNode => c?.type === 'attribute');
  }
  return [];
}

/** The name of a method's first parameter (`self`, `cls`), or null. */
function receiverName(fn: SyntaxNode): string | null {
  const first = fn.childForFieldName('parameters')?.namedChildren.find((p) => p && p.type !== 'comment');
  if (!first) return null;
  if (first.type === 'identifier') return first.text;
  if (first.type === 'typed_parameter') return first.namedChildren[0]?.type === 'identifier' ? first.namedChildren[0].text : null;
  return null;
}

/** The class a function is a method of (defined directly in its body, not a `@staticmethod`), or null. */
export function methodClass(fn: SyntaxNode): SyntaxNode | null {
  if (fn.type !== 'function_definition') return null;
  let holder = fn.parent;
  if (holder?.type === 'decorated_definition') {
    const decorators = holder.namedChildren.filter((c) => c?.type === 'decorator');
    if (decorators.some((d) => lastName(d!.namedChildren[0]) === 'staticmethod')) return null;
    holder = holder.parent;
  }
  const cls = holder?.type === 'block' ? holder.parent : null;
  return cls?.type === 'class_definition' && fieldOf(cls, holder!) === 'body' ? cls : null;
}

/** `__import__('m')` → m (its top package unless `fromlist` is given), `importlib.import_module('m')` → m. */
function dynamicImport(callee: ResolvedRef, call: SyntaxNode): ResolvedRef | null | undefined {
  const isDunder = callee.module === null && callee.path.length === 1 && callee.path[0] === '__import__';
  const isImportModule = callee.module === 'importlib' && callee.path.length === 1 && callee.path[0] === 'import_module';
  if (!isDunder && !isImportModule) return undefined;
  const args = call.childForFieldName('arguments');
  const first = args?.namedChildren.find((c) => c && c.type !== 'comment');
  const name = stringValue(first);
  if (!name || name.startsWith('.')) return null;
  const hasFromlist = (args?.namedChildren.filter((c) => c && c.type !== 'comment').length ?? 0) > 3;
  return { module: isDunder && !hasFromlist ? name.split('.')[0] : name, path: [] };
}

function sameRef(a: ResolvedRef, b: ResolvedRef): boolean {
  return a.module === b.module && a.path.length === b.path.length && a.path.every((p, i) => p === b.path[i]);
}

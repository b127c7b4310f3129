import { dottedName } from './ast';
import { NodeIndex } from './nodes';
import type { SyntaxNode } from './parse';

/** The kinds of node that open a Python scope. Comprehensions have their own scope, as in Python 3. */
const SCOPE_TYPES = new Set([
  'module',
  'function_definition',
  'lambda',
  'class_definition',
  'list_comprehension',
  'set_comprehension',
  'dictionary_comprehension',
  'generator_expression',
]);
const MAX_UNPACK = 64;
/** The `unpack` of the many sites bound to a whole value, shared. */
const WHOLE: readonly UnpackStep[] = Object.freeze([]);
/** The `globals` and `nonlocals` of the many scopes that declare none (never added to). */
const NO_NAMES: Set<string> = new Set();
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** Node kinds that bind names; found in one look-up of the file's node index. */
const BINDING_NODES = [
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'function_definition',
  'class_definition',
  'lambda',
  'for_statement',
  'for_in_clause',
  'with_item',
  'except_clause',
  'delete_statement',
  'global_statement',
  'nonlocal_statement',
  'case_pattern',
  'type_alias_statement',
];

/** How a binding site binds its name. */
export type SiteKind =
  | 'import'
  | 'assign'
  | 'augassign'
  | 'walrus'
  | 'param'
  | 'def'
  | 'class'
  | 'for'
  | 'with'
  | 'except'
  | 'del'
  | 'unknown';

/** Positional index inside an unpacked value: a tuple/list position, or `*` for a starred target. */
export type UnpackStep = number | '*';

/** One place where a name is bound. */
export interface Site {
  kind: SiteKind;
  name: string;
  /** The identifier being bound (the `def`'s name, the alias of an import, the target of an assignment). */
  id: SyntaxNode;
  /** Where the binding happens (assignment, import, for statement, parameter…): its start orders sites. */
  stmt: SyntaxNode;
  /** The scope node the name belongs to. */
  scope: SyntaxNode;
  /**
   * The bound value: the right side of an assignment (or of `+=`), the iterated expression of `for`, the
   * context expression of `with`, the default of a parameter (or null), the definition of `def`/`class`.
   */
  value: SyntaxNode | null;
  /** Positions inside `value` the name is unpacked from (`a, (b, c) = v` → b: [1, 0]); `[]` for the whole. */
  unpack: readonly UnpackStep[];
  /** For imports: the module (relative ones keep their dots: `.utils`) and the path inside it. */
  module?: string;
  path?: string[];
  /** For parameters: the function, the parameter's position and how it is passed. */
  fn?: SyntaxNode;
  index?: number;
  paramKind?: 'positional' | 'keyword' | 'args' | 'kwargs';
  /** For `+=` and friends: the operator. */
  operator?: string;
}

/** The names one scope binds. */
export interface ScopeInfo {
  node: SyntaxNode;
  kind: 'module' | 'function' | 'class' | 'comprehension';
  sites: Map<string, Site[]>;
  /** Names declared `global` (functions) and `nonlocal`. */
  globals: Set<string>;
  nonlocals: Set<string>;
}

/** A name found along a scope chain. */
export interface Lookup {
  scope: ScopeInfo;
  sites: Site[];
}

/**
 * Scopes and binding sites of one Python file, collected on first use in one pass over the binding
 * nodes (from the file's node index). Python's rules: any binding in a function makes the
 * name local to the whole function; class bodies are not visible from their methods; `global` and
 * `nonlocal` redirect writes; comprehensions have their own scope for their targets.
 */
export class Scopes {
  private infos: Map<number, ScopeInfo> | null = null;
  /** Whether {@link all} has collected every binding (look-ups are memoised from then on). */
  private collected = false;
  /** What each identifier asked about refers to, by node id (null: unbound). */
  private readonly lookups = new Map<number, Lookup | null>();
  private regions: Region[] | null = null;
  /** See {@link moduleChain}. */
  private topChain: readonly ScopeInfo[] | undefined;
  /** Names imported by `from m import *`: the modules, in source order. */
  private wildcards: string[] = [];

  constructor(
    private readonly module: SyntaxNode,
    private readonly nodes: NodeIndex = new NodeIndex(module),
  ) {}

  /** The scope information of a scope node (see {@link SCOPE_TYPES}). */
  info(scope: SyntaxNode): ScopeInfo {
    const infos = this.all();
    let info = infos.get(scope.id);
    if (!info) {
      info = newInfo(scope);
      infos.set(scope.id, info);
    }
    return info;
  }

  /** The module's scope. */
  get moduleScope(): ScopeInfo {
    return this.info(this.module);
  }

  /** Modules of `from m import *` statements at module level. */
  wildcardModules(): readonly string[] {
    this.all();
    return this.wildcards;
  }

  /**
   * The scopes a name used at `node` is looked up in, innermost first: class bodies only when `node`
   * is directly in one, the enclosing scope for decorators, defaults and annotations of a function, and
   * for the first iterable of a comprehension. Found by position among the file's scope regions (a binary
   * search; the chain itself is kept per region). Not kept per node: hardly any node is asked about twice
   * (84 of 2,236 questions on a 2,200-line file), and {@link lookupNode} keeps its answers.
   */
  chainOf(node: SyntaxNode): readonly ScopeInfo[] {
    // Regions start after their scope node does (at the parameters, the body, past the bracket), so a
    // node starting inside one lies inside it: its end need not be asked.
    const start = node.startIndex;
    const regions = this.scopeRegions();
    // The last region starting at or before the node; then up through the enclosing regions.
    let lo = 0;
    let hi = regions.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (regions[mid].start <= start) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    let r: Region | null | undefined = at >= 0 ? regions[at] : null;
    while (r && !(start < r.end && !r.exclusions.some(([a, b]) => start >= a && start < b))) r = r.parent;
    return r ? this.regionChain(r) : this.moduleChain();
  }

  /** The chain of code outside every region: the module's scope alone (one array, shared). */
  private moduleChain(): readonly ScopeInfo[] {
    return (this.topChain ??= [this.moduleScope]);
  }

  /** The chain of code directly inside a region: its scope, then the enclosing ones without class bodies. */
  private regionChain(r: Region): readonly ScopeInfo[] {
    if (r.chain) return r.chain;
    const scopes = [this.info(r.node)];
    for (let p = r.parent; p; p = p.parent) if (p.node.type !== 'class_definition') scopes.push(this.info(p.node));
    scopes.push(this.moduleScope);
    r.chain = scopes;
    return scopes;
  }

  /** The region of every scope node but the module, sorted by start, each with its enclosing region. */
  private scopeRegions(): Region[] {
    if (this.regions) return this.regions;
    const regions: Region[] = [];
    for (const n of this.nodes.ofType([...SCOPE_TYPES].filter((t) => t !== 'module'))) {
      const r = n ? regionOf(n) : null;
      if (r) regions.push(r);
    }
    regions.sort((a, b) => a.start - b.start || b.end - a.end);
    const open: Region[] = [];
    for (const r of regions) {
      while (open.length > 0 && open[open.length - 1].end < r.end) open.pop();
      // A lambda in a default value belongs to the scope around the function.
      let i = open.length - 1;
      while (i >= 0 && open[i].exclusions.some(([a, b]) => r.start >= a && r.end <= b)) i--;
      r.parent = i >= 0 ? open[i] : null;
      open.push(r);
    }
    this.regions = regions;
    return regions;
  }

  /** The innermost scope of `node` (its own scope when it opens one and sits inside it). */
  scopeOf(node: SyntaxNode): ScopeInfo {
    return this.chainOf(node)[0];
  }

  /** The sites of `name` along `chain`, following `global` declarations; null when the name is unbound. */
  lookup(name: string, chain: readonly ScopeInfo[]): Lookup | null {
    for (let i = 0; i < chain.length; i++) {
      const scope = chain[i];
      if (scope.globals.has(name)) {
        const sites = this.moduleScope.sites.get(name);
        return sites ? { scope: this.moduleScope, sites } : null;
      }
      if (scope.nonlocals.has(name)) continue;
      const sites = scope.sites.get(name);
      if (sites) return { scope, sites };
    }
    return null;
  }

  /** The sites of the name an identifier refers to where it is used (shared: do not modify). */
  lookupNode(id: SyntaxNode): Lookup | null {
    const known = this.lookups.get(id.id);
    if (known !== undefined) return known;
    const found = this.lookup(id.text, this.chainOf(id));
    // Bindings are complete once collected; a look-up made while collecting is not kept.
    if (this.collected) this.lookups.set(id.id, found);
    return found;
  }

  private all(): Map<number, ScopeInfo> {
    if (this.infos) return this.infos;
    const infos = new Map<number, ScopeInfo>();
    this.infos = infos;
    const moduleInfo = newInfo(this.module);
    infos.set(this.module.id, moduleInfo);
    const nodes = this.nodes.ofType(BINDING_NODES);
    // Declarations first: they decide where the writes of a function go.
    for (const n of nodes) {
      if (n.type !== 'global_statement' && n.type !== 'nonlocal_statement') continue;
      const scope = this.scopeOf(n);
      // Scopes start with the shared empty set; the first declaration gives them their own.
      if (n.type === 'global_statement' && scope.globals === NO_NAMES) scope.globals = new Set();
      if (n.type === 'nonlocal_statement' && scope.nonlocals === NO_NAMES) scope.nonlocals = new Set();
      const set = n.type === 'global_statement' ? scope.globals : scope.nonlocals;
      for (const id of n.namedChildren) if (id?.type === 'identifier') set.add(id.text);
    }
    for (const n of nodes) this.collect(n);
    this.collected = true;
    return infos;
  }

  /** Adds a site to the scope its name belongs to. */
  private add(site: Omit<Site, 'scope' | 'name'>, at: SyntaxNode = site.stmt): void {
    const name = site.id.text;
    let scope = this.bindingScope(at);
    if (scope.globals.has(name)) scope = this.moduleScope;
    else if (scope.nonlocals.has(name)) {
      // A write to an enclosing function's variable: that variable is no longer bound once.
      const outer = this.chainOf(scope.node).find((s) => s.kind === 'function' && s.sites.has(name));
      if (!outer) return;
      scope = outer;
      site = { ...site, kind: 'unknown' };
    }
    // Built field by field: a spread of the differently shaped site literals is slow, and there are many.
    const full: Site = { kind: site.kind, id: site.id, stmt: site.stmt, value: site.value, unpack: site.unpack, name, scope: scope.node };
    if ('module' in site) full.module = site.module;
    if ('path' in site) full.path = site.path;
    if ('operator' in site) full.operator = site.operator;
    if ('fn' in site) full.fn = site.fn;
    if ('index' in site) full.index = site.index;
    if ('paramKind' in site) full.paramKind = site.paramKind;
    const list = scope.sites.get(name);
    if (list) list.push(full);
    else scope.sites.set(name, [full]);
  }

  /** Where a binding made at `node` lands: its scope, except that `:=` skips comprehensions. */
  private bindingScope(node: SyntaxNode): ScopeInfo {
    const chain = this.chainOf(node);
    if (node.type !== 'named_expression') return chain[0];
    return chain.find((s) => s.kind !== 'comprehension') ?? this.moduleScope;
  }

  private collect(n: SyntaxNode): void {
    switch (n.type) {
      case 'import_statement':
        return this.importStatement(n);
      case 'import_from_statement':
        return this.fromStatement(n);
      case 'assignment': {
        const right = n.childForFieldName('right');
        const left = n.childForFieldName('left');
        // `x: int` alone declares without binding.
        if (!left || !right) return;
        // `a = b = v`: the inner assignment is the value of the outer one; both targets get `v`.
        let value: SyntaxNode = right;
        while (value.type === 'assignment' && value.childForFieldName('right')) value = value.childForFieldName('right')!;
        return this.targets(left, WHOLE, (id, unpack) => this.add({ kind: 'assign', id, stmt: n, value, unpack }));
      }
      case 'augmented_assignment': {
        const left = n.childForFieldName('left');
        const operator = n.childForFieldName('operator')?.text;
        if (left?.type === 'identifier') {
          this.add({ kind: 'augassign', id: left, stmt: n, value: n.childForFieldName('right'), unpack: WHOLE, operator });
        }
        return;
      }
      case 'named_expression': {
        const id = n.childForFieldName('name');
        if (id?.type === 'identifier') this.add({ kind: 'walrus', id, stmt: n, value: n.childForFieldName('value'), unpack: WHOLE });
        return;
      }
      case 'function_definition':
      case 'class_definition': {
        const id = n.childForFieldName('name');
        const kind = n.type === 'class_definition' ? 'class' : 'def';
        if (id) this.add({ kind, id, stmt: n, value: n, unpack: WHOLE }, definitionStatement(n));
        if (n.type === 'function_definition') this.parameters(n);
        return;
      }
      case 'lambda':
        return this.parameters(n);
      case 'for_statement':
      case 'for_in_clause': {
        const left = n.childForFieldName('left');
        const right = n.childForFieldName('right');
        if (left) this.targets(left, ['*'], (id, unpack) => this.add({ kind: 'for', id, stmt: n, value: right, unpack }));
        return;
      }
      case 'with_item': {
        const value = n.childForFieldName('value');
        if (value?.type !== 'as_pattern') return;
        const target = value.childForFieldName('alias')?.namedChildren[0];
        const context = value.namedChildren[0];
        if (target && context) this.targets(target, WHOLE, (id, unpack) => this.add({ kind: 'with', id, stmt: n, value: context, unpack }));
        return;
      }
      case 'except_clause': {
        const value = n.childForFieldName('value');
        const target = value?.type === 'as_pattern' ? value.childForFieldName('alias')?.namedChildren[0] : null;
        if (target?.type === 'identifier') this.add({ kind: 'except', id: target, stmt: n, value: null, unpack: WHOLE });
        return;
      }
      case 'delete_statement':
        for (const target of n.namedChildren) {
          if (target?.type === 'identifier') this.add({ kind: 'del', id: target, stmt: n, value: null, unpack: WHOLE });
          else if (target?.type === 'expression_list') {
            for (const t of target.namedChildren) if (t?.type === 'identifier') this.add({ kind: 'del', id: t, stmt: n, value: null, unpack: WHOLE });
          }
        }
        return;
      case 'case_pattern':
        // Capture patterns of `match` bind names whatever the subject: their values are unknown here.
        for (const id of n.descendantsOfType('identifier')) {
          if (id && isCaptureName(id)) this.add({ kind: 'unknown', id, stmt: n, value: null, unpack: WHOLE });
        }
        return;
      case 'type_alias_statement': {
        const id = n.namedChildren[0]?.namedChildren[0];
        if (id?.type === 'identifier') this.add({ kind: 'unknown', id, stmt: n, value: null, unpack: WHOLE });
        return;
      }
      default:
        return;
    }
  }

  private importStatement(n: SyntaxNode): void {
    for (const name of n.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'aliased_import') {
        const module = dottedName(name.childForFieldName('name'));
        const alias = name.childForFieldName('alias');
        if (module && alias) this.add({ kind: 'import', id: alias, stmt: n, value: null, unpack: WHOLE, module, path: [] });
        continue;
      }
      const module = dottedName(name);
      const first = name.namedChildren[0];
      // `import os.path` binds `os`, the top package.
      if (module && first) this.add({ kind: 'import', id: first, stmt: n, value: null, unpack: WHOLE, module: module.split('.')[0], path: [] });
    }
  }

  private fromStatement(n: SyntaxNode): void {
    const source = n.childForFieldName('module_name');
    if (!source) return;
    let module: string | null;
    if (source.type === 'relative_import') {
      const prefix = source.namedChildren.find((c) => c?.type === 'import_prefix')?.text.replace(/\s/g, '') ?? '';
      const dotted = source.namedChildren.find((c) => c?.type === 'dotted_name');
      module = prefix + (dotted ? (dottedName(dotted) ?? '') : '');
    } else {
      module = dottedName(source);
    }
    if (!module) return;
    if (n.namedChildren.some((c) => c?.type === 'wildcard_import')) {
      if (this.scopeOf(n).kind === 'module') this.wildcards.push(module);
      return;
    }
    for (const name of n.childrenForFieldName('name')) {
      if (!name) continue;
      const dotted = name.type === 'aliased_import' ? name.childForFieldName('name') : name;
      const imported = dottedName(dotted);
      const id = name.type === 'aliased_import' ? name.childForFieldName('alias') : dotted?.namedChildren[0];
      if (imported && id) this.add({ kind: 'import', id, stmt: n, value: null, unpack: WHOLE, module, path: imported.split('.') });
    }
  }

  /** Binds the parameters of a function or lambda in its own scope. */
  private parameters(fn: SyntaxNode): void {
    const params = fn.childForFieldName('parameters');
    if (!params) return;
    let index = 0;
    let keywordOnly = false;
    const scope = this.info(fn);
    for (const p of params.namedChildren) {
      if (!p) continue;
      let id: SyntaxNode | null = null;
      let value: SyntaxNode | null = null;
      let paramKind: Site['paramKind'] = keywordOnly ? 'keyword' : 'positional';
      switch (p.type) {
        case 'identifier':
          id = p;
          break;
        case 'typed_parameter':
          id = p.namedChildren[0] ?? null;
          if (id?.type === 'list_splat_pattern' || id?.type === 'dictionary_splat_pattern') {
            paramKind = id.type === 'list_splat_pattern' ? 'args' : 'kwargs';
            if (paramKind === 'args') keywordOnly = true;
            id = id.namedChildren[0] ?? null;
          }
          break;
        case 'default_parameter':
        case 'typed_default_parameter':
          id = p.childForFieldName('name');
          value = p.childForFieldName('value');
          break;
        case 'list_splat_pattern':
          id = p.namedChildren[0] ?? null;
          paramKind = 'args';
          keywordOnly = true;
          break;
        case 'dictionary_splat_pattern':
          id = p.namedChildren[0] ?? null;
          paramKind = 'kwargs';
          break;
        case 'keyword_separator':
          keywordOnly = true;
          continue;
        default:
          continue;
      }
      if (id?.type !== 'identifier') continue;
      const site: Site = { kind: 'param', name: id.text, id, stmt: p, scope: fn, value, unpack: WHOLE, fn, index, paramKind };
      const list = scope.sites.get(site.name);
      if (list) list.unshift(site);
      else scope.sites.set(site.name, [site]);
      if (paramKind === 'positional') index++;
    }
  }

  /** Calls `bind` for every name a target binds, with its unpacking path. */
  private targets(target: SyntaxNode, unpack: readonly UnpackStep[], bind: (id: SyntaxNode, unpack: readonly UnpackStep[]) => void): void {
    // Deeper unpacking than this is not written by people; its names stay unbound here.
    if (unpack.length > MAX_UNPACK) return;
    switch (target.type) {
      case 'identifier':
        bind(target, unpack);
        return;
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list': {
        let i = 0;
        for (const t of target.namedChildren) {
          if (!t || t.type === 'comment') continue;
          if (t.type === 'list_splat_pattern' || t.type === 'list_splat') {
            const inner = t.namedChildren[0];
            if (inner) this.targets(inner, [...unpack, '*'], bind);
          } else this.targets(t, [...unpack, i], bind);
          i++;
        }
        return;
      }
      case 'parenthesized_expression': {
        const inner = target.namedChildren[0];
        if (inner) this.targets(inner, unpack, bind);
        return;
      }
      default:
        // Attributes and subscripts (`self.x = …`, `d[k] = …`) bind no name.
        return;
    }
  }
}

function newInfo(node: SyntaxNode): ScopeInfo {
  const kind = node.type === 'module' ? 'module' : node.type === 'class_definition' ? 'class' : COMPREHENSIONS.has(node.type) ? 'comprehension' : 'function';
  return { node, kind, sites: new Map(), globals: NO_NAMES, nonlocals: NO_NAMES };
}

/** Where a scope's names are visible: `[start, end)` minus the parts evaluated outside it. */
interface Region {
  node: SyntaxNode;
  start: number;
  end: number;
  exclusions: Array<[number, number]>;
  /** The innermost region holding this one. */
  parent?: Region | null;
  chain?: readonly ScopeInfo[];
}

/**
 * The region of a scope node: a function's parameters and body without its defaults and annotations
 * (evaluated in the enclosing scope), a class's body, a comprehension without its first iterable.
 */
function regionOf(n: SyntaxNode): Region | null {
  if (COMPREHENSIONS.has(n.type)) {
    const first = n.namedChildren.find((c) => c?.type === 'for_in_clause');
    const iter = first?.childForFieldName('right');
    return { node: n, start: n.startIndex + 1, end: n.endIndex, exclusions: iter ? [[iter.startIndex, iter.endIndex]] : [] };
  }
  const body = n.childForFieldName('body');
  if (!body) return null;
  if (n.type === 'class_definition') return { node: n, start: body.startIndex, end: body.endIndex, exclusions: [] };
  const params = n.childForFieldName('parameters');
  const exclusions: Array<[number, number]> = [];
  for (const p of params?.namedChildren ?? []) {
    for (const outside of [p?.childForFieldName('value'), p?.childForFieldName('type')]) {
      if (outside) exclusions.push([outside.startIndex, outside.endIndex]);
    }
  }
  const returns = n.childForFieldName('return_type');
  if (returns) exclusions.push([returns.startIndex, returns.endIndex]);
  return { node: n, start: params?.startIndex ?? body.startIndex, end: body.endIndex, exclusions };
}

/** The field name under which `child` hangs from `parent`, or null. */
export function fieldOf(parent: SyntaxNode, child: SyntaxNode): string | null {
  for (let i = 0; i < parent.childCount; i++) {
    const c = parent.child(i);
    if (c && c.id === child.id) return parent.fieldNameForChild(i);
  }
  return null;
}

/** The statement a definition binds at: the decorated definition around it, if any. */
function definitionStatement(def: SyntaxNode): SyntaxNode {
  const parent = def.parent;
  return parent?.type === 'decorated_definition' ? parent : def;
}

/** An identifier in a `case` pattern that captures (not a dotted value pattern, not a keyword name). */
function isCaptureName(id: SyntaxNode): boolean {
  const parent = id.parent;
  if (!parent) return false;
  if (parent.type === 'dotted_name') return parent.namedChildCount === 1 && parent.parent?.type !== 'class_pattern';
  if (parent.type === 'keyword_pattern') return !id.equals(parent.namedChildren[0]!);
  return parent.type === 'as_pattern_target' || parent.type === 'splat_pattern' || parent.type === 'case_pattern';
}

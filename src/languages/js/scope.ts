import type * as t from '@babel/types';
import { propertyName } from './ast';
import type { JsNode } from './parse';
import { walkJs } from './traverse';

/** How a name was declared. */
export type BindingKind = 'import' | 'var' | 'param' | 'function' | 'class' | 'catch' | 'for';

/** A declared name and what it is bound to. */
export interface Binding {
  name: string;
  kind: BindingKind;
  /** The identifier in the declaration. */
  id: JsNode;
  /** The scope (Program or function) the name belongs to. */
  scope: JsNode;
  /**
   * For `var`: the initialiser being destructured; for `for`: the iterated expression; for `param`:
   * the default value if any; otherwise null.
   */
  init: JsNode | null;
  /** Property path inside `init` (or inside the parameter) the name is bound to; `[]` is the whole value. */
  path: string[];
  /** For imports: the module specifier and the imported name (`default`, `*` or a name). */
  module?: string;
  imported?: string;
  /** For parameters: the function and the parameter's position. */
  fn?: JsNode;
  paramIndex?: number;
}

/** An assignment `name = value` (or `+=`) found in a scope. */
export interface Assignment {
  value: JsNode;
  start: number;
}

/** Declarations and assignments of one scope, by name. */
export interface ScopeInfo {
  bindings: Map<string, Binding>;
  assignments: Map<string, Assignment[]>;
}

/** Node types that open a scope for {@link ScopeInfo}; block scoping is folded into the function. */
export function isScopeNode(node: JsNode): boolean {
  switch (node.type) {
    case 'Program':
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
      return true;
    default:
      return false;
  }
}

/**
 * The innermost function (or the Program) around a node whose ancestors have parent pointers: where
 * rules look for guards and related calls "in the same function".
 */
export function enclosingFunction(node: JsNode): JsNode {
  let n: JsNode | null | undefined = node.parent;
  while (n && !isScopeNode(n)) n = n.parent;
  return n ?? node;
}

function isFunction(node: JsNode): boolean {
  return node.type !== 'Program' && isScopeNode(node);
}

/** Ancestors a chain look-up walks to its nearest scope before it caches the nodes on the way (deep nesting). */
const MAX_UNCACHED_HOPS = 32;

/**
 * Lazily computed scope information. Block scopes are folded into their function (a simplification
 * that only matters for shadowing inside blocks); the first declaration of a name wins.
 */
export class Scopes {
  /** Per file, like the tree: plain Maps, dropped with the helpers (cheaper than WeakMaps for the collector). */
  private readonly cache = new Map<JsNode, ScopeInfo>();
  /** Scope chain *inside* a node (the node itself included when it is a scope): scopes, and nodes of deep nesting. */
  private readonly chains = new Map<JsNode, readonly JsNode[]>();
  private collectedAll = false;

  constructor(
    /** Every node of the file in source order, when the traversal has collected them (see {@link collectAll}). */
    private readonly nodes: () => readonly JsNode[] | null = () => null,
  ) {}

  /** Declarations and assignments of a scope node. */
  info(scope: JsNode): ScopeInfo {
    let info = this.cache.get(scope);
    if (info) return info;
    if (!this.collectedAll) {
      // The first look-up after the traversal collects every scope in one pass over the node list.
      const nodes = this.nodes();
      if (nodes) {
        this.collectedAll = true;
        collectAll(nodes, this.cache);
        info = this.cache.get(scope);
        if (info) return info;
      }
    }
    info = collect(scope);
    this.cache.set(scope, info);
    return info;
  }

  /**
   * The enclosing scope nodes of a node whose ancestors have parent pointers, innermost first. Chains
   * are cached on scope nodes; deep nesting caches every node passed on the way up (see {@link chainThrough}),
   * so long member/call chains stay linear.
   */
  chainOf(node: JsNode): readonly JsNode[] {
    // The scope nodes above `node` up to the first whose chain is known; only scope nodes are cached, unless
    // more than MAX_UNCACHED_HOPS other nodes separate two of them (then every node passed is, as in `chainThrough`).
    let scopes: JsNode[] | null = null;
    let chain: readonly JsNode[] = [];
    let hops = 0;
    for (let n = node.parent; n; n = n.parent) {
      if (!isScopeNode(n)) {
        if (++hops > MAX_UNCACHED_HOPS) return this.chainThrough(node);
        continue;
      }
      const cached = this.chains.get(n);
      if (cached) {
        chain = cached;
        break;
      }
      (scopes ??= []).push(n);
      hops = 0;
    }
    if (scopes) {
      for (let i = scopes.length - 1; i >= 0; i--) {
        chain = [scopes[i], ...chain];
        this.chains.set(scopes[i], chain);
      }
    }
    return chain;
  }

  /** {@link chainOf} for deep nesting: caches the chain on every node passed on the way up, so that walks stay linear. */
  private chainThrough(node: JsNode): readonly JsNode[] {
    const pending: JsNode[] = [];
    let chain: readonly JsNode[] = [];
    for (let n = node.parent; n; n = n.parent) {
      const cached = this.chains.get(n);
      if (cached) {
        chain = cached;
        break;
      }
      pending.push(n);
    }
    // Walk back down, extending the chain at each scope node and caching it for every node passed.
    for (let i = pending.length - 1; i >= 0; i--) {
      const p = pending[i];
      if (isScopeNode(p)) chain = [p, ...chain];
      this.chains.set(p, chain);
    }
    return chain;
  }

  /** Finds the binding a name refers to along a scope chain, with the chain position it was found at. */
  lookup(name: string, chain: readonly JsNode[]): { binding: Binding; depth: number } | null {
    for (let i = 0; i < chain.length; i++) {
      const b = this.info(chain[i]).bindings.get(name);
      if (b) return { binding: b, depth: i };
    }
    return null;
  }
}

/** Which children of a node {@link collect} walks into. */
const enum Descend {
  All,
  None,
  /** A `for … of` / `for … in` whose declared names were bound: its iterated expression and body, not the declaration. */
  NotLeft,
}

/** A scope's info with its parameters (and a function expression's own name) bound. */
function scopeStart(scope: JsNode): ScopeInfo {
  const info: ScopeInfo = { bindings: new Map(), assignments: new Map() };
  if (isFunction(scope)) {
    const fn = scope as t.Function & JsNode;
    fn.params.forEach((p, i) => {
      bindPattern(p as JsNode, [], (id, path, dflt) =>
        add(info, { name: id.name, kind: 'param', id, scope, init: dflt, path, fn: scope, paramIndex: i }),
      );
    });
    if (fn.type === 'FunctionExpression' && fn.id) {
      add(info, { name: fn.id.name, kind: 'function', id: fn.id as JsNode, scope, init: null, path: [] });
    }
  }
  return info;
}

function add(info: ScopeInfo, b: Binding): void {
  if (!info.bindings.has(b.name)) info.bindings.set(b.name, b);
}

/** Records in `info` what a node of `scope` declares or assigns, and says which of its children belong to the scope too. */
function record(info: ScopeInfo, scope: JsNode, node: JsNode): Descend {
  switch (node.type) {
    case 'VariableDeclarator':
      bindDeclarator(info, scope, node as t.VariableDeclarator);
      return Descend.All;
    case 'ForOfStatement':
    case 'ForInStatement': {
      const loop = node as t.ForOfStatement | t.ForInStatement;
      if (loop.left.type !== 'VariableDeclaration') return Descend.All;
      bindLoop(info, scope, loop);
      return Descend.NotLeft;
    }
    case 'FunctionDeclaration':
    case 'ClassDeclaration': {
      const idNode = (node as t.FunctionDeclaration | t.ClassDeclaration).id;
      if (idNode) {
        const kind = node.type === 'ClassDeclaration' ? 'class' : 'function';
        add(info, { name: idNode.name, kind, id: idNode as JsNode, scope, init: null, path: [] });
      }
      return node.type === 'ClassDeclaration' ? Descend.All : Descend.None;
    }
    case 'ImportDeclaration': {
      const decl = node as t.ImportDeclaration;
      for (const s of decl.specifiers) {
        const imported =
          s.type === 'ImportSpecifier'
            ? s.imported.type === 'Identifier'
              ? s.imported.name
              : s.imported.value
            : s.type === 'ImportDefaultSpecifier'
              ? 'default'
              : '*';
        add(info, {
          name: s.local.name,
          kind: 'import',
          id: s.local as JsNode,
          scope,
          init: null,
          path: [],
          module: decl.source.value,
          imported,
        });
      }
      return Descend.None;
    }
    case 'TSImportEqualsDeclaration': {
      const decl = node as t.TSImportEqualsDeclaration;
      if (decl.moduleReference.type === 'TSExternalModuleReference') {
        add(info, {
          name: decl.id.name,
          kind: 'import',
          id: decl.id as JsNode,
          scope,
          init: null,
          path: [],
          module: decl.moduleReference.expression.value,
          imported: '*',
        });
      }
      return Descend.None;
    }
    case 'CatchClause': {
      const param = (node as t.CatchClause).param;
      if (param) bindCatch(info, scope, param as JsNode);
      return Descend.All;
    }
    case 'AssignmentExpression': {
      const a = node as t.AssignmentExpression;
      if (a.left.type === 'Identifier' && (a.operator === '=' || a.operator === '+=' || a.operator === '||=' || a.operator === '??=')) {
        const list = info.assignments.get(a.left.name);
        if (list) list.push({ value: a.right as JsNode, start: a.start! });
        else info.assignments.set(a.left.name, [{ value: a.right as JsNode, start: a.start! }]);
      }
      return Descend.All;
    }
    default:
      // Nested functions have scopes of their own; their names were bound above.
      return isFunction(node) ? Descend.None : Descend.All;
  }
}

// The binders below keep their closures out of `record`, which runs for every node: a closure there that
// captured a parameter would make every call allocate a context.

function bindDeclarator(info: ScopeInfo, scope: JsNode, d: t.VariableDeclarator): void {
  bindPattern(d.id as JsNode, [], (id, path) => add(info, { name: id.name, kind: 'var', id, scope, init: (d.init as JsNode) ?? null, path }));
}

function bindLoop(info: ScopeInfo, scope: JsNode, loop: t.ForOfStatement | t.ForInStatement): void {
  for (const d of (loop.left as t.VariableDeclaration).declarations) {
    bindPattern(d.id as JsNode, [], (id, path) => add(info, { name: id.name, kind: 'for', id, scope, init: loop.right as JsNode, path: ['[]', ...path] }));
  }
}

function bindCatch(info: ScopeInfo, scope: JsNode, param: JsNode): void {
  bindPattern(param, [], (id, path) => add(info, { name: id.name, kind: 'catch', id, scope, init: null, path }));
}

/** One scope's info: its parameters, then a walk of its body that stops at nested functions. */
function collect(scope: JsNode): ScopeInfo {
  const info = scopeStart(scope);
  const visit = (node: JsNode): boolean => {
    const descend = record(info, scope, node);
    if (descend !== Descend.NotLeft) return descend === Descend.All;
    const loop = node as t.ForOfStatement | t.ForInStatement;
    scan(loop.right as JsNode);
    scan(loop.body as JsNode);
    return false;
  };
  function scan(node: JsNode): void {
    if (visit(node) !== false) walkJs(node, visit);
  }
  scan(isFunction(scope) ? ((scope as t.Function).body as JsNode) : scope);
  return info;
}

/**
 * Every scope's info at once, from the traversal's node list (source order, parents set), into `cache`
 * (scopes already there are kept). The same as {@link collect} per scope: the nodes are those `collect`
 * walks, in the same order, each recorded in the scope whose walk reaches it; one pass instead of a tree
 * walk per scope. The ancestors of the current node are kept on a stack with the scope their children
 * belong to (null where `collect` does not walk).
 */
function collectAll(nodes: readonly JsNode[], cache: Map<JsNode, ScopeInfo>): void {
  const found = new Map<JsNode, ScopeInfo>();
  const path: JsNode[] = [];
  /** Per ancestor: the scope its children are recorded in (for a function, its own: only its body is walked). */
  const into: Array<{ scope: JsNode; info: ScopeInfo } | null> = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const parent = node.parent;
    while (path.length > 0 && path[path.length - 1] !== parent) {
      path.pop();
      into.pop();
    }
    // Not a tree with parents as the traversal set them: leave every scope to `collect`.
    if (path.length === 0 && i > 0) return;
    let owner = into.length > 0 ? into[into.length - 1] : null;
    if (owner && parent) {
      if (isFunction(parent)) {
        if (node !== (parent as t.Function).body) owner = null;
      } else if ((parent.type === 'ForOfStatement' || parent.type === 'ForInStatement') && node === parent.left && parent.left.type === 'VariableDeclaration') {
        owner = null;
      }
    }
    path.push(node);
    if (isScopeNode(node)) {
      // A function's name belongs to the scope around it; its parameters and body to its own.
      if (owner) record(owner.info, owner.scope, node);
      const own = cache.has(node) || found.has(node) ? null : scopeStart(node);
      if (own) found.set(node, own);
      into.push(own && { scope: node, info: own });
      continue;
    }
    into.push(owner && record(owner.info, owner.scope, node) !== Descend.None ? owner : null);
  }
  for (const [scope, info] of found) cache.set(scope, info);
}

/**
 * Calls `bind` for each identifier a binding pattern declares, with its property path. Array elements
 * get the path segment `[]`; rest elements keep the parent path.
 */
export function bindPattern(
  pattern: JsNode,
  path: string[],
  bind: (id: JsNode & t.Identifier, path: string[], dflt: JsNode | null) => void,
  dflt: JsNode | null = null,
): void {
  switch (pattern.type) {
    case 'Identifier':
      bind(pattern as JsNode & t.Identifier, path, dflt);
      return;
    case 'AssignmentPattern':
      bindPattern(pattern.left as JsNode, path, bind, pattern.right as JsNode);
      return;
    case 'RestElement':
      bindPattern(pattern.argument as JsNode, path, bind);
      return;
    case 'TSParameterProperty':
      bindPattern(pattern.parameter as JsNode, path, bind);
      return;
    case 'ObjectPattern':
      for (const p of pattern.properties) {
        if (p.type === 'RestElement') bindPattern(p.argument as JsNode, path, bind);
        else bindPattern(p.value as JsNode, [...path, propertyName(p) ?? '?'], bind);
      }
      return;
    case 'ArrayPattern':
      for (const e of pattern.elements) if (e) bindPattern(e as JsNode, [...path, '[]'], bind);
      return;
    default:
      return;
  }
}

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

/**
 * Lazily computed scope information. Block scopes are folded into their function (a simplification
 * that only matters for shadowing inside blocks); the first declaration of a name wins.
 */
export class Scopes {
  private readonly cache = new WeakMap<JsNode, ScopeInfo>();
  /** Scope chain *inside* a node (the node itself included when it is a scope). */
  private readonly chains = new WeakMap<JsNode, readonly JsNode[]>();

  /** Declarations and assignments of a scope node. */
  info(scope: JsNode): ScopeInfo {
    let info = this.cache.get(scope);
    if (!info) {
      info = collect(scope);
      this.cache.set(scope, info);
    }
    return info;
  }

  /**
   * The enclosing scope nodes of a node whose ancestors have parent pointers, innermost first. Chains
   * are cached on every node passed on the way up, so long member/call chains stay linear.
   */
  chainOf(node: JsNode): readonly JsNode[] {
    const pending: JsNode[] = [];
    let chain: readonly JsNode[] = [];
    for (let n: JsNode | null | undefined = node.parent; n; n = n.parent) {
      const cached = this.chains.get(n);
      if (cached) {
        chain = cached;
        break;
      }
      pending.push(n);
    }
    // Walk back down, extending the chain at each scope node and caching it for every ancestor.
    for (let i = pending.length - 1; i >= 0; i--) {
      const n = pending[i];
      if (isScopeNode(n)) chain = [n, ...chain];
      this.chains.set(n, chain);
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

function collect(scope: JsNode): ScopeInfo {
  const info: ScopeInfo = { bindings: new Map(), assignments: new Map() };
  const add = (b: Binding) => {
    if (!info.bindings.has(b.name)) info.bindings.set(b.name, b);
  };
  if (isFunction(scope)) {
    const fn = scope as t.Function & JsNode;
    fn.params.forEach((p, i) => {
      bindPattern(p as JsNode, [], (id, path, dflt) =>
        add({ name: id.name, kind: 'param', id, scope, init: dflt, path, fn: scope, paramIndex: i }),
      );
    });
    if (fn.type === 'FunctionExpression' && fn.id) {
      add({ name: fn.id.name, kind: 'function', id: fn.id as JsNode, scope, init: null, path: [] });
    }
  }
  const body = isFunction(scope) ? ((scope as t.Function).body as JsNode) : scope;
  const visit = (node: JsNode): boolean => {
    switch (node.type) {
      case 'VariableDeclarator': {
        const d = node as t.VariableDeclarator;
        bindPattern(d.id as JsNode, [], (id, path) =>
          add({ name: id.name, kind: 'var', id, scope, init: (d.init as JsNode) ?? null, path }),
        );
        return true;
      }
      case 'ForOfStatement':
      case 'ForInStatement': {
        const loop = node as t.ForOfStatement | t.ForInStatement;
        if (loop.left.type !== 'VariableDeclaration') return true;
        for (const d of loop.left.declarations) {
          bindPattern(d.id as JsNode, [], (id, path) =>
            add({ name: id.name, kind: 'for', id, scope, init: loop.right as JsNode, path: ['[]', ...path] }),
          );
        }
        scan(loop.right as JsNode);
        scan(loop.body as JsNode);
        return false;
      }
      case 'FunctionDeclaration':
      case 'ClassDeclaration': {
        const idNode = (node as t.FunctionDeclaration | t.ClassDeclaration).id;
        if (idNode) {
          const kind = node.type === 'ClassDeclaration' ? 'class' : 'function';
          add({ name: idNode.name, kind, id: idNode as JsNode, scope, init: null, path: [] });
        }
        return node.type === 'ClassDeclaration';
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
          add({
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
        return false;
      }
      case 'TSImportEqualsDeclaration': {
        const decl = node as t.TSImportEqualsDeclaration;
        if (decl.moduleReference.type === 'TSExternalModuleReference') {
          add({
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
        return false;
      }
      case 'CatchClause': {
        const param = (node as t.CatchClause).param;
        if (param) bindPattern(param as JsNode, [], (id, path) => add({ name: id.name, kind: 'catch', id, scope, init: null, path }));
        return true;
      }
      case 'AssignmentExpression': {
        const a = node as t.AssignmentExpression;
        if (a.left.type === 'Identifier' && (a.operator === '=' || a.operator === '+=' || a.operator === '||=' || a.operator === '??=')) {
          const list = info.assignments.get(a.left.name) ?? [];
          list.push({ value: a.right as JsNode, start: a.start! });
          info.assignments.set(a.left.name, list);
        }
        return true;
      }
      default:
        // Nested functions have scopes of their own; their names were bound above.
        return !isFunction(node);
    }
  };
  function scan(node: JsNode): void {
    if (visit(node) !== false) walkJs(node, visit);
  }
  scan(body);
  return info;
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

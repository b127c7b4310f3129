import type * as t from '@babel/types';
import { propertyName, unwrap } from './ast';
import type { JsNode } from './parse';
import type { Binding, Scopes } from './scope';
import { walkJs } from './traverse';

/** A call, optional call or `new` expression. */
type AnyCall = t.CallExpression | t.OptionalCallExpression | t.NewExpression;

/** Calls of a function in its own file weighed, at most; with more, its callers are not taken as known. */
const MAX_LOCAL_CALLS = 20;

/** How a function is reached from outside the file: its name for messages and whether others can call it. */
export interface FunctionExposure {
  /** `getLsResult()`, `Repo.find()`. */
  label: string;
  /** Exported (ESM or CommonJS), a public method of an exported class, or a method of an exported object. */
  exported: boolean;
  /**
   * The name other modules import it by (`default` for a default export or `module.exports = fn`), when
   * they can call it by name; null for methods of classes and for functions not exported.
   */
  importedAs: string | null;
}

/**
 * The functions of one file as their callers see them: which are exported, and the calls in the file
 * that reach each (`f(…)` for a function bound to a name, `this.m(…)` for a method of the same class).
 * Computed once per file on first use.
 */
export class Callers {
  private callsByName: Map<string, AnyCall[]> | null = null;
  /** Local name → the name other modules import it by. */
  private exportedNames: Map<string, string> | null = null;
  private readonly exposures = new WeakMap<JsNode, FunctionExposure | null>();
  /** Identifiers of the file by name, collected on first use. */
  private identifiers: Map<string, JsNode[]> | null = null;

  constructor(
    private readonly program: JsNode,
    private readonly scopes: Scopes,
    /** Every node of the file in source order, when the traversal has collected them (else the tree is walked). */
    private readonly nodes: () => readonly JsNode[] | null = () => null,
  ) {}

  /** The calls in this file that call `fn` (see the class comment); empty when it has no name. */
  callsOf(fn: JsNode): AnyCall[] {
    const named = functionName(fn);
    if (!named) return [];
    const calls = this.index().get(named.name) ?? [];
    if (named.method) {
      const cls = named.method;
      return calls.filter((c) => {
        const callee = unwrap(c.callee as JsNode);
        return callee.type === 'MemberExpression' && callee.object.type === 'ThisExpression' && enclosingClass(c as JsNode) === cls;
      });
    }
    return calls.filter((c) => {
      const callee = unwrap(c.callee as JsNode);
      if (callee.type !== 'Identifier') return false;
      const found = this.scopes.lookup(callee.name, this.scopes.chainOf(c as JsNode));
      return !!found && found.binding.id === named.id;
    });
  }

  /**
   * What the calls in this file pass to parameter `index` of `fn`: how many there are (calls inside `fn`
   * itself left out: they pass on what it was given) and whether one may pass a value `safe` rejects. A spread
   * before the parameter, more than {@link MAX_LOCAL_CALLS} calls, or a use of `fn` other than a call or an
   * export (a callback, a value stored or passed on) makes its callers unknown: `unsafe`.
   */
  parameterCallers(fn: JsNode, index: number, safe: (arg: JsNode) => boolean): { calls: number; unsafe: boolean } {
    const calls = this.callsOf(fn).filter((c) => !isWithin(c as JsNode, fn));
    if (calls.length > MAX_LOCAL_CALLS || this.usedOtherwise(fn)) return { calls: calls.length, unsafe: true };
    for (const c of calls) {
      if (c.arguments.slice(0, index + 1).some((a) => a.type === 'SpreadElement')) return { calls: calls.length, unsafe: true };
      const arg = c.arguments[index] as JsNode | undefined;
      if (arg && !safe(arg)) return { calls: calls.length, unsafe: true };
    }
    return { calls: calls.length, unsafe: false };
  }

  /**
   * Whether `fn` is referenced in this file otherwise than called or exported: `setTimeout(run)`,
   * `app.get('/', handler)`, `const f = run`, `arr.map(this.format)`. Its callers are then not all calls.
   */
  private usedOtherwise(fn: JsNode): boolean {
    const named = functionName(fn);
    if (!named) return true;
    for (const id of this.identifiersNamed(named.name)) {
      if (id === named.id || !isReference(id)) continue;
      const p = id.parent!;
      if (named.method) {
        // `this.m` used as a value in the class (or object) that holds the method.
        if (p.type === 'MemberExpression' && p.property === id && p.object.type === 'ThisExpression' && enclosingClass(p as JsNode) === named.method && !isCallee(p as JsNode)) return true;
        continue;
      }
      if (p.type === 'MemberExpression' && p.property === id && !p.computed) continue;
      const found = this.scopes.lookup(named.name, this.scopes.chainOf(id));
      if (!found || found.binding.id !== named.id) continue;
      if (isCallee(id) || isExport(id)) continue;
      return true;
    }
    return false;
  }

  /** The identifiers of the file called `name` (shared, do not modify). */
  identifiersNamed(name: string): readonly JsNode[] {
    if (!this.identifiers) {
      const index = new Map<string, JsNode[]>();
      const add = (node: JsNode) => {
        if (node.type !== 'Identifier') return;
        const list = index.get(node.name);
        if (list) list.push(node);
        else index.set(node.name, [node]);
      };
      const nodes = this.nodes();
      if (nodes) for (const node of nodes) add(node);
      else walkJs(this.program, add);
      this.identifiers = index;
    }
    return this.identifiers.get(name) ?? [];
  }

  /** How `fn` is exposed, or null for a function without a name (a callback, an IIFE). */
  exposure(fn: JsNode): FunctionExposure | null {
    if (this.exposures.has(fn)) return this.exposures.get(fn)!;
    const result = this.computeExposure(fn);
    this.exposures.set(fn, result);
    return result;
  }

  private computeExposure(fn: JsNode): FunctionExposure | null {
    const p = fn.parent;
    if (p?.type === 'ExportDefaultDeclaration') return { label: 'the default export', exported: true, importedAs: 'default' };
    // `module.exports = function (x) {…}`, `exports.run = (x) => …`
    if (p?.type === 'AssignmentExpression' && p.right === fn) {
      const left = p.left as JsNode;
      if (isModuleExports(left)) return { label: 'the module export', exported: true, importedAs: 'default' };
      if ((left.type === 'MemberExpression' && isModuleExports(left.object as JsNode)) || isExportsObject(left)) {
        const name = propertyName(left);
        return { label: `${name ?? 'the export'}()`, exported: true, importedAs: name };
      }
    }
    const named = functionName(fn);
    if (!named) return null;
    if (named.method) {
      const cls = named.method;
      const className = (cls as t.Class).id?.name ?? 'the class';
      const member = fn as t.ClassMethod | t.ClassPrivateMethod | t.ObjectMethod;
      if (cls.type === 'ObjectExpression') {
        const exported = this.isExportedObject(cls);
        return { label: `${named.name}()`, exported, importedAs: exported ? named.name : null };
      }
      const isPublic =
        member.type === 'ClassMethod' &&
        member.kind !== 'constructor' &&
        member.kind !== 'get' &&
        member.kind !== 'set' &&
        !member.static &&
        member.accessibility !== 'private' &&
        member.accessibility !== 'protected' &&
        !named.name.startsWith('_');
      return { label: `${className}.${named.name}()`, exported: isPublic && this.isExportedDeclaration(cls), importedAs: null };
    }
    const decl = named.id.parent;
    const declared = this.exportedDeclaration(fn) ?? (decl?.type === 'VariableDeclarator' ? this.exportedDeclaration(decl) : null);
    const importedAs = declared ?? this.exported().get(named.name) ?? null;
    return { label: `${named.name}()`, exported: importedAs !== null, importedAs };
  }

  /** The name `export function f`, `export const f = …`, `export default class …` are imported by, or null. */
  private exportedDeclaration(node: JsNode): string | null {
    let p = node.parent;
    if (p?.type === 'VariableDeclarator') p = p.parent;
    if (p?.type === 'VariableDeclaration') p = p.parent;
    if (p?.type === 'ExportDefaultDeclaration') return 'default';
    const id = (node as t.ClassDeclaration | t.FunctionDeclaration).id ?? (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' ? node.id : null);
    if (p?.type === 'ExportNamedDeclaration') return id?.name ?? null;
    return id ? (this.exported().get(id.name) ?? null) : null;
  }

  /** `export class C`, `export default class …`, `module.exports = C`. */
  private isExportedDeclaration(node: JsNode): boolean {
    return this.exportedDeclaration(node) !== null;
  }

  /** An object literal exported as a whole: `module.exports = { … }`, `export default { … }`. */
  private isExportedObject(obj: JsNode): boolean {
    const p = obj.parent;
    if (p?.type === 'ExportDefaultDeclaration') return true;
    if (p?.type === 'AssignmentExpression' && isModuleExports(p.left as JsNode)) return true;
    if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return this.exported().has(p.id.name);
    return false;
  }

  /**
   * Names exported after their declaration: `export { f }`, `export default f`, `module.exports = f`,
   * `module.exports = { f, g: h }`, `module.exports.f = f`, `exports.f = f`.
   */
  private exported(): Map<string, string> {
    if (this.exportedNames) return this.exportedNames;
    const names = new Map<string, string>();
    const addValue = (v: JsNode | null | undefined, as: string) => {
      const n = v ? unwrap(v) : null;
      if (n?.type === 'Identifier') names.set(n.name, as);
      if (n?.type === 'ObjectExpression') {
        for (const p of n.properties) if (p.type === 'ObjectProperty') addValue(p.value as JsNode, propertyName(p) ?? as);
      }
    };
    for (const stmt of (this.program as t.Program).body) {
      if (stmt.type === 'ExportNamedDeclaration' && !stmt.source) {
        for (const s of stmt.specifiers) {
          if (s.type === 'ExportSpecifier') names.set(s.local.name, s.exported.type === 'Identifier' ? s.exported.name : s.exported.value);
        }
      } else if (stmt.type === 'ExportDefaultDeclaration' && stmt.declaration.type === 'Identifier') {
        names.set(stmt.declaration.name, 'default');
      } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
        const { left, right } = stmt.expression;
        if (isModuleExports(left as JsNode)) addValue(right as JsNode, 'default');
        else if ((left.type === 'MemberExpression' && isModuleExports(left.object as JsNode)) || isExportsObject(left as JsNode)) {
          addValue(right as JsNode, propertyName(left) ?? 'default');
        }
      }
    }
    return (this.exportedNames = names);
  }

  private index(): Map<string, AnyCall[]> {
    if (this.callsByName) return this.callsByName;
    const index = new Map<string, AnyCall[]>();
    const add = (node: JsNode) => {
      if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression' && node.type !== 'NewExpression') return;
      const callee = unwrap(node.callee as JsNode);
      const name = callee.type === 'Identifier' ? callee.name : propertyName(callee);
      if (name === null) return;
      const list = index.get(name);
      if (list) list.push(node);
      else index.set(name, [node]);
    };
    const nodes = this.nodes();
    if (nodes) for (const node of nodes) add(node);
    else walkJs(this.program, add);
    return (this.callsByName = index);
  }
}

/**
 * The name a function is called by: a declaration's or variable's identifier, or a method's key with
 * its class (or object literal). Null for anonymous functions passed as arguments.
 */
function functionName(fn: JsNode): { name: string; id: JsNode; method: JsNode | null } | null {
  if (fn.type === 'FunctionDeclaration' && fn.id) return { name: fn.id.name, id: fn.id as JsNode, method: null };
  if (fn.type === 'ClassMethod' || fn.type === 'ObjectMethod') {
    const name = fn.key.type === 'Identifier' && !fn.computed ? fn.key.name : null;
    const holder = fn.type === 'ClassMethod' ? fn.parent?.parent : fn.parent;
    return name && holder ? { name, id: fn.key as JsNode, method: holder } : null;
  }
  if (fn.type === 'ArrowFunctionExpression' || fn.type === 'FunctionExpression') {
    const p = fn.parent;
    if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier' && p.init === fn) return { name: p.id.name, id: p.id as JsNode, method: null };
    if (p?.type === 'ObjectProperty' && p.value === fn && p.key.type === 'Identifier' && !p.computed && p.parent) {
      return { name: p.key.name, id: p.key as JsNode, method: p.parent };
    }
    if (p?.type === 'ClassProperty' && p.value === fn && p.key.type === 'Identifier' && p.parent?.parent) {
      return { name: p.key.name, id: p.key as JsNode, method: p.parent.parent };
    }
  }
  return null;
}

/** Whether `node` is inside `fn` (its body or parameters). */
function isWithin(node: JsNode, fn: JsNode): boolean {
  for (let n = node.parent; n; n = n.parent) if (n === fn) return true;
  return false;
}

/** Whether an expression is what a call or `new` calls: `f(…)`, `(f)(…)`. */
export function isCallee(node: JsNode): boolean {
  let n = node;
  while (n.parent?.type === 'ParenthesizedExpression' || n.parent?.type === 'TSNonNullExpression') n = n.parent;
  const p = n.parent;
  return (p?.type === 'CallExpression' || p?.type === 'OptionalCallExpression' || p?.type === 'NewExpression') && p.callee === n;
}

/**
 * Whether an identifier is a reference to a binding, not a name in another role: a property key or a
 * non-computed member property, a method or class member's key, a label, or a name in a type.
 */
export function isReference(id: JsNode): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type.startsWith('TS') && p.type !== 'TSNonNullExpression' && p.type !== 'TSAsExpression' && p.type !== 'TSSatisfiesExpression' && p.type !== 'TSTypeAssertion') return false;
  switch (p.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return p.object === id || p.computed;
    case 'ObjectProperty':
    case 'ObjectMethod':
    case 'ClassMethod':
    case 'ClassPrivateMethod':
    case 'ClassProperty':
    case 'ClassAccessorProperty':
      return p.key !== id || !!p.computed;
    case 'LabeledStatement':
    case 'BreakStatement':
    case 'ContinueStatement':
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
    case 'ExportNamespaceSpecifier':
      return false;
    case 'ExportSpecifier':
      return p.local === id;
    default:
      return true;
  }
}

/** An identifier in an export: `export { f }`, `export default f`, `module.exports = f`, `= { f }`, `exports.f = f`. */
function isExport(id: JsNode): boolean {
  const p = id.parent;
  if (p?.type === 'ExportSpecifier' || p?.type === 'ExportDefaultDeclaration') return true;
  let value: JsNode = id;
  if (p?.type === 'ObjectProperty' && p.value === id && p.parent?.type === 'ObjectExpression') value = p.parent as JsNode;
  const a = value.parent;
  if (a?.type !== 'AssignmentExpression' || a.right !== value) return false;
  const left = a.left as JsNode;
  return isModuleExports(left) || (left.type === 'MemberExpression' && isModuleExports(left.object as JsNode)) || isExportsObject(left);
}

function enclosingClass(node: JsNode): JsNode | null {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'ClassDeclaration' || n.type === 'ClassExpression' || n.type === 'ObjectExpression') {
      // `this` in an object literal's method is the object; in an arrow inside a class method, the class.
      if (n.type !== 'ObjectExpression' || isMethodHolder(n)) return n;
    }
  }
  return null;
}

function isMethodHolder(obj: JsNode): boolean {
  return (obj as t.ObjectExpression).properties.some((p) => p.type === 'ObjectMethod');
}

/** `module.exports` */
function isModuleExports(node: JsNode): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'module' && propertyName(node) === 'exports';
}

/** `exports.f` */
function isExportsObject(node: JsNode): boolean {
  return node.type === 'MemberExpression' && node.object.type === 'Identifier' && node.object.name === 'exports';
}

/**
 * The component a function is when its first parameter holds props: a function with a capitalised name
 * (declaration, variable, default export, `memo`/`forwardRef` argument) whose body returns JSX. Null otherwise.
 */
export function componentName(fn: JsNode): string | null {
  if (fn.type !== 'FunctionDeclaration' && fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression') return null;
  let name: string | null = null;
  if (fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') name = fn.id?.name ?? null;
  let p = fn.parent;
  // React.memo(function X(props) {…}), forwardRef((props, ref) => …)
  if (p?.type === 'CallExpression' && /^(?:memo|forwardRef|observer)$/.test(propertyName(p.callee) ?? (p.callee.type === 'Identifier' ? p.callee.name : ''))) p = p.parent;
  if (!name && p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') name = p.id.name;
  if (!name && p?.type === 'ExportDefaultDeclaration') name = 'the default export';
  if (!name || !/^[A-Z]|^the default export$/.test(name)) return null;
  const body = fn.body as JsNode;
  let jsx = body.type === 'JSXElement' || body.type === 'JSXFragment';
  walkJs(body, (n) => {
    if (n.type === 'JSXElement' || n.type === 'JSXFragment') jsx = true;
    return !jsx;
  });
  return jsx ? name : null;
}

/** The binding of a parameter names a function parameter whose declared type cannot carry text (`id: number`). */
export function nonTextParameter(b: Binding): boolean {
  const fn = b.fn as t.Function | undefined;
  const param = fn?.params[b.paramIndex ?? -1] as (t.Identifier | t.AssignmentPattern) | undefined;
  const id = param?.type === 'AssignmentPattern' ? param.left : param;
  if (b.path.length > 0 || id?.type !== 'Identifier') return false;
  const ann = id.typeAnnotation;
  if (ann?.type !== 'TSTypeAnnotation') return false;
  return nonText(ann.typeAnnotation);
}

function nonText(ty: t.TSType): boolean {
  switch (ty.type) {
    case 'TSNumberKeyword':
    case 'TSBooleanKeyword':
    case 'TSBigIntKeyword':
      return true;
    case 'TSLiteralType':
      return true;
    case 'TSUnionType':
      return ty.types.every((x) => nonText(x) || x.type === 'TSUndefinedKeyword' || x.type === 'TSNullKeyword');
    default:
      return false;
  }
}

/**
 * The regular expressions of Rampart's own sources, found statically for the ReDoS test: regex literals,
 * `new RegExp(…)` / `RegExp(…)` calls, and string literals given to `match` / `matchAll` / `search` (which
 * compile them). A pattern built from parts is folded to a constant when every part is one: string and
 * template literals, `String.raw`, `+`, module-level `const`s (also imported ones), `X.source` / `X.flags`,
 * array literals with `.map(p => …)` / `.join(…)`. A part escaped with a function that escapes every
 * metacharacter (`escapeRegExp(x)`, `x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')`) is a literal the scan
 * cannot know; it is folded as one private-use character (U+E000, which no class of ours names, as an
 * unknown literal would not) and the instance is marked approximate.
 * A pattern that depends on parameters of a module-level function is folded once per call site when the
 * function is private to its module and every call passes constants. Whatever else is dynamic.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from '@babel/parser';
import * as t from '@babel/types';

/** One way a site's pattern is compiled at run time. */
export interface RegexInstance {
  source: string;
  flags: string;
  /** Where the constants came from when not at the site itself (e.g. `call at line 54`). */
  via?: string;
  /** The pattern holds an escaped literal that the scan replaced by U+E000. */
  approximate?: boolean;
}

/** A place in the sources where a regex is written or compiled. */
export interface RegexSite {
  /** Path relative to the scanned root, with forward slashes. */
  file: string;
  line: number;
  column: number;
  /** UTF-16 offset of the site in its file. */
  offset: number;
  kind: 'literal' | 'constructor' | 'string-method';
  /** The compiled patterns; empty when {@link dynamic} is set. */
  instances: RegexInstance[];
  /** Why the pattern could not be folded to constants. */
  dynamic?: string;
}

/**
 * `// redos-exempt(max-input <N>): <reason>` on the comment lines directly above a declaration, property,
 * array element or statement: the regexes in that construct only ever see inputs of at most N characters,
 * and the reason says what enforces that.
 */
export interface Exemption {
  file: string;
  /** Line of the comment. */
  line: number;
  /** Line of the construct the comment covers. */
  target: number;
  /** Offsets of the covered construct (the outermost node starting the target line), or undefined when there is none. */
  covers?: readonly [number, number];
  /** The input bound in characters, or undefined when the comment is malformed. */
  maxInput?: number;
  reason: string;
  text: string;
}

/** Everything found in a set of files. */
export interface Inventory {
  sites: RegexSite[];
  exemptions: Exemption[];
}

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(__dirname, '../..');

/** A source file to scan. */
export interface SourceFile {
  /** Path relative to the root, with forward slashes (used to resolve relative imports). */
  path: string;
  text: string;
}

/** Every `.ts` file below `dir`, relative to `root`. */
export function readSources(root: string, dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith('.ts')) files.push({ path: relative(root, full).split('\\').join('/'), text: readFileSync(full, 'utf8') });
    }
  };
  walk(join(root, dir));
  return files;
}

/** Finds the regexes and exemptions of `files`. Throws on a file that does not parse. */
export function inventory(files: readonly SourceFile[]): Inventory {
  const modules = new Map<string, Module>();
  for (const file of files) modules.set(file.path, new Module(file, modules));
  const sites: RegexSite[] = [];
  const exemptions: Exemption[] = [];
  for (const module of modules.values()) {
    sites.push(...module.sites());
    exemptions.push(...module.exemptions());
  }
  return { sites, exemptions };
}

const EXEMPTION = /^\s*redos-exempt\b/;
const EXEMPTION_FORM = /^\s*redos-exempt\(max-input ([1-9][0-9]{0,6})\):\s*(\S.*)$/;
/** Characters a complete regex escaper must escape. */
const METACHARACTERS = '\\^$.*+?()[]{}|';
/** Stands for an escaped literal of unknown text. */
const HOLE = String.raw`\uE000`;

type Value =
  | { kind: 'str'; text: string; approximate: boolean }
  | { kind: 'arr'; items: Value[] }
  | { kind: 're'; source: string; flags: string }
  | { kind: 'fn'; params: string[]; body: t.Expression; scope: Scope }
  | { kind: 'escape' };

/** A name the folder cannot resolve; `parameter` is set when it is a parameter of an enclosing function. */
class Unfoldable extends Error {
  constructor(
    message: string,
    readonly parameter?: { name: string; fn: t.Function },
  ) {
    super(message);
  }
}

interface Scope {
  module: Module;
  bindings: Map<string, () => Value>;
  /** Ancestors of the expression being folded, innermost last (to recognise parameters). */
  ancestors: readonly t.Node[];
}

type TopFunction = t.FunctionDeclaration | t.ArrowFunctionExpression | t.FunctionExpression;

class Module {
  readonly ast: t.File;
  private readonly consts = new Map<string, t.Expression>();
  private readonly functions = new Map<string, TopFunction>();
  private readonly imports = new Map<string, { from: string; name: string }>();
  private readonly exported = new Set<string>();
  private readonly folding = new Set<string>();
  private readonly cache = new Map<string, Value>();

  constructor(
    readonly file: SourceFile,
    private readonly modules: ReadonlyMap<string, Module>,
  ) {
    this.ast = parse(file.text, { sourceType: 'module', plugins: ['typescript'], errorRecovery: false });
    for (const statement of this.ast.program.body) this.declare(statement);
  }

  private declare(statement: t.Statement): void {
    if (t.isExportNamedDeclaration(statement)) {
      if (statement.declaration) {
        for (const name of Object.keys(t.getBindingIdentifiers(statement.declaration))) this.exported.add(name);
        this.declare(statement.declaration);
      }
      for (const s of statement.specifiers) if (t.isExportSpecifier(s)) this.exported.add(s.local.name);
    } else if (t.isExportDefaultDeclaration(statement)) {
      const d = statement.declaration;
      if (t.isIdentifier(d)) this.exported.add(d.name);
      else if (t.isFunctionDeclaration(d) && d.id) this.exported.add(d.id.name);
    } else if (t.isImportDeclaration(statement) && statement.source.value.startsWith('.')) {
      for (const s of statement.specifiers) {
        if (t.isImportSpecifier(s)) this.imports.set(s.local.name, { from: statement.source.value, name: t.isIdentifier(s.imported) ? s.imported.name : s.imported.value });
      }
    } else if (t.isFunctionDeclaration(statement) && statement.id) {
      this.functions.set(statement.id.name, statement);
    } else if (t.isVariableDeclaration(statement) && statement.kind === 'const') {
      for (const d of statement.declarations) {
        if (!t.isIdentifier(d.id) || !d.init) continue;
        const init = unwrap(d.init);
        if (t.isArrowFunctionExpression(init) || t.isFunctionExpression(init)) this.functions.set(d.id.name, init);
        else this.consts.set(d.id.name, d.init);
      }
    }
  }

  /** The regex sites of this module. */
  sites(): RegexSite[] {
    const found: RegexSite[] = [];
    walk(this.ast.program, [], (node, ancestors) => {
      const site = this.site(node, ancestors);
      if (site) found.push(site);
    });
    return found;
  }

  private site(node: t.Node, ancestors: readonly t.Node[]): RegexSite | undefined {
    const at = { file: this.file.path, line: node.loc!.start.line, column: node.loc!.start.column + 1, offset: node.start! };
    if (t.isRegExpLiteral(node)) return { ...at, kind: 'literal', instances: [{ source: node.pattern, flags: node.flags }] };
    if ((t.isNewExpression(node) || t.isCallExpression(node)) && t.isIdentifier(node.callee, { name: 'RegExp' })) {
      const [pattern, flags] = node.arguments;
      if (!pattern) return undefined;
      return { ...at, kind: 'constructor', ...this.instancesOf(pattern, flags, [...ancestors, node]) };
    }
    if (t.isCallExpression(node) && t.isMemberExpression(node.callee) && !node.callee.computed && t.isIdentifier(node.callee.property)) {
      const method = node.callee.property.name;
      const [argument] = node.arguments;
      if (!['match', 'matchAll', 'search'].includes(method) || !argument) return undefined;
      // Only a constant string is known to be compiled; a name may as well hold a RegExp (checked where it is made).
      try {
        const value = this.fold(argument as t.Expression, { module: this, bindings: new Map(), ancestors: [...ancestors, node] });
        if (value.kind !== 'str') return undefined;
        return { ...at, kind: 'string-method', instances: [{ source: value.text, flags: method === 'matchAll' ? 'g' : '', approximate: value.approximate || undefined }] };
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  /** The constant patterns of a RegExp call, per call site of its function when it depends on parameters. */
  private instancesOf(pattern: t.Node, flags: t.Node | undefined, ancestors: readonly t.Node[]): Pick<RegexSite, 'instances' | 'dynamic'> {
    const foldBoth = (scope: Scope): RegexInstance => {
      const source = this.fold(pattern as t.Expression, scope);
      const flagValue = flags ? this.fold(flags as t.Expression, scope) : { kind: 'str' as const, text: '', approximate: false };
      const text = source.kind === 're' ? source.source : source.kind === 'str' ? source.text : undefined;
      if (text === undefined) throw new Unfoldable(`the pattern folds to ${source.kind}, not a string`);
      if (flagValue.kind !== 'str' || flagValue.approximate) throw new Unfoldable('the flags are not a constant string');
      return { source: text, flags: flagValue.text, approximate: (source.kind === 'str' && source.approximate) || undefined };
    };
    try {
      return { instances: [foldBoth({ module: this, bindings: new Map(), ancestors })] };
    } catch (e) {
      if (!(e instanceof Unfoldable)) throw e;
      if (!e.parameter) return { instances: [], dynamic: e.message };
      return this.perCallSite(e.parameter.fn, foldBoth, ancestors);
    }
  }

  /** Folds once per call of the module-private function `fn`, binding its parameters to the arguments. */
  private perCallSite(fn: t.Function, foldBoth: (scope: Scope) => RegexInstance, ancestors: readonly t.Node[]): Pick<RegexSite, 'instances' | 'dynamic'> {
    const name = [...this.functions].find(([, f]) => f === fn)?.[0];
    if (!name) return { instances: [], dynamic: 'it depends on a parameter of a function that is not declared at module level' };
    if (this.exported.has(name)) return { instances: [], dynamic: `it depends on a parameter of '${name}', which is exported` };
    const calls: Array<{ call: t.CallExpression; path: t.Node[] }> = [];
    let otherUse: t.Node | undefined;
    walk(this.ast.program, [], (node, path) => {
      if (!t.isIdentifier(node, { name }) || node === (fn as t.FunctionDeclaration).id) return;
      const parent = path[path.length - 1];
      if (t.isVariableDeclarator(parent) && parent.id === node) return;
      if ((t.isMemberExpression(parent) || t.isObjectProperty(parent) || t.isObjectMethod(parent) || t.isClassMethod(parent)) && (parent as { key?: t.Node; property?: t.Node }).key === node) return;
      if (t.isMemberExpression(parent) && parent.property === node && !parent.computed) return;
      if (t.isTSPropertySignature(parent) || t.isTSMethodSignature(parent)) return;
      if (t.isCallExpression(parent) && parent.callee === node) calls.push({ call: parent, path: path.slice(0, -1) });
      else otherUse ??= node;
    });
    if (otherUse) return { instances: [], dynamic: `it depends on a parameter of '${name}', which is used as a value at line ${otherUse.loc!.start.line}` };
    if (calls.length === 0) return { instances: [], dynamic: `it depends on a parameter of '${name}', which is never called` };
    const instances: RegexInstance[] = [];
    for (const { call, path } of calls) {
      const bindings = new Map<string, () => Value>();
      fn.params.forEach((param, i) => {
        const argument = call.arguments[i];
        const target = t.isAssignmentPattern(param) ? param.left : param;
        if (!t.isIdentifier(target)) return;
        const outer: Scope = { module: this, bindings: new Map(), ancestors: path };
        if (argument && !t.isSpreadElement(argument) && !t.isArgumentPlaceholder(argument)) bindings.set(target.name, () => this.fold(argument as t.Expression, outer));
        else if (!argument && t.isAssignmentPattern(param)) bindings.set(target.name, () => this.fold(param.right, outer));
      });
      try {
        instances.push({ ...foldBoth({ module: this, bindings, ancestors }), via: `call at line ${call.loc!.start.line}` });
      } catch (e) {
        if (!(e instanceof Unfoldable)) throw e;
        return { instances: [], dynamic: `the call of '${name}' at line ${call.loc!.start.line}: ${e.message}` };
      }
    }
    return { instances };
  }

  /** The constant value of an expression, or throws {@link Unfoldable}. */
  fold(node: t.Expression, scope: Scope): Value {
    node = unwrap(node);
    if (t.isStringLiteral(node)) return str(node.value);
    if (t.isNumericLiteral(node)) return str(String(node.value));
    if (t.isRegExpLiteral(node)) return { kind: 're', source: node.pattern, flags: node.flags };
    if (t.isTemplateLiteral(node)) return this.template(node, scope, false);
    if (t.isTaggedTemplateExpression(node)) {
      const tag = node.tag;
      const raw = t.isMemberExpression(tag) && t.isIdentifier(tag.object, { name: 'String' }) && t.isIdentifier(tag.property, { name: 'raw' });
      if (!raw) throw new Unfoldable('a tagged template other than String.raw');
      return this.template(node.quasi, scope, true);
    }
    if (t.isBinaryExpression(node) && node.operator === '+') {
      const [a, b] = [this.fold(node.left as t.Expression, scope), this.fold(node.right, scope)];
      if (a.kind !== 'str' || b.kind !== 'str') throw new Unfoldable("'+' of something other than strings");
      return { kind: 'str', text: a.text + b.text, approximate: a.approximate || b.approximate };
    }
    if (t.isArrayExpression(node)) {
      const items: Value[] = [];
      for (const element of node.elements) {
        if (!element) throw new Unfoldable('an array with holes');
        if (t.isSpreadElement(element)) {
          const spread = this.fold(element.argument, scope);
          if (spread.kind !== 'arr') throw new Unfoldable('a spread of something other than an array');
          items.push(...spread.items);
        } else items.push(this.fold(element, scope));
      }
      return { kind: 'arr', items };
    }
    if (t.isArrowFunctionExpression(node) && t.isExpression(node.body) && node.params.every((p) => t.isIdentifier(p))) {
      return { kind: 'fn', params: node.params.map((p) => (p as t.Identifier).name), body: node.body, scope };
    }
    if (t.isIdentifier(node)) return this.resolveName(node.name, scope);
    if (t.isMemberExpression(node) && !node.computed && t.isIdentifier(node.property)) {
      const object = this.fold(node.object as t.Expression, scope);
      if (object.kind === 're' && node.property.name === 'source') return str(object.source);
      if (object.kind === 're' && node.property.name === 'flags') return str(object.flags);
      throw new Unfoldable(`'.${node.property.name}' of ${object.kind}`);
    }
    if ((t.isNewExpression(node) || t.isCallExpression(node)) && t.isIdentifier(node.callee, { name: 'RegExp' })) {
      const [p, f] = node.arguments.map((a) => this.fold(a as t.Expression, scope));
      if (p?.kind !== 'str' || (f && f.kind !== 'str')) throw new Unfoldable('a RegExp of non-constant parts');
      return { kind: 're', source: p.text, flags: f?.kind === 'str' ? f.text : '' };
    }
    if (t.isCallExpression(node)) return this.call(node, scope);
    throw new Unfoldable(`${node.type} at line ${node.loc?.start.line} is not a constant`);
  }

  private template(node: t.TemplateLiteral, scope: Scope, raw: boolean): Value {
    let text = '';
    let approximate = false;
    node.quasis.forEach((quasi, i) => {
      const part = raw ? quasi.value.raw : quasi.value.cooked;
      if (part === undefined || part === null) throw new Unfoldable('a template with an invalid escape');
      text += part;
      const expression = node.expressions[i];
      if (!expression) return;
      const value = this.fold(expression as t.Expression, scope);
      if (value.kind !== 'str') throw new Unfoldable(`a template part that folds to ${value.kind}`);
      text += value.text;
      approximate ||= value.approximate;
    });
    return { kind: 'str', text, approximate };
  }

  private call(node: t.CallExpression, scope: Scope): Value {
    const callee = node.callee;
    const args = node.arguments as t.Expression[];
    if (t.isIdentifier(callee)) {
      const fn = this.resolveName(callee.name, scope);
      if (fn.kind === 'escape') return { kind: 'str', text: HOLE, approximate: true };
      throw new Unfoldable(`a call of '${callee.name}'`);
    }
    if (t.isMemberExpression(callee) && !callee.computed && t.isIdentifier(callee.property)) {
      const method = callee.property.name;
      if (method === 'replace' && isEscapeReplace(args)) return { kind: 'str', text: HOLE, approximate: true };
      const object = this.fold(callee.object as t.Expression, scope);
      if (object.kind === 'arr' && method === 'join') {
        const separator = args[0] ? this.fold(args[0], scope) : str(',');
        if (separator.kind !== 'str' || object.items.some((item) => item.kind !== 'str')) throw new Unfoldable('a join of non-strings');
        const items = object.items as Array<Extract<Value, { kind: 'str' }>>;
        return { kind: 'str', text: items.map((item) => item.text).join(separator.text), approximate: items.some((item) => item.approximate) || separator.approximate };
      }
      if (object.kind === 'arr' && method === 'map' && args.length === 1) {
        const fn = this.fold(args[0], scope);
        if (fn.kind === 'escape') return { kind: 'arr', items: object.items.map(() => ({ kind: 'str', text: HOLE, approximate: true })) };
        if (fn.kind !== 'fn' || fn.params.length !== 1) throw new Unfoldable('a map with a callback the scan cannot follow');
        const items = object.items.map((item) => {
          const bindings = new Map(fn.scope.bindings);
          bindings.set(fn.params[0], () => item);
          return this.fold(fn.body, { ...fn.scope, bindings });
        });
        return { kind: 'arr', items };
      }
      throw new Unfoldable(`'.${method}(…)' at line ${node.loc?.start.line}`);
    }
    throw new Unfoldable(`a call at line ${node.loc?.start.line}`);
  }

  private resolveName(name: string, scope: Scope): Value {
    const bound = scope.bindings.get(name);
    if (bound) return bound();
    for (let i = scope.ancestors.length - 1; i >= 0; i--) {
      const node = scope.ancestors[i];
      if (t.isFunction(node) && node.params.some((p) => Object.keys(t.getBindingIdentifiers(p)).includes(name))) {
        throw new Unfoldable(`'${name}' is a parameter`, { name, fn: node });
      }
      if (t.isFunction(node) || t.isBlockStatement(node)) {
        if (declaresLocally(node, name)) throw new Unfoldable(`'${name}' is a local variable`);
      }
    }
    return this.resolveTopLevel(name);
  }

  /** The value of a module-level name of this module, following imports. */
  resolveTopLevel(name: string): Value {
    const cached = this.cache.get(name);
    if (cached) return cached;
    if (this.folding.has(name)) throw new Unfoldable(`'${name}' refers to itself`);
    this.folding.add(name);
    try {
      const value = this.resolveUncached(name);
      this.cache.set(name, value);
      return value;
    } finally {
      this.folding.delete(name);
    }
  }

  private resolveUncached(name: string): Value {
    const init = this.consts.get(name);
    if (init) return this.fold(init, { module: this, bindings: new Map(), ancestors: [] });
    const fn = this.functions.get(name);
    if (fn && isEscaper(fn)) return { kind: 'escape' };
    const imported = this.imports.get(name);
    if (imported) {
      const base = join(dirname(this.file.path), imported.from).split('\\').join('/');
      const target = this.modules.get(`${base}.ts`) ?? this.modules.get(`${base}/index.ts`);
      if (target) return target.resolveTopLevel(imported.name);
    }
    throw new Unfoldable(`'${name}' is not a module-level constant`);
  }

  /** The range of the outermost node that starts at the first non-blank character of line `line`. */
  private outermostNodeAt(line: number, text: string): readonly [number, number] | undefined {
    const column = text.length - text.trimStart().length;
    let found: readonly [number, number] | undefined;
    walk(this.ast.program, [], (node) => {
      if (found || node.loc?.start.line !== line || node.loc.start.column !== column) return;
      found = [node.start!, node.end!];
    });
    return found;
  }

  /** The exemption comments of this module. */
  exemptions(): Exemption[] {
    const lines = this.file.text.split('\n');
    const commentOnly = (line: number): boolean => /^\s*(?:\/\/|\/\*|\*)/.test(lines[line - 1] ?? '');
    const found: Exemption[] = [];
    for (const comment of this.ast.comments ?? []) {
      if (!EXEMPTION.test(comment.value)) continue;
      const line = comment.loc!.start.line;
      let target = comment.loc!.end.line + 1;
      while (target <= lines.length && commentOnly(target)) target++;
      const form = EXEMPTION_FORM.exec(comment.value);
      found.push({
        file: this.file.path,
        line,
        target,
        covers: this.outermostNodeAt(target, lines[target - 1] ?? ''),
        maxInput: comment.type === 'CommentLine' && form ? Number(form[1]) : undefined,
        reason: form?.[2].trim() ?? '',
        text: comment.value.trim(),
      });
    }
    return found;
  }
}

function str(text: string): Value {
  return { kind: 'str', text, approximate: false };
}

function unwrap(node: t.Expression): t.Expression {
  while (t.isTSAsExpression(node) || t.isTSSatisfiesExpression(node) || t.isTSNonNullExpression(node) || t.isTSTypeAssertion(node) || t.isParenthesizedExpression(node)) {
    node = node.expression;
  }
  return node;
}

/** Whether a block or function body declares `name` itself (then it shadows the module-level one). */
function declaresLocally(node: t.Function | t.BlockStatement, name: string): boolean {
  const body = t.isBlockStatement(node) ? node.body : t.isBlockStatement(node.body) ? node.body.body : [];
  return body.some((s) => (t.isVariableDeclaration(s) || t.isFunctionDeclaration(s)) && Object.keys(t.getBindingIdentifiers(s)).includes(name));
}

/** `.replace(/[…every metacharacter…]/g, '\\$&')`. */
function isEscapeReplace(args: readonly t.Node[]): boolean {
  const [pattern, replacement] = args;
  if (!t.isRegExpLiteral(pattern) || !pattern.flags.includes('g') || !t.isStringLiteral(replacement, { value: '\\$&' })) return false;
  const body = /^\[(.*)\]$/s.exec(pattern.pattern)?.[1];
  if (body === undefined || body.startsWith('^')) return false;
  const escaped = body.replace(/\\(.)/g, '$1');
  return [...METACHARACTERS].every((c) => escaped.includes(c));
}

/** A function of one parameter that returns it with every metacharacter escaped. */
function isEscaper(fn: TopFunction): boolean {
  if (fn.params.length !== 1 || !t.isIdentifier(fn.params[0])) return false;
  const param = fn.params[0].name;
  let returned: t.Node | null | undefined = fn.body;
  if (t.isBlockStatement(fn.body)) {
    const [only] = fn.body.body;
    returned = fn.body.body.length === 1 && t.isReturnStatement(only) ? only.argument : undefined;
  }
  return (
    t.isCallExpression(returned) &&
    t.isMemberExpression(returned.callee) &&
    t.isIdentifier(returned.callee.object, { name: param }) &&
    t.isIdentifier(returned.callee.property, { name: 'replace' }) &&
    isEscapeReplace(returned.arguments)
  );
}

/** Visits every node below `node`, with its ancestors (outermost first). */
function walk(node: t.Node, ancestors: t.Node[], visit: (node: t.Node, ancestors: readonly t.Node[]) => void): void {
  visit(node, ancestors);
  const keys = t.VISITOR_KEYS[node.type] ?? [];
  ancestors.push(node);
  for (const key of keys) {
    const child = (node as unknown as Record<string, unknown>)[key];
    if (Array.isArray(child)) {
      for (const c of child) if (c && typeof c === 'object' && 'type' in c) walk(c as t.Node, ancestors, visit);
    } else if (child && typeof child === 'object' && 'type' in child) walk(child as t.Node, ancestors, visit);
  }
  ancestors.pop();
}

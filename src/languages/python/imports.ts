import type { Range } from '../../engine/types';
import { dottedName, lastName, stringLiteral } from './ast';
import type { PythonFile, SyntaxNode } from './parse';

/** One import in a Python file. */
export interface PythonImport {
  /**
   * The dotted module name as written, without leading dots: `os.path` for `import os.path`, `a.b` for
   * `from ..a.b import c`, `''` for `from . import x` (the package itself).
   */
  module: string;
  /**
   * UTF-16 `[start, end)` of the dotted name; of the dots for `from . import x`; of the string's content for
   * `__import__('x')`. `text.slice(...range)` is the module as written (modulo spaces around dots and escapes).
   */
  range: Range;
  /** Leading dots of a relative import (`from ..a import b` → 2); 0 for absolute imports. */
  level: number;
  /** `import a` and dynamic imports are `import`; `from a import b` is `from`. */
  kind: 'import' | 'from';
  /**
   * Whether a failing import is expected: inside the body of a `try` whose handlers catch `ImportError`,
   * `ModuleNotFoundError`, `Exception`, `BaseException` or everything (bare `except:`), inside
   * `with contextlib.suppress(ImportError)`, or under `if TYPE_CHECKING:` (never runs).
   */
  guarded: boolean;
  /** `__import__('x')` or `importlib.import_module('x')` with a constant string. */
  dynamic: boolean;
  /**
   * For `from` imports, the imported names as written, aliases dropped (`['c', 'd']` for
   * `from a import c as x, d`; `['*']` for a wildcard); empty for `import` and dynamic imports.
   */
  names: string[];
  /** The `import`/`from` statement or the call. Only valid while the file is being analysed. */
  node: SyntaxNode;
}

const IMPORT_ERRORS = new Set(['ImportError', 'ModuleNotFoundError', 'Exception', 'BaseException']);
const FUNCTION_SCOPES = new Set(['function_definition', 'lambda']);
/** A dotted Python name; identifiers may use Unicode letters as in Python 3. */
const DOTTED = /^[\p{ID_Start}_][\p{ID_Continue}]*(?:\.[\p{ID_Start}_][\p{ID_Continue}]*)*$/u;

/** Names a file binds to `importlib` and to `importlib.import_module`, for dynamic imports. */
interface ImportlibNames {
  modules: Set<string>;
  functions: Set<string>;
}

/**
 * Every import of a parsed Python file, in source order: `import a.b as c, d`, `from a.b import c`,
 * relative `from . import x` / `from .a import b`, and `__import__('x')` / `importlib.import_module('x')`
 * (also through `import importlib as il` or `from importlib import import_module`) with a constant
 * string. `from __future__ import …` is skipped. Statements inside syntax errors are still found.
 */
export function extractImports(root: PythonFile): PythonImport[] {
  const found: PythonImport[] = [];
  const calls: SyntaxNode[] = [];
  const importlib: ImportlibNames = { modules: new Set(['importlib']), functions: new Set() };
  // One look-up in the tree's index by kind.
  for (const node of root.module.descendantsOfType(['import_statement', 'import_from_statement', 'call'])) {
    if (node?.type === 'import_statement') addImportStatement(node, found, importlib);
    else if (node?.type === 'import_from_statement') addFromStatement(node, found, importlib);
    else if (node) calls.push(node);
  }
  return finish(found, calls, importlib);
}

function finish(found: PythonImport[], calls: SyntaxNode[], importlib: ImportlibNames): PythonImport[] {
  for (const call of calls) addDynamicImport(call, found, importlib);
  return found.sort((a, b) => a.range[0] - b.range[0]);
}

/** `import a.b as c, d`: one import per dotted name. */
function addImportStatement(node: SyntaxNode, found: PythonImport[], importlib: ImportlibNames): void {
  for (const name of node.childrenForFieldName('name')) {
    const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
    const module = dottedName(dotted);
    if (!dotted || !module) continue;
    if (module === 'importlib') importlib.modules.add(name!.childForFieldName('alias')?.text ?? 'importlib');
    const range: Range = [dotted.startIndex, dotted.endIndex];
    found.push({ module, range, level: 0, kind: 'import', guarded: isGuarded(node), dynamic: false, names: [], node });
  }
}

/** `from a.b import c`, `from ..a import b`, `from . import x`. */
function addFromStatement(node: SyntaxNode, found: PythonImport[], importlib: ImportlibNames): void {
  const source = node.childForFieldName('module_name');
  if (!source) return;
  let level = 0;
  let dotted: SyntaxNode | null = source;
  let range: Range;
  if (source.type === 'relative_import') {
    const prefix = source.namedChildren.find((c) => c?.type === 'import_prefix') ?? null;
    if (!prefix) return;
    level = prefix.text.split('.').length - 1;
    dotted = source.namedChildren.find((c) => c?.type === 'dotted_name') ?? null;
    range = dotted ? [dotted.startIndex, dotted.endIndex] : [prefix.startIndex, prefix.endIndex];
  } else {
    range = [source.startIndex, source.endIndex];
  }
  const module = dotted ? dottedName(dotted) : '';
  if (module === null || (level === 0 && (module === '' || module === '__future__'))) return;
  if (level === 0 && module === 'importlib') noteImportModule(node, importlib);
  found.push({ module, range, level, kind: 'from', guarded: isGuarded(node), dynamic: false, names: importedNames(node), node });
}

/** The names a `from` statement imports, without aliases; `*` for a wildcard. */
function importedNames(node: SyntaxNode): string[] {
  if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) return ['*'];
  const names: string[] = [];
  for (const name of node.childrenForFieldName('name')) {
    const dotted = dottedName(name?.type === 'aliased_import' ? name.childForFieldName('name') : name);
    if (dotted) names.push(dotted);
  }
  return names;
}

/** Records the local name of `from importlib import import_module [as f]`. */
function noteImportModule(node: SyntaxNode, importlib: ImportlibNames): void {
  for (const name of node.childrenForFieldName('name')) {
    const imported = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
    if (dottedName(imported) !== 'import_module') continue;
    importlib.functions.add(name!.type === 'aliased_import' ? (name!.childForFieldName('alias')?.text ?? '') : 'import_module');
  }
}

/** `__import__('x')`, `importlib.import_module('x')`, `import_module('.x', pkg)` with a constant string. */
function addDynamicImport(call: SyntaxNode, found: PythonImport[], importlib: ImportlibNames): void {
  const callee = call.childForFieldName('function');
  const args = call.childForFieldName('arguments');
  if (!callee || args?.type !== 'argument_list') return;
  const isDunder = callee.type === 'identifier' && callee.text === '__import__';
  const isImportModule =
    (callee.type === 'identifier' && importlib.functions.has(callee.text)) ||
    (callee.type === 'attribute' &&
      lastName(callee) === 'import_module' &&
      callee.childForFieldName('object')?.type === 'identifier' &&
      importlib.modules.has(callee.childForFieldName('object')!.text));
  if (!isDunder && !isImportModule) return;
  const literal = stringLiteral(nameArgument(args));
  if (!literal) return;
  const dots = /^\.*/.exec(literal.value)![0].length;
  const module = literal.value.slice(dots);
  // `__import__` takes its level as an argument; `import_module` spells it with leading dots.
  const level = isDunder ? (dots > 0 ? -1 : dunderLevel(args)) : dots;
  if (level < 0 || !DOTTED.test(module)) return;
  const [start, end] = literal.contentRange;
  const range: Range = literal.escaped ? [start, end] : [start + dots, end];
  found.push({ module, range, level, kind: 'import', guarded: isGuarded(call), dynamic: true, names: [], node: call });
}

/** The `name` argument: the first positional one, or `name=`. */
function nameArgument(args: SyntaxNode): SyntaxNode | null {
  const first = argumentsOf(args)[0] ?? null;
  if (first && first.type !== 'keyword_argument') return first;
  return keywordArgument(args, 'name');
}

/** The arguments of an argument list, without the comments between them. */
function argumentsOf(args: SyntaxNode): SyntaxNode[] {
  return args.namedChildren.filter((a): a is SyntaxNode => a !== null && a.type !== 'comment');
}

function keywordArgument(args: SyntaxNode, name: string): SyntaxNode | null {
  for (const arg of argumentsOf(args)) {
    if (arg?.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg.childForFieldName('value');
  }
  return null;
}

/** The `level` of `__import__(name, globals, locals, fromlist, level)`: 0 when absent, -1 when not a literal. */
function dunderLevel(args: SyntaxNode): number {
  const positional = argumentsOf(args).filter((a) => a.type !== 'keyword_argument');
  const arg = positional[4] ?? keywordArgument(args, 'level');
  if (!arg) return 0;
  return arg.type === 'integer' && /^\d+$/.test(arg.text) ? Number(arg.text) : -1;
}

/** Whether the import sits where a failure is handled or where it never runs (see {@link PythonImport.guarded}). */
export function isGuarded(node: SyntaxNode): boolean {
  let inFunction = false;
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (FUNCTION_SCOPES.has(parent.type)) inFunction = true;
    if (isTypeCheckingBranch(parent, child)) return true;
    // A try or with outside the enclosing function does not run the import.
    if (inFunction) continue;
    if (parent.type === 'try_statement' && isField(parent, 'body', child) && catchesImportError(parent)) return true;
    if (parent.type === 'with_statement' && isField(parent, 'body', child) && suppressesImportError(parent)) return true;
  }
  return false;
}

/** `child` is the block of `if TYPE_CHECKING:` / `elif typing.TYPE_CHECKING:`. */
function isTypeCheckingBranch(parent: SyntaxNode, child: SyntaxNode): boolean {
  if (parent.type !== 'if_statement' && parent.type !== 'elif_clause') return false;
  return isField(parent, 'consequence', child) && lastName(parent.childForFieldName('condition')) === 'TYPE_CHECKING';
}

function isField(parent: SyntaxNode, field: string, child: SyntaxNode): boolean {
  const value = parent.childForFieldName(field);
  return value !== null && value.equals(child);
}

/** Some `except` clause of the try catches import failures (bare `except:` included). */
function catchesImportError(tryNode: SyntaxNode): boolean {
  for (const clause of tryNode.namedChildren) {
    if (clause?.type !== 'except_clause') continue;
    let caught = clause.childForFieldName('value');
    if (!caught) return true;
    if (caught.type === 'as_pattern') caught = caught.namedChildren[0] ?? null;
    if (caught && catchesAny(caught)) return true;
  }
  return false;
}

/** `ImportError`, `builtins.ImportError`, `(ValueError, ImportError)`, `(ImportError)`. */
function catchesAny(node: SyntaxNode): boolean {
  if (node.type === 'tuple' || node.type === 'parenthesized_expression') {
    return node.namedChildren.some((c) => c !== null && catchesAny(c));
  }
  const name = lastName(node);
  return name !== null && IMPORT_ERRORS.has(name);
}

/** `with suppress(ImportError):` / `with contextlib.suppress(ModuleNotFoundError, …):`. */
function suppressesImportError(withNode: SyntaxNode): boolean {
  const clause = withNode.namedChildren.find((c) => c?.type === 'with_clause');
  for (const item of clause?.namedChildren ?? []) {
    const call = item?.type === 'with_item' ? item.childForFieldName('value') : null;
    if (call?.type !== 'call' || lastName(call.childForFieldName('function')) !== 'suppress') continue;
    const args = call.childForFieldName('arguments');
    if (args?.namedChildren.some((a) => a !== null && catchesAny(a))) return true;
  }
  return false;
}

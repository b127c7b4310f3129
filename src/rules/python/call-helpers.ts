import type { TextEdit } from '../../engine/types';
import type { PythonHelpers, SyntaxNode } from '../../languages/python';
import { withoutComments } from '../../languages/python/calls';

/**
 * Helpers shared by the Python rules: what a call or reference resolves to, its arguments, and the
 * edits fixes make to argument lists and imports. Not a rule.
 */

/** The reference `lang.resolve` and `lang.callee` return. */
export type PythonRef = NonNullable<ReturnType<PythonHelpers['resolve']>>;

/**
 * The dotted name an imported reference stands for, module and path joined: `yaml.load` for
 * `from yaml import load; load`, `Crypto.Cipher.AES.new` however the import is split,
 * `boto3.client.().get_object` for a method of an instance. Null for builtins, locals and unknowns:
 * a library is only recognised through its import.
 */
export function importedName(ref: PythonRef | null | undefined): string | null {
  if (!ref?.module) return null;
  return [ref.module, ...ref.path].join('.');
}

/** {@link importedName} of what a call invokes. */
export function calleeName(lang: PythonHelpers, call: SyntaxNode): string | null {
  let names = calleeNames.get(lang);
  if (!names) calleeNames.set(lang, (names = new Map()));
  let name = names.get(call.id);
  if (name === undefined) names.set(call.id, (name = importedName(lang.callee(call))));
  return name;
}

/** {@link calleeName} per file and call: most rules ask it of every call. */
const calleeNames = new WeakMap<PythonHelpers, Map<number, string | null>>();

/** {@link importedName} of an expression. */
export function referenceName(lang: PythonHelpers, node: SyntaxNode | null | undefined): string | null {
  return node ? importedName(lang.resolve(node)) : null;
}

/**
 * The last name of what a call invokes as written: `load` for `pickle.load(…)`, `load(…)` and
 * `x.y.load(…)`. A cheap syntactic filter before {@link calleeName}, which resolves the whole chain.
 */
export function calleeLastName(call: SyntaxNode): string | null {
  const fn = call.childForFieldName('function');
  if (fn?.type === 'identifier') return fn.text;
  if (fn?.type === 'attribute') return fn.childForFieldName('attribute')?.text ?? null;
  return null;
}

/**
 * A test of whether a node's text contains one of `words`, answered from the offsets of their occurrences in
 * the file (found once): a cheap filter for calls that may pass a keyword argument (`verify=`, `trust_remote_code=`).
 */
export function mentionIndex(text: string, words: readonly string[]): (node: SyntaxNode) => boolean {
  const offsets: number[] = [];
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) offsets.push(at);
  }
  offsets.sort((a, b) => a - b);
  return (node) => {
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < node.startIndex) lo = mid + 1;
      else hi = mid;
    }
    return lo < offsets.length && offsets[lo] < node.endIndex;
  };
}

/** The top-level package of an imported name: `langchain_community` for `langchain_community.tools.X`. */
export function packageOf(name: string): string {
  const dot = name.indexOf('.');
  return dot === -1 ? name : name.slice(0, dot);
}

/** The last segment of a dotted name. */
export function lastSegment(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

/** The arguments of a call (positional, keyword, splats), without comments; empty for `f(x for x in y)`. Do not modify. */
export function argumentsOf(call: SyntaxNode): readonly SyntaxNode[] {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return [];
  return withoutComments(list.namedChildren);
}

/** The positional arguments of a call, in order (stops at the first `*args`, whose length is unknown). */
export function positionalArguments(call: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const arg of argumentsOf(call)) {
    if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') break;
    if (arg.type !== 'keyword_argument') out.push(arg);
  }
  return out;
}

/** The `name=value` argument of a call, or null. */
export function keywordArgument(call: SyntaxNode, name: string): SyntaxNode | null {
  const args = argumentsOf(call);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg.type === 'keyword_argument' && arg.childForFieldName('name')?.text === name) return arg;
  }
  return null;
}

/** Whether the call passes `*args` or `**kwargs`, so that any argument may be given without being seen. */
export function hasSplat(call: SyntaxNode): boolean {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return true;
  return argumentsOf(call).some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat');
}

/** The argument list node of a call, or null for a generator argument (`f(x for x in y)`). */
function argumentList(call: SyntaxNode): SyntaxNode | null {
  const list = call.childForFieldName('arguments');
  return list?.type === 'argument_list' ? list : null;
}

/** Whether a value is known to be `True` (a literal or a name bound to one). */
export function isTrue(lang: PythonHelpers, node: SyntaxNode | null | undefined): boolean {
  return !!node && lang.constant(node)?.value === true;
}

/** Whether a value is known to be `False` or `0`. */
export function isFalse(lang: PythonHelpers, node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  const value = lang.constant(node)?.value;
  return value === false || value === 0;
}

/** The string a value is known to hold, or null. */
export function constantString(lang: PythonHelpers, node: SyntaxNode | null | undefined): string | null {
  if (!node) return null;
  const value = lang.constant(node)?.value;
  return typeof value === 'string' ? value : null;
}

/** The strings of a list, tuple or set literal whose elements are all known strings; null otherwise. */
export function constantStrings(lang: PythonHelpers, node: SyntaxNode | null | undefined): string[] | null {
  if (!node) return null;
  if (node.type !== 'list' && node.type !== 'tuple' && node.type !== 'set') {
    const single = constantString(lang, node);
    return single === null ? null : [single];
  }
  const out: string[] = [];
  for (const element of node.namedChildren) {
    if (!element || element.type === 'comment') continue;
    const value = constantString(lang, element);
    if (value === null) return null;
    out.push(value);
  }
  return out;
}

/**
 * The value of `key` in a dict literal (`{'verify_signature': False}`) or a `dict(key=...)` call written
 * in place; null when absent or when the node is not such a literal.
 */
export function dictEntry(lang: PythonHelpers, node: SyntaxNode | null | undefined, key: string): SyntaxNode | null {
  if (node?.type === 'dictionary') {
    for (const pair of node.namedChildren) {
      if (pair?.type !== 'pair') continue;
      if (constantString(lang, pair.childForFieldName('key')) === key) return pair.childForFieldName('value');
    }
    return null;
  }
  if (node?.type === 'call' && node.childForFieldName('function')?.text === 'dict' && lang.callee(node)?.module === null) {
    return keywordArgument(node, key)?.childForFieldName('value') ?? null;
  }
  return null;
}

/** The name a keyword argument or a call's keyword value belongs to: `verify` for the value of `verify=False`. */
export function keywordOf(value: SyntaxNode): string | null {
  const parent = value.parent;
  if (parent?.type !== 'keyword_argument' || !parent.childForFieldName('value')?.equals(value)) return null;
  return parent.childForFieldName('name')?.text ?? null;
}

/**
 * The edit that removes one argument (positional or `name=value`) from a call with its comma, leaving the
 * rest alone. An argument on lines of its own takes those lines (and a comment after it) with it; a
 * comment on a line of its own stays with what follows.
 */
export function removeArgumentEdit(text: string, arg: SyntaxNode): TextEdit {
  const list = arg.parent!;
  const items = list.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const index = items.findIndex((c) => c.equals(arg));
  const next = items[index + 1];
  const prev = index > 0 ? items[index - 1] : null;
  const afterComma = commaEnd(text, arg.endIndex);
  const lineStart = lineStartIfAlone(text, arg.startIndex);
  const lineEnd = lineStart === null ? null : endOfLineAfter(text, afterComma);
  if (!next && !prev) {
    // The only argument: `f(\n    x,\n)` becomes `f()`.
    return { range: [list.startIndex + 1, list.endIndex - 1], text: '' };
  }
  if (lineStart !== null && lineEnd !== null) return { range: [lineStart, lineEnd], text: '' };
  if (next) return { range: [arg.startIndex, skipSpaces(text, afterComma)], text: '' };
  return { range: [prev!.endIndex, afterComma], text: '' };
}

/**
 * The edit that adds `name=value` (given as `source`) as the last argument of a call: after the last
 * argument on one line, on a line of its own (with the same indentation) when the arguments are one per line.
 */
export function addArgumentEdit(text: string, call: SyntaxNode, source: string): TextEdit | null {
  const list = argumentList(call);
  if (!list) return null;
  const items = list.namedChildren.filter((c): c is SyntaxNode => c !== null && c.type !== 'comment');
  const last = items[items.length - 1];
  if (!last) return { range: [list.startIndex + 1, list.startIndex + 1], text: source };
  const afterComma = commaEnd(text, last.endIndex);
  const lineStart = lineStartIfAlone(text, last.startIndex);
  if (lineStart !== null && afterComma > last.endIndex) {
    // One argument per line with a trailing comma: a new line like the last one.
    const indent = text.slice(lineStart, last.startIndex);
    const eol = endOfLineAfter(text, afterComma);
    if (eol !== null) return { range: [eol, eol], text: `${indent}${source},\n` };
  }
  return { range: [last.endIndex, last.endIndex], text: `, ${source}` };
}

/** An edit replacing a node's text. */
export function replaceEdit(node: SyntaxNode, replacement: string): TextEdit {
  return { range: [node.startIndex, node.endIndex], text: replacement };
}

/**
 * The edit that adds `import <module>` to the file, or none (`[]`) when the file imports it that way at the
 * top already. Placed before the first top-level import that is not `from __future__`, else after the module
 * docstring and `from __future__` imports, else at the top. Null when `<module>` names something else in
 * the file (a variable or another import's alias), where a new import would change what that name means.
 */
export function importEdits(lang: PythonHelpers, text: string, module: string): TextEdit[] | null {
  const root = lang.parsed.root.module;
  const statements = root.namedChildren.filter((c): c is SyntaxNode => c !== null);
  if (statements.some((c) => c.type === 'import_statement' && isPlainImport(c, module))) return [];
  if (namesSomethingElse(lang, text, module)) return null;
  let insertAt = 0;
  for (const statement of statements) {
    if (statement.type === 'comment') continue;
    const isFuture = statement.type === 'future_import_statement';
    const isDocstring = statement.type === 'expression_statement' && statement.namedChildren[0]?.type === 'string' && insertAt === 0;
    if (statement.type === 'import_statement' || statement.type === 'import_from_statement') {
      return [{ range: [statement.startIndex, statement.startIndex], text: `import ${module}\n` }];
    }
    if (isFuture || isDocstring) {
      insertAt = endOfLineAfter(text, statement.endIndex) ?? statement.endIndex;
      continue;
    }
    break;
  }
  const prefix = insertAt > 0 && text[insertAt - 1] !== '\n' ? '\n' : '';
  return [{ range: [insertAt, insertAt], text: `${prefix}import ${module}\n` }];
}

/** Per file: whether a name is bound to something other than the module of that name. */
const otherMeanings = new WeakMap<PythonHelpers, Map<string, boolean>>();

/**
 * Whether `name` is used in the file for something other than the module `name` (a variable, a parameter,
 * another module's alias). Looks only at the places the name is spelled; computed once per file and name.
 */
function namesSomethingElse(lang: PythonHelpers, text: string, name: string): boolean {
  let known = otherMeanings.get(lang);
  if (!known) otherMeanings.set(lang, (known = new Map()));
  const cached = known.get(name);
  if (cached !== undefined) return cached;
  let result = false;
  const root = lang.parsed.root.module;
  for (let at = text.indexOf(name); at !== -1 && !result; at = text.indexOf(name, at + name.length)) {
    if (isIdentifierChar(text[at - 1]) || isIdentifierChar(text[at + name.length])) continue;
    const node = root.descendantForIndex(at, at + name.length);
    if (node?.type !== 'identifier' || node.parent?.type === 'dotted_name') continue;
    const ref = lang.resolve(node);
    result = ref?.module !== name || ref.path.length > 0;
  }
  known.set(name, result);
  return result;
}

function isIdentifierChar(c: string | undefined): boolean {
  return c !== undefined && /[\p{ID_Continue}]/u.test(c);
}

/** `import os` (not `import os as o`, not `import os.path`). */
function isPlainImport(statement: SyntaxNode, module: string): boolean {
  return statement.childrenForFieldName('name').some((n) => n?.type === 'dotted_name' && n.text === module);
}

/** Past the spaces and the comma after `end`, or `end` itself when no comma follows. */
function commaEnd(text: string, end: number): number {
  const i = skipSpaces(text, end);
  return text[i] === ',' ? i + 1 : end;
}

/** The start of the line at `start` when only white space precedes it there, else null. */
function lineStartIfAlone(text: string, start: number): number | null {
  let i = start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' ? i : null;
}

/** Past the line break ending the line at `from` when only spaces and a comment remain on it; else null. */
function endOfLineAfter(text: string, from: number): number | null {
  const i = skipSpaces(text, from);
  if (text[i] === '#') {
    const eol = text.indexOf('\n', i);
    return eol === -1 ? text.length : eol + 1;
  }
  if (i === text.length) return i;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return text[i] === '\n' ? i + 1 : null;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** The quote character of a Python string literal. */
export type PyQuote = '"' | "'";

const pyQuotes = new WeakMap<object, PyQuote>();

/**
 * The quote style of a Python file, so that fixes inserting string literals read like the code around
 * them: single quotes when most of its one-line string literals use them, else double quotes (the style
 * of black and ruff, also for a file without strings). Triple-quoted strings (docstrings) and literals
 * containing a quote character (`"it's"`) say nothing about the choice and are not counted.
 */
export function pyQuote(lang: PythonHelpers): PyQuote {
  let quote = pyQuotes.get(lang.parsed);
  if (quote) return quote;
  let single = 0;
  let double = 0;
  // Read from the source by offsets: a file has thousands of strings, and their texts are not needed.
  const source = lang.source;
  for (const start of lang.parsed.root.module.descendantsOfType('string_start')) {
    const literal = start.parent;
    if (!literal) continue;
    // The opening token is a prefix (`f`, `rb`…) and one quote; a triple quote is longer.
    let at = start.startIndex;
    while (at < start.endIndex && /[a-zA-Z]/.test(source[at])) at++;
    const q = source[at];
    if (at !== start.endIndex - 1 || (q !== '"' && q !== "'")) continue;
    if (hasQuote(source, start.endIndex, literal.endIndex - 1)) continue;
    if (q === "'") single++;
    else double++;
  }
  quote = single > double ? "'" : '"';
  pyQuotes.set(lang.parsed, quote);
  return quote;
}

/** Whether `source` has a quote character in `[from, to)`. */
function hasQuote(source: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x22 || c === 0x27) return true;
  }
  return false;
}

/**
 * A Python string literal for `s` in the given quotes (see {@link pyQuote}), or in the other ones when `s`
 * holds only the given kind (`"it's"`, as black writes it), with escapes where needed.
 */
export function pyString(s: string, preferred: PyQuote = '"'): string {
  const other: PyQuote = preferred === '"' ? "'" : '"';
  const quote = s.includes(preferred) && !s.includes(other) ? other : preferred;
  let out: string = quote;
  for (const ch of s) {
    if (ch === '\\' || ch === quote) out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ') out += `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}${quote}`;
}

/** `os.environ.get("NAME", "fallback")` / `os.getenv("NAME", "fallback")` with a constant fallback. */
export interface EnvFallback {
  /** The whole call. */
  call: SyntaxNode;
  /** The variable's name. */
  envVar: string;
  /** The fallback argument. */
  fallback: SyntaxNode;
}

/** The environment read with a hard-coded fallback that `node` is, or null. */
export function envFallback(lang: PythonHelpers, node: SyntaxNode | null | undefined): EnvFallback | null {
  if (node?.type !== 'call') return null;
  const name = calleeName(lang, node);
  if (name !== 'os.environ.get' && name !== 'os.getenv') return null;
  const envVar = constantString(lang, lang.argument(node, 0, name === 'os.getenv' ? 'key' : undefined));
  const fallback = lang.argument(node, 1, name === 'os.getenv' ? 'default' : undefined);
  if (!envVar || !fallback || !lang.isConstant(fallback)) return null;
  return { call: node, envVar, fallback };
}

/**
 * The suggestion edits that replace `node` with `os.environ["NAME"]` (adding `import os` when missing), or
 * null when `os` names something else in the file.
 */
export function environEdits(lang: PythonHelpers, text: string, node: SyntaxNode, envVar: string): TextEdit[] | null {
  const imports = importEdits(lang, text, 'os');
  if (!imports) return null;
  return [...imports, replaceEdit(node, `os.environ[${pyString(envVar, pyQuote(lang))}]`)];
}

/** `'abc…' (24 chars)`: enough to find a secret in the file, never the secret. */
export function preview(value: string): string {
  const shown = Math.min(3, Math.floor(value.length / 3));
  return `'${value.slice(0, shown)}…' (${value.length} chars)`;
}

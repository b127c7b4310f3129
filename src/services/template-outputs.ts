import { parseExpression } from '@babel/parser';
import type * as t from '@babel/types';
import type { TextEdit } from '../engine/types';

/** Template languages whose unescaped output tags are found. */
export type TemplateEngine = 'ejs' | 'handlebars' | 'mustache' | 'pug' | 'nunjucks';

/** How the template is compiled, where it changes what is escaped. */
export interface TemplateScanOptions {
  /** Nunjucks `autoescape: false`: every `{{ x }}` prints its value as it is. */
  autoescapeOff?: boolean;
  /** Handlebars `noEscape: true`: every `{{x}}` prints its value as it is. */
  noEscape?: boolean;
}

/**
 * A place where a template prints a value of its data without HTML-escaping it: `<%- bio %>`,
 * `{{{body}}}`, `!{msg}`, `{{ x | safe }}`.
 */
export interface UnescapedOutput {
  /** The top-level property of the template data the printed value comes from (`user` of `user.bio`). */
  name: string;
  /** Properties read below it (`['bio']`); `[]` marks an element of an array the template loops over. */
  path: string[];
  /** `[start, end)` offsets of the output tag in the template text. */
  range: [number, number];
  /** What prints it unescaped, for messages (never contains `{{`). */
  how: string;
  /** The same output escaped, for suggestions (`<%=`, `#{}`); null when only the engine's configuration escapes it. */
  escaped: string | null;
  /** Edits of the template text that make this output escaped; null when none is right. */
  escape: TextEdit[] | null;
}

/** Templates longer than this are not scanned (characters). */
export const MAX_TEMPLATE_CHARS = 512 * 1024;
/** Outputs reported per template, at most. */
const MAX_OUTPUTS = 200;
/** Expressions longer than this are not parsed (characters). */
const MAX_EXPRESSION = 2000;
/** Depth of an expression followed, at most. */
const MAX_DEPTH = 20;
/** Nested blocks followed, at most; outputs deeper than this are not judged. */
const MAX_BLOCKS = 64;
/** Properties of a data path, at most (a loop over a loop over … its own elements grows one). */
const MAX_PATH = 16;

/** Methods that give back their receiver's text, changed but not escaped (`replace` may be an escaper, so it is left out). */
const TEXT_METHODS = new Set(['trim', 'trimStart', 'trimEnd', 'toString', 'toUpperCase', 'toLowerCase', 'slice', 'substring', 'substr', 'padStart', 'padEnd', 'concat', 'normalize', 'at']);

/** The unescaped outputs of a template, by engine; empty when the template is too large or none are found. */
export function unescapedOutputs(text: string, engine: TemplateEngine, options: TemplateScanOptions = {}): UnescapedOutput[] {
  if (text.length > MAX_TEMPLATE_CHARS) return [];
  switch (engine) {
    case 'ejs':
      return scanEjs(text);
    case 'handlebars':
    case 'mustache':
      return scanMustache(text, engine, options.noEscape === true && engine === 'handlebars');
    case 'pug':
      return scanPug(text);
    case 'nunjucks':
      return scanNunjucks(text, options.autoescapeOff === true);
  }
}

/** A value of the template data: a top-level name and the properties read below it. */
interface DataRef {
  name: string;
  path: string[];
}

/**
 * The data values a JavaScript expression prints as they are: names and member chains, through `||`,
 * `??`, `?:`, `+`, template literals and text methods (`bio.trim()`). Any other call (`include(…)`,
 * `escapeHtml(x)`, `JSON.stringify(x)`) gives nothing: its result is not the value. `locals` names the
 * data object itself (`locals.bio`).
 */
export function printedRefs(source: string, locals: ReadonlySet<string>): DataRef[] {
  if (source.length > MAX_EXPRESSION || source.trim() === '') return [];
  let expr: t.Expression;
  try {
    expr = parseExpression(source, { errorRecovery: false, plugins: [] });
  } catch {
    return [];
  }
  const out: DataRef[] = [];
  const visit = (n: t.Node, depth: number): void => {
    if (depth > MAX_DEPTH || out.length > 20) return;
    switch (n.type) {
      case 'Identifier':
        if (!locals.has(n.name)) out.push({ name: n.name, path: [] });
        return;
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const chain = memberChain(n);
        if (!chain) return;
        const [root, ...rest] = locals.has(chain[0]) ? chain.slice(1) : chain;
        if (root !== undefined) out.push({ name: root, path: rest });
        return;
      }
      case 'LogicalExpression':
        visit(n.left, depth + 1);
        visit(n.right, depth + 1);
        return;
      case 'ConditionalExpression':
        visit(n.consequent, depth + 1);
        visit(n.alternate, depth + 1);
        return;
      case 'BinaryExpression':
        if (n.operator !== '+') return;
        visit(n.left, depth + 1);
        visit(n.right, depth + 1);
        return;
      case 'TemplateLiteral':
        for (const e of n.expressions) visit(e, depth + 1);
        return;
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = n.callee;
        if (callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') return;
        if (callee.computed || callee.property.type !== 'Identifier' || !TEXT_METHODS.has(callee.property.name)) return;
        visit(callee.object, depth + 1);
        if (callee.property.name === 'concat') for (const a of n.arguments) visit(a, depth + 1);
        return;
      }
      default:
        return;
    }
  };
  visit(expr, 0);
  return out;
}

/** `a.b['c'][0]` -> ['a', 'b', 'c']: the static prefix of a member chain rooted at a name, or null. */
function memberChain(node: t.Node): string[] | null {
  const parts: string[] = [];
  let n = node;
  for (let i = 0; i < MAX_DEPTH; i++) {
    if (n.type === 'Identifier') return [n.name, ...parts.reverse()];
    if (n.type !== 'MemberExpression' && n.type !== 'OptionalMemberExpression') return null;
    const p = n.property;
    // A dynamic or numeric index ends what is known of the path: everything read so far is kept.
    if (!n.computed && p.type === 'Identifier') parts.push(p.name);
    else if (p.type === 'StringLiteral') parts.push(p.value);
    else parts.length = 0;
    n = n.object;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// EJS: `<%- x %>` prints unescaped, `<%= x %>` escaped; `<%%` is a literal, `<%#` a comment, `<%`/`<%_` code.

const EJS_LOCALS: ReadonlySet<string> = new Set(['locals']);

function scanEjs(text: string): UnescapedOutput[] {
  const out: UnescapedOutput[] = [];
  let i = 0;
  while (out.length < MAX_OUTPUTS) {
    const open = text.indexOf('<%', i);
    if (open < 0) break;
    const kind = text[open + 2];
    if (kind === '%') {
      i = open + 3;
      continue;
    }
    const close = ejsClose(text, open + 2);
    if (close < 0) break;
    i = close + 2;
    if (kind !== '-') continue;
    let body = text.slice(open + 3, close);
    if (body.endsWith('-') || body.endsWith('_')) body = body.slice(0, -1);
    for (const ref of printedRefs(body, EJS_LOCALS)) {
      out.push({ ...ref, range: [open, close + 2], how: 'the EJS tag <%-', escaped: '<%=', escape: [{ range: [open + 2, open + 3], text: '=' }] });
    }
  }
  return out;
}

/** Offset of the `%>` that closes a tag opened before `from` (`%%>` is a literal `%>`), or -1. */
function ejsClose(text: string, from: number): number {
  let i = from;
  for (;;) {
    const close = text.indexOf('%>', i);
    if (close < 0 || text[close - 1] !== '%') return close;
    i = close + 2;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Handlebars and Mustache: `{{{x}}}` and `{{& x}}` print unescaped; blocks change the context names refer to.

/** What names inside a block refer to. */
interface Frame {
  /** The data value that is the context: null at the top, `unknown` when a helper decides it. */
  context: DataRef | null | 'unknown';
  /** The context outside the block (for `{{else}}`). */
  outer: DataRef | null | 'unknown';
  /** Block parameters (`as |item|`) by name. */
  params: Map<string, DataRef>;
}

function scanMustache(text: string, flavour: 'handlebars' | 'mustache', noEscape: boolean): UnescapedOutput[] {
  const out: UnescapedOutput[] = [];
  const stack: Frame[] = [{ context: null, outer: null, params: new Map() }];
  // Blocks opened past MAX_BLOCKS, still to be closed: what names mean there is not followed.
  let overflow = 0;
  let i = 0;
  while (out.length < MAX_OUTPUTS) {
    const open = text.indexOf('{{', i);
    if (open < 0) break;
    if (flavour === 'handlebars' && text[open - 1] === '\\') {
      // `\{{x}}` is literal text.
      i = open + 2;
      continue;
    }
    if (flavour === 'handlebars' && text.startsWith('{{{{', open)) {
      // A raw block: its content is literal text up to `{{{{/name}}}}`.
      const end = text.indexOf('{{{{/', open + 4);
      const close = end < 0 ? -1 : text.indexOf('}}}}', end);
      if (close < 0) break;
      i = close + 4;
      continue;
    }
    let p = open + 2;
    const tildeOpen = text[p] === '~';
    if (tildeOpen) p++;
    if (text.startsWith('!--', p)) {
      const close = text.indexOf('--', p + 3);
      const end = close < 0 ? -1 : text.indexOf('}}', close);
      if (end < 0) break;
      i = end + 2;
      continue;
    }
    const triple = text[p] === '{';
    const close = triple ? tripleClose(text, p) : text.indexOf('}}', p);
    if (close < 0) break;
    const tagEnd = close + (triple ? (text[close + 1] === '~' ? 4 : 3) : 2);
    i = tagEnd;
    let bodyStart = triple ? p + 1 : p;
    let bodyEnd = close;
    if (!triple && text[bodyEnd - 1] === '~') bodyEnd--;
    const sigil = text[bodyStart];
    if (sigil === '!') continue;
    if (sigil === '=' && !triple) break; // Mustache's set-delimiter tag: the rest uses other tags.
    if (sigil === '#' || sigil === '^') {
      if (stack.length >= MAX_BLOCKS) overflow++;
      else openBlock(text.slice(bodyStart + 1, bodyEnd), sigil, stack, flavour);
      continue;
    }
    if (sigil === '/') {
      if (overflow > 0) overflow--;
      else if (stack.length > 1) stack.pop();
      continue;
    }
    if (overflow > 0) continue;
    if (sigil === '>' || sigil === '<') continue;
    const body = text.slice(bodyStart, bodyEnd);
    if (!triple && /^\s*else\b/.test(body)) {
      const top = stack[stack.length - 1];
      top.context = top.outer;
      top.params = new Map();
      continue;
    }
    const amp = !triple && sigil === '&';
    if (!triple && !amp && !noEscape) continue;
    if (amp) bodyStart++;
    const words = splitWords(text.slice(bodyStart, bodyEnd));
    // A helper call (`{{{link url text}}}`) prints what the helper returns.
    if (words.length !== 1) continue;
    const refs = lookup(words[0], stack, flavour);
    const how = triple ? 'triple braces' : amp ? 'the & tag' : 'noEscape: true';
    const escape: TextEdit[] | null = triple
      ? [{ range: [p, p + 1], text: '' }, { range: [close, close + 1], text: '' }]
      : amp
        ? [{ range: [bodyStart - 1, bodyStart], text: '' }]
        : null;
    for (const ref of refs) out.push({ ...ref, range: [open, tagEnd], how, escaped: escape ? 'double braces' : null, escape });
  }
  return out;
}

/** Offset of the `}` that closes a triple-stash opened before `from`: `}}}` or, with whitespace control, `}~}}`; -1 when none. */
function tripleClose(text: string, from: number): number {
  const plain = text.indexOf('}}}', from);
  const tilde = text.indexOf('}~}}', from);
  if (plain < 0) return tilde;
  return tilde < 0 ? plain : Math.min(plain, tilde);
}

/** Whitespace-separated words of a tag, keeping quoted strings whole; bounded by the tag's length. */
function splitWords(body: string): string[] {
  const words: string[] = [];
  let word = '';
  let quote: string | null = null;
  for (const ch of body) {
    if (quote) {
      word += ch;
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      word += ch;
    } else if (/\s/.test(ch)) {
      if (word) words.push(word);
      word = '';
    } else {
      word += ch;
    }
  }
  if (word) words.push(word);
  return words;
}

/** Opens a block: `#each x`, `#with x`, `#if x`, a Mustache section `#x`, an inverted section `^x`. */
function openBlock(body: string, sigil: string, stack: Frame[], flavour: 'handlebars' | 'mustache'): void {
  const top = stack[stack.length - 1];
  const words = splitWords(body);
  const frame: Frame = { context: top.context, outer: top.context, params: new Map() };
  if (sigil === '^' || words.length === 0) {
    stack.push(frame);
    return;
  }
  const asAt = words.indexOf('as');
  const args = asAt >= 0 ? words.slice(0, asAt) : words;
  const blockParams = asAt >= 0 ? words.slice(asAt + 1).join(' ').replace(/[|]/g, ' ').trim().split(/\s+/).filter(Boolean) : [];
  if (flavour === 'mustache') {
    const [ref] = lookup(words[0], stack, flavour);
    frame.context = ref ? { name: ref.name, path: [...ref.path, '[]'] } : 'unknown';
  } else {
    const helper = args[0];
    const [target] = args[1] ? lookup(args[1], stack, flavour) : [];
    if (helper === 'each') frame.context = target ? { name: target.name, path: [...target.path, '[]'] } : 'unknown';
    else if (helper === 'with') frame.context = target ?? 'unknown';
    else if (helper === 'if' || helper === 'unless') frame.context = top.context;
    else if (args.length === 1) {
      // `{{#x}}…{{/x}}` without a helper: a section over the value of x.
      const [ref] = lookup(helper, stack, flavour);
      frame.context = ref ? { name: ref.name, path: [...ref.path, '[]'] } : 'unknown';
    } else frame.context = 'unknown';
    if (blockParams[0] && frame.context !== 'unknown' && frame.context !== null) frame.params.set(blockParams[0], frame.context);
  }
  stack.push(frame);
}

/**
 * The data values a path in a tag may refer to: `x.y`, `this.x`, `./x`, `../x`, `@root.x`, a block
 * parameter. Inside a section over `items`, `name` is `items[].name`; Mustache also looks it up in the
 * enclosing contexts up to the top, so there it may be the top-level `name` too.
 */
function lookup(path: string, stack: readonly Frame[], flavour: 'handlebars' | 'mustache'): DataRef[] {
  if (path.length > 200 || path.startsWith('@') && !path.startsWith('@root')) return [];
  let segments = path.split(/[./]/).filter((s) => s !== '');
  let level = stack.length - 1;
  if (segments[0] === '@root') {
    segments = segments.slice(1);
    level = 0;
  } else {
    let ups = 0;
    while (path.startsWith('../', ups * 3)) ups++;
    if (ups > 0) {
      level = Math.max(0, level - ups);
      segments = path.slice(ups * 3).split(/[./]/).filter((s) => s !== '');
    }
  }
  if (segments[0] === 'this') segments = segments.slice(1);
  segments = segments.map((s) => (s.startsWith('[') && s.endsWith(']') ? s.slice(1, -1) : s));
  if (segments.length === 0 || segments.some((s) => !/^[\w$-]+$/.test(s))) return [];
  if (segments.length > MAX_PATH) return [];
  const [head, ...rest] = segments;
  for (let l = level; l >= 0; l--) {
    const param = stack[l].params.get(head);
    if (param) return [{ name: param.name, path: [...param.path, ...rest] }];
  }
  const context = stack[level].context;
  const refs: DataRef[] = [];
  if (context === null) refs.push({ name: head, path: rest });
  else if (context !== 'unknown') refs.push({ name: context.name, path: [...context.path, ...segments] });
  if (flavour === 'mustache' && context !== null) refs.push({ name: head, path: rest });
  return refs.filter((r) => r.path.length <= MAX_PATH);
}

// ---------------------------------------------------------------------------------------------------------
// Pug: `!{x}` interpolation, `tag!= x` / `!= x` code and `attr!=x` attributes print unescaped.

/** Pug keywords that start a line without printing anything of their own. */
const PUG_KEYWORDS = new Set(['include', 'extends', 'block', 'append', 'prepend', 'if', 'else', 'unless', 'case', 'when', 'default', 'while', 'doctype', 'yield']);

/** Pug scanning state: loop variables and names the template defines itself. */
interface PugScope {
  aliases: Map<string, DataRef>;
  defined: Set<string>;
  out: UnescapedOutput[];
  /** Characters attribute lists may still be searched for their end (they may span lines): bounds the whole scan. */
  budget: number;
}

function scanPug(text: string): UnescapedOutput[] {
  const scope: PugScope = { aliases: new Map(), defined: new Set(), out: [], budget: 4 * MAX_TEMPLATE_CHARS };
  let skipIndent = -1;
  let textIndent = -1;
  let pos = 0;
  while (pos < text.length && scope.out.length < MAX_OUTPUTS && scope.budget > 0) {
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = text.length;
    const lineStart = pos;
    pos = eol + 1;
    let indent = 0;
    while (lineStart + indent < eol && (text[lineStart + indent] === ' ' || text[lineStart + indent] === '\t')) indent++;
    const start = lineStart + indent;
    if (start >= eol || text[start] === '\r') continue;
    if (skipIndent >= 0) {
      if (indent > skipIndent) continue;
      skipIndent = -1;
    }
    if (textIndent >= 0) {
      if (indent > textIndent) {
        pugText(text, start, eol, scope);
        continue;
      }
      textIndent = -1;
    }
    const c = text[start];
    if (text.startsWith('//', start) || c === ':') {
      skipIndent = indent;
      continue;
    }
    if (c === '-') {
      pugCode(text.slice(start + 1, eol), scope);
      if (text.slice(start + 1, eol).trim() === '') skipIndent = indent;
      continue;
    }
    if (c === '|' || c === '<') {
      pugText(text, c === '|' ? start + 1 : start, eol, scope);
      continue;
    }
    if (c === '+') continue; // a mixin call: its arguments are printed inside the mixin, scanned there
    const keyword = /^[a-z]+/.exec(text.slice(start, Math.min(eol, start + 20)))?.[0] ?? '';
    if (keyword === 'each' || keyword === 'for') {
      pugLoop(text.slice(start + keyword.length, eol), scope);
      continue;
    }
    if (keyword === 'mixin') {
      const params = parenthesized(text.slice(start, eol));
      for (const p of params.split(',')) scope.defined.add(p.trim().replace(/^\.\.\./, ''));
      continue;
    }
    if (PUG_KEYWORDS.has(keyword) && (text[start + keyword.length] === ' ' || start + keyword.length >= eol || text[start + keyword.length] === '\r')) continue;
    const next = pugTag(text, start, eol, scope);
    if (next === 'text-block') textIndent = indent;
    else if (next > eol) pos = text.indexOf('\n', next) < 0 ? text.length : text.indexOf('\n', next) + 1;
  }
  return scope.out;
}

/** `- var x = …`, `- const { a, b } = …`: names the template defines itself are not its data. */
function pugCode(code: string, scope: PugScope): void {
  const m = /^\s*(?:var|let|const)\s+([\w$]+)/.exec(code);
  if (m) scope.defined.add(m[1]);
}

/** `each item, i in items` / `for item in items`: the loop variables are elements of the data value. */
function pugLoop(rest: string, scope: PugScope): void {
  const inAt = rest.indexOf(' in ');
  if (inAt < 0) return;
  const vars = rest.slice(0, inAt).split(',').map((v) => v.trim());
  const [ref] = printedRefs(rest.slice(inAt + 4), new Set()).map((r) => resolvePug(r, scope)).filter((r): r is DataRef => r !== null);
  if (vars[0]) {
    if (ref && ref.path.length < MAX_PATH) scope.aliases.set(vars[0], { name: ref.name, path: [...ref.path, '[]'] });
    else scope.defined.add(vars[0]);
  }
  if (vars[1]) scope.defined.add(vars[1]);
}

/** A data reference as seen through the template's own names: loop variables map to their list, defined names to nothing. */
function resolvePug(ref: DataRef, scope: PugScope): DataRef | null {
  const alias = scope.aliases.get(ref.name);
  if (alias) return alias.path.length + ref.path.length <= MAX_PATH ? { name: alias.name, path: [...alias.path, ...ref.path] } : null;
  return scope.defined.has(ref.name) ? null : ref;
}

function pugOutput(expr: string, range: [number, number], how: string, escaped: string, escape: TextEdit[], scope: PugScope): void {
  for (const ref of printedRefs(expr, new Set())) {
    const resolved = resolvePug(ref, scope);
    if (resolved) scope.out.push({ ...resolved, range, how, escaped, escape });
  }
}

/** `!{expr}` interpolations in a run of text (`\!{` is literal). */
function pugText(text: string, from: number, to: number, scope: PugScope): void {
  let i = from;
  while (i < to) {
    const at = text.indexOf('!{', i);
    if (at < 0 || at >= to) return;
    if (text[at - 1] === '\\') {
      i = at + 2;
      continue;
    }
    const end = balanced(text, at + 1, '{', '}', to);
    if (end < 0) return;
    pugOutput(text.slice(at + 2, end), [at, end + 1], 'the Pug interpolation !{}', '#{}', [{ range: [at, at + 1], text: '#' }], scope);
    i = end + 1;
  }
}

/**
 * A tag line: `p.lead#x(attrs)&attributes(…)` then `!= expr`, `= expr`, `: nested`, `.` (a text block)
 * or text. Returns the offset where the tag ended (past the line when its attributes span lines) or
 * `text-block`.
 */
function pugTag(text: string, start: number, eol: number, scope: PugScope): number | 'text-block' {
  let i = start;
  while (i < eol && /[\w#.-]/.test(text[i])) {
    if (text[i] === '.' && !/[\w-]/.test(text[i + 1] ?? '')) break;
    i++;
  }
  let end = eol;
  for (let guard = 0; guard < 4; guard++) {
    if (text[i] === '(') {
      const limit = Math.min(text.length, i + 20_000);
      const close = balanced(text, i, '(', ')', limit);
      scope.budget -= (close < 0 ? limit : close) - i;
      if (close < 0) return eol;
      pugAttributes(text, i + 1, close, scope);
      i = close + 1;
      end = Math.max(end, i);
    } else if (text.startsWith('&attributes(', i)) {
      const limit = Math.min(text.length, i + 20_000);
      const close = balanced(text, i + 11, '(', ')', limit);
      scope.budget -= (close < 0 ? limit : close) - i;
      if (close < 0) return eol;
      i = close + 1;
    } else {
      break;
    }
  }
  const lineEnd = text.indexOf('\n', i) < 0 ? text.length : text.indexOf('\n', i);
  if (text.startsWith('!=', i)) {
    pugOutput(text.slice(i + 2, lineEnd), [i, lineEnd - (text[lineEnd - 1] === '\r' ? 1 : 0)], 'Pug code !=', '=', [{ range: [i, i + 1], text: '' }], scope);
    return Math.max(end, lineEnd);
  }
  if (text[i] === '=') return Math.max(end, lineEnd);
  if (text.startsWith(': ', i)) return pugTag(text, i + 2, lineEnd, scope);
  if (text[i] === '.' && text.slice(i + 1, lineEnd).trim() === '') return 'text-block';
  if (text[i] === '/') return Math.max(end, lineEnd);
  pugText(text, i, lineEnd, scope);
  return Math.max(end, lineEnd);
}

/** `name!=expr` attributes inside `(…)`: the value runs to the next top-level comma. */
function pugAttributes(text: string, from: number, to: number, scope: PugScope): void {
  let i = from;
  while (i < to) {
    const at = text.indexOf('!=', i);
    if (at < 0 || at >= to) return;
    let valueEnd = to;
    let depth = 0;
    let quote: string | null = null;
    for (let j = at + 2; j < to; j++) {
      const ch = text[j];
      if (quote) {
        if (ch === '\\') j++;
        else if (ch === quote) quote = null;
      } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
      else if (ch === '(' || ch === '[' || ch === '{') depth++;
      else if (ch === ')' || ch === ']' || ch === '}') depth--;
      else if (ch === ',' && depth === 0) {
        valueEnd = j;
        break;
      }
    }
    pugOutput(text.slice(at + 2, valueEnd), [at, valueEnd], 'a Pug attribute written with !=', '=', [{ range: [at, at + 1], text: '' }], scope);
    i = valueEnd + 1;
  }
}

/** The text between the first `(` and the next `)`: a mixin's or macro's parameters; '' when there are none. */
function parenthesized(text: string): string {
  const open = text.indexOf('(');
  const close = open < 0 ? -1 : text.indexOf(')', open);
  return close < 0 ? '' : text.slice(open + 1, close);
}

/** Offset of the bracket closing the one at `open`, skipping strings; -1 when not found before `limit`. */
function balanced(text: string, open: number, opening: string, closing: string, limit: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < limit; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') quote = ch;
    else if (ch === opening) depth++;
    else if (ch === closing && --depth === 0) return i;
  }
  return -1;
}

// ---------------------------------------------------------------------------------------------------------
// Nunjucks: `{{ x | safe }}` prints unescaped; with `autoescape: false` every `{{ x }}` does.

/** Filters that give back their input's text without escaping it. */
const TEXT_FILTERS = new Set(['safe', 'trim', 'upper', 'lower', 'capitalize', 'title', 'replace', 'truncate', 'default', 'd', 'nl2br', 'string', 'first', 'last', 'join', 'indent', 'center']);
/** A name or a static member chain: `user.bio`, `items[0]`, `user['bio']`. */
const NUNJUCKS_PATH = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[\s*(?:\d+|'[^'\n]*'|"[^"\n]*")\s*\])*$/;

function scanNunjucks(text: string, autoescapeOff: boolean): UnescapedOutput[] {
  const out: UnescapedOutput[] = [];
  const aliases = new Map<string, DataRef>();
  const defined = new Set<string>();
  const loops: string[][] = [];
  let i = 0;
  while (out.length < MAX_OUTPUTS) {
    const open = text.indexOf('{', i);
    if (open < 0) break;
    const next = text[open + 1];
    if (next === '#') {
      const close = text.indexOf('#}', open + 2);
      if (close < 0) break;
      i = close + 2;
      continue;
    }
    if (next !== '%' && next !== '{') {
      i = open + 1;
      continue;
    }
    const close = nunjucksClose(text, open + 2, next === '%' ? '%}' : '}}');
    if (close < 0) break;
    i = close + 2;
    let bodyStart = open + 2;
    let bodyEnd = close;
    if (text[bodyStart] === '-') bodyStart++;
    if (text[bodyEnd - 1] === '-') bodyEnd--;
    const body = text.slice(bodyStart, bodyEnd);
    if (next === '%') {
      const words = body.trim().split(/\s+/);
      if (words[0] === 'raw' || words[0] === 'verbatim') {
        const end = text.indexOf(`end${words[0]}`, i);
        if (end < 0) break;
        i = end;
      } else if (words[0] === 'for') {
        const m = /^\s*for\s+([\w$]+)(?:\s*,\s*([\w$]+))?\s+in\s+([^]*)$/.exec(body);
        const vars: string[] = [];
        if (m) {
          const target = nunjucksPath(m[3].trim(), aliases, defined);
          if (target && !m[2]) aliases.set(m[1], { name: target.name, path: [...target.path, '[]'] });
          else defined.add(m[1]);
          if (m[2]) {
            if (target) aliases.set(m[2], { name: target.name, path: [...target.path, '[]'] });
            else defined.add(m[2]);
          }
          vars.push(m[1], ...(m[2] ? [m[2]] : []));
        }
        loops.push(vars);
      } else if (words[0] === 'endfor') {
        for (const v of loops.pop() ?? []) aliases.delete(v);
      } else if (words[0] === 'set' || words[0] === 'macro') {
        for (const name of body.replace(/^\s*(?:set|macro)\s+/, '').split(/[=(]/)[0].split(',')) defined.add(name.trim());
        const params = words[0] === 'macro' ? parenthesized(body) : '';
        for (const p of params.split(',')) defined.add(p.split('=')[0].trim());
      }
      continue;
    }
    const parts = splitFilters(body, bodyStart);
    const [expr, ...filters] = parts;
    const names = filters.map((f) => /^\s*([\w$]+)/.exec(f.text)?.[1] ?? '');
    if (!names.every((n) => TEXT_FILTERS.has(n))) continue;
    const safe = names.indexOf('safe');
    if (safe < 0 && !autoescapeOff) continue;
    const ref = nunjucksPath(expr.text.trim(), aliases, defined);
    if (!ref) continue;
    // The edit takes the filter, the `|` before it and the spaces around that.
    let escape: TextEdit[] | null = null;
    if (safe >= 0 && !autoescapeOff) {
      let s = filters[safe].start;
      while (s > expr.end && text[s - 1] !== '|') s--;
      s--;
      while (s > expr.end && /\s/.test(text[s - 1])) s--;
      escape = [{ range: [s, filters[safe].end], text: '' }];
    }
    out.push({ ...ref, range: [open, close + 2], how: autoescapeOff ? 'autoescape: false' : 'the safe filter', escaped: escape ? 'without | safe' : null, escape });
  }
  return out;
}

/** The end of a Nunjucks tag, skipping quoted strings; -1 when it does not end. */
function nunjucksClose(text: string, from: number, closing: string): number {
  let quote: string | null = null;
  const limit = Math.min(text.length, from + 20_000);
  for (let i = from; i < limit; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (text.startsWith(closing, i)) return i;
  }
  return -1;
}

/** The expression and filters of an output tag, split at top-level `|`, with offsets in the template. */
function splitFilters(body: string, offset: number): Array<{ text: string; start: number; end: number }> {
  const parts: Array<{ text: string; start: number; end: number }> = [];
  let depth = 0;
  let quote: string | null = null;
  let from = 0;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quote) {
      if (ch === '\\') i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') depth--;
    else if (ch === '|' && depth === 0) {
      parts.push(trimmed(body, from, i, offset));
      from = i + 1;
    }
  }
  parts.push(trimmed(body, from, body.length, offset));
  return parts;
}

function trimmed(body: string, from: number, to: number, offset: number): { text: string; start: number; end: number } {
  let s = from;
  let e = to;
  while (s < e && /\s/.test(body[s])) s++;
  while (e > s && /\s/.test(body[e - 1])) e--;
  return { text: body.slice(s, e), start: offset + s, end: offset + e };
}

/** A data reference for a Nunjucks path expression, through loop variables; null for names the template defines. */
function nunjucksPath(expr: string, aliases: ReadonlyMap<string, DataRef>, defined: ReadonlySet<string>): DataRef | null {
  if (expr.length > 200 || !NUNJUCKS_PATH.test(expr)) return null;
  const segments = expr.split(/[.[\]]/).map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter((s) => s !== '');
  const [head, ...rest] = segments;
  const path = rest.map((s) => (/^\d+$/.test(s) ? '[]' : s));
  const alias = aliases.get(head);
  if (alias) return alias.path.length + path.length <= MAX_PATH ? { name: alias.name, path: [...alias.path, ...path] } : null;
  if (defined.has(head) || head === 'loop' || path.length > MAX_PATH) return null;
  return { name: head, path };
}

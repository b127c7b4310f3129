import { decodeEscapes } from '../../languages/python/ast';
import type { PythonHelpers, SyntaxNode } from '../../languages/python';
import { pyString, type PyQuote } from './call-helpers';
import { unwrap } from './injection-flow';

export { pyString };

/**
 * How the injection rules take apart a string built at run time — an f-string, `+`, `%` or `str.format`
 * on a literal, `' '.join([...])` — to rewrite it (an argument list, placeholders, an escaped value) or to
 * read its constant prefix. Not a rule.
 */

/** One piece of a string built at run time: constant text, or an expression whose value is inserted. */
export type Part = { text: string } | { expr: SyntaxNode };

const MAX_DEPTH = 20;

/**
 * The parts of a string expression, in order; null when it is not a string built from literals and
 * values, or uses a form the rewrites do not handle (`{x!r}`, `{x:>5}`, `%(name)s`, `%5d`).
 */
export function stringParts(lang: PythonHelpers, node: SyntaxNode, depth = 0): Part[] | null {
  if (depth > MAX_DEPTH) return null;
  const n = unwrap(node);
  switch (n.type) {
    case 'string':
      return literalParts(n);
    case 'concatenated_string': {
      const out: Part[] = [];
      for (const c of n.namedChildren) {
        if (!c || c.type === 'comment') continue;
        const parts = literalParts(c);
        if (!parts) return null;
        out.push(...parts);
      }
      return out;
    }
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.text;
      if (op === '%') return percentParts(lang, n);
      if (op !== '+') return null;
      const sides = [n.childForFieldName('left'), n.childForFieldName('right')].map((s) => (s ? unwrap(s) : null));
      const out: Part[] = [];
      for (const side of sides) {
        if (!side) return null;
        const parts = isStringish(side) ? stringParts(lang, side, depth + 1) : [{ expr: side }];
        if (!parts) return null;
        out.push(...parts);
      }
      // `a + b` without any text could be numbers or lists.
      return out.some((p) => 'text' in p) ? out : null;
    }
    case 'call':
      return formatParts(lang, n) ?? joinParts(lang, n);
    default:
      return null;
  }
}

/** Whether an operand of `+` is itself a string built from parts (not a value inserted whole). */
function isStringish(n: SyntaxNode): boolean {
  if (n.type === 'string' || n.type === 'concatenated_string') return true;
  if (n.type === 'binary_operator') return n.childForFieldName('operator')?.text === '+' || isPercentFormat(n);
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    return fn?.type === 'attribute' && /^(?:format|join)$/.test(fn.childForFieldName('attribute')?.text ?? '') && isPlainString(fn.childForFieldName('object'));
  }
  return false;
}

function isPercentFormat(n: SyntaxNode): boolean {
  return n.childForFieldName('operator')?.text === '%' && isPlainString(n.childForFieldName('left'));
}

function isPlainString(n: SyntaxNode | null): boolean {
  const u = n ? unwrap(n) : null;
  return !!u && (u.type === 'string' || u.type === 'concatenated_string') && !u.text.startsWith('b') && !u.text.startsWith('B');
}

/** The parts of one string literal: plain text, or an f-string's text and interpolations. */
function literalParts(str: SyntaxNode): Part[] | null {
  if (str.type !== 'string' || str.hasError) return null;
  const start = str.firstChild;
  if (start?.type !== 'string_start') return null;
  const prefix = start.text.replace(/(?<!['"])['"]+$/, '').toLowerCase();
  if (/[bt]/.test(prefix)) return null;
  const raw = prefix.includes('r');
  const isF = prefix.includes('f');
  const out: Part[] = [];
  for (let i = 1; i < str.childCount - 1; i++) {
    const c = str.child(i);
    if (!c) return null;
    if (c.type === 'string_content') {
      let written = c.text;
      if (isF) written = written.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      const value = raw ? written : decodeEscapes(written);
      if (value === null) return null;
      pushText(out, value);
    } else if (c.type === 'interpolation') {
      if (c.namedChildren.some((k) => k?.type === 'type_conversion' || k?.type === 'format_specifier')) return null;
      const expr = c.childForFieldName('expression');
      if (!expr) return null;
      out.push({ expr });
    } else if (c.type !== 'string_end') {
      return null;
    }
  }
  return out;
}

function pushText(out: Part[], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && 'text' in last) last.text += text;
  else out.push({ text });
}

/** `'… %s …' % value` and `'… %s … %d' % (a, b)`. */
function percentParts(lang: PythonHelpers, n: SyntaxNode): Part[] | null {
  const left = n.childForFieldName('left');
  const right = n.childForFieldName('right');
  const format = left && isPlainString(left) ? lang.stringValue(unwrap(left)) : null;
  if (format === null || !right) return null;
  const r = unwrap(right);
  const values = r.type === 'tuple' ? r.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') : [r];
  if (values.some((v) => v.type === 'list_splat')) return null;
  const out: Part[] = [];
  let k = 0;
  let text = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      text += c;
      continue;
    }
    const spec = format[i + 1];
    if (spec === '%') {
      text += '%';
      i++;
      continue;
    }
    if (spec !== 's' && spec !== 'd' && spec !== 'i') return null;
    if (k >= values.length) return null;
    pushText(out, text);
    text = '';
    out.push({ expr: values[k++] });
    i++;
  }
  pushText(out, text);
  // A single value that is not a tuple literal may itself be a tuple: only a one-placeholder format is sure.
  if (k !== values.length || (r.type !== 'tuple' && k !== 1)) return null;
  return out;
}

/** `'… {} … {name}'.format(a, name=b)`. */
function formatParts(lang: PythonHelpers, call: SyntaxNode): Part[] | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return null;
  const object = fn.childForFieldName('object');
  const format = object && isPlainString(object) ? lang.stringValue(unwrap(object)) : null;
  if (format === null) return null;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment') ?? [];
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return null;
  const positional = args.filter((a) => a.type !== 'keyword_argument');
  const named = new Map<string, SyntaxNode>();
  for (const a of args) {
    if (a.type === 'keyword_argument') named.set(a.childForFieldName('name')?.text ?? '', a.childForFieldName('value')!);
  }
  const out: Part[] = [];
  let text = '';
  let auto = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '}') {
      if (format[i + 1] !== '}') return null;
      text += '}';
      i++;
      continue;
    }
    if (c !== '{') {
      text += c;
      continue;
    }
    if (format[i + 1] === '{') {
      text += '{';
      i++;
      continue;
    }
    const close = format.indexOf('}', i);
    if (close < 0) return null;
    const field = format.slice(i + 1, close);
    let value: SyntaxNode | undefined;
    if (field === '') value = positional[auto++];
    else if (/^\d+$/.test(field)) value = positional[Number(field)];
    else if (/^[A-Za-z_]\w*$/.test(field)) value = named.get(field);
    if (!value) return null;
    pushText(out, text);
    text = '';
    out.push({ expr: value });
    i = close;
  }
  pushText(out, text);
  return out;
}

/** `' '.join(['ls', path])` with a literal separator and a list or tuple literal. */
function joinParts(lang: PythonHelpers, call: SyntaxNode): Part[] | null {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'join') return null;
  const object = fn.childForFieldName('object');
  const separator = object && isPlainString(object) ? lang.stringValue(unwrap(object)) : null;
  const list = lang.argument(call, 0);
  if (separator === null || !list || (list.type !== 'list' && list.type !== 'tuple')) return null;
  const items = list.namedChildren.filter((c): c is SyntaxNode => !!c && c.type !== 'comment');
  if (items.some((i) => i.type === 'list_splat')) return null;
  const out: Part[] = [];
  items.forEach((item, i) => {
    if (i > 0) pushText(out, separator);
    const value = lang.stringValue(item);
    if (value !== null) pushText(out, value);
    else out.push({ expr: item });
  });
  return out;
}

/**
 * The constant text before the first value of a string built at run time, constants (`BASE_URL`) folded
 * in; the whole text when every part is constant.
 */
export function constantPrefix(lang: PythonHelpers, parts: readonly Part[]): { prefix: string; complete: boolean } {
  let prefix = '';
  for (const p of parts) {
    if ('text' in p) {
      prefix += p.text;
      continue;
    }
    const value = lang.constant(p.expr)?.value;
    if (typeof value !== 'string') return { prefix, complete: false };
    prefix += value;
  }
  return { prefix, complete: true };
}

/**
 * An f-string for parts mixing text and expressions (`f"--name={name}"`), in the quotes given (the file's,
 * see {@link pyQuote}) unless an expression holds that quote; null when an expression's source holds both
 * quotes, a backslash or a line break (not allowed inside an f-string before Python 3.12).
 */
export function pyFString(parts: readonly Part[], source: (n: SyntaxNode) => string, preferred: PyQuote = '"'): string | null {
  const sources = parts.map((p) => ('expr' in p ? source(p.expr) : ''));
  if (sources.some((src) => /[\\\n\r]/.test(src))) return null;
  const double = sources.some((src) => src.includes('"'));
  const single = sources.some((src) => src.includes("'"));
  if (double && single) return null;
  const quote: PyQuote = preferred === '"' ? (double ? "'" : '"') : single ? '"' : "'";
  let body = '';
  parts.forEach((p, i) => {
    body += 'text' in p ? pyString(p.text, quote).slice(1, -1).replace(/\{/g, '{{').replace(/\}/g, '}}') : `{${sources[i]}}`;
  });
  return `f${quote}${body}${quote}`;
}

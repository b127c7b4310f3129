import type { TextEdit } from '../../engine/types';
import type { JsNode, JsParsedFile } from './parse';
import { walkJs } from './traverse';

/**
 * The edit that removes `items[index]` from a comma-separated list (object properties, arguments,
 * array elements) together with its separator, leaving the rest of the formatting alone. Comments keep
 * their owner: a comment on a line of its own belongs to what follows and stays; a comment after the
 * item on its own last line goes with it. An only item leaves empty brackets (`{}`), not `{  }`.
 */
export function removeListItem(text: string, items: readonly (JsNode | null)[], index: number): TextEdit {
  const item = items[index]!;
  const next = items[index + 1];
  const prev = index > 0 ? items[index - 1] : null;
  const afterComma = commaEnd(text, item.end!);
  if (!next && !prev) {
    const open = skipBlanksBack(text, item.start!) - 1;
    const close = skipBlanks(text, afterComma);
    if ('{[('.includes(text[open] ?? ' ') && '}])'.includes(text[close] ?? ' ')) return { range: [open + 1, close], text: '' };
  }
  // The item fills whole lines: those lines go (a trailing comment on the last one too), nothing else.
  const lineStart = lineStartIfAlone(text, item);
  const lineEnd = lineStart === null ? null : endOfLineAfter(text, afterComma);
  if (lineStart !== null && lineEnd !== null) return { range: [lineStart, lineEnd], text: '' };
  if (next) return { range: [item.start!, skipSpaces(text, afterComma)], text: '' };
  if (prev) return { range: [prev.end!, afterComma], text: '' };
  return { range: [item.start!, afterComma], text: '' };
}

/** The start of the item's line when only white space precedes it there, else null. */
function lineStartIfAlone(text: string, item: JsNode): number | null {
  const i = skipSpacesBack(text, item.start!);
  return i === 0 || text[i - 1] === '\n' ? i : null;
}

/**
 * The offset just past the line break that ends the line at `from`, when only spaces and a comment
 * that ends on this line remain before it; else null (something else follows on the same line).
 */
function endOfLineAfter(text: string, from: number): number | null {
  let i = skipSpaces(text, from);
  if (text.startsWith('//', i)) {
    const eol = text.indexOf('\n', i);
    return eol === -1 ? text.length : eol + 1;
  }
  if (text.startsWith('/*', i)) {
    const close = text.indexOf('*/', i + 2);
    const eol = text.indexOf('\n', i);
    if (close === -1 || (eol !== -1 && close > eol)) return null;
    i = skipSpaces(text, close + 2);
  }
  if (i === text.length) return i;
  if (text[i] === '\r' && text[i + 1] === '\n') return i + 2;
  return text[i] === '\n' ? i + 1 : null;
}

/** Past the spaces and the comma after `end`, or `end` itself when no comma follows. */
function commaEnd(text: string, end: number): number {
  const i = skipSpaces(text, end);
  return text[i] === ',' ? i + 1 : end;
}

function skipSpaces(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

function skipSpacesBack(text: string, i: number): number {
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i;
}

/** Past spaces, tabs and line breaks. */
function skipBlanks(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

function skipBlanksBack(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

/** The edit that removes a whole statement and the rest of its line when nothing else is on it. */
export function removeStatement(text: string, node: JsNode): TextEdit {
  let start = node.start!;
  let end = node.end!;
  let s = start;
  while (s > 0 && (text[s - 1] === ' ' || text[s - 1] === '\t')) s--;
  let e = end;
  while (e < text.length && (text[e] === ' ' || text[e] === '\t')) e++;
  const ownLine = (s === 0 || text[s - 1] === '\n') && (e === text.length || text[e] === '\n' || text[e] === '\r');
  if (ownLine) {
    start = s;
    end = text[e] === '\r' && text[e + 1] === '\n' ? e + 2 : e < text.length ? e + 1 : e;
  }
  return { range: [start, end], text: '' };
}

const SINGLE = 39; // '
const DOUBLE = 34; // "

/** Whether a string literal's source text holds a quote character between its delimiters. */
function hasQuoteInside(raw: string): boolean {
  for (let i = 1; i < raw.length - 1; i++) {
    const c = raw.charCodeAt(i);
    if (c === SINGLE || c === DOUBLE) return true;
  }
  return false;
}

/** The quote character of a JS/TS string literal. */
export type QuoteStyle = "'" | '"';

const quoteStyles = new WeakMap<JsParsedFile, QuoteStyle>();

/**
 * The quote style of a file, so that fixes inserting string literals read like the code around them:
 * double quotes when most of its string literals use them, else single quotes (also for a file without
 * any). Literals that contain a quote character (`"it's"`) and JSX attribute values (`class="x"`, double
 * by convention whatever the style) say nothing about the choice and are not counted. Memoised per file.
 */
export function quoteStyle(parsed: JsParsedFile): QuoteStyle {
  let style = quoteStyles.get(parsed);
  if (style) return style;
  let single = 0;
  let double = 0;
  const count = (n: JsNode): void => {
    if (n.type !== 'StringLiteral' || n.parent?.type === 'JSXAttribute') return;
    const raw = (n.extra as { raw?: string } | undefined)?.raw;
    if (!raw || hasQuoteInside(raw)) return;
    if (raw.charCodeAt(0) === DOUBLE) double++;
    else if (raw.charCodeAt(0) === SINGLE) single++;
  };
  const nodes = parsed.nodes;
  if (nodes) {
    for (let i = 0; i < nodes.length; i++) count(nodes[i]);
  } else {
    // Before the traversal nodes have no parents: skip JSX attributes instead.
    walkJs(parsed.root.program as JsNode, (n) => {
      if (n.type === 'JSXAttribute') return false;
      count(n);
    });
  }
  style = double > single ? '"' : "'";
  quoteStyles.set(parsed, style);
  return style;
}

/**
 * A JS/TS string literal of `value` in the given quotes (see {@link quoteStyle}), or in the other ones when
 * `value` holds only the given kind (`"it's"`, as Prettier writes it), escaping backslashes, the quote,
 * line breaks and the line and paragraph separators.
 */
export function stringLiteral(value: string, preferred: QuoteStyle): string {
  const other: QuoteStyle = preferred === '"' ? "'" : '"';
  const style = value.includes(preferred) && !value.includes(other) ? other : preferred;
  const body = value
    .replace(/\\/g, '\\\\')
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .split(style)
    .join(`\\${style}`);
  return `${style}${body}${style}`;
}

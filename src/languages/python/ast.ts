import type { Range } from '../../engine/types';
import type { SyntaxNode } from './parse';

/** A string literal whose value is known at analysis time. */
export interface StringLiteral {
  /** The value, escape sequences decoded. */
  value: string;
  /** UTF-16 range of the text between the quotes (`text.slice(...range) === value` unless escapes are used). */
  contentRange: Range;
  /** Whether the source spells the value with escape sequences or line continuations. */
  escaped: boolean;
}

/**
 * The value of a plain `str` literal: `'x'`, `"x"`, `'''x'''`, `r'x'`, `u'x'`. Bytes, f-strings and
 * t-strings give null (their value is not a `str` known here), as do `\N{…}` escapes.
 */
export function stringLiteral(node: SyntaxNode | null | undefined): StringLiteral | null {
  if (!node || node.type !== 'string' || node.hasError) return null;
  const start = node.firstChild;
  const end = node.lastChild;
  if (!start || !end || start.type !== 'string_start' || end.type !== 'string_end') return null;
  const prefix = start.text.replace(/(?<!['"])['"]+$/, '').toLowerCase();
  if (/[bft]/.test(prefix)) return null;
  const raw = prefix.includes('r');
  let written = '';
  for (let i = 1; i < node.childCount - 1; i++) {
    const part = node.child(i);
    if (!part || part.type !== 'string_content') return null;
    written += part.text;
  }
  const value = raw ? written : decodeEscapes(written);
  if (value === null) return null;
  return { value, contentRange: [start.endIndex, end.startIndex], escaped: value !== written };
}

/** The known value of a string literal or of an implicit concatenation of them (`'a' 'b'`), else null. */
export function stringValue(node: SyntaxNode | null | undefined): string | null {
  if (node?.type === 'concatenated_string') {
    let value = '';
    for (const part of node.namedChildren) {
      const literal = stringLiteral(part);
      if (!literal) return null;
      value += literal.value;
    }
    return value;
  }
  return stringLiteral(node)?.value ?? null;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes Python `str` escapes; unknown ones stay as written, as Python keeps them. Null for `\N{…}`. */
export function decodeEscapes(s: string): string | null {
  if (!s.includes('\\')) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const next = s[i + 1];
    const decoded = decodeOne(s, i + 1);
    if (decoded === null) return null;
    if (decoded === undefined) {
      out += c + next;
      i++;
      continue;
    }
    out += decoded.text;
    i = decoded.end - 1;
  }
  return out;
}

/** The escape after a backslash at `i - 1`: its text and where it ends; undefined if unknown; null for `\N`. */
function decodeOne(s: string, i: number): { text: string; end: number } | null | undefined {
  const c = s[i];
  if (c === '\n') return { text: '', end: i + 1 };
  if (c === '\r') return { text: '', end: s[i + 1] === '\n' ? i + 2 : i + 1 };
  if (Object.hasOwn(SIMPLE_ESCAPES, c)) return { text: SIMPLE_ESCAPES[c], end: i + 1 };
  if (c === 'N') return null;
  const octal = /^[0-7]{1,3}/.exec(s.slice(i, i + 3));
  if (octal) return { text: String.fromCharCode(parseInt(octal[0], 8)), end: i + octal[0].length };
  const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (width === 0) return undefined;
  const hex = s.slice(i + 1, i + 1 + width);
  if (hex.length !== width || !HEX_DIGITS.test(hex)) return undefined;
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) return undefined;
  return { text: String.fromCodePoint(code), end: i + 1 + width };
}

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** The dotted text of a `dotted_name` (`a.b.c`, whatever spacing the source uses), or null if incomplete. */
export function dottedName(node: SyntaxNode | null | undefined): string | null {
  if (!node || node.type !== 'dotted_name' || node.hasError) return null;
  const parts: string[] = [];
  for (const child of node.namedChildren) {
    if (!child || child.type !== 'identifier' || child.isMissing || child.startIndex === child.endIndex) return null;
    parts.push(child.text);
  }
  return parts.length > 0 ? parts.join('.') : null;
}

/** The last identifier of a name or attribute chain: `ImportError`, `builtins.ImportError` → `ImportError`. */
export function lastName(node: SyntaxNode | null | undefined): string | null {
  if (!node) return null;
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text ?? null;
  return null;
}

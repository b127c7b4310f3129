import type { SourceComment } from '../../engine/language';

/**
 * Finds the `#` comments of a TOML text, skipping `#` inside basic (`"…"`), literal (`'…'`) and
 * multi-line (`"""…"""`, `'''…'''`) strings. Works on any text, valid or not: an unterminated string
 * runs to the end of its line (single-line) or of the text (multi-line).
 */
export function scanTomlComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '#') {
      const end = lineEnd(text, i);
      comments.push({ range: [i, end], value: text.slice(i + 1, end) });
      i = end;
    } else if (c === '"' || c === "'") {
      i = skipString(text, i, c);
    } else {
      i++;
    }
  }
  return comments;
}

/** Offset just past the string that starts at `start` with `quote`. */
function skipString(text: string, start: number, quote: string): number {
  const escapes = quote === '"';
  const triple = quote.repeat(3);
  if (text.startsWith(triple, start)) {
    let i = start + 3;
    while (i < text.length && !text.startsWith(triple, i)) i += escapes && text[i] === '\\' ? 2 : 1;
    if (i >= text.length) return text.length;
    // Up to two more quotes right before the closing delimiter belong to the content.
    let end = i + 3;
    for (let extra = 0; extra < 2 && text[end] === quote; extra++) end++;
    return end;
  }
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n' && text[i] !== '\r') {
    i += escapes && text[i] === '\\' && text[i + 1] !== '\n' && text[i + 1] !== '\r' ? 2 : 1;
  }
  return text[i] === quote ? i + 1 : i;
}

/** Offset of the line break that ends the line holding `from` (or the end of the text). */
export function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

import type { TextEdit } from '../../engine/types';
import type { JsNode } from './parse';

/**
 * The edit that removes `items[index]` from a comma-separated list (object properties, arguments,
 * array elements) together with its separator, leaving the rest of the formatting alone.
 */
export function removeListItem(text: string, items: readonly (JsNode | null)[], index: number): TextEdit {
  const item = items[index]!;
  const next = items[index + 1];
  const prev = index > 0 ? items[index - 1] : null;
  if (next) {
    const start = lineStartIfAlone(text, item);
    const nextLine = text.lastIndexOf('\n', next.start! - 1) + 1;
    return start !== null && nextLine > item.end!
      ? { range: [start, nextLine], text: '' }
      : { range: [item.start!, next.start!], text: '' };
  }
  if (prev) return { range: [prev.end!, trailingCommaEnd(text, item.end!)], text: '' };
  // Only item: remove it and a trailing comma, keep the surrounding brackets.
  return { range: [item.start!, trailingCommaEnd(text, item.end!)], text: '' };
}

/** The start of the item's line when only white space precedes it there, else null. */
function lineStartIfAlone(text: string, item: JsNode): number | null {
  let i = item.start!;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return i === 0 || text[i - 1] === '\n' ? i : null;
}

function trailingCommaEnd(text: string, end: number): number {
  let i = end;
  while (i < text.length && /[ \t]/.test(text[i])) i++;
  return text[i] === ',' ? i + 1 : end;
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

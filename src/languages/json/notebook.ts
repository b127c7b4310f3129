import type { Node } from 'jsonc-parser';

/** What a piece of a Jupyter notebook is. */
export type NotebookPartKind = 'code' | 'markdown' | 'raw' | 'output';

/**
 * The decoded text of one notebook cell (its `source`) or of one text output of a code cell, and where
 * each of its characters is written in the `.ipynb` file: findings in a cell are reported at the cell's
 * line of the file.
 */
export interface NotebookPart {
  readonly kind: NotebookPartKind;
  /** Index of the cell in `cells`. */
  readonly cell: number;
  /** The decoded text: the cell's source, or the output's text. */
  readonly text: string;
  /** The file offset of character `i` of `text` (`i === text.length` gives the end of the last string). */
  toFile(i: number): number;
}

/** Notebooks with more cells than this are not read further (generated data, not hand-written). */
const MAX_CELLS = 5000;

/**
 * The cells (sources) and text outputs (`stream` text, `text/plain` data, error tracebacks are left out)
 * of a Jupyter notebook, from the JSON adapter's tree of the `.ipynb` file and its text. A file that is
 * not a notebook gives none.
 */
export function notebookParts(tree: Node | undefined, text: string): NotebookPart[] {
  const cells = property(tree, 'cells');
  if (cells?.type !== 'array') return [];
  const parts: NotebookPart[] = [];
  (cells.children ?? []).slice(0, MAX_CELLS).forEach((cell, index) => {
    const type = property(cell, 'cell_type')?.value;
    const kind: NotebookPartKind = type === 'code' || type === 'markdown' || type === 'raw' ? type : 'raw';
    const source = joined(property(cell, 'source'), text);
    if (source) parts.push({ kind, cell: index, ...source });
    if (kind !== 'code') return;
    for (const output of property(cell, 'outputs')?.children ?? []) {
      const stream = joined(property(output, 'text'), text);
      if (stream) parts.push({ kind: 'output', cell: index, ...stream });
      const plain = joined(property(property(output, 'data'), 'text/plain'), text);
      if (plain) parts.push({ kind: 'output', cell: index, ...plain });
    }
  });
  return parts;
}

/** The value of a property of an object node, or undefined. */
function property(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== 'object') return undefined;
  const prop = node.children?.find((p) => p.children?.[0]?.value === key);
  return prop?.children?.[1];
}

/** A string, or an array of strings (nbformat's multi-line form), decoded and joined, with its offset map. */
function joined(node: Node | undefined, text: string): Pick<NotebookPart, 'text' | 'toFile'> | undefined {
  const strings = node?.type === 'string' ? [node] : node?.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
  if (strings.length === 0) return undefined;
  let value = '';
  const offsets: number[] = [];
  for (const s of strings) {
    const decoded = decodeJsonString(text, s.offset, s.offset + s.length);
    value += decoded.value;
    offsets.push(...decoded.offsets);
  }
  const end = strings[strings.length - 1].offset + strings[strings.length - 1].length - 1;
  return { text: value, toFile: (i) => (i < offsets.length ? offsets[i] : end) };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the JSON string literal written at `[start, end)` of `text` (quotes included) and records, for
 * each decoded UTF-16 unit, the offset in `text` where it is written.
 */
export function decodeJsonString(text: string, start: number, end: number): { value: string; offsets: number[] } {
  let value = '';
  const offsets: number[] = [];
  const last = text[end - 1] === '"' && end - 1 > start ? end - 1 : end;
  for (let i = start + 1; i < last; i++) {
    const c = text[i];
    if (c !== '\\') {
      value += c;
      offsets.push(i);
      continue;
    }
    const next = text[i + 1];
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
      offsets.push(i);
      i += 5;
    } else if (next !== undefined && next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
      offsets.push(i);
      i += 1;
    } else {
      value += c;
      offsets.push(i);
    }
  }
  return { value, offsets };
}

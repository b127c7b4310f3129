import { parseTree, type Node } from 'jsonc-parser';
import type { EmbeddedDocument } from '../../engine/language';

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
  /** The file offset just after character `i - 1` as written (after its escape); `toFile(0)` for 0. */
  toFileEnd(i: number): number;
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
function joined(node: Node | undefined, text: string): Pick<NotebookPart, 'text' | 'toFile' | 'toFileEnd'> | undefined {
  const strings = node?.type === 'string' ? [node] : node?.type === 'array' ? (node.children ?? []).filter((c) => c.type === 'string') : [];
  if (strings.length === 0) return undefined;
  let value = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  for (const s of strings) {
    const decoded = decodeJsonString(text, s.offset, s.offset + s.length);
    value += decoded.value;
    for (const o of decoded.offsets) offsets.push(o);
    for (const o of decoded.ends) ends.push(o);
  }
  const end = strings[strings.length - 1].offset + strings[strings.length - 1].length - 1;
  const first = strings[0].offset + 1;
  return {
    text: value,
    toFile: (i) => (i < offsets.length ? offsets[i] : end),
    toFileEnd: (i) => (i <= 0 ? (offsets[0] ?? first) : i <= ends.length ? ends[i - 1] : end),
  };
}

/** Cell magics whose body is shell commands (`%%bash`), or Python run another way (`%%time`). */
const SHELL_CELL = /^%%(?:bash|sh|script[ \t]+(?:ba)?sh)\b/;
const PYTHON_CELL = /^%%(?:time|timeit|capture|prun|debug)\b/;
/** A shell escape or a package-manager line magic: `!pip install x`, `%pip install x`, `%conda install x`. */
const SHELL_LINE = /^[ \t]*(?:!|%(?=(?:pip|conda|mamba|uv|sh|system)\b))/;

/**
 * What the `.ipynb` text holds besides JSON: its code cells as one Python document (magics and shell
 * escapes blanked out, cells one after another, each on its own lines) and their shell commands as one
 * shell document (`!pip install x`, `%pip …`, `%%bash` cells; the rest blanked), both mapped back to the
 * file. Nothing for a file that is not a notebook.
 */
export function notebookDocuments(text: string): EmbeddedDocument[] {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const cells = notebookParts(tree, text).filter((p) => p.kind === 'code');
  if (cells.length === 0) return [];
  const python = cells.map((cell) => pythonOfCell(cell.text));
  const shell = cells.map((cell) => shellOfCell(cell.text));
  const docs = [document({ language: 'python', dialect: 'python' }, cells, python)];
  if (shell.some((s) => /\S/.test(s))) docs.push(document({ language: 'text', dialect: 'shell' }, cells, shell));
  return docs;
}

/**
 * The Python of a code cell, as long as the cell: magics (`%matplotlib`, `%%time`) and shell escapes
 * (`!pip install x`) blanked out, and the whole cell blank when a cell magic makes it another language
 * (`%%bash`, `%%html`).
 */
export function pythonOfCell(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  if (firstLine.startsWith('%%') && !PYTHON_CELL.test(firstLine)) return blank(text);
  return text
    .split('\n')
    .map((line, i) => ((i === 0 && line.startsWith('%%')) || /^[ \t]*[!%]/.test(line) ? blank(line) : line))
    .join('\n');
}

/** The shell commands of a code cell, as long as the cell: a `%%bash` body, `!…` and `%pip …` lines; the rest blank. */
function shellOfCell(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  if (SHELL_CELL.test(firstLine)) return blank(firstLine) + text.slice(firstLine.length);
  return text
    .split('\n')
    .map((line) => (SHELL_LINE.test(line) ? line.replace(/[!%]/, ' ') : blank(line)))
    .join('\n');
}

/** The same length of text with every character but line breaks made a space. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

/**
 * One document made of the cells' texts (each as long as its cell's source, so offsets inside a cell are
 * the cell's own), joined by line breaks that belong to no cell.
 */
function document(classification: EmbeddedDocument['classification'], cells: readonly NotebookPart[], texts: readonly string[]): EmbeddedDocument {
  const starts: number[] = [];
  let at = 0;
  for (const t of texts) {
    starts.push(at);
    at += t.length + 1;
  }
  /** The cell holding offset `i` (the line break after a cell counts as its end) and the offset inside it. */
  const locate = (i: number): [NotebookPart, number] => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= i) lo = mid;
      else hi = mid - 1;
    }
    return [cells[lo], Math.min(i - starts[lo], texts[lo].length)];
  };
  return {
    classification,
    text: texts.join('\n'),
    toFile: (i) => {
      const [cell, local] = locate(i);
      return local < cell.text.length ? cell.toFile(local) : cell.toFileEnd(local);
    },
    toFileEnd: (i) => {
      const [cell, local] = locate(Math.max(0, i - 1));
      return cell.toFileEnd(i === 0 ? 0 : local + 1);
    },
    editable: (start, end) => {
      const [a] = locate(start);
      const [b] = locate(Math.max(start, end - 1));
      return a === b;
    },
    encode: (inserted) => JSON.stringify(inserted).slice(1, -1),
  };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Decodes the JSON string literal written at `[start, end)` of `text` (quotes included) and records, for
 * each decoded UTF-16 unit, the offset in `text` where it is written.
 */
export function decodeJsonString(text: string, start: number, end: number): { value: string; offsets: number[]; ends: number[] } {
  let value = '';
  const offsets: number[] = [];
  const ends: number[] = [];
  const last = text[end - 1] === '"' && end - 1 > start ? end - 1 : end;
  for (let i = start + 1; i < last; i++) {
    const c = text[i];
    if (c !== '\\') {
      value += c;
      offsets.push(i);
      ends.push(i + 1);
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
    ends.push(i + 1);
  }
  return { value, offsets, ends };
}

import { isAlias, isMap, isScalar, isSeq, Scalar, type Node } from 'yaml';
import type { EmbeddedDocument } from '../../engine/language';
import { LineIndex } from '../../engine/line-index';
import type { Range, RelatedLocation } from '../../engine/types';
import type { YamlDocument } from './parse';

/**
 * A YAML text a file renders to (a Helm template with its chart's values, a kustomization with its bases and
 * patches), with a map from every piece of the text back to the analysed file, so that the Kubernetes rules read
 * the rendered text unchanged and their findings land in the file.
 */
export interface Rendered {
  text: string;
  /** Pieces of `text` in order, covering it without gaps. */
  segments: Segment[];
  /** Texts of the other files that related locations point into, by path relative to the analysed file's folder. */
  sources: ReadonlyMap<string, string>;
  /** Whether an insertion in verbatim text may be written back (Helm: the template's own lines); else only replacements inside one verbatim piece. */
  insertions: boolean;
}

/** One piece of a {@link Rendered} text. */
export interface Segment {
  /** `[start, end)` in the rendered text. */
  start: number;
  end: number;
  /** In the analysed file: where the piece is written (character for character when `verbatim`), else where findings on it go. */
  place: Range;
  verbatim: boolean;
  /** Findings that start here belong to the analysed file; false: the file the piece comes from reports them. */
  own: boolean;
  /** Places in other files that explain a finding here (where `values.yaml` sets the value, the base a patch changes). */
  related: readonly OtherPlace[];
}

/** A location in another file, by its path relative to the analysed file's folder. */
export interface OtherPlace {
  file: string;
  range: Range;
  message: string;
}

/** Where a value is written: a file (relative to the analysed file's folder) and a range of it. */
export interface Source {
  file: string;
  range: Range;
}

/** Thrown when a file cannot be rendered within the bounds or with what is supported; the file is then read as it is. */
export class NotRendered extends Error {}

/** Largest rendered text, in UTF-16 code units: a values.yaml alias bomb stops here. */
export const MAX_RENDERED_CHARS = 2 * 1024 * 1024;

/** Appends pieces to a rendered text, merging neighbours that continue each other. */
export class RenderedBuilder {
  private readonly parts: string[] = [];
  private length = 0;
  readonly segments: Segment[] = [];

  get size(): number {
    return this.length;
  }

  /** Appends `text` described by `segment`; a verbatim piece must be as long as its place. */
  add(text: string, segment: Omit<Segment, 'start' | 'end'>): void {
    if (text.length === 0) return;
    if (this.length + text.length > MAX_RENDERED_CHARS) throw new NotRendered('rendered text too large');
    const start = this.length;
    this.parts.push(text);
    this.length += text.length;
    const last = this.segments[this.segments.length - 1];
    if (last && segment.verbatim && last.verbatim && last.own === segment.own && last.place[1] === segment.place[0] && last.related === segment.related) {
      last.end = this.length;
      last.place = [last.place[0], segment.place[1]];
      return;
    }
    if (last && !segment.verbatim && !last.verbatim && last.own === segment.own && last.place[0] === segment.place[0] && last.place[1] === segment.place[1] && last.related === segment.related) {
      last.end = this.length;
      return;
    }
    this.segments.push({ ...segment, start, end: this.length });
  }

  text(): string {
    return this.parts.join('');
  }
}

/**
 * The rendered text as an embedded document of the analysed file: the Kubernetes rules read it, findings go where
 * {@link Segment}s put them (dropped when they start in a piece that is not the file's own), fixes only where the
 * edit falls in verbatim text of the file.
 */
export function renderedDocument(rendered: Rendered, hostText: string): EmbeddedDocument {
  const { text, segments } = rendered;
  const at = (i: number): Segment => {
    let lo = 0;
    let hi = segments.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (segments[mid].start <= i) lo = mid;
      else hi = mid - 1;
    }
    return segments[lo];
  };
  const toFile = (i: number): number => {
    const s = at(i);
    return s.verbatim ? s.place[0] + Math.min(i - s.start, s.end - s.start) : s.place[0];
  };
  const toFileEnd = (i: number): number => {
    if (i <= 0) return toFile(0);
    const s = at(i - 1);
    return s.verbatim ? s.place[0] + (i - s.start) : s.place[1];
  };
  const hostLines = new LineIndex(hostText);
  const renderedLines = new LineIndex(text);
  const columnIn = (lines: LineIndex, offset: number) => lines.positionAt(offset).column;
  const editable = (start: number, end: number): boolean => {
    if (segments.length === 0) return false;
    if (start < end) {
      const s = at(start);
      return s.verbatim && s.own && end <= s.end;
    }
    if (!rendered.insertions) return false;
    // An insertion at the boundary of two pieces may go in either; it is written back when one of them is verbatim.
    const s = [at(start), start > 0 ? at(start - 1) : undefined].find((c) => c && c.verbatim && c.own && c.start <= start && start <= c.end);
    if (!s) return false;
    // Inserted lines are indented for the rendered text: the column must be the file's too.
    return columnIn(renderedLines, start) === columnIn(hostLines, s.place[0] + (start - s.start));
  };
  const linesOf = new Map<string, LineIndex>();
  const located = (place: OtherPlace): RelatedLocation => {
    let lines = linesOf.get(place.file);
    if (!lines) linesOf.set(place.file, (lines = new LineIndex(rendered.sources.get(place.file) ?? '')));
    const start = lines.positionAt(place.range[0]);
    return { message: place.message.replace('{{line}}', String(start.line)), file: place.file, range: place.range, start, end: lines.positionAt(place.range[1]) };
  };
  return {
    classification: { language: 'yaml', dialect: 'yaml' },
    text,
    toFile,
    toFileEnd,
    editable,
    encode: (inserted) => inserted,
    rules: (ruleId) => ruleId.startsWith('kubernetes/'),
    locate(range) {
      if (segments.length === 0) return null;
      const first = at(range[0]);
      if (!first.own) return null;
      const start = toFile(range[0]);
      let end = start;
      if (range[1] > range[0]) {
        const last = at(range[1] - 1);
        end = last.own ? toFileEnd(range[1]) : first.verbatim ? first.place[0] + (first.end - first.start) : first.place[1];
        if (end < start) end = first.verbatim ? first.place[0] + (first.end - first.start) : first.place[1];
      }
      const related: RelatedLocation[] = [];
      const seen = new Set<string>();
      for (let i = segments.indexOf(first); i < segments.length && segments[i].start < Math.max(range[1], range[0] + 1) && related.length < 5; i++) {
        if (!segments[i].own) continue;
        for (const place of segments[i].related) {
          const key = `${place.file}\u0000${place.range[0]}:${place.range[1]}`;
          if (!seen.has(key) && related.length < 5) {
            seen.add(key);
            related.push(located(place));
          }
        }
      }
      return { range: [start, end], related };
    },
  };
}

/** Whether a piece of text can be written as a plain YAML scalar and read back as the same string. */
const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./@+-]*(?: [A-Za-z0-9_./@+-]+)*$/;
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n|~)$/i;

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yamlString(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

/** A value of a YAML tree with where it is written, for rendering: a mapping, a sequence or a scalar. */
export type Tree = TreeMap | TreeSeq | TreeScalar;

export interface TreeMap {
  kind: 'map';
  items: Array<{ key: TreeScalar; value: Tree }>;
  from?: Source;
}

export interface TreeSeq {
  kind: 'seq';
  items: Tree[];
  from?: Source;
}

export interface TreeScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  /** The scalar exactly as written, when it is one line of a flow scalar (plain or quoted): rendered as it is. */
  source?: string;
  from?: Source;
}

/** Nodes a conversion may create, aliases expanded: a values.yaml alias bomb stops here. */
export const MAX_TREE_NODES = 50_000;
/** Deepest nesting of a converted tree (aliases that refer to an ancestor stop here). */
const MAX_TREE_DEPTH = 100;

const resolved = new WeakMap<object, unknown>();

/** A budget of nodes shared by the conversions of one rendering. */
export interface Budget {
  nodes: number;
}

/**
 * Converts a node of a parsed YAML document into a {@link Tree}, with every scalar's and collection's place in
 * `file`; aliases are expanded and `<<` merge keys applied. Throws {@link NotRendered} past the node budget or depth.
 */
export function toTree(doc: YamlDocument, node: unknown, file: string, text: string, budget: Budget, depth = 0): Tree {
  if (--budget.nodes < 0) throw new NotRendered('too many nodes');
  if (depth > MAX_TREE_DEPTH) throw new NotRendered('nested too deeply');
  if (isAlias(node)) {
    // `resolve` searches the whole document; an alias bomb repeats the same few aliases many times.
    let target = resolved.get(node);
    if (target === undefined) resolved.set(node, (target = node.resolve(doc) ?? null));
    return toTree(doc, target, file, text, budget, depth + 1);
  }
  if (isMap(node)) {
    const items: TreeMap['items'] = [];
    const merges: Tree[] = [];
    for (const pair of node.items) {
      if (isScalar(pair.key) && pair.key.value === '<<') {
        const sources = isSeq(pair.value) ? pair.value.items : [pair.value];
        for (const s of sources) merges.push(toTree(doc, s, file, text, budget, depth + 1));
        continue;
      }
      const key = toTree(doc, pair.key, file, text, budget, depth + 1);
      if (key.kind !== 'scalar') throw new NotRendered('complex key');
      items.push({ key, value: toTree(doc, pair.value, file, text, budget, depth + 1) });
    }
    for (const merged of merges) {
      if (merged.kind !== 'map') continue;
      for (const item of merged.items) if (!items.some((i) => i.key.value === item.key.value)) items.push(item);
    }
    return { kind: 'map', items, from: sourceOf(node, file) };
  }
  if (isSeq(node)) {
    const items: Tree[] = [];
    for (const item of node.items) items.push(toTree(doc, item, file, text, budget, depth + 1));
    return { kind: 'seq', items, from: sourceOf(node, file) };
  }
  if (isScalar(node)) {
    const value = node.value;
    const scalar: TreeScalar = {
      kind: 'scalar',
      value: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value === null || value === undefined ? null : String(value),
      from: sourceOf(node, file),
    };
    const range = node.range;
    if (range && (node.type === Scalar.PLAIN || node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE)) {
      const written = text.slice(range[0], range[1]);
      if (!/[\r\n]/.test(written) && written.length > 0 && !written.startsWith('#')) scalar.source = written;
    }
    return scalar;
  }
  return { kind: 'scalar', value: null };
}

function sourceOf(node: Node, file: string): Source | undefined {
  return node.range ? { file, range: [node.range[0], node.range[1]] } : undefined;
}

/** The value under `key` of a tree mapping (keys compared as strings). */
export function treeGet(tree: Tree | undefined, key: string): Tree | undefined {
  if (!tree || tree.kind !== 'map') return undefined;
  for (let i = tree.items.length - 1; i >= 0; i--) if (String(tree.items[i].key.value) === key) return tree.items[i].value;
  return undefined;
}

/** A piece of emitted YAML with the tree node it writes (none for indentation and punctuation). */
export interface Emitted {
  text: string;
  node?: Tree;
  /** The text is the node's source text character for character. */
  verbatim: boolean;
}

/**
 * Writes a tree as block YAML starting at column `indent` (the caller has written the indentation of the first
 * line), scalars as written in their source when they are one line, otherwise plain or double-quoted. No
 * trailing newline. Calls `out` piece by piece; stops with {@link NotRendered} past `MAX_RENDERED_CHARS`.
 */
export function emitTree(tree: Tree, indent: number, out: (piece: Emitted) => void, depth = 0): void {
  if (depth > MAX_TREE_DEPTH) throw new NotRendered('nested too deeply');
  const raw = (text: string) => out({ text, verbatim: false });
  if (tree.kind === 'scalar') {
    out(tree.source !== undefined ? { text: tree.source, node: tree, verbatim: true } : { text: scalarText(tree.value), node: tree, verbatim: false });
    return;
  }
  if (tree.items.length === 0) {
    out({ text: tree.kind === 'map' ? '{}' : '[]', node: tree, verbatim: false });
    return;
  }
  if (tree.kind === 'seq') {
    tree.items.forEach((item, i) => {
      if (i > 0) raw(`\n${' '.repeat(indent)}`);
      raw('- ');
      emitTree(item, indent + 2, out, depth + 1);
    });
    return;
  }
  tree.items.forEach(({ key, value }, i) => {
    if (i > 0) raw(`\n${' '.repeat(indent)}`);
    out(key.source !== undefined ? { text: key.source, node: key, verbatim: true } : { text: scalarText(key.value), node: key, verbatim: false });
    if (value.kind === 'scalar' || value.items.length === 0) {
      raw(': ');
      emitTree(value, indent + 2, out, depth + 1);
    } else {
      raw(`:\n${' '.repeat(indent + 2)}`);
      emitTree(value, indent + 2, out, depth + 1);
    }
  });
}

function scalarText(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return yamlString(value);
  return String(value);
}

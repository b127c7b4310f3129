import { parse } from 'smol-toml';

/** A parsed TOML document and the table headers found in its text, for locating values by offset. */
export interface TomlDocument {
  text: string;
  data: Record<string, unknown>;
  tables: TableHeader[];
  /** Per table, its line-start keys (dotted parts joined by '.') with offsets; built on first use. */
  keys: Map<TableHeader, Map<string, KeyOffsets>>;
}

interface KeyOffsets {
  /** Offset of the first character of the (last) key name, inside any quotes. */
  name: number;
  /** Offset just after the `=`. */
  value: number;
}

const KEY_PART = `(?:[A-Za-z0-9_-]+|"[^"\\n]*"|'[^'\\n]*')`;
const KEY_LINE = new RegExp(`^[ \\t]*(${KEY_PART}(?:[ \\t]*\\.[ \\t]*${KEY_PART})*)[ \\t]*=`, 'gm');

interface TableHeader {
  path: string[];
  /** Offset just after the header line. */
  start: number;
  /** Offset of the next header, or the end of the text. */
  end: number;
}

const HEADER = /^[ \t]*\[(?!\[)[ \t]*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:[ \t]*\.[ \t]*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)[ \t]*\][ \t]*(?:#.*)?$/;
const ANY_HEADER = /^[ \t]*\[\[?[ \t]*[A-Za-z0-9_"'-][\s\S]*\]\]?[ \t]*(?:#[\s\S]*)?$/;

/**
 * Parses TOML with smol-toml. When the whole text is invalid, each table is parsed on its own so one
 * syntax error does not hide the rest. Never throws.
 */
export function readToml(text: string): TomlDocument {
  const tables = findTables(text);
  return { text, data: parseLeniently(text, tables), tables, keys: new Map() };
}

function parseLeniently(text: string, tables: TableHeader[]): Record<string, unknown> {
  const whole = tryParse(text);
  if (whole) return whole;
  const data: Record<string, unknown> = {};
  for (const table of tables) {
    const parsed = tryParse(text.slice(table.start, table.end));
    if (parsed) setPath(data, table.path, parsed);
  }
  return data;
}

function tryParse(text: string): Record<string, unknown> | undefined {
  try {
    return parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function setPath(data: Record<string, unknown>, path: string[], value: Record<string, unknown>): void {
  let node = data;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  const existing = node[last];
  node[last] = typeof existing === 'object' && existing !== null && !Array.isArray(existing) ? { ...existing, ...value } : value;
}

function findTables(text: string): TableHeader[] {
  const tables: TableHeader[] = [];
  let current: TableHeader | undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    const lineEnd = offset + line.length;
    const header = HEADER.exec(line.replace(/\r$/, ''));
    if (header || ANY_HEADER.test(line.replace(/\r$/, ''))) {
      if (current) current.end = offset;
      current = header ? { path: splitKey(header[1]), start: Math.min(lineEnd + 1, text.length), end: text.length } : undefined;
      if (current) tables.push(current);
    }
    offset = lineEnd + 1;
  }
  return tables;
}

/** Splits a dotted TOML key into its parts, unquoting quoted parts. */
function splitKey(key: string): string[] {
  const parts = key.match(/"[^"]*"|'[^']*'|[^.\s]+/g) ?? [];
  return parts.map((p) => (/^["']/.test(p) ? p.slice(1, -1) : p));
}

/** Reads a value at a path of nested keys, or undefined. */
export function valueAt(data: unknown, path: readonly string[]): unknown {
  let node = data;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The table whose header is the longest prefix of `path`. */
function tableFor(doc: TomlDocument, path: readonly string[]): TableHeader | undefined {
  let best: TableHeader | undefined;
  for (const table of doc.tables) {
    const isPrefix = table.path.length <= path.length && table.path.every((p, i) => p === path[i]);
    if (isPrefix && (!best || table.path.length > best.path.length)) best = table;
  }
  return best;
}

/** Keys assigned at line starts in `[start, end)`, indexed in one pass. */
function keysOf(doc: TomlDocument, table: TableHeader | undefined): Map<string, KeyOffsets> {
  const cacheKey = table ?? ROOT;
  const cached = doc.keys.get(cacheKey);
  if (cached) return cached;
  const start = table ? table.start : 0;
  const end = table ? table.end : (doc.tables[0]?.start ?? doc.text.length);
  const keys = new Map<string, KeyOffsets>();
  for (const match of doc.text.slice(start, end).matchAll(KEY_LINE)) {
    const parts = splitKey(match[1]);
    const last = parts[parts.length - 1] ?? '';
    const lastAt = match[1].lastIndexOf(last);
    const at = start + (match.index ?? 0) + match[0].indexOf(match[1]) + lastAt;
    const joined = parts.join('.');
    if (!keys.has(joined)) keys.set(joined, { name: at, value: start + (match.index ?? 0) + match[0].length });
  }
  doc.keys.set(cacheKey, keys);
  return keys;
}

const ROOT: TableHeader = { path: [], start: 0, end: 0 };

/**
 * The text region where the value at `path` is written: from just after its `=` (or the table header)
 * to the end of the table that holds it. Undefined when it cannot be found.
 */
export function locate(doc: TomlDocument, path: readonly string[]): [number, number] | undefined {
  const table = tableFor(doc, path);
  const start = table ? table.start : 0;
  const end = table ? table.end : (doc.tables[0]?.start ?? doc.text.length);
  const rest = path.slice(table ? table.path.length : 0);
  if (rest.length === 0) return [start, end];
  const key = keysOf(doc, table).get(rest.join('.'));
  return key ? [key.value, end] : undefined;
}

/**
 * Offset of the key `name` of the table at `path`: a line of the table's own section, or an entry of an
 * inline table written as its value.
 */
export function findTableKey(doc: TomlDocument, path: readonly string[], name: string): number | undefined {
  const table = tableFor(doc, path);
  if (table && table.path.length === path.length) return keysOf(doc, table).get(name)?.name;
  const region = locate(doc, path);
  if (!region) return undefined;
  const close = doc.text.indexOf('}', region[0]);
  return findKey(doc.text, name, region[0], close < 0 ? region[1] : Math.min(close, region[1]));
}

/**
 * Offset of the string literal whose content is `value`, searching `[from, to)`; returns the offset of
 * the first content character, or undefined when the literal is written with escapes.
 */
export function findString(text: string, value: string, from: number, to: number): number | undefined {
  for (const quote of ['"', "'"]) {
    const at = text.indexOf(quote + value + quote, from);
    if (at >= 0 && at < to) return at + 1;
  }
  return undefined;
}

/** Offset of the key `name` (bare or quoted) assigned in `[from, to)`, pointing at the name itself. */
function findKey(text: string, name: string, from: number, to: number): number | undefined {
  const match = new RegExp(`(^[ \\t]*|[\\n{,][ \\t]*)(["']?)${escapeRegExp(name)}\\2[ \\t]*=`).exec(text.slice(from, to));
  return match ? from + match.index + match[1].length + match[2].length : undefined;
}

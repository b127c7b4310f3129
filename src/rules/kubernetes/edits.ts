import { isMap, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../../engine/types';
import type { YamlDocument } from '../../languages/yaml';
import { lookup } from './model';

/** Column (UTF-16 code units from the start of the line) of an offset. */
export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** Whether a node is a non-empty block (not flow) mapping, where lines can be inserted. */
export function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.items.length > 0 && Boolean((node.items[0].key as { range?: unknown } | null)?.range);
}

/**
 * An edit that inserts lines (`key: value`, nested lines indented relative to the first) at the top of a
 * block mapping, indented like its first key; undefined for flow or empty mappings. Nothing else moves.
 */
export function insertIntoBlockMap(text: string, map: YAMLMap, lines: readonly string[]): TextEdit | undefined {
  if (!isBlockMap(map)) return undefined;
  const start = (map.items[0].key as { range: number[] }).range[0];
  const indent = ' '.repeat(columnOf(text, start));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { range: [start, start], text: lines.join(eol + indent) + eol + indent };
}

/**
 * An edit that adds `item` as the first item of a sequence: `[a]` becomes `[item, a]`, and a block sequence
 * gets a `- item` line before its first item, at the same column; undefined for an empty block sequence
 * or a layout it does not recognise.
 */
export function insertIntoSeq(text: string, seq: YAMLSeq, item: string): TextEdit | undefined {
  const range = seq.range;
  if (!range) return undefined;
  if (seq.flow) {
    if (text[range[0]] !== '[') return undefined;
    return { range: [range[0] + 1, range[0] + 1], text: seq.items.length > 0 ? `${item}, ` : item };
  }
  const first = seq.items[0] as { range?: number[] } | null | undefined;
  if (!first?.range) return undefined;
  const dash = text.lastIndexOf('-', first.range[0]);
  const lineStart = text.lastIndexOf('\n', dash - 1) + 1;
  if (dash < 0 || text.slice(lineStart, dash).trim() !== '' || text.slice(dash + 1, first.range[0]).trim() !== '') return undefined;
  return { range: [dash, dash], text: `- ${item}${text.includes('\r\n') ? '\r\n' : '\n'}${' '.repeat(dash - lineStart)}` };
}

/**
 * An edit that deletes the line(s) of one `key: value` pair of a block mapping that has other keys; undefined
 * when the key does not start its line (the first key of a `- ` item), the value is followed by more than a
 * comment on its last line, or the mapping would be left empty.
 */
export function removePairEdit(text: string, map: YAMLMap, keyStart: number, valueEnd: number): TextEdit | undefined {
  if (!isBlockMap(map) || map.items.length < 2) return undefined;
  const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
  if (text.slice(lineStart, keyStart).trim() !== '') return undefined;
  const newline = text.indexOf('\n', valueEnd);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const rest = text.slice(valueEnd, newline < 0 ? text.length : newline).trim();
  if (rest !== '' && !rest.startsWith('#')) return undefined;
  return { range: [lineStart, lineEnd], text: '' };
}

/**
 * An edit that puts `lines` into a pod's or container's `securityContext`: at its top when it is a block
 * mapping, or inside a new `securityContext:` at the top of `owner` (the container or pod spec) when `owner`
 * has no such key; undefined for flow style or a `securityContext` that is not a mapping.
 */
export function insertIntoSecurityContext(text: string, doc: YamlDocument, owner: YAMLMap, securityContext: YAMLMap | undefined, lines: readonly string[]): TextEdit | undefined {
  if (securityContext) return insertIntoBlockMap(text, securityContext, lines);
  if (lookup(doc, owner, 'securityContext')) return undefined;
  return insertIntoBlockMap(text, owner, ['securityContext:', ...lines.map((l) => `  ${l}`)]);
}

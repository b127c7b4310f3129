import { isMap, type YAMLMap } from 'yaml';
import type { TextEdit } from '../../engine/types';

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

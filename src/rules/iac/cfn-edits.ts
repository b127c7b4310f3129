import type { TextEdit } from '../../engine/types';
import { literal, type CfnFormat, type CfnMap } from '../cloudformation/model';

/** A literal an attribute is compared with or set to. */
export type Scalar = string | number | boolean;

/**
 * An edit that adds `path` (nested keys ending in `value`) to a CloudFormation map as its first entry,
 * written like the entry it goes before: on its own line at the same indentation, or inline in compact
 * JSON. Undefined for an empty map or a YAML flow mapping, whose layout is not one to extend.
 */
export function insertCfnEntry(text: string, map: CfnMap, format: CfnFormat, path: readonly string[], value: Scalar): TextEdit | undefined {
  const first = map.entries[0];
  if (!first || path.length === 0) return undefined;
  const at = first.keyRange[0];
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const before = text.slice(lineStart, at);
  const ownLine = /^[ \t]*$/.test(before);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  if (format === 'json') {
    const after = ownLine ? `${newline}${before}` : ' ';
    return { range: [at, at], text: `${jsonEntry(path, value)},${after}` };
  }
  // A YAML flow mapping, or a key that shares its line (`- Key:`): the layout is not one to extend.
  if (!ownLine || text[map.range[0]] === '{') return undefined;
  const lines = yamlLines(path, value);
  return { range: [at, at], text: `${lines.join(`${newline}${before}`)}${newline}${before}` };
}

function jsonEntry(path: readonly string[], value: Scalar): string {
  const [key, ...rest] = path;
  return `${JSON.stringify(key)}: ${rest.length === 0 ? cfnLiteral(value, 'json') : `{ ${jsonEntry(rest, value)} }`}`;
}

function yamlLines(path: readonly string[], value: Scalar): string[] {
  const [key, ...rest] = path;
  if (rest.length === 0) return [`${key}: ${cfnLiteral(value, 'yaml')}`];
  return [`${key}:`, ...yamlLines(rest, value).map((l) => `  ${l}`)];
}

/** A scalar in the template's syntax. */
export function cfnLiteral(value: Scalar, format: CfnFormat): string {
  return typeof value === 'number' ? String(value) : literal(value, format);
}

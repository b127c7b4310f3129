import type { LineIndex } from '../engine/line-index';
import { createHash } from 'node:crypto';
import { findNodeAtLocation, findNodeAtOffset, getNodePath, parseTree, type JSONPath, type Node, type ParseError } from 'jsonc-parser';

/**
 * Stable keys for `suppressions` entries of files without comments (JSON): the JSON path of the finding's
 * node (`$.mcpServers.fs.args[1]`) or a fingerprint of the finding (rule + normalized text of its line).
 * Either keeps applying when lines are inserted above the finding; the entry's `line` is only a hint.
 */

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `["mcpServers", "fs", "args", 1]` -> `$.mcpServers.fs.args[1]`; keys that are not identifiers as `["@scope/x"]`. */
export function formatJsonPath(segments: JSONPath): string {
  return `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : IDENTIFIER.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}

/** The segments of a path written by {@link formatJsonPath}, or null when it is not one. */
export function parseJsonPath(text: string): JSONPath | null {
  if (!text.startsWith('$')) return null;
  const segments: JSONPath = [];
  let i = 1;
  while (i < text.length) {
    if (text[i] === '.') {
      const m = /^[A-Za-z_$][A-Za-z0-9_$]*/.exec(text.slice(i + 1));
      if (!m) return null;
      segments.push(m[0]);
      i += 1 + m[0].length;
    } else if (text[i] === '[') {
      const index = /^\[(0|[1-9]\d{0,8})\]/.exec(text.slice(i));
      if (index) {
        segments.push(Number(index[1]));
        i += index[0].length;
        continue;
      }
      // A JSON string in brackets: scan to its closing quote, honouring escapes.
      if (text[i + 1] !== '"') return null;
      let j = i + 2;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (text[j + 1] !== ']') return null;
      try {
        segments.push(JSON.parse(text.slice(i + 1, j + 1)) as string);
      } catch {
        return null;
      }
      i = j + 2;
    } else {
      return null;
    }
  }
  return segments;
}

/** The JSON tree of a text, or undefined when it has none. Never throws (absurd nesting gives undefined). */
export function jsonTree(text: string): Node | undefined {
  try {
    const errors: ParseError[] = [];
    return parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    return undefined;
  }
}

/**
 * The JSON path of the innermost value at `offset` of a JSON text (a property key counts as its value),
 * or null when the text holds no JSON there.
 */
export function jsonPathAt(text: string, offset: number): string | null {
  const root = jsonTree(text);
  const node = root && findNodeAtOffset(root, offset);
  if (!node) return null;
  return formatJsonPath(getNodePath(node));
}

/**
 * 1-based lines where the node at `jsonPath` starts, and where its property's key starts when it is a
 * property value. Empty when the tree has no such node.
 */
export function jsonPathLines(root: Node | undefined, lines: LineIndex, jsonPath: string): number[] {
  const segments = parseJsonPath(jsonPath);
  const node = root && segments ? findNodeAtLocation(root, segments) : undefined;
  if (!node) return [];
  const found = [lines.positionAt(node.offset).line];
  if (node.parent?.type === 'property') found.push(lines.positionAt(node.parent.offset).line);
  return [...new Set(found)];
}

/** The text of a line as the fingerprint sees it: no surrounding white space, inner runs collapsed, no trailing comma. */
export function normalizeLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ').replace(/,$/, '').trimEnd();
}

/** Fingerprint of a finding: 16 hex digits of SHA-256 over the rule id and the normalized text of its line. */
export function findingFingerprint(ruleId: string, lineText: string): string {
  return createHash('sha256').update(`${ruleId}\n${normalizeLine(lineText)}`).digest('hex').slice(0, 16);
}

/** Pattern of a fingerprint in `.rampart.jsonc`. */
export const FINGERPRINT_PATTERN = '^[0-9a-f]{16}$';


/** 1-based lines of `text` whose fingerprint for `ruleId` is `fingerprint`. */
export function fingerprintLines(text: string, ruleId: string, fingerprint: string): number[] {
  const lines: number[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (findingFingerprint(ruleId, line) === fingerprint) lines.push(i + 1);
  });
  return lines;
}

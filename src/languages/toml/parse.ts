import { parse, TomlError } from 'smol-toml';
import type { ParsedFile } from '../../engine/language';
import { scanTomlComments } from './comments';

/** The root of a TOML file: its data as smol-toml reads it (dates are `TomlDate` objects). */
export interface TomlFile {
  type: 'File';
  data: Record<string, unknown>;
}

/** The only node the TOML adapter visits. */
export type TomlNode = TomlFile;

/** The parsed file of the TOML adapter. */
export type TomlParsedFile = ParsedFile<TomlNode>;

/**
 * Deepest nesting of tables and arrays accepted. Real files stay far below; the limit keeps rules that
 * recurse over the data away from the stack limit (dotted keys `a.b.c…` nest without limit in smol-toml).
 */
export const MAX_TOML_DEPTH = 200;

/**
 * Parses TOML with smol-toml. A syntax error makes the whole file unreadable (TOML has no partial
 * tree): it throws a `SyntaxError` whose message names the line and column, as adapters report
 * unparsable files. Comments come from a scanner that knows TOML strings.
 */
export function parseToml(text: string): TomlParsedFile {
  let data: Record<string, unknown>;
  try {
    data = parse(text, { maxDepth: MAX_TOML_DEPTH }) as Record<string, unknown>;
  } catch (e) {
    throw toSyntaxError(e);
  }
  if (depthExceeds(data, MAX_TOML_DEPTH)) throw new SyntaxError(`TOML nested more than ${MAX_TOML_DEPTH} levels deep`);
  return { root: { type: 'File', data }, comments: scanTomlComments(text), syntaxErrors: [] };
}

function toSyntaxError(e: unknown): SyntaxError {
  if (e instanceof TomlError) {
    const reason = e.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
    return new SyntaxError(`${reason} at line ${e.line}, column ${e.column}`);
  }
  return new SyntaxError(`TOML could not be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`);
}

/** Whether objects and arrays nest deeper than `limit` (iterative; dates and other leaves do not count). */
function depthExceeds(data: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[data, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null || value instanceof Date) continue;
    if (depth > limit) return true;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return false;
}

import { printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { LineIndex } from '../../engine/line-index';
import { buildJsonTree } from './build-tree';

/** The root of a JSON file: the jsonc-parser tree, or undefined when the text holds no value at all. */
export interface JsonFile {
  type: 'File';
  tree: Node | undefined;
}

/** Any node the JSON adapter visits: the file, or a jsonc-parser node (`object`, `property`, `array`, …). */
export type JsonNode = JsonFile | Node;

/** The parsed file of the JSON adapter. */
export type JsonParsedFile = ParsedFile<JsonNode> & { root: JsonFile };

/** Syntax errors kept per file; the rest are counted in one last message. */
const MAX_REPORTED_ERRORS = 100;

/**
 * Parses JSON and JSONC alike (comments and trailing commas allowed) and recovers from errors: the
 * tree holds whatever could be read, the errors become `syntaxErrors`. Never throws, at any depth.
 */
export function parseJson(text: string): JsonParsedFile {
  const errors: ParseError[] = [];
  const comments: SourceComment[] = [];
  const tree = buildJsonTree(text, { errors, comments });
  return { root: { type: 'File', tree }, comments, syntaxErrors: describeErrors(text, errors) };
}

function describeErrors(text: string, errors: readonly ParseError[]): string[] {
  if (errors.length === 0) return [];
  const lines = new LineIndex(text);
  const messages = errors.slice(0, MAX_REPORTED_ERRORS).map((e) => {
    const { line, column } = lines.positionAt(e.offset);
    return `${printParseErrorCode(e.error)} at line ${line}, column ${column}`;
  });
  if (errors.length > MAX_REPORTED_ERRORS) messages.push(`${errors.length - MAX_REPORTED_ERRORS} more syntax errors`);
  return messages;
}

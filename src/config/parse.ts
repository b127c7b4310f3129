import * as path from 'node:path';
import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { LineIndex } from '../engine/line-index';
import type { Rule } from '../engine/rule';
import { resolveLayers, type ConfigLayer, type RawConfig, type ResolvedConfig } from './resolve';
import type { ConfigLocation } from './suppressions';
import { validateConfig, type SchemaViolation } from './validate';

/** A problem in a configuration file, located at a 1-based line and column (UTF-16 code units). */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
  /** UTF-16 offsets of the offending text. */
  range: [number, number];
  /** The string the message proposes instead of the offending one ("Did you mean …?"), for a quick fix. */
  suggestion?: string;
}

/** Either a usable configuration or every problem that prevents it. */
export type ConfigResult = { ok: true; config: ResolvedConfig } | { ok: false; problems: ConfigProblem[] };

/** Configuration files larger than this are refused without being parsed. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

/** At most this many problems are reported for one file; the last one says how many were left out. */
const MAX_PROBLEMS = 20;

/**
 * Parses and validates the text of a `.rampart.jsonc` (comments and trailing commas allowed) and
 * resolves it against `rules`. Pure: `file` only names the file in problems and gives the folder
 * `ignore` and suppression paths are relative to. Never throws for bad input.
 */
export function parseConfig(text: string, file: string, rules: readonly Rule[]): ConfigResult {
  const parsed = parseConfigLayer(text, file, rules);
  return parsed.ok ? { ok: true, config: resolveLayers([parsed.layer], rules) } : parsed;
}

/** A configuration file read on its own: validated, the files it extends not yet read. */
export interface ParsedLayer extends ConfigLayer {
  /** Where each entry of `extends` is written (for problems with the files they name). */
  extendsLocations: readonly ConfigLocation[];
}

/** {@link parseConfig} without resolving: the validated contents of one file and where its entries are written. */
export function parseConfigLayer(text: string, file: string, rules: readonly Rule[]): { ok: true; layer: ParsedLayer } | { ok: false; problems: ConfigProblem[] } {
  const absolute = path.resolve(file);
  if (text.length > MAX_CONFIG_SIZE) {
    return failAt(absolute, text, [0, 0], `The configuration file is larger than ${MAX_CONFIG_SIZE} characters; is it the right file?`);
  }
  if (text.trim() === '') {
    return failAt(absolute, text, [0, 0], 'The configuration file is empty. Write {} to use the defaults.');
  }
  try {
    return parseNonEmpty(text, absolute, rules);
  } catch (e) {
    // jsonc-parser and ajv recurse; absurd nesting overflows the stack. That is bad input, not a bug.
    if (e instanceof RangeError) return failAt(absolute, text, [0, 0], 'The configuration is nested too deeply to read.');
    throw e;
  }
}

function parseNonEmpty(text: string, file: string, rules: readonly Rule[]): { ok: true; layer: ParsedLayer } | { ok: false; problems: ConfigProblem[] } {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const lines = new LineIndex(text);
  if (errors.length > 0 || !root) {
    const seen = new Set<string>();
    const unique = errors.filter((e) => !seen.has(`${e.offset}:${e.error}`) && seen.add(`${e.offset}:${e.error}`));
    const syntax = unique
      .slice(0, MAX_PROBLEMS)
      .map((e) => problem(file, lines, [e.offset, e.offset + e.length], `Syntax error: ${words(printParseErrorCode(e.error))}.`));
    if (syntax.length === 0) return fail([problem(file, lines, [0, 0], 'Syntax error: value expected.')]);
    return fail(syntax, unique.length);
  }
  const value: unknown = getNodeValue(root);
  const duplicates = duplicateKeys(root);
  const { violations, total } = validateConfig(value, rules, MAX_PROBLEMS);
  const problems = [
    ...duplicates
      .slice(0, MAX_PROBLEMS)
      .map((key) => problem(file, lines, nodeRange(key), `Duplicate key ${JSON.stringify(key.value)}. Keep one: only the last would count.`)),
    ...violations.map((v) => ({ ...problem(file, lines, nodeRange(locate(root, v)), v.message), ...(v.suggestion ? { suggestion: v.suggestion } : {}) })),
  ];
  if (problems.length > 0) return fail(problems.sort((a, b) => a.range[0] - b.range[0]), duplicates.length + total);
  return {
    ok: true,
    layer: { file, raw: value as RawConfig, suppressionLocations: entryLocations(root, lines, 'suppressions'), extendsLocations: extendsLocations(root, lines), extended: new Map() },
  };
}

/** Where each entry of an array at the top level is written. */
function entryLocations(root: Node, lines: LineIndex, key: string): ConfigLocation[] {
  const entries = findNodeAtLocation(root, [key])?.children ?? [];
  return entries.map((entry) => {
    const range = nodeRange(entry);
    return { ...lines.positionAt(range[0]), range, end: lines.positionAt(range[1]) };
  });
}

/** Where each entry of `extends` is written: the string itself, or each item of the array. */
function extendsLocations(root: Node, lines: LineIndex): ConfigLocation[] {
  const node = findNodeAtLocation(root, ['extends']);
  if (!node) return [];
  return (node.type === 'array' ? node.children ?? [] : [node]).map((entry) => {
    const range = nodeRange(entry);
    return { ...lines.positionAt(range[0]), range };
  });
}

/** The node a violation is about: the key for unknown keys, else the value, else its nearest ancestor. */
function locate(root: Node, violation: SchemaViolation): Node {
  for (let n = violation.path.length; n >= 0; n--) {
    const node = n === 0 ? root : findNodeAtLocation(root, violation.path.slice(0, n));
    if (!node) continue;
    if (violation.key !== undefined && n === violation.path.length && node.type === 'object') {
      const property = node.children?.find((p) => p.children?.[0]?.value === violation.key);
      if (property?.children) return property.children[0];
    }
    return node;
  }
  return root;
}

/** Key nodes that repeat an earlier key of the same object. */
function duplicateKeys(root: Node): Node[] {
  const duplicates: Node[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const seen = new Set<string>();
    for (const child of node.children ?? []) {
      if (node.type === 'object' && child.children?.[0]) {
        const key = child.children[0];
        if (seen.has(key.value)) duplicates.push(key);
        seen.add(key.value);
      }
      stack.push(child);
    }
  }
  return duplicates;
}

function nodeRange(node: Node): [number, number] {
  return [node.offset, node.offset + node.length];
}

function problem(file: string, lines: LineIndex, range: [number, number], message: string): ConfigProblem {
  const { line, column } = lines.positionAt(range[0]);
  return { file, line, column, message, range };
}

/** Keeps the first problems; when there are more than fit, the last one shown says how many are left out. */
function fail(problems: ConfigProblem[], total = problems.length): { ok: false; problems: ConfigProblem[] } {
  if (total <= MAX_PROBLEMS) return { ok: false, problems };
  const shown = problems.slice(0, MAX_PROBLEMS - 1);
  const last = problems[Math.min(MAX_PROBLEMS, problems.length) - 1];
  shown.push({ ...last, message: `${total - shown.length} more problems are not shown.` });
  return { ok: false, problems: shown };
}

function failAt(file: string, text: string, range: [number, number], message: string): { ok: false; problems: ConfigProblem[] } {
  return fail([problem(file, new LineIndex(text.slice(0, range[1] + 1)), range, message)]);
}

/** `CloseBraceExpected` -> `close brace expected`. */
function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

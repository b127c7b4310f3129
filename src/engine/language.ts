import type { Classification } from './classify';
import type { LanguageId, Range, VisitorFn } from './types';

/** A comment as the adapter found it: its full range and the text between the comment markers. */
export interface SourceComment {
  range: Range;
  value: string;
}

/** The output of an adapter's parser. */
export interface ParsedFile<Node = unknown> {
  root: Node;
  comments: SourceComment[];
  /** Syntax errors the parser recovered from; informational. */
  syntaxErrors: string[];
}

/** Visitor functions grouped by node kind, for entering and leaving nodes. */
export interface VisitorTable<Node = unknown> {
  enter: Map<string, VisitorFn<Node>[]>;
  exit: Map<string, VisitorFn<Node>[]>;
}

/**
 * A document written inside a file in another language: the Python of a notebook's code cells, the shell
 * commands of its `!pip install` lines. The engine analyses it with the rules of its own language and
 * reports their findings, fixes included, at the places of the file where the text is written.
 */
export interface EmbeddedDocument {
  classification: Classification;
  text: string;
  /** Offset in the file where character `i` of `text` is written. */
  toFile(i: number): number;
  /** Offset in the file just after character `i - 1` of `text` (where a range ending at `i`, or an insertion at `i`, goes). */
  toFileEnd(i: number): number;
  /** Whether an edit of `[start, end)` of `text` can be written back (it stays in one piece, such as one cell). */
  editable(start: number, end: number): boolean;
  /** Inserted text as the file writes it (escaped for a JSON string). */
  encode(text: string): string;
}

/**
 * One adapter per input kind. The engine parses once, traverses once with the visitors of every
 * enabled rule merged, and hands rules the adapter's helpers.
 */
export interface LanguageAdapter<Node = unknown, Helpers = unknown> {
  readonly id: LanguageId;
  /** Parses the text; throws when the parser cannot produce a tree at all. */
  parse(text: string, file: string): ParsedFile<Node>;
  /** Walks the tree depth-first in source order, calling the visitors of each node's kind. */
  traverse(parsed: ParsedFile<Node>, visitors: VisitorTable<Node>): void;
  /**
   * Creates the helpers rules receive as `context.lang`; called once per file, lazily used. `unit` holds the
   * other files the language reads with this one (a Terraform module's folder), when the caller gave them.
   */
  createHelpers(parsed: ParsedFile<Node>, text: string, unit?: { neighbours: ReadonlyArray<{ file: string; text: string }> }): Helpers;
  /** Starts a line comment in this language, or null when the format has no comments (JSON). */
  readonly lineComment: string | null;
  /**
   * Loads what `parse` needs (a WASM grammar); idempotent. Adapters without it are always ready. Until
   * it has resolved, `parse` throws. `Analyzer.analyzeAsync` calls it; synchronous callers use `Analyzer.prepare`.
   */
  prepare?(): Promise<void>;
  /** Frees what a parsed file holds outside the JS heap (a tree-sitter tree); called once the file is done. */
  dispose?(parsed: ParsedFile<Node>): void;
  /** Documents in other languages written inside a file of this one (a notebook's Python); none when absent. */
  embedded?(text: string, classification: Classification): EmbeddedDocument[];
}

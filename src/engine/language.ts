import type { Classification } from './classify';
import type { LanguageId, Range, RelatedLocation, TextEdit, VisitorFn } from './types';

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
  /** Whether a rule reads the document; every rule of its language (but those that read the host file themselves) when absent. */
  rules?(ruleId: string): boolean;
  /**
   * Where a finding at `range` of `text` goes when the document decides it (a rendered Helm template, a kustomize
   * overlay): null drops the finding (the file its decisive value comes from reports it), else its range in the
   * file and locations in other files that explain it (`values.yaml:12`). Absent: `toFile`/`toFileEnd`, nothing added.
   */
  locate?(range: Range): { range: Range; related: RelatedLocation[] } | null;
}

/**
 * Another document a file evaluates with values it gives it: a Terraform module call's local module, read with
 * the call's inputs. The engine analyses the document with `baseline` and with `bindings` (its adapter's helpers
 * read them), and reports in the file, where `place` puts them, the findings that only the bindings cause,
 * related to where the document has them. What the document has on its own stays in its own file.
 */
export interface Instance {
  /** The document's path relative to the analysed file's folder, `/`-separated (`modules/db/main.tf`). */
  readonly file: string;
  readonly text: string;
  /** The other files of the document's unit, relative to the document's folder. */
  readonly neighbours: ReadonlyArray<{ file: string; text: string }>;
  /** The values the file gives (opaque to the engine). */
  readonly bindings: unknown;
  /** The same document given no values: what it has without the file. */
  readonly baseline: unknown;
  /** Names the instance in messages (`module.db`). */
  readonly label: string;
  /** Where a finding at `range` of the document, caused by the bindings, goes in the analysed file; null when nowhere. */
  place(range: Range): InstancePlacement | null;
}

/** Where {@link Instance.place} puts a finding. */
export interface InstancePlacement {
  /** In the analysed file: the value given. */
  readonly range: Range;
  /** An edit of the finding that replaces exactly `edit.from` of the document replaces `edit.to` of the file instead; other edits are dropped. */
  readonly edit?: { readonly from: Range; readonly to: Range };
  /** Another location in the analysed file (where the value is passed, when it is written elsewhere). */
  readonly related?: { readonly range: Range; readonly message: string };
}

/** An edit of an instance's document as the analysed file writes it, or null (see {@link InstancePlacement.edit}). */
export function placeInstanceEdit(placement: InstancePlacement, edit: TextEdit): TextEdit | null {
  const from = placement.edit?.from;
  if (edit.file !== undefined || !from || edit.range[0] !== from[0] || edit.range[1] !== from[1]) return null;
  return { range: [placement.edit!.to[0], placement.edit!.to[1]], text: edit.text };
}

/**
 * One adapter per input kind. The engine parses once, traverses once with the visitors of every
 * enabled rule merged, and hands rules the adapter's helpers.
 */
export interface LanguageAdapter<Node = unknown, Helpers = unknown> {
  readonly id: LanguageId;
  /** Parses the text; throws when the parser cannot produce a tree at all. */
  parse(text: string, file: string): ParsedFile<Node>;
  /**
   * Builds the tree of `after`, the new version of a file being edited, from the tree of its previous version
   * `before`, parsing again only what the edit touched; null when it cannot (then the engine calls `parse`). The
   * previous tree is handed over: it may be changed in place and is not used again. Only for trees this adapter
   * made for the same file. The tree must equal the one `parse(after, file)` gives; syntax errors that only the code
   * around the edit causes (a name declared twice) may be missing, as nothing reads them but people.
   */
  reparse?(previous: ParsedFile<Node>, before: string, after: string, file: string): ParsedFile<Node> | null;
  /** Walks the tree depth-first in source order, calling the visitors of each node's kind. */
  traverse(parsed: ParsedFile<Node>, visitors: VisitorTable<Node>): void;
  /**
   * Creates the helpers rules receive as `context.lang`; called once per file, lazily used. `unit` holds the
   * other files the language reads with this one (a Terraform module's folder), when the caller gave them,
   * and, when the file is analysed as an {@link Instance}, the values it is given.
   */
  createHelpers(parsed: ParsedFile<Node>, text: string, unit?: { neighbours: ReadonlyArray<{ file: string; text: string }>; bindings?: unknown }): Helpers;
  /** Starts a line comment in this language, or null when the format has no comments (JSON). */
  readonly lineComment: string | null;
  /**
   * Loads what `parse` needs (a WASM grammar); idempotent. Adapters without it are always ready. Until
   * it has resolved, `parse` throws. `Analyzer.analyzeAsync` calls it; synchronous callers use `Analyzer.prepare`.
   */
  prepare?(): Promise<void>;
  /** Frees what a parsed file holds outside the JS heap (a tree-sitter tree); called once the file is done. */
  dispose?(parsed: ParsedFile<Node>): void;
  /**
   * Documents in other languages written inside a file of this one (a notebook's Python), or documents the file
   * renders to with its neighbours (a Helm template with its chart's `values.yaml`); none when absent. `unit` is the
   * analysed file's path and its neighbours (see `AnalyzeRequest.neighbours`).
   */
  embedded?(text: string, classification: Classification, unit: { file: string; neighbours: ReadonlyArray<{ file: string; text: string }> }): EmbeddedDocument[];
  /** Documents among the file's neighbours that it evaluates with values of its own (see {@link Instance}); none when absent. */
  instances?(helpers: Helpers): Instance[];
}

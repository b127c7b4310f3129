import type { ParsedFile, SourceComment } from '../../engine/language';
import { parseWithDeadline, summariseErrors } from '../tree-sitter/parse';
import { type MirrorNode, mirrorTree } from './mirror';
import { markRuntimeFailed, pythonRuntime } from './runtime';

/**
 * A syntax node: the JavaScript copy of a tree-sitter node (see {@link MirrorNode}), with the names and
 * meaning of the tree-sitter `Node` members the analyses use. Offsets (`startIndex`, `endIndex`) are UTF-16
 * code units of the parsed text: the runtime feeds the parser UTF-16. Prefer `context.lang.range(node)`.
 * Each node is one object, so `===`, `equals` and `id` all compare nodes. Do not keep nodes after the file
 * is analysed.
 */
export type SyntaxNode = MirrorNode;

/**
 * The root of a parsed Python file, of kind `File`: it wraps tree-sitter's `module` node, which the
 * traversal visits next as `module`.
 */
export class PythonFile {
  readonly type = 'File';
  private root: SyntaxNode | null;

  constructor(
    /** The mirrored tree's root. The WASM tree it was copied from is already deleted. */
    root: SyntaxNode,
    /** The text that was parsed. */
    readonly text: string,
  ) {
    this.root = root;
  }

  /** The root node: `module`, or `ERROR` when the parser could recover nothing at all. */
  get module(): SyntaxNode {
    if (!this.root) throw new Error('the syntax tree of this file was already disposed');
    return this.root;
  }

  /** Whether {@link dispose} ran. */
  get disposed(): boolean {
    return this.root === null;
  }

  /** Drops the tree (the WASM tree was freed when it was copied); idempotent. Later use of `module` throws. */
  dispose(): void {
    this.root = null;
  }
}

/** Whatever a Python visitor may receive: the `File` root or a tree-sitter node. */
export type PythonNode = SyntaxNode | PythonFile;

/** The parsed file of the Python adapter. */
export type PythonParsedFile = ParsedFile<PythonNode> & { root: PythonFile };

/**
 * Most indentation levels accepted. tree-sitter-python's scanner writes its stack of indentation widths
 * past the end of its state buffer from about 512 levels (with a string open): the WASM module then
 * reads out of bounds or corrupts its memory, and a module that failed disables the Python and Terraform
 * parsers until restart. CPython itself refuses more than 100 levels.
 */
export const MAX_INDENT_LEVELS = 256;

/**
 * Parses Python with tree-sitter. Error recovery keeps the rest of the tree usable: `syntaxErrors`
 * summarises the ERROR and MISSING nodes with their line numbers. Throws a `SyntaxError` for more than
 * {@link MAX_INDENT_LEVELS} levels of indentation; throws before the runtime is loaded (see `prepare`),
 * when parsing exceeds `timeoutMs` (default `parseDeadlineMs`: 1 s plus 10 µs per character, at most
 * 10 s) and when the WASM module fails.
 */
export function parsePython(text: string, options: { timeoutMs?: number } = {}): PythonParsedFile {
  if (indentLevels(text) > MAX_INDENT_LEVELS) {
    throw new SyntaxError(`Python indented more than ${MAX_INDENT_LEVELS} levels deep; the file is not analysed`);
  }
  const { parser } = pythonRuntime();
  const tree = parseWithDeadline(parser, text, options.timeoutMs);
  let module: SyntaxNode;
  try {
    // One walk copies the tree into JavaScript; nothing calls into WASM after it, so the tree goes now.
    module = mirrorTree(tree, text).root;
  } catch (e) {
    // A trap leaves the module unusable, as in parsing.
    if (e instanceof Error && e.name === 'RuntimeError') markRuntimeFailed(e.message);
    throw e;
  } finally {
    tree.delete();
  }
  const root = new PythonFile(module, text);
  let comments: SourceComment[] | undefined;
  return {
    root,
    // Collected on first use (suppression comments are rare).
    get comments() {
      return (comments ??= collectComments(root.module, text));
    },
    syntaxErrors: summariseErrors(module, text),
  };
}

/**
 * The deepest indentation, in levels, counted line by line without parsing as the scanner does (a wider
 * line opens a level, a narrower one closes those it passes); blank and comment-only lines are skipped.
 * Lines inside brackets and strings are counted too, so it can only over-count. Stops past the limit.
 */
function indentLevels(text: string): number {
  const widths = [0];
  let deepest = 0;
  let start = 0;
  while (start < text.length && deepest <= MAX_INDENT_LEVELS) {
    let i = start;
    let width = 0;
    for (; text[i] === ' ' || text[i] === '\t'; i++) width += text[i] === '\t' ? 8 - (width % 8) : 1;
    let end = i;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    if (i < end && text[i] !== '#') {
      while (width < widths[widths.length - 1]) widths.pop();
      if (width > widths[widths.length - 1]) widths.push(width);
      deepest = Math.max(deepest, widths.length - 1);
    }
    start = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
  }
  return deepest;
}

/** Every `comment` node: its range without a trailing `\r`, and the text after `#`. */
function collectComments(module: SyntaxNode, text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const node of module.descendantsOfType('comment')) {
    const start = node.startIndex;
    let end = node.endIndex;
    if (text.charCodeAt(end - 1) === 13) end--;
    comments.push({ range: [start, end], value: text.slice(start + 1, end) });
  }
  return comments;
}

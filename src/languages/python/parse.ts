import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { parseWithDeadline, summariseErrors } from '../tree-sitter/parse';
import { pythonRuntime } from './runtime';

/**
 * A tree-sitter syntax node. Offsets (`startIndex`, `endIndex`) are UTF-16 code units of the parsed text:
 * this runtime feeds the parser UTF-16 and converts its byte offsets back. Prefer `context.lang.range(node)`.
 * Nodes are views into WASM memory: compare them with `equals` or `id` (never `===`), and do not keep
 * them after the file is analysed — the tree is deleted then.
 */
export type SyntaxNode = Node;

/**
 * The root of a parsed Python file, of kind `File`: it wraps tree-sitter's `module` node, which the
 * traversal visits next as `module`.
 */
export class PythonFile {
  readonly type = 'File';
  private deleted = false;

  constructor(
    /** The tree-sitter tree; owned by the adapter, which deletes it in `dispose`. */
    readonly tree: Tree,
    /** The text that was parsed. */
    readonly text: string,
  ) {}

  /** The tree-sitter root node: `module`, or `ERROR` when the parser could recover nothing at all. */
  get module(): SyntaxNode {
    if (this.deleted) throw new Error('the syntax tree of this file was already disposed');
    return this.tree.rootNode;
  }

  /** Whether {@link dispose} ran. */
  get disposed(): boolean {
    return this.deleted;
  }

  /** Frees the tree's WASM memory; idempotent (a second `tree.delete()` would be a double free). */
  dispose(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.tree.delete();
  }
}

/** Whatever a Python visitor may receive: the `File` root or a tree-sitter node. */
export type PythonNode = SyntaxNode | PythonFile;

/** The parsed file of the Python adapter. */
export type PythonParsedFile = ParsedFile<PythonNode> & { root: PythonFile };

/**
 * Parses Python with tree-sitter. Error recovery keeps the rest of the tree usable: `syntaxErrors`
 * summarises the ERROR and MISSING nodes with their line numbers. Throws before the runtime is loaded
 * (see `prepare`), when parsing exceeds `timeoutMs` (default 10 s) and when the WASM module fails.
 */
export function parsePython(text: string, options: { timeoutMs?: number } = {}): PythonParsedFile {
  const { parser } = pythonRuntime();
  const tree = parseWithDeadline(parser, text, options.timeoutMs);
  const root = new PythonFile(tree, text);
  try {
    const module = tree.rootNode;
    return { root, comments: collectComments(module, text), syntaxErrors: summariseErrors(module, text) };
  } catch (e) {
    root.dispose();
    throw e;
  }
}

/** Every `comment` node: its range without a trailing `\r`, and the text after `#`. */
function collectComments(module: SyntaxNode, text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const node of module.descendantsOfType('comment')) {
    if (!node) continue;
    const start = node.startIndex;
    let end = node.endIndex;
    if (text.charCodeAt(end - 1) === 13) end--;
    comments.push({ range: [start, end], value: text.slice(start + 1, end) });
  }
  return comments;
}

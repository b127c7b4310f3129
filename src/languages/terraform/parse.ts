import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { parseWithDeadline, summariseErrors } from '../tree-sitter/parse';
import { terraformRuntime } from './runtime';

/**
 * A tree-sitter node of the Terraform grammar. Offsets (`startIndex`, `endIndex`) are UTF-16 code units
 * of the parsed text. Nodes are views into WASM memory: compare them with `equals` or `id`, and do not
 * keep them after the file is analysed.
 */
export type SyntaxNode = Node;

/** The root of a parsed Terraform file, of kind `File`; it wraps tree-sitter's `config_file` node. */
export class TerraformFile {
  readonly type = 'File';
  private deleted = false;

  constructor(
    /** The tree-sitter tree; owned by the adapter, which deletes it in `dispose`. */
    readonly tree: Tree,
    /** The text that was parsed. */
    readonly text: string,
  ) {}

  /** The tree-sitter root node (`config_file`). */
  get configFile(): SyntaxNode {
    if (this.deleted) throw new Error('the syntax tree of this file was already disposed');
    return this.tree.rootNode;
  }

  /** Frees the tree's WASM memory; idempotent. */
  dispose(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.tree.delete();
  }
}

/** Whatever a Terraform visitor may receive: the `File` root or a tree-sitter node. */
export type TerraformNode = SyntaxNode | TerraformFile;

/** The parsed file of the Terraform adapter. */
export type TerraformParsedFile = ParsedFile<TerraformNode> & { root: TerraformFile };


/**
 * Parses Terraform/HCL with tree-sitter (error recovery keeps the rest of the tree usable). Throws before
 * the runtime is loaded (see the adapter's `prepare`), on timeout and when the WASM module fails.
 */
export function parseTerraform(text: string, options: { timeoutMs?: number } = {}): TerraformParsedFile {
  const tree = parseWithDeadline(terraformRuntime(), text, options.timeoutMs);
  const root = new TerraformFile(tree, text);
  try {
    const top = tree.rootNode;
    return { root, comments: collectComments(top, text), syntaxErrors: summariseErrors(top, text) };
  } catch (e) {
    root.dispose();
    throw e;
  }
}

/** `#`, `//` and `/* *\/` comments: their range (without a trailing `\r`) and the text inside the markers. */
function collectComments(top: SyntaxNode, text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const node of top.descendantsOfType('comment')) {
    if (!node) continue;
    const start = node.startIndex;
    let end = node.endIndex;
    while (end > start && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10)) end--;
    const raw = text.slice(start, end);
    const value = raw.startsWith('/*') ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.slice(raw.startsWith('#') ? 1 : 2);
    comments.push({ range: [start, end], value });
  }
  return comments;
}

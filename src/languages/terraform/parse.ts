import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { LineIndex } from '../../engine/line-index';
import { terraformRuntime } from './runtime';
import { markRuntimeFailed } from '../tree-sitter/runtime';

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

/** Parsing longer than this is abandoned. */
export const PARSE_TIMEOUT_MS = 10_000;
const MAX_LISTED_ERRORS = 5;

/**
 * Parses Terraform/HCL with tree-sitter (error recovery keeps the rest of the tree usable). Throws before
 * the runtime is loaded (see the adapter's `prepare`), on timeout and when the WASM module fails.
 */
export function parseTerraform(text: string, options: { timeoutMs?: number } = {}): TerraformParsedFile {
  const parser = terraformRuntime();
  const timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  let tree: Tree | null;
  try {
    tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
  } catch (e) {
    if (e instanceof Error && e.name === 'RuntimeError') markRuntimeFailed(e.message);
    throw e;
  }
  if (!tree) {
    parser.reset();
    throw new Error(`parsing took longer than ${timeoutMs} ms`);
  }
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

/** ERROR and MISSING nodes as `line N: …` messages, a few listed and the rest counted. */
function summariseErrors(top: SyntaxNode, text: string): string[] {
  if (!top.hasError) return [];
  const found: SyntaxNode[] = [];
  let total = 0;
  const stack: SyntaxNode[] = [top];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) {
      total++;
      if (found.length < MAX_LISTED_ERRORS) found.push(node);
      continue;
    }
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) stack.push(child);
    }
  }
  const lines = new LineIndex(text);
  const messages = found.map((node) => {
    const line = lines.positionAt(node.startIndex).line;
    if (node.isMissing) return `line ${line}: missing ${JSON.stringify(node.type)}`;
    const snippet = text.slice(node.startIndex, node.endIndex).replace(/\s+/g, ' ').trim();
    return `line ${line}: unexpected ${JSON.stringify(snippet.length > 40 ? `${snippet.slice(0, 40)}…` : snippet)}`;
  });
  if (total > found.length) messages.push(`… and ${total - found.length} more syntax errors`);
  return messages;
}

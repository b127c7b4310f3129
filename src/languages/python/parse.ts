import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { LineIndex } from '../../engine/line-index';
import { markRuntimeFailed, pythonRuntime } from './runtime';

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

/** Parsing longer than this is abandoned (a 1 MB file takes about 0.3 s). */
export const PARSE_TIMEOUT_MS = 10_000;
/** How many syntax errors are listed one by one before the rest is counted. */
export const MAX_LISTED_ERRORS = 5;
const MAX_ERROR_SNIPPET = 40;

/**
 * Parses Python with tree-sitter. Error recovery keeps the rest of the tree usable: `syntaxErrors`
 * summarises the ERROR and MISSING nodes with their line numbers. Throws before the runtime is loaded
 * (see `prepare`), when parsing exceeds `timeoutMs` (default {@link PARSE_TIMEOUT_MS}) and when the WASM
 * module fails.
 */
export function parsePython(text: string, options: { timeoutMs?: number } = {}): PythonParsedFile {
  const { parser } = pythonRuntime();
  const timeoutMs = options.timeoutMs ?? PARSE_TIMEOUT_MS;
  const deadline = performance.now() + timeoutMs;
  let tree: Tree | null;
  try {
    tree = parser.parse(text, null, { progressCallback: () => performance.now() > deadline });
  } catch (e) {
    // A WebAssembly.RuntimeError (abort, out of memory, trap) leaves the module unusable.
    if (e instanceof Error && e.name === 'RuntimeError') markRuntimeFailed(e.message);
    throw e;
  }
  if (!tree) {
    // A cancelled parse resumes on the next call unless the parser is reset.
    parser.reset();
    throw new Error(`parsing took longer than ${timeoutMs} ms`);
  }
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

/** ERROR and MISSING nodes as `line N: …` messages, a few listed and the rest counted. */
function summariseErrors(module: SyntaxNode, text: string): string[] {
  if (!module.hasError) return [];
  const found: SyntaxNode[] = [];
  let total = 0;
  const stack: SyntaxNode[] = [module];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.isError || node.isMissing) {
      total++;
      if (found.length < MAX_LISTED_ERRORS) found.push(node);
      continue;
    }
    // Only subtrees that contain an error are opened; children are pushed in reverse, popped in order.
    for (let i = node.childCount - 1; i >= 0; i--) {
      const child = node.child(i);
      if (child && (child.hasError || child.isMissing)) stack.push(child);
    }
  }
  const lines = new LineIndex(text);
  const messages = found.map((node) => {
    const line = lines.positionAt(node.startIndex).line;
    if (node.isMissing) return `line ${line}: missing ${JSON.stringify(node.type)}`;
    return `line ${line}: unexpected ${JSON.stringify(snippet(text.slice(node.startIndex, node.endIndex)))}`;
  });
  if (total > found.length) messages.push(`… and ${total - found.length} more syntax errors`);
  return messages;
}

function snippet(s: string): string {
  const oneLine = s.replace(/\s+/g, ' ').trim();
  return oneLine.length > MAX_ERROR_SNIPPET ? `${oneLine.slice(0, MAX_ERROR_SNIPPET)}…` : oneLine;
}

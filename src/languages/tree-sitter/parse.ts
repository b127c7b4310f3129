import type { Parser, Tree } from '@vscode/tree-sitter-wasm';
import { LineIndex } from '../../engine/line-index';
import { markRuntimeFailed } from './runtime';

/** Parsing longer than this is abandoned, whatever the size of the file. */
export const PARSE_TIMEOUT_MS = 10_000;

/**
 * The default deadline for a text of `length` characters: 1 s plus 10 µs per character, at most
 * {@link PARSE_TIMEOUT_MS}. Real code parses at 0.1-2 µs per character (cold WASM included), so this
 * only stops the grammars' super-linear error recovery: 12 KB of `-->-->…` takes tree-sitter-python
 * over 10 s, which a fixed deadline would let block the editor that long for a small file.
 */
export function parseDeadlineMs(length: number): number {
  return Math.min(PARSE_TIMEOUT_MS, 1_000 + length / 100);
}

/** How many syntax errors are listed one by one before the rest is counted. */
export const MAX_LISTED_ERRORS = 5;
const MAX_ERROR_SNIPPET = 40;

/**
 * Parses `text` with a deadline (by default {@link parseDeadlineMs}). Throws when parsing exceeds
 * `timeoutMs` (the parser is reset, since a cancelled parse would otherwise resume on the next call) and
 * when the WASM module fails — which also marks the runtime failed, because a trap or an out-of-memory
 * abort leaves it unusable.
 */
export function parseWithDeadline(parser: Parser, text: string, timeoutMs = parseDeadlineMs(text.length)): Tree {
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
    throw new Error(`parsing took longer than ${Math.round(timeoutMs)} ms`);
  }
  return tree;
}

/** What {@link summariseErrors} reads of a node: a tree-sitter `Node` or the Python adapter's copy of one. */
export interface ErrorSearchNode {
  readonly type: string;
  readonly startIndex: number;
  readonly endIndex: number;
  readonly hasError: boolean;
  readonly isError: boolean;
  readonly isMissing: boolean;
  readonly childCount: number;
  child(index: number): ErrorSearchNode | null;
}

/** ERROR and MISSING nodes as `line N: …` messages, a few listed and the rest counted. */
export function summariseErrors(top: ErrorSearchNode, text: string): string[] {
  if (!top.hasError) return [];
  const found: ErrorSearchNode[] = [];
  let total = 0;
  const stack: ErrorSearchNode[] = [top];
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

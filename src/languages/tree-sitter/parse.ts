import type { Node, Parser, Tree } from '@vscode/tree-sitter-wasm';
import { LineIndex } from '../../engine/line-index';
import { markRuntimeFailed } from './runtime';

/** Parsing longer than this is abandoned. */
export const PARSE_TIMEOUT_MS = 10_000;
/** How many syntax errors are listed one by one before the rest is counted. */
export const MAX_LISTED_ERRORS = 5;
const MAX_ERROR_SNIPPET = 40;

/**
 * Parses `text` with a deadline. Throws when parsing exceeds `timeoutMs` (the parser is reset, since a
 * cancelled parse would otherwise resume on the next call) and when the WASM module fails — which also
 * marks the runtime failed, because a trap or an out-of-memory abort leaves it unusable.
 */
export function parseWithDeadline(parser: Parser, text: string, timeoutMs = PARSE_TIMEOUT_MS): Tree {
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
  return tree;
}

/** ERROR and MISSING nodes as `line N: …` messages, a few listed and the rest counted. */
export function summariseErrors(top: Node, text: string): string[] {
  if (!top.hasError) return [];
  const found: Node[] = [];
  let total = 0;
  const stack: Node[] = [top];
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

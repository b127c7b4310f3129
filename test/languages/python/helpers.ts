import { pythonAdapter, type PythonHelpers, type PythonParsedFile, type SyntaxNode } from '../../../src/languages/python';

/** Loads the Python runtime once for a test file (mocha `before`). */
export async function preparePython(): Promise<void> {
  await pythonAdapter.prepare!();
}

/** Parses `text`, runs `fn` with the parsed file and its helpers, then frees the tree. */
export function withPython<T>(text: string, fn: (parsed: PythonParsedFile, helpers: PythonHelpers) => T): T {
  const parsed = pythonAdapter.parse(text, 'test.py') as PythonParsedFile;
  try {
    return fn(parsed, pythonAdapter.createHelpers(parsed, text));
  } finally {
    pythonAdapter.dispose!(parsed);
  }
}

/** Offset of the n-th (0-based) occurrence of `needle` in `text`. */
export function at(text: string, needle: string, n = 0): number {
  let index = -1;
  for (let i = 0; i <= n; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`${JSON.stringify(needle)} occurs fewer than ${n + 1} times`);
  }
  return index;
}

/** `[start, end)` of the n-th occurrence of `needle`. */
export function span(text: string, needle: string, n = 0): [number, number] {
  const start = at(text, needle, n);
  return [start, start + needle.length];
}

/**
 * The innermost named node spanning exactly the n-th occurrence of `snippet` (of type `type` when given,
 * going outwards). Throws when there is none, so a test cannot pass by looking at nothing.
 */
export function nodeAt(parsed: PythonParsedFile, snippet: string, type?: string, n = 0): SyntaxNode {
  const [start, end] = span(parsed.root.text, snippet, n);
  for (let node = parsed.root.module.namedDescendantForIndex(start, end); node && node.startIndex >= start && node.endIndex <= end; node = node.parent) {
    if (node.startIndex === start && node.endIndex === end && node.isNamed && (type === undefined || node.type === type)) return node;
  }
  throw new Error(`no ${type ?? 'node'} spans ${JSON.stringify(snippet)}`);
}

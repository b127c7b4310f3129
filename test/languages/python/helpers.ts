import { pythonAdapter, type PythonHelpers, type PythonParsedFile } from '../../../src/languages/python';

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

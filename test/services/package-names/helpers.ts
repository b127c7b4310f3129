import assert from 'node:assert/strict';
import type { PackageRef } from '../../../src/services/package-names';

/** Asserts every ref's range covers exactly its name, and returns a compact view for deepEqual. */
export function compact(text: string, refs: PackageRef[]): Array<[string, string | undefined, boolean]> {
  for (const ref of refs) assert.equal(text.slice(ref.range[0], ref.range[1]), ref.name, `range of ${ref.name}`);
  return refs.map((r) => [r.name, r.spec, r.registry]);
}

/** Offset of the n-th (0-based) occurrence of `needle` in `text`. */
export function nth(text: string, needle: string, n = 0): number {
  let at = -1;
  for (let i = 0; i <= n; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} occurs ${n + 1} times`);
  return at;
}

/** About 1 MB of mixed garbage: quotes, brackets, operators, partial commands, invalid UTF-16. */
export function garbage(seed = 7): string {
  const pieces = ['{', '}', '[', ']', '"', "'", '\\', '\n', ' ', '=', '@', 'npm i ', 'pip install ', '&&', '`', '#', '-r ', '[project]\n', 'dependencies', ',', ':', '\uD800', 'x', '>=1'];
  let state = seed;
  const out: string[] = [];
  let size = 0;
  while (size < 1_000_000) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    const piece = pieces[state % pieces.length];
    out.push(piece);
    size += piece.length;
  }
  return out.join('');
}

import * as path from 'node:path';
import ignore from 'ignore';

// Git ignores case where the file system does.
export const IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/**
 * Builds the matcher for gitignore-style `patterns` relative to the folder `root`, as the
 * configuration's `ignore` patterns are matched: with the `ignore` package, case-insensitive where
 * the file system is, and never matching `root` itself or a path outside it. A directory matches
 * when it is marked with `isDir`; a file also matches when one of its parent directories does.
 */
export function createPathMatcher(root: string, patterns: readonly string[]): (absolute: string, isDir?: boolean) => boolean {
  const rules = ignore({ ignorecase: IGNORE_CASE }).add([...patterns]);
  return (absolute, isDir = false) => {
    const rel = relativeInside(root, absolute);
    return rel !== null && rules.ignores(isDir ? `${rel}/` : rel);
  };
}

/** `target` relative to `base` with forward slashes, or null when it is `base` itself or outside it. */
export function relativeInside(base: string, target: string): string | null {
  const rel = path.relative(base, target);
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}

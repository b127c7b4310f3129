import * as path from 'node:path';
import type { Rule } from '../engine/rule';

/** Options every formatter takes. */
export interface BaseFormatOptions {
  /** Absolute directory the result paths are relative to. */
  cwd: string;
  /** Every rule of the run, for documentation links and SARIF rule descriptors. */
  rules: readonly Rule[];
}

/**
 * The path to show for a result's file: as given when relative (the engine's contract), relative to
 * `cwd` when an absolute path lies inside it, otherwise the absolute path. Forward slashes only.
 */
export function displayPath(file: string, cwd: string): string {
  let shown = file;
  if (path.isAbsolute(file)) {
    const relative = path.relative(cwd, file);
    const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
    if (relative !== '' && !outside) shown = relative;
  }
  // On POSIX a backslash is a legal file-name character, so only Windows separators are converted.
  return path.sep === '\\' ? shown.replace(/\\/g, '/') : shown;
}

/**
 * A result's file relative to `root` (the repository root), with forward slashes and never a `..`: the file is
 * resolved against `cwd` when relative (as the CLI names files), then made relative to `root`. Null when it is
 * not inside `root` (or is `root` itself).
 */
export function rootRelativePath(file: string, cwd: string, root: string): string | null {
  const relative = path.relative(root, path.resolve(cwd, file));
  if (relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return path.sep === '\\' ? relative.replace(/\\/g, '/') : relative;
}

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Whether `file` is `folder` or inside it, comparing the paths as written (no links resolved). */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of `p` (every link resolved), or null when it cannot be resolved (missing, a loop). */
export function realpathOrNull(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

/**
 * The folder of `areas` that confines `file`: the innermost one that contains it as written, or null
 * when none does (a path the user chose outside the workspace, such as `--output /tmp/report.sarif`).
 */
export function confiningFolder(file: string, areas: readonly string[]): string | null {
  let best: string | null = null;
  for (const area of areas) {
    if (isInside(area, file) && (best === null || isInside(best, area))) best = area;
  }
  return best;
}

/** The error thrown when a write would leave the workspace through a symbolic link. */
export function linkOutError(): NodeJS.ErrnoException {
  return Object.assign(new Error('a symbolic link on the way leads out of the workspace'), { code: 'ELINKOUT' });
}

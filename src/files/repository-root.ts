import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders walked up at most (a path deeper than this is not a real checkout). */
const MAX_DEPTH = 256;

/**
 * The root of the git work tree that contains `start` (a folder, or a file whose folder is used): the nearest
 * folder at or above it that holds a `.git` entry — a folder in a clone, a file in a linked work tree or a
 * submodule. Null outside a repository. Read-only: it only looks for the entry, never reads it or runs git,
 * so a hostile `.git` (hooks, `core.fsmonitor`) is never acted on.
 */
export function findRepositoryRoot(start: string): string | null {
  let dir = path.resolve(start);
  if (statOrNull(dir)?.isDirectory() !== true) dir = path.dirname(dir);
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    if (statOrNull(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
  return null;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

import * as fs from 'node:fs';
import { isInside } from './containment';
import { describeFsError } from './fs-error';

/** Options of {@link readWorkspaceFile}. */
export interface ReadWorkspaceFileOptions {
  /** Largest number of bytes read. A larger file is refused without being read, unless `head` is set. */
  maxBytes: number;
  /** Return the first `maxBytes` bytes of a larger file instead of refusing it. */
  head?: boolean;
  /** Refuse the file when it is itself a symbolic link (as git treats `.gitignore`). Default: follow. */
  noFollow?: boolean;
  /**
   * Real path (links resolved) of the folder the file must really be inside, or of the file itself:
   * a file reached through a symbolic link that leads out of it is refused, also when the link is
   * swapped in while the file is opened.
   */
  within?: string;
}

/** Why {@link readWorkspaceFile} read nothing. */
export type WorkspaceReadProblem = 'too-large' | 'folder' | 'not-regular' | 'link' | 'outside' | 'error';

/** The bytes of a workspace file, or why they were not read. */
export type WorkspaceFileRead =
  | {
      ok: true;
      bytes: Buffer;
      /** Size of the file when it was opened; more than `bytes.length` when only the head was read. */
      size: number;
    }
  | {
      ok: false;
      problem: WorkspaceReadProblem;
      /** For people: "is a folder", "not a regular file: a pipe", "larger than 100 bytes (250 bytes)", … */
      reason: string;
      /** The size, when the file was refused for it. */
      size?: number;
      /** The file-system error, when there was one. */
      error?: unknown;
    };

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;
const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
/** First read when the size is unknown (files in /proc report 0); the buffer doubles up to the bound. */
const FIRST_READ = 64 * 1024;

/**
 * Reads a file of the (attacker-controlled) workspace with bounds: never blocks on a pipe, device or
 * socket, never reads more than `maxBytes` (+1 to notice growth), never follows a link out of
 * `within`, and never throws. The path is checked before it is opened (opening some devices has side
 * effects) and the opened descriptor is checked again (the path may be replaced in between): it is
 * opened with O_NONBLOCK, and O_NOFOLLOW when links are not followed, and must be a regular file.
 * Synchronous: workspace files are small and bounded, and callers in loops stay simple.
 */
export function readWorkspaceFile(file: string, options: ReadWorkspaceFileOptions): WorkspaceFileRead {
  const { maxBytes, head = false, within } = options;
  let target = file;
  let noFollow = options.noFollow ?? false;
  try {
    if (within !== undefined) {
      // From here on the real path is read, without following anything: a link swapped in is refused.
      target = fs.realpathSync.native(file);
      if (!isInside(within, target)) return outside();
      noFollow = true;
    }
    const refused = refuse(noFollow ? fs.lstatSync(target) : fs.statSync(target), maxBytes, head);
    if (refused) return refused;
    const fd = fs.openSync(target, fs.constants.O_RDONLY | O_NONBLOCK | (noFollow ? O_NOFOLLOW : 0));
    try {
      const stats = fs.fstatSync(fd);
      const refusedNow = refuse(stats, maxBytes, head);
      if (refusedNow) return refusedNow;
      if (within !== undefined && !openedInside(fd, stats, target, within)) return outside();
      const bytes = readUpTo(fd, head ? maxBytes : maxBytes + 1, stats.size);
      // It grew after fstat, or its size is not known in advance (files in /proc report 0).
      if (bytes.length > maxBytes) return tooLarge(maxBytes);
      return { ok: true, bytes, size: Math.max(stats.size, bytes.length) };
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // With O_NOFOLLOW, ELOOP means the last component became a symbolic link after it was checked.
    if (code === 'ELOOP' && noFollow) return { ok: false, problem: 'link', reason: 'is a symbolic link', error: e };
    if (code === 'EISDIR') return { ok: false, problem: 'folder', reason: 'is a folder', error: e };
    return { ok: false, problem: 'error', reason: describeFsError(e), error: e };
  }
}

function refuse(stats: fs.Stats, maxBytes: number, head: boolean): WorkspaceFileRead | null {
  if (stats.isSymbolicLink()) return { ok: false, problem: 'link', reason: 'is a symbolic link' };
  if (stats.isDirectory()) return { ok: false, problem: 'folder', reason: 'is a folder' };
  if (!stats.isFile()) return { ok: false, problem: 'not-regular', reason: `not a regular file: ${specialKind(stats)}` };
  if (!head && stats.size > maxBytes) return tooLarge(maxBytes, stats.size);
  return null;
}

function tooLarge(maxBytes: number, size?: number): WorkspaceFileRead {
  if (size === undefined) return { ok: false, problem: 'too-large', reason: `larger than ${maxBytes} bytes` };
  return { ok: false, problem: 'too-large', reason: `larger than ${maxBytes} bytes (${size} bytes)`, size };
}

function outside(): WorkspaceFileRead {
  return { ok: false, problem: 'outside', reason: 'a symbolic link on the way leads outside the scanned folder' };
}

function specialKind(stats: fs.Stats): string {
  if (stats.isFIFO()) return 'a pipe';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * Whether the opened file is really inside `within`. On Linux the kernel says which file the descriptor
 * is; elsewhere the path is resolved again and must still name the same file.
 */
function openedInside(fd: number, opened: fs.Stats, target: string, within: string): boolean {
  let real: string;
  try {
    real = fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    try {
      real = fs.realpathSync.native(target);
      const again = fs.statSync(real);
      if (again.dev !== opened.dev || again.ino !== opened.ino) return false;
    } catch {
      return false;
    }
  }
  return isInside(within, real);
}

/** Reads from the start of `fd` until end of file or `limit` bytes, whichever comes first. */
function readUpTo(fd: number, limit: number, expectedSize: number): Buffer {
  let buffer = Buffer.alloc(Math.min(limit, expectedSize > 0 ? expectedSize + 1 : FIRST_READ));
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total >= limit) break;
      const bigger = Buffer.alloc(Math.min(limit, buffer.length * 2));
      buffer.copy(bigger, 0, 0, total);
      buffer = bigger;
    }
    const n = fs.readSync(fd, buffer, total, buffer.length - total, total);
    if (n === 0) break;
    total += n;
  }
  return buffer.subarray(0, total);
}

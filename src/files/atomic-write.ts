import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside, linkOutError, realpathOrNull } from './containment';

/** Options of {@link writeFileAtomic}. */
export interface WriteOptions {
  /**
   * Real path (links resolved) of the folder the file must really be written inside, or of the file
   * itself. Links inside it are written through; a link, or a link in a parent folder, that leads out
   * of it makes the write fail with code `ELINKOUT` before anything is written, and so does a link
   * whose target is missing. Checked when the write starts and again just before the file is replaced.
   * Without it, the path is written wherever its links lead: for paths the user chose outside the workspace.
   */
  within?: string;
}

/**
 * Replaces a file's contents atomically: writes a temporary file in the same folder, flushes it, then
 * renames it over the target, so readers see the old or the new contents, never a mix. An existing
 * file keeps its permission bits (and owner, where allowed); a symbolic link is written through to its
 * target and stays a link. Without `within`, a device or pipe (`--output /dev/stdout`) is written to
 * directly, never replaced; with it, only a regular file (or a new one) is. Throws on failure, after
 * removing the temporary file.
 */
export function writeFileAtomic(file: string, data: string, options: WriteOptions = {}): void {
  const { within } = options;
  if (within === undefined) {
    const existing = statOrNull(file);
    if (existing?.isDirectory()) throw isAFolder(file);
    if (existing && !existing.isFile()) {
      fs.writeFileSync(file, data);
      return;
    }
    replace(existing ? fs.realpathSync(file) : path.resolve(file), data, existing, () => {});
    return;
  }
  const { target, existing } = confinedTarget(file, within);
  // Node has no renameat(): the folder is resolved again right before the rename, so a parent swapped
  // for a link while the data was written is noticed. A link swapped in for the file itself is
  // harmless: rename replaces the link, never its target.
  replace(target, data, existing, () => {
    if (realpathOrNull(path.dirname(target)) !== path.dirname(target)) throw linkOutError();
  });
}

/** Where a confined write goes (links resolved), and what is there now; throws when that is not allowed. */
function confinedTarget(file: string, within: string): { target: string; existing: fs.Stats | null } {
  let target = path.join(fs.realpathSync.native(path.dirname(path.resolve(file))), path.basename(file));
  let existing = lstatOrNull(target);
  if (existing?.isSymbolicLink()) {
    const real = realpathOrNull(target);
    // A missing target is refused too: where the write would create it is not worth guessing.
    if (real === null) throw Object.assign(linkOutError(), { message: 'a symbolic link on the way leads to a missing file' });
    target = real;
    existing = lstatOrNull(real);
  }
  if (!isInside(within, target)) throw linkOutError();
  if (existing?.isDirectory()) throw isAFolder(file);
  if (existing && !existing.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'ENOTREG' });
  return { target, existing };
}

function replace(target: string, data: string, existing: fs.Stats | null, beforeRename: () => void): void {
  const mode = existing ? existing.mode & 0o7777 : undefined;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data);
      // openSync applies the umask; an existing file's mode must survive unchanged.
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      // Run as root (CI containers), a fix must not hand the file to root.
      if (existing && process.getuid?.() === 0) fs.fchownSync(fd, existing.uid, existing.gid);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    beforeRename();
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

function isAFolder(file: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file);
  } catch {
    return null;
  }
}

import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Replaces a file's contents atomically: writes a temporary file in the same folder, flushes it, then
 * renames it over the target, so readers see the old or the new contents, never a mix. An existing
 * file keeps its permission bits; a symbolic link is written through to its target. A device or pipe
 * (`--output /dev/stdout`) is written to directly, never replaced. Throws on failure, after removing
 * the temporary file.
 */
export function writeFileAtomic(file: string, data: string): void {
  const existing = statOrNull(file);
  if (existing?.isDirectory()) throw Object.assign(new Error(`${file} is a folder`), { code: 'EISDIR' });
  if (existing && !existing.isFile()) {
    fs.writeFileSync(file, data);
    return;
  }
  const target = existing ? fs.realpathSync(file) : path.resolve(file);
  const mode = existing ? existing.mode & 0o7777 : undefined;
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    try {
      fs.writeFileSync(fd, data);
      // openSync applies the umask; an existing file's mode must survive unchanged.
      if (mode !== undefined) fs.fchmodSync(fd, mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, target);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
}

function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file);
  } catch {
    return null;
  }
}

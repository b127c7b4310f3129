/**
 * Reading and writing a baseline file, with the workspace's trust boundary: a read is bounded in size and, in the
 * editor, never follows a link out of the workspace folder; a write stays inside the workspace and never goes
 * through a symbolic link.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';
import { confiningFolder } from '../files/containment';
import { readWorkspaceFile } from '../files/read-workspace-file';
import { findRepositoryRoot } from '../files/repository-root';
import { MAX_BASELINE_BYTES, parseBaseline, type Baseline } from './baseline';

/**
 * The folder a baseline's paths are relative to: the root of the git work tree the baseline file is in (so the
 * same file reads the same wherever the scan starts), else the file's own folder.
 */
export function baselineRoot(file: string): string {
  const dir = path.dirname(path.resolve(file));
  return findRepositoryRoot(dir) ?? dir;
}

/** A baseline read from a file, or why it could not be (`missing` when there is no such file). */
export type LoadedBaseline = { ok: true; baseline: Baseline; root: string } | { ok: false; message: string; missing: boolean };

/**
 * Reads and checks a baseline file: at most {@link MAX_BASELINE_BYTES}, never a pipe or device, and with `within`
 * (a real path) never through a link that leads out of it. Never throws.
 */
export function loadBaselineFile(file: string, options: { within?: string } = {}): LoadedBaseline {
  const read = readWorkspaceFile(file, { maxBytes: MAX_BASELINE_BYTES, within: options.within });
  if (!read.ok) {
    const missing = (read.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
    return { ok: false, message: read.reason, missing };
  }
  const parsed = parseBaseline(read.bytes.toString('utf8'));
  if (!parsed.ok) return { ok: false, message: parsed.message, missing: false };
  return { ok: true, baseline: parsed.baseline, root: baselineRoot(file) };
}

/**
 * Writes a baseline file atomically. It must lie inside one of `areas` (the current folder, the repository, the
 * scanned folders): a path elsewhere is refused (code `EOUTSIDE`), and so is a file that is a symbolic link
 * (`ELINK`, whatever it points to: a committed `.rampart-baseline.json -> src/app.js` must not overwrite code) and
 * a parent link leading out of the area (`ELINKOUT`). Throws on failure; nothing is written then.
 */
export function writeBaselineFile(file: string, text: string, areas: readonly string[]): void {
  const target = path.resolve(file);
  // The file-system root confines nothing.
  const area = confiningFolder(target, areas.filter((a) => path.dirname(a) !== a));
  if (area === null) throw Object.assign(new Error('it is outside the workspace (the current folder, the repository and the scanned folders)'), { code: 'EOUTSIDE' });
  if (fs.lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) {
    throw Object.assign(new Error('it is a symbolic link; a baseline is never written through one'), { code: 'ELINK' });
  }
  writeFileAtomic(target, text, { within: fs.realpathSync.native(area) });
}

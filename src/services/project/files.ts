import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../../files/containment';
import { readWorkspaceFile } from '../../files/read-workspace-file';

/** One directory entry, as `readdir(dir, { withFileTypes: true })` gives it. */
export interface ProjectDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/** What the project service needs from a `stat`. */
export interface ProjectStats {
  size: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

/**
 * Read-only file-system access of the project service; `node:fs/promises` fits it. The editor may pass
 * its own. Nothing here writes, and the service never executes what it reads.
 */
export interface ProjectFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  /** Follows symbolic links. */
  stat(file: string): Promise<ProjectStats>;
  readdir(dir: string, options: { withFileTypes: true }): Promise<ProjectDirent[]>;
  realpath(file: string): Promise<string>;
}

/** Largest manifest, tsconfig or requirements file read, in bytes; bigger ones declare nothing. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Entries kept from one directory listing. */
export const MAX_LISTING = 20_000;

/** What a directory entry is; `link` is a symbolic link not yet resolved (ask {@link ProjectFiles.kind}). */
export type EntryKind = 'file' | 'dir' | 'link' | 'other';

export { isInside };

/** The folders from `start` up to `root`, both included; empty when `start` is not inside `root`. */
export function foldersUpTo(start: string, root: string): string[] {
  if (!isInside(root, start)) return [];
  const folders: string[] = [];
  for (let dir = start; ; dir = path.dirname(dir)) {
    folders.push(dir);
    if (dir === root || path.dirname(dir) === dir) break;
  }
  return folders;
}

/**
 * Promises keyed by namespace and absolute path. Concurrent callers share one computation; a rejected
 * computation is forgotten so the next caller tries again.
 */
export class PathCache {
  private readonly spaces = new Map<string, Map<string, Promise<unknown>>>();

  /** The cached promise for `(space, file)`, computing it on first use. */
  get<T>(space: string, file: string, compute: () => Promise<T>): Promise<T> {
    let entries = this.spaces.get(space);
    if (!entries) this.spaces.set(space, (entries = new Map()));
    const cached = entries.get(file);
    if (cached) return cached as Promise<T>;
    const promise = compute();
    entries.set(file, promise);
    promise.catch(() => entries.get(file) === promise && entries.delete(file));
    return promise;
  }

  /**
   * Forgets entries about `changed`, anything inside it, and the folders that contain it (their listings
   * change when it appears or disappears). No argument forgets everything.
   */
  invalidate(changed?: string): void {
    if (changed === undefined) {
      this.spaces.clear();
      return;
    }
    for (const entries of this.spaces.values()) {
      for (const key of [...entries.keys()]) {
        if (isInside(changed, key) || isInside(key, changed)) entries.delete(key);
      }
    }
  }
}

/**
 * The project's files as the service may see them: only inside `root` (symbolic links are resolved and
 * must stay inside the real root), files of at most {@link MAX_FILE_BYTES}, listings of at most
 * {@link MAX_LISTING} entries. Every failure reads as "absent"; nothing here rejects.
 */
export class ProjectFiles {
  private readonly cache = new PathCache();
  private realRoot: Promise<string> | undefined;

  constructor(
    private readonly fs: ProjectFs,
    /** Absolute, normalised root folder. */
    readonly root: string,
  ) {}

  /** The real path of `file` when it exists and it (after links) is inside the root. */
  real(file: string): Promise<string | undefined> {
    if (!isInside(this.root, file)) return Promise.resolve(undefined);
    return this.cache.get('real', file, async () => {
      try {
        const [real, realRoot] = await Promise.all([this.fs.realpath(file), this.rootReal()]);
        return isInside(realRoot, real) ? real : undefined;
      } catch {
        return undefined;
      }
    });
  }

  /** Whether `file` is a file or a folder (links followed, when they stay inside the root). */
  kind(file: string): Promise<'file' | 'dir' | undefined> {
    return this.cache.get('kind', file, async () => {
      const stats = await this.stats(file);
      if (stats?.isFile()) return 'file';
      return stats?.isDirectory() ? 'dir' : undefined;
    });
  }

  /** The entries of a folder by name, or undefined when it cannot be listed. */
  list(dir: string): Promise<ReadonlyMap<string, EntryKind> | undefined> {
    return this.cache.get('list', dir, async () => {
      if ((await this.kind(dir)) !== 'dir') return undefined;
      try {
        const entries = await this.fs.readdir(dir, { withFileTypes: true });
        const listing = new Map<string, EntryKind>();
        for (const entry of entries.slice(0, MAX_LISTING)) listing.set(entry.name, entryKind(entry));
        return listing;
      } catch {
        return undefined;
      }
    });
  }

  /**
   * `parse` applied to the text of `file`, cached under `space`; undefined when the file is absent,
   * outside the root, too big or unreadable. A throwing parser counts as absent too.
   */
  parsed<T>(space: string, file: string, parse: (text: string) => T): Promise<T | undefined> {
    return this.cache.get(`parsed:${space}`, file, async () => {
      const text = await this.text(file);
      if (text === undefined) return undefined;
      try {
        return parse(text);
      } catch {
        return undefined;
      }
    });
  }

  /** Forgets what was read about `changed` (a file or folder) and the folders around it; no argument = all. */
  invalidate(changed?: string): void {
    if (changed === undefined) this.realRoot = undefined;
    this.cache.invalidate(changed === undefined ? undefined : path.resolve(changed));
  }

  private rootReal(): Promise<string> {
    this.realRoot ??= this.fs.realpath(this.root).catch(() => this.root);
    return this.realRoot;
  }

  private async stats(file: string): Promise<ProjectStats | undefined> {
    const real = await this.real(file);
    if (real === undefined) return undefined;
    try {
      return await this.fs.stat(real);
    } catch {
      return undefined;
    }
  }

  private async text(file: string): Promise<string | undefined> {
    const stats = await this.stats(file);
    if (!stats?.isFile() || stats.size > MAX_FILE_BYTES) return undefined;
    try {
      const text = await this.fs.readFile((await this.real(file))!, 'utf8');
      return text.length > MAX_FILE_BYTES ? undefined : text;
    } catch {
      return undefined;
    }
  }
}

function entryKind(entry: ProjectDirent): EntryKind {
  if (entry.isSymbolicLink()) return 'link';
  if (entry.isDirectory()) return 'dir';
  return entry.isFile() ? 'file' : 'other';
}

/**
 * The default file system: `node:fs/promises`, except that files are read with
 * {@link readWorkspaceFile}: at most {@link MAX_FILE_BYTES}, and never blocking on a pipe or device
 * swapped in for a manifest after it was checked (the read rejects instead).
 */
export const nodeFs: ProjectFs = {
  readFile: async (file) => {
    const read = readWorkspaceFile(file, { maxBytes: MAX_FILE_BYTES });
    if (!read.ok) throw Object.assign(new Error(`${file}: ${read.reason}`), { code: (read.error as NodeJS.ErrnoException | undefined)?.code });
    return read.bytes.toString('utf8');
  },
  stat: (file) => fsp.stat(file),
  readdir: (dir, options) => fsp.readdir(dir, options),
  realpath: (file) => fsp.realpath(file),
};

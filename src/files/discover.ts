import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { classifyFile, type Classification } from '../engine/classify';
import { createPathMatcher, IGNORE_CASE, relativeInside } from '../config/match';
import { isInside, realpathOrNull } from './containment';
import { describeFsError } from './fs-error';
import { readWorkspaceFile } from './read-workspace-file';
import { findRepositoryRoot } from './repository-root';

/** Directories and file patterns never scanned below a given path (a path given explicitly is scanned). */
export const DEFAULT_IGNORES: readonly string[] = [
  'node_modules/',
  '.git',
  'dist/',
  'build/',
  'out/',
  'coverage/',
  'vendor/',
  '.next/',
  '.nuxt/',
  '.venv/',
  'venv/',
  '__pycache__/',
  '*.min.js',
  '*.bundle.js',
];

/** A file to analyse. */
export interface DiscoveredFile {
  /** Absolute path. */
  absolute: string;
  /** Size in bytes when it was found. */
  size: number;
  classification: Classification;
  /** Index of the given path it was found under. */
  root: number;
  /**
   * Real path of the given folder it was found in (or of the given file itself): reads and `--fix`
   * writes must stay inside it, also when a link is swapped in after discovery.
   */
  within: string;
}

/** One path given on the command line, with the `ignore` patterns of the configuration that governs it. */
export interface DiscoveryRoot {
  absolute: string;
  configIgnore: { root: string; patterns: readonly string[] };
  /**
   * Only these files or folders inside the (folder) root, found as a walk of the whole root would find
   * them: under the same ignores, never through a linked folder, a linked file only when it resolves
   * inside the root. For files created after a scan; paths outside the root are left out.
   */
  only?: readonly string[];
}

/** What {@link discoverFiles} found, plus notes on given paths it left out. */
export interface Discovery {
  files: DiscoveredFile[];
  notes: string[];
}

/** Options of {@link discoverFiles}. */
export interface DiscoverOptions {
  roots: readonly DiscoveryRoot[];
  /** Whether some adapter reads files of this classification. */
  supports: (classification: Classification) => boolean;
  /** Shows a path in notes (relative to the working directory). */
  display: (absolute: string) => string;
  /** Told of each file or folder the walk leaves out because it is ignored, and why (for a scan summary). */
  onIgnored?: (absolute: string, isDir: boolean, reason: string) => void;
  /** Told of each file found that no analyser reads (for "what was not checked" in reports). */
  onUnsupported?: (absolute: string) => void;
}


/** Largest `.gitignore` read; a larger one is ignored (it would be an attack, not a list of patterns). */
const MAX_GITIGNORE_BYTES = 1024 * 1024;
/** Bytes read to classify a file without an extension (its shebang). */
const HEAD_BYTES = 256;

interface GitignoreLevel {
  dir: string;
  rules: Ignore;
}

/** Decides whether a path is ignored for one given path: defaults, config `ignore`, `.gitignore` files. */
class IgnoreRules {
  private readonly defaults = ignore({ ignorecase: IGNORE_CASE }).add([...DEFAULT_IGNORES]);
  /** The configuration's `ignore`, matched exactly as its `suppressions` paths are. */
  private readonly config: (absolute: string, isDir?: boolean) => boolean;

  constructor(
    private readonly scanRoot: string,
    configRoot: string,
    patterns: readonly string[],
  ) {
    this.config = createPathMatcher(configRoot, patterns);
  }

  /** Why the path is ignored, or null. `levels` are the `.gitignore` files that apply, outermost first. */
  reason(absolute: string, isDir: boolean, levels: readonly GitignoreLevel[]): string | null {
    const below = relativeInside(this.scanRoot, absolute);
    if (below && this.defaults.ignores(withSlash(below, isDir))) return 'ignored by default';
    if (this.config(absolute, isDir)) return 'ignored by the configuration';
    return gitignores(absolute, isDir, levels) ? 'ignored by .gitignore' : null;
  }
}

/** Whether the `.gitignore` files of `levels` ignore the path: the deepest one that has an opinion wins, as in git. */
function gitignores(absolute: string, isDir: boolean, levels: readonly GitignoreLevel[]): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const rel = relativeInside(levels[i].dir, absolute);
    if (!rel) continue;
    const result = levels[i].rules.test(withSlash(rel, isDir));
    if (result.ignored) return true;
    if (result.unignored) return false;
  }
  return false;
}

/**
 * Whether git ignores a file, by the `.gitignore` files from its repository's root down to its folder (the
 * scan reads the same ones): the editor leaves such files alone as the scan does — a local `.env` that git
 * ignores is where secrets belong.
 */
export function isGitignored(absolute: string): boolean {
  return gitignores(absolute, false, gitignoreChain(path.dirname(absolute)));
}

/**
 * Walks the given paths and lists the files some adapter reads, honouring default ignores, the
 * configuration's `ignore` patterns and `.gitignore` files from the repository root down. Symbolic
 * links to directories are not followed. A linked file is listed only when its real path is inside
 * the real path of the given folder: the workspace is attacker-controlled, and a link to `~/.ssh/id_rsa`
 * or `/etc/passwd` must be neither read nor reported nor rewritten by `--fix`; one note counts the
 * links left out. Given paths are taken as the user named them, links included. Paths given
 * explicitly that are ignored or not readable by any adapter are left out with a note.
 */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const files: DiscoveredFile[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const linkedOut = new Set<string>();
  options.roots.forEach((root, index) => {
    const stat = fs.statSync(root.absolute);
    const isDir = stat.isDirectory();
    const within = fs.realpathSync.native(root.absolute);
    const startDir = isDir ? root.absolute : path.dirname(root.absolute);
    const rules = new IgnoreRules(root.absolute, root.configIgnore.root, root.configIgnore.patterns);
    const levels = gitignoreChain(startDir);
    const ignored = rules.reason(root.absolute, isDir, levels);
    if (ignored) {
      notes.push(`${options.display(root.absolute)}: ${ignored}, not scanned`);
      return;
    }
    const add = (absolute: string, size: number, explicit: boolean) => {
      if (seen.has(absolute)) return;
      const classification = classify(absolute, within);
      if (!classification || !options.supports(classification)) {
        if (explicit) notes.push(`${options.display(absolute)}: no analyser reads this kind of file, not scanned`);
        options.onUnsupported?.(absolute);
        return;
      }
      seen.add(absolute);
      files.push({ absolute, size, classification, root: index, within });
    };
    // Counted only when the file might have been scanned; its contents are never read to find out.
    const linkOut = (absolute: string) => {
      const byName = classifyFile(absolute);
      if (byName ? options.supports(byName) : path.extname(absolute) === '') linkedOut.add(absolute);
    };
    if (!isDir) {
      if (stat.isFile()) add(root.absolute, stat.size, true);
      else notes.push(`${options.display(root.absolute)}: not a regular file, not scanned`);
      return;
    }
    const on: WalkCallbacks = {
      onFile: (absolute, size) => add(absolute, size, false),
      onIgnored: options.onIgnored,
      onLinkOut: linkOut,
      onError: (dir, e) => notes.push(`${options.display(dir)}: cannot read the folder (${describeFsError(e)}), not scanned`),
    };
    if (root.only) for (const only of root.only) walkOnly(root.absolute, only, within, levels, rules, on);
    else walk(root.absolute, within, levels, rules, on);
  });
  // A link that leads out of one given folder may be inside another given path, and scanned from there.
  const left = [...linkedOut].filter((absolute) => !seen.has(absolute)).length;
  if (left > 0) {
    const what = left === 1 ? '1 file reached through a symbolic link' : `${left} files reached through symbolic links`;
    notes.push(`${what} leading outside the scanned folder, not scanned`);
  }
  return { files, notes };
}

interface WalkCallbacks {
  onFile: (absolute: string, size: number) => void;
  /** A link to a file whose real path is outside the scanned folder (or that cannot be resolved). */
  onLinkOut: (absolute: string) => void;
  onError: (dir: string, e: unknown) => void;
  onIgnored?: (absolute: string, isDir: boolean, reason: string) => void;
}

/** Lists the files below `dir`; `within` is the real path of the given folder the walk started at. */
function walk(dir: string, within: string, levels: readonly GitignoreLevel[], rules: IgnoreRules, on: WalkCallbacks): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    on.onError(dir, e);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    const isDir = entry.isDirectory();
    const isLink = entry.isSymbolicLink();
    // Linked folders are skipped, so there are no loops and no way out; linked files are checked below.
    const isFile = isLink ? (statOrNull(absolute)?.isFile() ?? false) : entry.isFile();
    if (!isDir && !isFile) continue;
    const ignored = rules.reason(absolute, isDir, levels);
    if (ignored) {
      on.onIgnored?.(absolute, isDir, ignored);
      continue;
    }
    if (isDir) {
      walk(absolute, within, withGitignore(levels, absolute), rules, on);
    } else if (isLink && !resolvesInside(absolute, within)) {
      on.onLinkOut(absolute);
    } else {
      on.onFile(absolute, statOrNull(absolute)?.size ?? 0);
    }
  }
}

/**
 * Reaches `only` from `root` one name at a time, as {@link walk} would: stops at an ignored name, a linked
 * or missing folder on the way, and walks `only` itself when it is a folder.
 */
function walkOnly(root: string, only: string, within: string, levels: readonly GitignoreLevel[], rules: IgnoreRules, on: WalkCallbacks): void {
  const rel = relativeInside(root, only);
  if (rel === null) return;
  const names = rel.split('/');
  let dir = root;
  for (const [i, name] of names.entries()) {
    const absolute = path.join(dir, name);
    const entry = lstatOrNull(absolute);
    if (!entry) return;
    const isLink = entry.isSymbolicLink();
    const isDir = entry.isDirectory();
    const isFile = isLink ? (statOrNull(absolute)?.isFile() ?? false) : entry.isFile();
    const last = i === names.length - 1;
    if (!isDir && !(last && isFile)) return;
    if (rules.reason(absolute, isDir, levels)) return;
    if (!isDir) {
      if (isLink && !resolvesInside(absolute, within)) on.onLinkOut(absolute);
      else on.onFile(absolute, statOrNull(absolute)?.size ?? 0);
      return;
    }
    levels = withGitignore(levels, absolute);
    dir = absolute;
  }
  walk(dir, within, levels, rules, on);
}

/** Whether the real path of `link` is inside `within`; false when it cannot be resolved. */
function resolvesInside(link: string, within: string): boolean {
  const real = realpathOrNull(link);
  return real !== null && isInside(within, real);
}

/** Classifies by name; a file without an extension is classified by its first bytes (shebang). */
function classify(absolute: string, within: string): Classification | null {
  const byName = classifyFile(absolute);
  if (byName || path.extname(absolute) !== '') return byName;
  const head = readWorkspaceFile(absolute, { maxBytes: HEAD_BYTES, head: true, within });
  return classifyFile(absolute, head.ok ? head.bytes.toString('utf8') : '');
}

/** The `.gitignore` files from the repository root (or `dir` outside a repository) down to `dir`. */
function gitignoreChain(dir: string): GitignoreLevel[] {
  const repoRoot = findRepositoryRoot(dir);
  const chain = [dir];
  for (let d = dir; repoRoot !== null && d !== repoRoot && path.dirname(d) !== d; ) {
    d = path.dirname(d);
    chain.unshift(d);
  }
  return chain.reduce<GitignoreLevel[]>((levels, d) => withGitignore(levels, d), []);
}

/**
 * `levels` plus the `.gitignore` of `dir`, if any. Like git (since 2.32), a `.gitignore` that is a
 * symbolic link is not followed; a pipe or device is never opened for reading, so it cannot block the scan.
 */
function withGitignore(levels: readonly GitignoreLevel[], dir: string): GitignoreLevel[] {
  const read = readWorkspaceFile(path.join(dir, '.gitignore'), { maxBytes: MAX_GITIGNORE_BYTES, noFollow: true });
  if (!read.ok) return levels as GitignoreLevel[];
  return [...levels, { dir, rules: ignore({ ignorecase: IGNORE_CASE }).add(read.bytes.toString('utf8')) }];
}

function withSlash(rel: string, isDir: boolean): string {
  return isDir ? `${rel}/` : rel;
}

function lstatOrNull(p: string): fs.Stats | null {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

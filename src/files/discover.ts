import * as fs from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { classifyFile, type Classification } from '../engine/classify';
import { createPathMatcher, IGNORE_CASE, relativeInside } from '../config/match';
import { describeFsError } from './fs-error';

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
}

/** One path given on the command line, with the `ignore` patterns of the configuration that governs it. */
export interface DiscoveryRoot {
  absolute: string;
  configIgnore: { root: string; patterns: readonly string[] };
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
}


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
    // The deepest .gitignore that has an opinion wins, as in git.
    for (let i = levels.length - 1; i >= 0; i--) {
      const rel = relativeInside(levels[i].dir, absolute);
      if (!rel) continue;
      const result = levels[i].rules.test(withSlash(rel, isDir));
      if (result.ignored) return 'ignored by .gitignore';
      if (result.unignored) return null;
    }
    return null;
  }
}

/**
 * Walks the given paths and lists the files some adapter reads, honouring default ignores, the
 * configuration's `ignore` patterns and `.gitignore` files from the repository root down. Symbolic
 * links to directories are not followed. Paths given explicitly that are ignored or not readable by
 * any adapter are left out with a note.
 */
export function discoverFiles(options: DiscoverOptions): Discovery {
  const files: DiscoveredFile[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  options.roots.forEach((root, index) => {
    const stat = fs.statSync(root.absolute);
    const isDir = stat.isDirectory();
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
      const classification = classify(absolute);
      if (!classification || !options.supports(classification)) {
        if (explicit) notes.push(`${options.display(absolute)}: no analyser reads this kind of file, not scanned`);
        return;
      }
      seen.add(absolute);
      files.push({ absolute, size, classification, root: index });
    };
    if (!isDir) {
      if (stat.isFile()) add(root.absolute, stat.size, true);
      else notes.push(`${options.display(root.absolute)}: not a regular file, not scanned`);
      return;
    }
    walk(root.absolute, levels, rules, (absolute, size) => add(absolute, size, false), (dir, e) =>
      notes.push(`${options.display(dir)}: cannot read the folder (${describeFsError(e)}), not scanned`),
    );
  });
  return { files, notes };
}

function walk(
  dir: string,
  levels: readonly GitignoreLevel[],
  rules: IgnoreRules,
  onFile: (absolute: string, size: number) => void,
  onError: (dir: string, e: unknown) => void,
): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    onError(dir, e);
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const absolute = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // Linked files are read through the link; linked folders are skipped, so there are no loops.
      const target = statOrNull(absolute);
      isDir = false;
      isFile = target?.isFile() ?? false;
    }
    if (!isDir && !isFile) continue;
    if (rules.reason(absolute, isDir, levels)) continue;
    if (isDir) {
      walk(absolute, withGitignore(levels, absolute), rules, onFile, onError);
    } else {
      onFile(absolute, statOrNull(absolute)?.size ?? 0);
    }
  }
}

/** Classifies by name; a file without an extension is classified by its first bytes (shebang). */
function classify(absolute: string): Classification | null {
  const byName = classifyFile(absolute);
  if (byName || path.extname(absolute) !== '') return byName;
  return classifyFile(absolute, readHead(absolute, 256));
}

function readHead(file: string, bytes: number): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(bytes);
      const n = fs.readSync(fd, buffer, 0, bytes, 0);
      return buffer.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** The `.gitignore` files from the repository root (or `dir` outside a repository) down to `dir`. */
function gitignoreChain(dir: string): GitignoreLevel[] {
  const dirs = [dir];
  let repoRoot: string | null = null;
  for (let d = dir; ; ) {
    if (statOrNull(path.join(d, '.git'))) {
      repoRoot = d;
      break;
    }
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
    dirs.unshift(d);
  }
  const chain = repoRoot ? dirs.slice(dirs.indexOf(repoRoot)) : [dir];
  return chain.reduce<GitignoreLevel[]>((levels, d) => withGitignore(levels, d), []);
}

function withGitignore(levels: readonly GitignoreLevel[], dir: string): GitignoreLevel[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, '.gitignore'), 'utf8');
  } catch {
    return levels as GitignoreLevel[];
  }
  return [...levels, { dir, rules: ignore({ ignorecase: IGNORE_CASE }).add(text) }];
}

function withSlash(rel: string, isDir: boolean): string {
  return isDir ? `${rel}/` : rel;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

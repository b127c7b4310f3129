import * as fs from 'node:fs';
import * as path from 'node:path';
import { discoverFiles, type DiscoveredFile } from '../files/discover';
import { readWorkspaceFile } from '../files/read-workspace-file';

/**
 * Which workspace files may call a module's functions, found without analysing them: a reverse index of
 * the import specifiers each JS/TS and Python file of the workspace writes, read from disk (the folders and
 * files a scan of the root reads, `.gitignore` and default ignores honoured, never through a link out of it),
 * bounded per file and per workspace. And the call facts a caller's analysis reports (see `reportCallFacts`
 * in src/rules/shared/module-calls.ts), decoded.
 */

/** Which front-end reads a file: callers are looked for among files of the same one. */
export type SourceFamily = 'js' | 'python';

/** Bounds of the index. */
export interface CallerIndexOptions {
  /** Source files indexed, at most; a larger workspace is not searched (its callers stay unknown). Default 20,000. */
  maxFiles?: number;
  /** Files larger than this are not read (nor analysed as callers). Default 512 KiB. */
  maxBytes?: number;
  /** Bytes read by one walk, at most; past it the workspace is not searched. Default 256 MiB. */
  maxTotalBytes?: number;
  /** Age after which the list of files is walked again (files created since are seen), in ms. Default 60 s. */
  maxAgeMs?: number;
}

/** A file of the index: where it is, its version and the modules it names. */
export interface IndexedFile {
  file: string;
  family: SourceFamily;
  /** Import specifiers as written (`./lib/shell`, `@/db`, `.helpers`, `app.utils`), each once. */
  specifiers: readonly string[];
}

interface Entry extends IndexedFile {
  mtimeMs: number;
  size: number;
}

const DEFAULT_MAX_FILES = 20_000;
const DEFAULT_MAX_BYTES = 512 * 1024;
const DEFAULT_MAX_TOTAL_BYTES = 256 * 1024 * 1024;
const DEFAULT_MAX_AGE_MS = 60_000;
/** Specifiers kept per file, at most (a generated file may import thousands). */
const MAX_SPECIFIERS = 512;

/** `from '…'`, `import('…')`, `require('…')` (`export … from` included). Linear: one literal, then a bounded class. */
const JS_SPECIFIER = /\b(?:from|import\s*\(|require\s*\()\s*(["'])([^"'\r\n]{1,512})\1/g;
/** `from x.y import a, b` and `import x.y as z, w`, at the start of a line (the names continue in code below). */
const PY_FROM = /^[ \t]*from[ \t]+([.\w]{1,512})[ \t]+import\b([^\r\n#]{0,2000})/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([^\r\n#;]{1,2000})/gm;
/** A dotted Python module name, leading dots allowed. */
const PY_MODULE = /^\.*(?:[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)?$/;
const PY_NAME = /^[A-Za-z_]\w*$/;

/** The import specifiers of a JS/TS file, by their text (comments and strings that look like imports included: a candidate costs only a check). */
export function jsSpecifiers(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(JS_SPECIFIER)) {
    found.add(m[2]);
    if (found.size >= MAX_SPECIFIERS) break;
  }
  return [...found];
}

/**
 * The modules a Python file imports, by their text: `x.y` for `import x.y as z`; `x.y` and `x.y.a` for
 * `from x.y import a` (`a` may be a submodule), names in parentheses over several lines included.
 */
export function pythonSpecifiers(text: string): string[] {
  const found = new Set<string>();
  const add = (m: string) => {
    if (found.size < MAX_SPECIFIERS && PY_MODULE.test(m) && m !== '') found.add(m);
  };
  for (const m of text.matchAll(PY_FROM)) {
    const module = m[1];
    add(module);
    let names = m[2];
    if (names.includes('(') && !names.includes(')')) {
      // `from x import (\n  a,\n  b,\n)`: the names run to the closing parenthesis.
      const start = (m.index ?? 0) + m[0].length;
      const window = text.slice(start, start + 2000);
      const close = window.indexOf(')');
      names += close < 0 ? window : window.slice(0, close);
    }
    for (const part of names.replace(/[()\\]/g, ' ').split(',')) {
      const name = part.trim().split(/\s+/)[0] ?? '';
      if (PY_NAME.test(name)) add(module.endsWith('.') ? module + name : `${module}.${name}`);
    }
  }
  for (const m of text.matchAll(PY_IMPORT)) {
    for (const part of m[1].split(',')) add(part.trim().split(/\s+/)[0] ?? '');
  }
  return [...found];
}

/**
 * The module name a file is imported by, for a first cheap match against specifiers: its name without the
 * extension, and for an `index`/`__init__` file its folder's name too.
 */
export function moduleStems(file: string): string[] {
  const ext = path.extname(file);
  const stem = path.basename(file, ext);
  return stem === 'index' || stem === '__init__' ? [stem, path.basename(path.dirname(file))] : [stem];
}

/** Whether a specifier may name a file with one of these stems (the last part of its path or dotted name). */
export function mayName(specifier: string, family: SourceFamily, stems: readonly string[]): boolean {
  if (family === 'python') {
    const last = specifier.slice(specifier.lastIndexOf('.') + 1);
    // `from . import x` names the package itself.
    return last === '' || stems.includes(last);
  }
  // Bare names (aliases, workspace packages) lead anywhere; they are cheap to resolve.
  if (!specifier.startsWith('.')) return true;
  const last = specifier.slice(specifier.lastIndexOf('/') + 1);
  const name = last.replace(/\.[cm]?[jt]sx?$/, '');
  return name === '' || name === '.' || name === '..' || stems.includes(name);
}

/**
 * The reverse index: every JS/TS and Python file of the root with the specifiers it imports, walked again
 * when older than `maxAgeMs` (an unchanged file is not read again). Files are read within the deadline a
 * question gives, the rest on later questions (the editor stays responsive); the previous index serves
 * meanwhile. Null when there is none yet or the workspace is past the bounds: then no caller is known not
 * to exist.
 */
export class CallerIndex {
  /** The last complete index, or null. */
  private entries: Map<string, Entry> | null = null;
  private builtAt = -Infinity;
  /** A walk in progress: the files still to read, and what is read so far. */
  private building: { files: DiscoveredFile[]; next: number; entries: Map<string, Entry>; bytes: number } | null = null;
  private readonly maxFiles: number;
  private readonly maxBytes: number;
  private readonly maxTotalBytes: number;
  private readonly maxAgeMs: number;
  /** Incremented with each completed index, so that answers derived from one can be kept until the next. */
  generation = 0;

  constructor(
    private readonly root: string,
    options: CallerIndexOptions = {},
  ) {
    this.maxFiles = options.maxFiles ?? DEFAULT_MAX_FILES;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxTotalBytes = options.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
    this.maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
  }

  /** The indexed files of a family, reading until `deadline` (ms since the epoch); null while none is complete or past the bounds. */
  files(family: SourceFamily, deadline = Infinity): IndexedFile[] | null {
    if (!this.building && Date.now() - this.builtAt > this.maxAgeMs) this.start();
    if (this.building) this.read(deadline);
    if (!this.entries) return null;
    return [...this.entries.values()].filter((e) => e.family === family);
  }

  /** Forgets the index (it is walked again on the next question). */
  clear(): void {
    this.entries = null;
    this.building = null;
    this.builtAt = -Infinity;
  }

  /** Lists the files of the root (the walk a scan does); past {@link maxFiles} there is no index. */
  private start(): void {
    this.builtAt = Date.now();
    let files: DiscoveredFile[];
    try {
      files = discoverFiles({
        roots: [{ absolute: this.root, configIgnore: { root: this.root, patterns: [] } }],
        supports: (c) => c.language === 'js' || c.language === 'python',
        display: (absolute) => absolute,
      }).files;
    } catch {
      files = [];
      this.entries = null;
      return;
    }
    if (files.length > this.maxFiles) {
      this.entries = null;
      return;
    }
    this.building = { files, next: 0, entries: new Map(), bytes: 0 };
  }

  /** Reads the files of the walk in progress until the deadline; completes the index when all are read. */
  private read(deadline: number): void {
    const b = this.building!;
    for (; b.next < b.files.length; b.next++) {
      if (Date.now() > deadline) return;
      const f = b.files[b.next];
      if (f.size > this.maxBytes) continue;
      let stats: fs.Stats;
      try {
        stats = fs.statSync(f.absolute);
      } catch {
        continue;
      }
      const known = this.entries?.get(f.absolute);
      if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) {
        b.entries.set(f.absolute, known);
        continue;
      }
      b.bytes += stats.size;
      if (b.bytes > this.maxTotalBytes) {
        this.building = null;
        this.entries = null;
        return;
      }
      const read = readWorkspaceFile(f.absolute, { maxBytes: this.maxBytes, within: f.within });
      if (!read.ok) continue;
      const text = read.bytes.toString('utf8');
      const family: SourceFamily = f.classification.language === 'python' ? 'python' : 'js';
      const specifiers = family === 'python' ? pythonSpecifiers(text) : jsSpecifiers(text);
      b.entries.set(f.absolute, { file: f.absolute, family, specifiers, mtimeMs: stats.mtimeMs, size: stats.size });
    }
    this.entries = b.entries;
    this.building = null;
    this.generation++;
  }
}

/**
 * Properties of a call fact: a summary finding of a caller's analysis that says what one call into a
 * workspace module passes, or that a function of it is used otherwise than called (`callEscapes`).
 */
export interface CallFactProperties {
  /** The module as the caller names it (resolved from the caller's folder). */
  callModule: string;
  /** The export called (`default` for a JS default export), or `*` for the whole module used as a value. */
  callName: string;
  /**
   * Per positional argument, `s` when it is safe (a constant or a value without an untrusted source or a
   * caller's parameter) and `x` when not; a final `*` when a spread (`...args`, `*args`) hides the positions after.
   */
  callArguments?: string;
  /** Python keyword arguments, `name=s` or `name=x`, comma-separated; `**` when a `**kwargs` hides others. */
  callKeywords?: string;
  /** The export is referenced otherwise than called (passed as a callback, stored, re-exported). */
  callEscapes?: boolean;
}

/** The call fact a finding's properties hold, or null. */
export function callFactOf(properties: Readonly<Record<string, unknown>> | undefined): CallFactProperties | null {
  if (typeof properties?.callModule !== 'string' || typeof properties.callName !== 'string') return null;
  return properties as unknown as CallFactProperties;
}

/**
 * Whether the call a fact describes passes a safe value to the parameter at `index` named `name`: by
 * position, else by keyword; an argument left out takes the default (safe) unless a spread may hold it.
 */
export function passesSafely(fact: CallFactProperties, index: number, name: string): boolean {
  if (fact.callEscapes) return false;
  const args = fact.callArguments ?? '';
  const spread = args.endsWith('*');
  const positional = spread ? args.slice(0, -1) : args;
  if (index >= 0 && index < positional.length) return positional[index] === 's';
  let anyKeyword = false;
  for (const entry of (fact.callKeywords ?? '').split(',')) {
    if (entry === '**') anyKeyword = true;
    const eq = entry.indexOf('=');
    if (eq > 0 && entry.slice(0, eq) === name) return entry.slice(eq + 1) === 's';
  }
  return !spread && !anyKeyword;
}

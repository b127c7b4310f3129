import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Service } from '../engine/analyzer';
import type { Position } from '../engine/types';
import { isInside } from '../files/containment';
import { readWorkspaceFile } from '../files/read-workspace-file';
import { LineIndex } from '../engine/line-index';
import { unescapedOutputs, type TemplateEngine, type TemplateScanOptions, type UnescapedOutput } from './template-outputs';

/** Name under which rules ask the template service (`meta.requires: ['templates']`). */
export const TEMPLATES_SERVICE = 'templates';

/** A folder views are looked up in: relative to the calling file's folder, or to the project (the nearest package.json). */
export interface ViewFolder {
  from: 'file' | 'project';
  /** Relative path (`views`, `../templates`); `''` for the base folder itself. */
  path: string;
}

/**
 * A question from a file that renders a view by name: which of its outputs print data unescaped?
 * `res.render('profile', data)` with `app.set('views', path.join(__dirname, 'views'))` asks for
 * `profile` in `{ from: 'file', path: 'views' }`.
 */
export interface TemplateQuery {
  /** The calling file, exactly as the engine got it (the service's `resolvePath` makes it absolute). */
  file: string;
  /** The view name as written: `profile`, `users/show`, `index.ejs`, `/templates/index.ejs`. */
  view: string;
  /** Folders tried in order; the first that holds the view wins. */
  folders: ViewFolder[];
  /** Extensions (with the dot) tried, in order, when the name has none the engines map knows. */
  extensions: string[];
  /** Engine by extension (with the dot) beyond the usual ones (`.html` rendered by EJS); see {@link DEFAULT_ENGINES}. */
  engines?: Record<string, TemplateEngine>;
  /** How the engine is configured where that changes what is escaped. */
  options?: TemplateScanOptions;
}

/** An unescaped output of a view, with its place in the view file. */
export interface TemplateOutput extends Omit<UnescapedOutput, 'escape'> {
  start: Position;
  end: Position;
}

/** The answer: the view file and its unescaped outputs (possibly none). */
export interface TemplateAnswer {
  /** The view, relative to the caller's folder with `/` separators (for `RelatedLocation.file`). */
  file: string;
  /** The view, relative to the workspace root with `/` separators (for messages). */
  path: string;
  engine: TemplateEngine;
  outputs: TemplateOutput[];
}

/** Engines by the extensions their view files usually have. */
export const DEFAULT_ENGINES: Readonly<Record<string, TemplateEngine>> = {
  '.ejs': 'ejs',
  '.hbs': 'handlebars',
  '.handlebars': 'handlebars',
  '.mustache': 'mustache',
  '.pug': 'pug',
  '.jade': 'pug',
  '.njk': 'nunjucks',
  '.nunjucks': 'nunjucks',
};

/** What the template service needs: the workspace root and engine paths made absolute. */
export interface TemplateServiceOptions {
  /** Views are read only inside this folder (links out of it are refused). */
  root: string;
  /** Makes an engine file path absolute; null for documents that are not on disk. */
  resolvePath(file: string): string | null;
  /** Views kept scanned, at most (least recently used dropped first). Default 256. */
  maxTemplates?: number;
  /** Views larger than this are not read. Default 256 KiB. */
  maxBytes?: number;
}

interface Scanned {
  mtimeMs: number;
  size: number;
  key: string;
  outputs: TemplateOutput[];
}

/** Names and folders that cannot be a view: too long, or with a NUL. */
const MAX_NAME = 512;

/**
 * Answers, for a view rendered by name (`res.render('profile', …)`, `reply.view(…)`, `ctx.render(…)`),
 * where the view prints its data without escaping: the view is looked up in the given folders (relative to
 * the caller or to its project, the nearest folder with a package.json inside the root, else the root),
 * read from disk inside the root only (no links out, size-capped), scanned once per version (modification
 * time and size) into a bounded cache. A view it cannot find, read or tell the engine of answers null:
 * no finding rather than a guess.
 */
export class TemplateService implements Service {
  private readonly cache = new Map<string, Scanned>();
  private readonly root: string;
  private readonly maxTemplates: number;
  private readonly maxBytes: number;

  constructor(private readonly options: TemplateServiceOptions) {
    this.root = path.resolve(options.root);
    this.maxTemplates = options.maxTemplates ?? 256;
    this.maxBytes = options.maxBytes ?? 256 * 1024;
  }

  async answer(query: unknown): Promise<TemplateAnswer | null> {
    const q = query as TemplateQuery;
    if (typeof q?.view !== 'string' || typeof q.file !== 'string' || !Array.isArray(q.folders) || !Array.isArray(q.extensions)) return null;
    if (q.view === '' || q.view.length > MAX_NAME || q.view.includes('\0')) return null;
    const caller = this.options.resolvePath(q.file);
    if (!caller) return null;
    const found = this.find(caller, q);
    if (!found) return null;
    const outputs = this.outputs(found.file, found.engine, q.options ?? {});
    if (!outputs) return null;
    const slash = (p: string) => p.split(path.sep).join('/');
    return { file: slash(path.relative(path.dirname(caller), found.file)), path: slash(path.relative(this.root, found.file)), engine: found.engine, outputs };
  }

  /** Forgets every scanned view. */
  clear(): void {
    this.cache.clear();
  }

  /** The view file and its engine: the first folder and extension that name an existing file inside the root. */
  private find(caller: string, q: TemplateQuery): { file: string; engine: TemplateEngine } | null {
    const engines: Record<string, TemplateEngine> = { ...DEFAULT_ENGINES, ...(q.engines ?? {}) };
    const ext = path.extname(q.view).toLowerCase();
    const names = Object.hasOwn(engines, ext) ? [q.view] : q.extensions.filter((e) => Object.hasOwn(engines, e.toLowerCase())).map((e) => q.view + e);
    let project: string | undefined;
    for (const folder of q.folders.slice(0, 8)) {
      if (typeof folder?.path !== 'string' || folder.path.length > MAX_NAME || folder.path.includes('\0')) continue;
      const base = folder.from === 'file' ? path.dirname(caller) : (project ??= this.projectOf(path.dirname(caller)));
      for (const name of names) {
        // The view name is relative to the folder, also with a leading slash (`/templates/index.ejs` in @fastify/view).
        const file = path.join(path.resolve(base, folder.path), name);
        if (!isInside(this.root, file)) continue;
        try {
          if (!fs.statSync(file).isFile()) continue;
        } catch {
          continue;
        }
        return { file, engine: engines[path.extname(file).toLowerCase()] };
      }
    }
    return null;
  }

  /** The nearest folder with a package.json from `dir` up to the root (a server's working folder), else the root. */
  private projectOf(dir: string): string {
    for (let d = dir; isInside(this.root, d); d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'package.json'))) return d;
      if (d === this.root) break;
    }
    return this.root;
  }

  /** The view's unescaped outputs, scanned again only when it changed on disk or is asked with other options. */
  private outputs(file: string, engine: TemplateEngine, options: TemplateScanOptions): TemplateOutput[] | null {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(file);
    } catch {
      return null;
    }
    const key = `${engine}:${options.autoescapeOff === true}:${options.noEscape === true}`;
    const cacheKey = `${file}\n${key}`;
    const known = this.cache.get(cacheKey);
    if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, known);
      return known.outputs;
    }
    const read = readWorkspaceFile(file, { maxBytes: this.maxBytes, within: this.root });
    if (!read.ok || read.bytes.includes(0)) return null;
    const text = read.bytes.toString('utf8');
    const lines = new LineIndex(text);
    const outputs = unescapedOutputs(text, engine, options).map(({ escape: _escape, ...o }): TemplateOutput => ({
      ...o,
      start: lines.positionAt(o.range[0]),
      end: lines.positionAt(o.range[1]),
    }));
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, { mtimeMs: stats.mtimeMs, size: stats.size, key, outputs });
    while (this.cache.size > this.maxTemplates) this.cache.delete(this.cache.keys().next().value!);
    return outputs;
  }
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RuleSetting, Service } from '../engine/analyzer';
import type { Rule } from '../engine/rule';
import type { FileResult, Finding, Position, Range, RelatedLocation } from '../engine/types';
import { isInside } from '../files/containment';
import { readWorkspaceFile } from '../files/read-workspace-file';
import { asObject, own, parseJsonc } from './project/json';

/** Name under which rules ask the module service (`meta.requires: ['modules']`). */
export const MODULES_SERVICE = 'modules';

/**
 * A question from a caller: does parameter `paramIndex` of the function a module exports as `name` reach a
 * sink of rule `ruleId` (built into a command, SQL text, a path, a URL or HTML)?
 */
export interface ModuleQuery {
  /** The calling file, exactly as the engine got it (the service's `resolvePath` makes it absolute). */
  file: string;
  /** The import specifier as written (`./lib/ls`, `../db.js`); only relative specifiers are followed. */
  specifier: string;
  /**
   * The export called: a name, or `default` (`export default`, `module.exports = fn`). Specifiers that are
   * not relative are looked up in the `paths` of the nearest tsconfig/jsconfig (`@/lib/ls`).
   */
  name: string;
  paramIndex: number;
  ruleId: string;
}

/** Where a caller's argument ends up in the called module. */
export interface ModuleSink {
  /** The sink's finding in the module (its message speaks of the parameter). */
  message: string;
  range: Range;
  start: Position;
  end: Position;
  /** The parameter and the steps to the sink, in the module's coordinates. */
  flow: RelatedLocation[];
}

/** The answer: the module (relative to the caller's folder, `/` separators) and the sinks the parameter reaches. */
export interface ModuleAnswer {
  file: string;
  sinks: ModuleSink[];
}

/** What the module service needs: the workspace root, engine paths made absolute, and a synchronous analysis. */
export interface ModuleServiceOptions {
  /** Modules are read only inside this folder (links out of it are refused). */
  root: string;
  /** Makes an engine file path absolute; null for documents that are not on disk. */
  resolvePath(file: string): string | null;
  /**
   * Analyses a module with the rules that report caller-provided parameters (their findings carry
   * `parameterImportedAs` and `parameterIndex` properties). Called at most once per module version.
   */
  analyze(file: string, text: string): FileResult;
  /** Modules kept analysed, at most (least recently used dropped first). Default 256. */
  maxModules?: number;
  /** Modules larger than this are not read. Default 512 KiB. */
  maxBytes?: number;
}

/** Extensions tried for a specifier without one, in order, and the TypeScript sources an emitted `.js` name stands for. */
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const EMITTED: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };

/** Python sources: their imports name modules, not files. */
const PYTHON_FILE = /\.pyi?$/;
/** A part of a dotted Python module name. */
const PYTHON_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Python module resolutions kept (the cache is emptied when full). */
const MAX_PYTHON_RESOLUTIONS = 4096;

interface Analysed {
  mtimeMs: number;
  size: number;
  findings: readonly Finding[];
}

/**
 * Answers, for a call into a workspace module, where the argument goes there: the module is resolved
 * from the caller's folder (relative specifiers, extensions, `index` files, `.js` names of TypeScript
 * sources), read from disk inside the root, analysed once per version (modification time and size) and
 * kept in a bounded cache, so an edit to the module is seen by the next question. Anything it cannot
 * resolve, read or analyse answers null: no finding rather than a guess.
 */
export class ModuleService implements Service {
  private readonly cache = new Map<string, Analysed>();
  /** The nearest tsconfig's `paths` by folder (read once per service; the editor makes a new one when configs change). */
  private readonly configs = new Map<string, { paths: Array<[string, string[]]>; base: string } | null>();
  /** Python modules resolved, by caller folder and specifier (null: not a workspace module). */
  private readonly pythonModules = new Map<string, string | null>();
  private readonly root: string;
  private readonly maxModules: number;
  private readonly maxBytes: number;

  constructor(private readonly options: ModuleServiceOptions) {
    this.root = path.resolve(options.root);
    this.maxModules = options.maxModules ?? 256;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
  }

  async answer(query: unknown): Promise<ModuleAnswer | null> {
    const q = query as ModuleQuery;
    if (typeof q?.specifier !== 'string') return null;
    const caller = this.options.resolvePath(q.file);
    if (!caller) return null;
    const from = path.dirname(caller);
    const module = PYTHON_FILE.test(caller) ? this.resolvePython(from, q.specifier)
      : q.specifier.startsWith('.') ? this.resolve(from, q.specifier)
      : this.resolveAlias(from, q.specifier);
    if (!module) return null;
    const findings = this.findings(module);
    if (!findings) return null;
    const sinks = findings
      .filter((f) => f.ruleId === q.ruleId && f.properties?.parameterImportedAs === q.name && f.properties?.parameterIndex === q.paramIndex)
      .map((f) => ({ message: f.message, range: f.range, start: f.start, end: f.end, flow: f.flow ?? [] }));
    return { file: path.relative(path.dirname(caller), module).split(path.sep).join('/'), sinks };
  }

  /** Forgets every analysed module (the editor calls this when files change in bulk). */
  clear(): void {
    this.cache.clear();
    this.configs.clear();
    this.pythonModules.clear();
  }

  /**
   * The file of a Python module named in an import: relative (`.lib`, `..pkg.db`, from the caller's
   * package) or absolute (`app.utils`, looked up from the caller's folder up to the root, then `src/`),
   * as `name.py` or `name/__init__.py`, inside the root. Null when it is not a workspace module
   * (a standard-library or installed package). Cached per folder and specifier.
   */
  private resolvePython(from: string, specifier: string): string | null {
    const key = `${from}\n${specifier}`;
    if (this.pythonModules.has(key)) return this.pythonModules.get(key)!;
    const dots = /^\.*/.exec(specifier)![0].length;
    const parts = specifier.slice(dots).split('.').filter((p) => p !== '');
    let found: string | null = null;
    if (parts.every((p) => PYTHON_NAME.test(p)) && (dots > 0 || parts.length > 0)) {
      const bases: string[] = [];
      if (dots > 0) bases.push(path.resolve(from, ...Array<string>(dots - 1).fill('..')));
      else {
        for (let dir = from; isInside(this.root, dir); dir = path.dirname(dir)) {
          bases.push(dir);
          if (dir === this.root) break;
        }
        bases.push(path.join(this.root, 'src'));
      }
      search: for (const base of bases) {
        const candidates = parts.length > 0 ? [`${path.join(base, ...parts)}.py`, path.join(base, ...parts, '__init__.py')] : [path.join(base, '__init__.py')];
        for (const candidate of candidates) {
          if (!isInside(this.root, candidate)) continue;
          try {
            if (fs.statSync(candidate).isFile()) {
              found = candidate;
              break search;
            }
          } catch {
            // not this one
          }
        }
      }
    }
    if (this.pythonModules.size >= MAX_PYTHON_RESOLUTIONS) this.pythonModules.clear();
    this.pythonModules.set(key, found);
    return found;
  }

  /** The file a relative specifier names, inside the root; null when none exists. */
  private resolve(from: string, specifier: string): string | null {
    const base = path.resolve(from, specifier);
    const ext = path.extname(base);
    const candidates = [
      ...(EXTENSIONS.includes(ext) ? [base, ...(EMITTED[ext] ?? []).map((e) => base.slice(0, -ext.length) + e)] : []),
      ...EXTENSIONS.map((e) => base + e),
      ...EXTENSIONS.map((e) => path.join(base, `index${e}`)),
    ];
    for (const candidate of candidates) {
      if (!isInside(this.root, candidate)) return null;
      try {
        if (fs.statSync(candidate).isFile()) return candidate;
      } catch {
        // not this one
      }
    }
    return null;
  }

  /**
   * A specifier mapped by `compilerOptions.paths` of the nearest tsconfig.json/jsconfig.json between the
   * caller's folder and the root (`"@/*": ["./src/*"]`, relative to `baseUrl` or the config's folder);
   * `extends` is not followed. Null when no pattern maps it to a workspace file.
   */
  private resolveAlias(from: string, specifier: string): string | null {
    const config = this.nearestConfig(from);
    if (!config) return null;
    for (const [pattern, targets] of config.paths) {
      const star = pattern.indexOf('*');
      let rest: string | null = null;
      if (star < 0) rest = pattern === specifier ? '' : null;
      else if (specifier.startsWith(pattern.slice(0, star)) && specifier.endsWith(pattern.slice(star + 1)) && specifier.length >= pattern.length - 1) {
        rest = specifier.slice(star, specifier.length - (pattern.length - star - 1));
      }
      if (rest === null) continue;
      for (const target of targets) {
        const found = this.resolve(config.base, `./${target.replace('*', rest)}`);
        if (found) return found;
      }
    }
    return null;
  }

  /** The `paths` of the nearest config up to the root, with the folder they are relative to; cached per folder. */
  private nearestConfig(from: string): { paths: Array<[string, string[]]>; base: string } | null {
    for (let dir = from; isInside(this.root, dir); dir = path.dirname(dir)) {
      if (this.configs.has(dir)) return this.configs.get(dir)!;
      for (const name of ['tsconfig.json', 'jsconfig.json']) {
        const read = readWorkspaceFile(path.join(dir, name), { maxBytes: 256 * 1024, within: this.root });
        if (!read.ok) continue;
        const options = asObject(own(asObject(parseJsonc(read.bytes.toString('utf8'))), 'compilerOptions'));
        const paths = asObject(own(options, 'paths')) ?? {};
        const baseUrl = own(options, 'baseUrl');
        const config = {
          paths: Object.entries(paths).map(([k, v]): [string, string[]] => [k, Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []]),
          base: typeof baseUrl === 'string' ? path.resolve(dir, baseUrl) : dir,
        };
        this.configs.set(dir, config);
        return config;
      }
      if (dir === this.root) break;
    }
    return null;
  }

  /** The module's findings, analysed again only when it changed on disk. */
  private findings(file: string): readonly Finding[] | null {
    let stats: fs.Stats;
    try {
      stats = fs.statSync(file);
    } catch {
      return null;
    }
    const known = this.cache.get(file);
    if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) {
      // Most recently used last.
      this.cache.delete(file);
      this.cache.set(file, known);
      return known.findings;
    }
    const read = readWorkspaceFile(file, { maxBytes: this.maxBytes, within: this.root });
    if (!read.ok) return null;
    let findings: readonly Finding[];
    try {
      // Named as in the workspace (`app/helpers.py`), so rules judge the module by its place there, not by the folders above the root.
      findings = this.options.analyze(path.relative(this.root, file).split(path.sep).join('/'), read.bytes.toString('utf8')).findings;
    } catch {
      return null;
    }
    this.cache.delete(file);
    this.cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, findings });
    while (this.cache.size > this.maxModules) this.cache.delete(this.cache.keys().next().value!);
    return findings;
  }
}

/** The settings of the enabled rules that follow calls into modules: what a module is analysed with. */
export function moduleRuleSettings(settings: ReadonlyMap<string, RuleSetting>, rules: readonly Rule[]): Map<string, RuleSetting> {
  const ids = new Set(rules.filter((r) => r.meta.requires?.includes(MODULES_SERVICE)).map((r) => r.id));
  return new Map([...settings].filter(([id]) => ids.has(id)));
}

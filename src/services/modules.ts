import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import type { RuleSetting, Service } from '../engine/analyzer';
import type { Rule } from '../engine/rule';
import type { FileResult, Finding, Position, Range, RelatedLocation } from '../engine/types';
import { isInside } from '../files/containment';
import { readWorkspaceFile } from '../files/read-workspace-file';
import { CallerIndex, callFactOf, mayName, moduleStems, passesSafely, type CallerIndexOptions } from './module-callers';
import { WorkspacePackages } from './module-packages';
import { readAliasConfig, type AliasConfig } from './module-tsconfig';

/** Name under which rules ask the module service (`meta.requires: ['modules']`). */
export const MODULES_SERVICE = 'modules';

/**
 * A question from a caller: does parameter `paramIndex` of the function a module exports as `name` reach a
 * sink of rule `ruleId` (built into a command, SQL text, a path, a URL or HTML)?
 */
export interface ModuleQuery {
  /** The calling file, exactly as the engine got it (the service's `resolvePath` makes it absolute). */
  file: string;
  /**
   * The import specifier as written: relative (`./lib/ls`, `../db.js`), a `paths` alias of the nearest
   * tsconfig/jsconfig (`@/lib/ls`), or the name of a package of the workspace (`@acme/utils/strings`);
   * for Python a module name (`.lib`, `app.utils`).
   */
  specifier: string;
  /** The export called: a name, or `default` (`export default`, `module.exports = fn`). */
  name: string;
  /** The argument's position; -1 for a Python keyword argument, matched by {@link parameter} instead. */
  paramIndex: number;
  /** For a keyword argument (`run(cmd=user)`): the parameter's name. */
  parameter?: string;
  ruleId: string;
}

/**
 * A question from the file of a finding on a parameter of one of its functions (`ReportDescriptor.hold`):
 * what do the other files of the workspace pass to parameter `paramIndex` (named `parameter`) of the
 * function the file exports as `name`? `file` and `ruleId` are added by the engine.
 */
export interface CallersQuery {
  callers: true;
  file: string;
  ruleId: string;
  name: string;
  paramIndex: number;
  parameter: string;
}

/** The calls of the function found in other workspace files, and whether one may pass an unsafe value. */
export interface CallersAnswer {
  calls: number;
  /**
   * A call passes a value with an untrusted source or a parameter of its own, the function is used otherwise
   * than called (a callback, a re-export), or the workspace could not be searched within the budget.
   */
  unsafe: boolean;
}

/** Where a caller's argument ends up in the called module. */
export interface ModuleSink {
  /** The sink's finding in the module (its message speaks of the parameter). */
  message: string;
  range: Range;
  start: Position;
  end: Position;
  /**
   * The parameter and the steps to the sink, in the module's coordinates; steps in a module it calls in
   * turn carry that module's `file`, relative to the caller's folder.
   */
  flow: RelatedLocation[];
}

/** The answer: the module (relative to the caller's folder, `/` separators) and the sinks the parameter reaches. */
export interface ModuleAnswer {
  file: string;
  sinks: ModuleSink[];
}

/** What a module's analysis is given so that it can follow its own calls into modules. */
export interface ModuleAnalysisContext {
  /** The services of the module's analysis: this module service one level deeper (see {@link ModuleService}). */
  services: Readonly<Record<string, Service>>;
  /** Aborted when the analysis that asked is cancelled. */
  signal: AbortSignal;
}

/** How much module analysis the service does before it answers null. */
export interface ModuleBudget {
  /** Modules analysed in a chain of calls, at most (A calls B calls C calls D: 3). Default 3. */
  maxDepth?: number;
  /** Module analyses per service (until {@link ModuleService.clear}), at most. Default 2,000. */
  maxAnalyses?: number;
  /** Time after a question arrives during which its modules may be analysed, in ms. Default: no limit. */
  questionBudgetMs?: number;
}

/** What the module service needs: the workspace root, engine paths made absolute, and an analysis. */
export interface ModuleServiceOptions extends ModuleBudget {
  /** Modules are read only inside this folder (links out of it are refused). */
  root: string;
  /** Makes an engine file path absolute; null for documents that are not on disk. */
  resolvePath(file: string): string | null;
  /**
   * Analyses a module with the rules that report caller-provided parameters (their findings carry
   * `parameterImportedAs` and `parameterIndex` properties), for summaries. Called at most once per module
   * version. An asynchronous analysis (`Analyzer.analyzeAsync` with `context.services`) also follows the
   * module's own calls into further modules; a synchronous one stops at the module.
   */
  analyze(file: string, text: string, context: ModuleAnalysisContext): FileResult | Promise<FileResult>;
  /** Modules kept analysed, at most (least recently used dropped first). Default 256. */
  maxModules?: number;
  /** Modules larger than this are not read. Default 512 KiB. */
  maxBytes?: number;
  /** Bounds of the index of the files that may call a module (see {@link CallerIndex}). */
  callerIndex?: CallerIndexOptions;
}

/** Extensions tried for a specifier without one, in order, and the TypeScript sources an emitted `.js` name stands for. */
const EXTENSIONS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
const EMITTED: Readonly<Record<string, readonly string[]>> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
/** Node's own modules: never a workspace package. */
const NODE_BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/** Python sources: their imports name modules, not files. */
const PYTHON_FILE = /\.pyi?$/;
/** A part of a dotted Python module name. */
const PYTHON_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Python module resolutions kept (the cache is emptied when full). */
const MAX_PYTHON_RESOLUTIONS = 4096;

const DEFAULT_MAX_DEPTH = 3;
/** Files analysed for their calls into one function, at most, per question; more and its callers stay unknown. */
const MAX_CALLER_FILES = 32;
/** The answer when the callers cannot all be known. */
const UNKNOWN_CALLERS: CallersAnswer = Object.freeze({ calls: 0, unsafe: true });
/** Module analyses per service by default: a scan of a large monorepo stays bounded. */
export const DEFAULT_MAX_ANALYSES = 2000;

/** A module file's version on disk. */
interface Version {
  mtimeMs: number;
  size: number;
}

/** A module's findings and what they depend on. */
interface Analysed {
  version: Version;
  findings: readonly Finding[];
  /** Versions of the modules its own questions were answered from (transitively): a change to any one makes it stale. */
  deps: ReadonlyMap<string, Version>;
  /** No question of its analysis was refused for depth: as deep as an analysis can go. */
  complete: boolean;
  /** Levels of modules its analysis could still follow (see {@link ModuleBudget.maxDepth}). */
  reach: number;
  /** Modules its questions were refused because they were already in the chain (A -> B -> A): valid only for chains that hold them. */
  cycles: ReadonlySet<string>;
  /** A question of its analysis was refused for the budget or cancelled: kept for no one. */
  cut: boolean;
}

/** One question's place in a chain of calls: the caller and the modules being analysed above it. */
interface Walk {
  chain: readonly string[];
  depth: number;
  deadline: number;
  signal: AbortSignal;
}

/** What the questions of one module analysis met: the modules used, and whether any was refused. */
class Trace {
  readonly deps = new Map<string, Version>();
  readonly cycles = new Set<string>();
  complete = true;
  cut = false;
  /** Questions of the analysis this service has not answered yet. */
  pending = 0;

  use(file: string, analysed: Analysed): void {
    this.deps.set(file, analysed.version);
    for (const [dep, version] of analysed.deps) this.deps.set(dep, version);
    for (const cycle of analysed.cycles) this.cycles.add(cycle);
    if (!analysed.complete) this.complete = false;
    if (analysed.cut) this.cut = true;
  }
}

const NEVER = new AbortController().signal;

/**
 * Answers, for a call into a workspace module, where the argument goes there: the module is resolved
 * from the caller's folder (relative specifiers, extensions, `index` files, `.js` names of TypeScript
 * sources, tsconfig `paths` through `extends`, packages of the workspace; Python module names), read from
 * disk inside the root, analysed once per version (modification time and size, its own and those of the
 * modules its answer came from) and kept in a bounded cache, so an edit to the module is seen by the next
 * question. The analysis of a module is given a view of this service one level deeper, so a helper that
 * passes its parameter to a helper of a third module is followed, at most {@link ModuleBudget.maxDepth}
 * modules deep; a module already in the chain answers nothing (A → B → A). Past the budget (analyses per
 * service, time per question) no new module is analysed. Anything it cannot resolve, read, analyse or
 * afford answers null: no finding rather than a guess.
 */
export class ModuleService implements Service {
  private readonly cache = new Map<string, Analysed>();
  /** Analyses running, by chain and module: concurrent questions of one file share one. */
  private readonly running = new Map<string, Promise<Analysed | null>>();
  /** The nearest tsconfig's aliases by folder (read once per service; the editor makes a new one when configs change). */
  private readonly configs = new Map<string, AliasConfig | null>();
  /** Python modules resolved, by caller folder and specifier (null: not a workspace module). */
  private readonly pythonModules = new Map<string, string | null>();
  private readonly packages: WorkspacePackages;
  /** Which files import what, for questions about callers. */
  private readonly index: CallerIndex;
  /** The call facts of files analysed as callers, by file (least recently used dropped first). */
  private readonly facts = new Map<string, { version: Version; facts: readonly Finding[] }>();
  /** The files whose imports lead to a module, by module, for one generation of the index. */
  private candidates: { generation: number; byModule: Map<string, string[] | null> } = { generation: -1, byModule: new Map() };
  /** Analyses of callers running, by file: concurrent questions share one. */
  private readonly factsRunning = new Map<string, Promise<readonly Finding[] | null>>();
  private readonly root: string;
  private readonly maxModules: number;
  private readonly maxBytes: number;
  private readonly maxDepth: number;
  private readonly maxAnalyses: number;
  private readonly questionBudgetMs: number;
  /** Module analyses started since the service was made or cleared. */
  private spent = 0;

  constructor(private readonly options: ModuleServiceOptions) {
    this.root = path.resolve(options.root);
    this.maxModules = options.maxModules ?? 256;
    this.maxBytes = options.maxBytes ?? 512 * 1024;
    this.maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
    this.maxAnalyses = options.maxAnalyses ?? DEFAULT_MAX_ANALYSES;
    this.questionBudgetMs = options.questionBudgetMs ?? Infinity;
    this.packages = new WorkspacePackages(this.root);
    this.index = new CallerIndex(this.root, { maxBytes: this.maxBytes, ...options.callerIndex });
  }

  /**
   * Answers a {@link ModuleQuery} (where does a call's argument go in the called module) or a
   * {@link CallersQuery} (what do the other files pass to a function of this one); null when the file is
   * not on disk.
   */
  async answer(query: unknown, signal?: AbortSignal): Promise<ModuleAnswer | CallersAnswer | null> {
    const q = query as ModuleQuery | CallersQuery;
    if (typeof q?.file !== 'string') return null;
    const caller = this.options.resolvePath(q.file);
    if (!caller) return null;
    const walk: Walk = { chain: [path.resolve(caller)], depth: 0, deadline: Date.now() + this.questionBudgetMs, signal: signal ?? NEVER };
    if ('callers' in q && q.callers === true) return this.callersOf(q, path.resolve(caller), walk);
    return this.ask(q as ModuleQuery, path.resolve(caller), walk, null);
  }

  /** Module analyses started since the service was made or cleared (what {@link ModuleBudget.maxAnalyses} counts). */
  get analyses(): number {
    return this.spent;
  }

  /** Forgets every analysed module, config and workspace package, and restarts the budget (the editor calls this when files change in bulk). */
  clear(): void {
    this.cache.clear();
    this.facts.clear();
    this.index.clear();
    this.candidates = { generation: -1, byModule: new Map() };
    this.configs.clear();
    this.pythonModules.clear();
    this.packages.clear();
    this.spent = 0;
  }

  /** Answers a question of `walk.chain`'s last file; `trace` records what it used for the analysis that asked. */
  private async ask(q: ModuleQuery, caller: string, walk: Walk, trace: Trace | null): Promise<ModuleAnswer | null> {
    if (typeof q?.specifier !== 'string' || typeof q.name !== 'string' || typeof q.paramIndex !== 'number' || typeof q.ruleId !== 'string') return null;
    const module = await this.resolveModule(caller, q.specifier);
    if (!module) return null;
    const analysed = await this.analysed(module, walk, trace);
    if (!analysed) return null;
    const from = path.dirname(caller);
    const moduleDir = path.dirname(module);
    const rebase = (l: RelatedLocation): RelatedLocation => {
      if (l.file === undefined) return l;
      // A step in a module the module calls: named relative to the module, renamed relative to the caller.
      const file = posix(path.relative(from, path.resolve(moduleDir, l.file)));
      const suffix = ` (${l.file})`;
      return { ...l, file, message: l.message.endsWith(suffix) ? `${l.message.slice(0, -suffix.length)} (${file})` : l.message };
    };
    // A keyword argument (`run(cmd=user)`) is matched by the parameter's name, a positional one by its place.
    const matches = (p: Finding['properties']) =>
      p?.parameterImportedAs === q.name && (typeof q.parameter === 'string' && q.paramIndex < 0 ? p.parameter === q.parameter : p.parameterIndex === q.paramIndex);
    const sinks = analysed.findings
      .filter((f) => f.ruleId === q.ruleId && matches(f.properties))
      .map((f) => ({ message: f.message, range: f.range, start: f.start, end: f.end, flow: (f.flow ?? []).map(rebase) }));
    return { file: posix(path.relative(from, module)), sinks };
  }

  /**
   * What the other files of the workspace pass to a parameter of a function of `target`: the files whose
   * imports lead to it (see {@link CallerIndex}) are analysed, each once per version, and their call facts
   * about the function counted. Unknown (unsafe) past the index's bounds, past {@link MAX_CALLER_FILES}
   * files, past the analysis budget or the question's time, and when a file cannot be read or analysed.
   */
  private async callersOf(q: CallersQuery, target: string, walk: Walk): Promise<CallersAnswer> {
    if (typeof q.name !== 'string' || typeof q.paramIndex !== 'number' || typeof q.parameter !== 'string' || typeof q.ruleId !== 'string') return UNKNOWN_CALLERS;
    const candidates = await this.importers(target, walk.deadline);
    if (!candidates) return UNKNOWN_CALLERS;
    let calls = 0;
    for (const file of candidates) {
      const facts = await this.callFacts(file, walk);
      if (!facts) return UNKNOWN_CALLERS;
      for (const finding of facts) {
        const fact = callFactOf(finding.properties);
        if (!fact || finding.ruleId !== q.ruleId || (fact.callName !== q.name && fact.callName !== '*')) continue;
        if ((await this.resolveModule(file, fact.callModule)) !== target) continue;
        if (!fact.callEscapes) calls++;
        if (!passesSafely(fact, q.paramIndex, q.parameter)) return { calls, unsafe: true };
      }
    }
    return { calls, unsafe: false };
  }

  /**
   * The other files whose imports lead to `target` (by the index, a cheap match of names, then resolution
   * as for calls into modules); null when the index is not complete or more than {@link MAX_CALLER_FILES}.
   */
  private async importers(target: string, deadline: number): Promise<string[] | null> {
    const family = PYTHON_FILE.test(target) ? 'python' : 'js';
    const files = this.index.files(family, deadline);
    if (!files) return null;
    if (this.candidates.generation !== this.index.generation) this.candidates = { generation: this.index.generation, byModule: new Map() };
    const known = this.candidates.byModule.get(target);
    if (known !== undefined) return known;
    const stems = moduleStems(target);
    let found: string[] | null = [];
    for (const f of files) {
      if (f.file === target) continue;
      for (const specifier of f.specifiers) {
        if (!mayName(specifier, family, stems) || (await this.resolveModule(f.file, specifier)) !== target) continue;
        found.push(f.file);
        break;
      }
      if (found.length > MAX_CALLER_FILES) {
        found = null;
        break;
      }
    }
    if (this.candidates.byModule.size >= this.maxModules) this.candidates.byModule.clear();
    this.candidates.byModule.set(target, found);
    return found;
  }

  /**
   * The call facts of a file's analysis (summary findings with `callModule`): from its analysis as a module
   * when that one is of the current version, else from an analysis of its own that asks no module questions.
   * Null past the budget or when it cannot be read or analysed.
   */
  private async callFacts(file: string, walk: Walk): Promise<readonly Finding[] | null> {
    const version = versionOf(file);
    if (!version) return null;
    const known = this.facts.get(file);
    if (known && sameVersion(known.version, version)) {
      this.facts.delete(file);
      this.facts.set(file, known);
      return known.facts;
    }
    const analysed = this.cache.get(file);
    if (analysed && sameVersion(analysed.version, version)) return this.keepFacts(file, version, analysed.findings);
    let running = this.factsRunning.get(file);
    if (!running) {
      if (this.spent >= this.maxAnalyses || Date.now() > walk.deadline || walk.signal.aborted) return null;
      const read = readWorkspaceFile(file, { maxBytes: this.maxBytes, within: this.root });
      if (!read.ok) return null;
      this.spent++;
      const signal = walk.signal;
      // Its calls into modules are not followed: what it passes is decided in the file itself.
      running = Promise.resolve()
        .then(() => this.options.analyze(posix(path.relative(this.root, file)), read.bytes.toString('utf8'), { services: {}, signal }))
        .then((result) => (signal.aborted ? null : this.keepFacts(file, version, result.findings)))
        .catch(() => null)
        .finally(() => this.factsRunning.delete(file));
      this.factsRunning.set(file, running);
    }
    return running;
  }

  /** Keeps the call facts among a file's findings for this version of it, and returns them. */
  private keepFacts(file: string, version: Version, findings: readonly Finding[]): readonly Finding[] {
    const facts = findings.filter((f) => callFactOf(f.properties) !== null);
    this.facts.delete(file);
    this.facts.set(file, { version, facts });
    while (this.facts.size > this.maxModules) this.facts.delete(this.facts.keys().next().value!);
    return facts;
  }

  /** The file a specifier of `caller` names, inside the root; null when it is not a workspace module. */
  private async resolveModule(caller: string, specifier: string): Promise<string | null> {
    const from = path.dirname(caller);
    if (PYTHON_FILE.test(caller)) return this.resolvePython(from, specifier);
    if (specifier.startsWith('.')) return this.resolve(from, specifier);
    if (specifier.startsWith('node:') || NODE_BUILTINS.has(specifier)) return null;
    // As TypeScript does: the config's `paths` first, then packages (here only the workspace's own).
    return this.resolveAlias(from, specifier) ?? (await this.packages.resolve(specifier, (dir, s) => this.resolve(dir, s)));
  }

  /**
   * The module's findings for a question at `walk`: from the cache when the module and everything its
   * answer came from are unchanged and the analysis fits the chain (see {@link fitsWalk}), else from a new
   * analysis if the chain, the depth and the budget allow one (questions of one chain share it).
   */
  private async analysed(module: string, walk: Walk, trace: Trace | null): Promise<Analysed | null> {
    if (walk.chain.includes(module)) {
      trace?.cycles.add(module);
      return null;
    }
    if (walk.depth >= this.maxDepth) {
      if (trace) trace.complete = false;
      return null;
    }
    const version = versionOf(module);
    if (!version) return null;
    const reach = this.maxDepth - walk.depth - 1;
    const known = this.cache.get(module);
    if (known && sameVersion(known.version, version) && fitsWalk(known, module, walk, reach) && depsCurrent(known)) {
      // Most recently used last.
      this.cache.delete(module);
      this.cache.set(module, known);
      trace?.use(module, known);
      return known;
    }
    const key = [...walk.chain, module].join('\n');
    let running = this.running.get(key);
    if (!running) {
      if (this.spent >= this.maxAnalyses || Date.now() > walk.deadline || walk.signal.aborted) {
        if (trace) trace.cut = true;
        return null;
      }
      running = this.analyse(module, version, walk).finally(() => this.running.delete(key));
      this.running.set(key, running);
    }
    const analysed = await running;
    if (analysed) trace?.use(module, analysed);
    return analysed;
  }

  /** Reads and analyses a module, its analysis asking this service one level deeper; caches what is not cut short. */
  private async analyse(module: string, version: Version, walk: Walk): Promise<Analysed | null> {
    const read = readWorkspaceFile(module, { maxBytes: this.maxBytes, within: this.root });
    if (!read.ok) return null;
    this.spent++;
    const trace = new Trace();
    const chain = [...walk.chain, module];
    const view: Service = {
      answer: (query, signal) => {
        const q = query as ModuleQuery;
        const caller = typeof q?.file === 'string' ? path.resolve(this.root, q.file) : null;
        if (!caller) return Promise.resolve(null);
        trace.pending++;
        return this.ask(q, caller, { chain, depth: walk.depth + 1, deadline: walk.deadline, signal: signal ?? walk.signal }, trace).finally(() => trace.pending--);
      },
    };
    let result: FileResult;
    try {
      // Named as in the workspace (`app/helpers.py`), so rules judge the module by its place there, not by the folders above the root.
      result = await this.options.analyze(posix(path.relative(this.root, module)), read.bytes.toString('utf8'), { services: { [MODULES_SERVICE]: view }, signal: walk.signal });
    } catch {
      return null;
    }
    const analysed: Analysed = {
      version,
      findings: result.findings,
      deps: trace.deps,
      complete: trace.complete,
      reach: this.maxDepth - walk.depth - 1,
      cycles: trace.cycles,
      // Questions it stopped waiting for (its deadline, a cancellation): what they would have found is missing.
      cut: trace.cut || trace.pending > 0 || (walk.signal.aborted && (result.unanswered ?? 0) > 0),
    };
    if (analysed.cut) return analysed;
    this.cache.delete(module);
    this.cache.set(module, analysed);
    while (this.cache.size > this.maxModules) this.cache.delete(this.cache.keys().next().value!);
    return analysed;
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
          if (isFile(candidate)) {
            found = candidate;
            break search;
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
      if (isFile(candidate)) return candidate;
    }
    return null;
  }

  /**
   * A specifier mapped by `compilerOptions.paths` of the nearest tsconfig.json/jsconfig.json between the
   * caller's folder and the root (`"@/*": ["./src/*"]`, relative to `baseUrl` or the config's folder),
   * inherited through relative `extends` (see {@link readAliasConfig}). Null when no pattern maps it to a
   * workspace file.
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

  /** The aliases of the nearest config up to the root; cached per folder. */
  private nearestConfig(from: string): AliasConfig | null {
    for (let dir = from; isInside(this.root, dir); dir = path.dirname(dir)) {
      if (this.configs.has(dir)) return this.configs.get(dir)!;
      for (const name of ['tsconfig.json', 'jsconfig.json']) {
        const config = readAliasConfig(path.join(dir, name), this.root);
        if (!config) continue;
        this.configs.set(dir, config);
        return config;
      }
      if (dir === this.root) break;
    }
    return null;
  }
}

/** The settings of the enabled rules that follow calls into modules: what a module is analysed with. */
export function moduleRuleSettings(settings: ReadonlyMap<string, RuleSetting>, rules: readonly Rule[]): Map<string, RuleSetting> {
  const ids = new Set(rules.filter((r) => r.meta.requires?.includes(MODULES_SERVICE)).map((r) => r.id));
  return new Map([...settings].filter(([id]) => ids.has(id)));
}

function posix(p: string): string {
  return p.split(path.sep).join('/');
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function versionOf(file: string): Version | null {
  try {
    const stats = fs.statSync(file);
    return stats.isFile() ? { mtimeMs: stats.mtimeMs, size: stats.size } : null;
  } catch {
    return null;
  }
}

/**
 * Whether an analysis made for another chain gives what one for `walk` would: it went exactly as deep (or
 * met no depth limit), was cut short by the same cycles (the module itself will be in the chain), and used
 * no module the chain holds. Answers then do not depend on the order questions came in.
 */
function fitsWalk(analysed: Analysed, module: string, walk: Walk, reach: number): boolean {
  if (!analysed.complete && analysed.reach !== reach) return false;
  for (const cycle of analysed.cycles) if (cycle !== module && !walk.chain.includes(cycle)) return false;
  return !walk.chain.some((file) => analysed.deps.has(file));
}

function sameVersion(a: Version, b: Version): boolean {
  return a.mtimeMs === b.mtimeMs && a.size === b.size;
}

/** Whether every module an analysis's answers came from is still as it was. */
function depsCurrent(analysed: Analysed): boolean {
  for (const [file, version] of analysed.deps) {
    const now = versionOf(file);
    if (!now || !sameVersion(now, version)) return false;
  }
  return true;
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findConfigFile,
  defaultConfig,
  loadConfig,
  suppressionsFor,
  type ConfigProblem,
  type ConfigResult,
  type ExpiredSuppression,
  type ResolvedConfig,
} from '../config';
import type { Analyzer, ConfigSuppression, RuleSetting, Service } from '../engine/analyzer';
import { linkPackageFindings } from '../engine/link-package-findings';
import type { FileResult, Severity } from '../engine/types';
import { builtinRules, createAnalyzer } from '../index';
import { createPackageServices, defaultCacheDir, type ModuleAnalysis, type PackageServices } from '../services/package-services';
import { DEFAULT_MAX_ANALYSES, moduleRuleSettings } from '../services/modules';
import { REDOS_SERVICE, sharedRedosService } from '../services/redos';
import { failureNote } from '../services/registry-service';
import { formatJson } from '../report/json';
import { formatSarif } from '../report/sarif';
import { formatText } from '../report/text';
import type { ScanOptions } from './args';
import { writeFileAtomic } from '../files/atomic-write';
import { confiningFolder } from '../files/containment';
import { discoverFiles, type DiscoveredFile } from '../files/discover';
import { applySafeFixes, isAutoFixable } from './fix';
import { describeFsError } from '../files/fs-error';
import type { CliIo } from './io';
import { createProgress, progressAllowed } from './progress';
import { looksMinified, readSource } from '../files/read-source';
import { writeLine } from './terminal';
import { readNeighbours } from '../files/neighbours';

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Runs `rampart scan`: loads configuration, discovers files, analyses them (applying safe fixes with
 * `--fix`), writes the report and returns the exit code: 0 clean, 1 failing findings or too many
 * warnings, 2 usage or configuration error.
 */
export async function runScan(options: ScanOptions, io: CliIo, toolVersion: string): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = path.resolve(io.cwd);
  const display = (absolute: string) => toPosix(path.relative(cwd, absolute) || '.');
  const note = (message: string) => writeLine(io.stderr, `rampart: ${message}`);
  const fail = (message: string) => {
    note(message);
    return 2;
  };

  const roots = options.paths.map((p) => path.resolve(cwd, p));
  const missing = options.paths.find((_, i) => !fs.existsSync(roots[i]));
  if (missing !== undefined) return fail(`no such file or folder: ${missing}`);

  const configFile = options.config === undefined ? undefined : path.resolve(cwd, options.config);
  const loaded = loadConfigs(roots, configFile);
  if (!loaded.ok) {
    for (const p of loaded.problems) writeLine(io.stderr, `${display(p.file)}:${p.line}:${p.column}: ${p.message}`);
    return 2;
  }
  const { configs } = loaded;
  const analyzer = createAnalyzer({ maxFileSize: options.maxFileSize });
  const services = await packageServicesFor(configs, options, env, cwd, analyzer);

  const discovery = discoverFiles({
    roots: roots.map((absolute, i) => ({ absolute, configIgnore: { root: configs[i].root, patterns: configs[i].ignore } })),
    supports: (c) => analyzer.supports(c),
    display,
  });
  const notes = [...discovery.notes];
  const fileNotes: string[] = [];
  const progress = createProgress(io.stderr, progressAllowed(io.stderr, env));
  const results: FileResult[] = [];
  let fixedProblems = 0;
  let fixedFiles = 0;
  const today = new Date();
  const expired = new Map<ExpiredSuppression, string>();
  let done = 0;
  await forEachConcurrently(discovery.files, FILE_CONCURRENCY, async (file) => {
    const config = configs[file.root];
    const waivers = suppressionsFor(config, file.absolute, today);
    for (const s of waivers.expired) expired.set(s, config.file ?? '');
    // The ReDoS checker is local (a worker thread, no network), so it serves every root and `--offline` too.
    const context: FileContext = { analyzer, settings: config.settings, suppressions: (text) => suppressionsFor(config, file.absolute, today, text).active, services: { ...services[file.root]?.services, [REDOS_SERVICE]: sharedRedosService() } };
    const scanned = await scanFile(file, display(file.absolute), context, options);
    results.push(scanned.result);
    if (scanned.note) fileNotes.push(scanned.note);
    if (scanned.fixed > 0) [fixedProblems, fixedFiles] = [fixedProblems + scanned.fixed, fixedFiles + 1];
    progress.update(++done, discovery.files.length);
  });
  progress.finish();
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  notes.push(...fileNotes.sort());
  notes.push(...expiryNotes(expired, display));
  notes.push(...lookupNotes(services));

  notes.forEach(note);
  if (discovery.files.length === 0) note('no files to scan');
  if (fixedProblems > 0) note(`fixed ${plural(fixedProblems, 'problem')} in ${plural(fixedFiles, 'file')}`);

  // Manifest and import findings of one package point at each other across files.
  const report = formatReport(linkPackageFindings(results), options, cwd, toolVersion, options.output === undefined && useColor(io, env));
  if (options.output !== undefined) {
    try {
      const folders = roots.map((r) => (fs.statSync(r).isDirectory() ? r : path.dirname(r)));
      writeReport(path.resolve(cwd, options.output), report, [cwd, ...folders]);
    } catch (e) {
      const hint = (e as NodeJS.ErrnoException).code === 'ELINKOUT' ? '; remove the link or choose another --output path' : '';
      return fail(`cannot write the report to ${options.output} (${describeFsError(e)})${hint}`);
    }
  } else {
    io.stdout.write(report);
  }
  return exitCode(results, options, note);
}

/**
 * Writes the report to `--output`. A committed `rampart.sarif -> ../../.bashrc` (or a linked folder on
 * the way) must not make the scan overwrite a file outside the workspace, so a path inside the current
 * folder or a scanned folder is written only where it really stays inside the innermost of them. Such
 * a write is refused (exit 2), not redirected by replacing the link: replacing it would silently
 * change a committed file and hide the attack, while refusing writes nothing, says why, and leaves the
 * choice of another path to the user. A path outside all of them was chosen by the user and is written
 * as given, links and devices (`/dev/stdout`) included.
 */
function writeReport(output: string, report: string, areas: readonly string[]): void {
  // The file-system root (a container's working folder) confines nothing: every path is inside it.
  const area = confiningFolder(output, areas.filter((a) => path.dirname(a) !== a));
  writeFileAtomic(output, report, area === null ? {} : { within: fs.realpathSync.native(area) });
}

/** Loads the configuration of each given path; paths under the same configuration file share it. */
function loadConfigs(
  roots: readonly string[],
  configFile: string | undefined,
): { ok: true; configs: ResolvedConfig[] } | { ok: false; problems: ConfigProblem[] } {
  const byFile = new Map<string, ConfigResult>();
  const configs: ResolvedConfig[] = [];
  for (const root of roots) {
    const file = configFile ?? findConfigFile(root);
    if (file === null) {
      configs.push(defaultConfig(builtinRules, fs.statSync(root).isDirectory() ? root : path.dirname(root)));
      continue;
    }
    let result = byFile.get(file);
    if (!result) byFile.set(file, (result = loadConfig({ rules: builtinRules, startPath: root, configFile: file })));
    if (!result.ok) return { ok: false, problems: result.problems };
    configs.push(result.config);
  }
  return { ok: true, configs };
}

/** One note per expired suppression that matched a scanned file, in configuration file and line order. */
function expiryNotes(expired: ReadonlyMap<ExpiredSuppression, string>, display: (absolute: string) => string): string[] {
  return [...expired]
    .sort(([a, fileA], [b, fileB]) => (fileA < fileB ? -1 : fileA > fileB ? 1 : a.location.line - b.location.line))
    .map(([s, file]) => `${display(file)}:${s.location.line}: suppression of ${s.rule} for ${s.path} expired on ${s.expires}`);
}

interface ScannedFile {
  result: FileResult;
  /** Fixes applied and written. */
  fixed: number;
  note?: string;
}

/** What every file of one configuration root is analysed with. */
interface FileContext {
  analyzer: Analyzer;
  settings: ReadonlyMap<string, RuleSetting>;
  /** The configuration's waivers for a text of the file (entries keyed by JSON path or fingerprint depend on it). */
  suppressions: (text: string) => readonly ConfigSuppression[];
  services: Readonly<Record<string, Service>>;
}

async function scanFile(file: DiscoveredFile, shown: string, context: FileContext, options: ScanOptions): Promise<ScannedFile> {
  const language = file.classification.language;
  const skip = (reason: string): ScannedFile => ({
    result: { file: shown, language, findings: [], errors: [], skipped: { file: shown, reason } },
    fixed: 0,
  });
  const source = readSource(file.absolute, options.maxFileSize, file.within);
  if (!source.ok) return skip(source.reason);
  if (language === 'js' && looksMinified(source.text, source.bytes)) return skip('minified (average line longer than 500 characters)');

  const { analyzer, settings, suppressions, services } = context;
  const neighbours = readNeighbours(file.absolute, file.classification, file.within);
  const analyze = (text: string) =>
    analyzer.analyzeAsync({ file: shown, text, settings, suppressions: suppressions(text), classification: file.classification, neighbours }, { services });
  const result = await analyze(source.text);
  if (!options.fix || !result.findings.some(isAutoFixable)) return { result, fixed: 0 };
  if (source.lossy) return { result, fixed: 0, note: `${shown}: not fixed, the file is not valid UTF-8` };
  const fixed = await applySafeFixes(source.text, result, analyze);
  if (fixed.applied === 0) return { result, fixed: 0 };
  try {
    // Checked again at write time: the link may have been swapped since discovery.
    writeFileAtomic(file.absolute, (source.bom ? '\uFEFF' : '') + fixed.text, { within: file.within });
  } catch (e) {
    return { result, fixed: 0, note: `${shown}: cannot write the fixes (${describeFsError(e)})` };
  }
  return { result: fixed.result, fixed: fixed.applied };
}

/** Files analysed at once: parsing is synchronous, so this only overlaps waiting for registries. */
const FILE_CONCURRENCY = 16;

/** Runs `task` over `items`, at most `limit` at a time. */
async function forEachConcurrently<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The package services of each configuration root (shared by roots with the same configuration), or
 * undefined for a root none of whose enabled rules asks a service.
 */
async function packageServicesFor(
  configs: readonly ResolvedConfig[],
  options: ScanOptions,
  env: NodeJS.ProcessEnv,
  cwd: string,
  analyzer: Analyzer,
): Promise<Array<PackageServices | undefined>> {
  const homedir = os.homedir();
  const cacheDir = options.cacheDir !== undefined ? path.resolve(cwd, options.cacheDir) : defaultCacheDir(env, homedir);
  const byConfig = new Map<ResolvedConfig, Promise<PackageServices>>();
  const needsServices = (config: ResolvedConfig) => builtinRules.some((r) => config.settings.has(r.id) && (r.meta.requires ?? []).length > 0);
  const created = configs.map((config) => {
    if (!needsServices(config)) return undefined;
    let services = byConfig.get(config);
    if (!services) {
      services = createPackageServices({
        packages: config.packages,
        root: config.root,
        resolvePath: (file) => path.resolve(cwd, file),
        env,
        homedir,
        offline: options.offline,
        cacheDir,
        analyzeModule: moduleAnalysis(analyzer, moduleRuleSettings(config.settings, builtinRules)),
      });
      byConfig.set(config, services);
    }
    return services;
  });
  return Promise.all(created);
}

/**
 * How the module service analyses a workspace module: with the rules that follow calls into modules, for
 * summaries, answering the module's own calls into modules (a chain of helpers), at most
 * {@link DEFAULT_MAX_ANALYSES} modules per scan.
 */
function moduleAnalysis(analyzer: Analyzer, settings: ReadonlyMap<string, RuleSetting>): ModuleAnalysis {
  return {
    analyze: (file, text, { services, signal }) => analyzer.analyzeAsync({ file, text, settings, summaries: true }, { services, signal }),
    maxAnalyses: DEFAULT_MAX_ANALYSES,
  };
}

/** Configuration warnings of the registries that were asked, then one note per service on failed look-ups. */
function lookupNotes(services: ReadonlyArray<PackageServices | undefined>): string[] {
  const notes = new Set<string>();
  const distinct = [...new Set(services)].filter((s): s is PackageServices => s !== undefined);
  for (const s of distinct) {
    for (const ecosystem of ['npm', 'pypi'] as const) {
      if (s.registry.asked(ecosystem)) for (const warning of s.warnings[ecosystem]) notes.add(warning);
    }
  }
  for (const s of distinct) {
    const failures = s.registry.failures();
    if (failures) notes.add(failureNote(failures));
  }
  return [...notes];
}

function formatReport(results: FileResult[], options: ScanOptions, cwd: string, toolVersion: string, color: boolean): string {
  const base = { cwd, rules: builtinRules };
  if (options.format === 'json') return formatJson(results, base);
  if (options.format === 'sarif') return formatSarif(results, { ...base, toolVersion });
  return formatText(results, { ...base, color });
}

function exitCode(results: readonly FileResult[], options: ScanOptions, warn: (message: string) => void): number {
  const findings = results.flatMap((r) => r.findings).filter((f) => !f.suppressed);
  const failing = findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[options.failOn]);
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
    warn(`${plural(warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}`);
    return 1;
  }
  return failing ? 1 : 0;
}

/** Colour when stdout is a terminal; `NO_COLOR` turns it off, `FORCE_COLOR` (not 0/false) forces it. */
export function useColor(io: Pick<CliIo, 'isTTY'>, env: NodeJS.ProcessEnv): boolean {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return io.isTTY === true;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findConfigFile,
  defaultConfig,
  expiredSuppressionFindings,
  ignoredByConfig,
  loadConfig,
  settingsFor,
  suppressionsFor,
  type ConfigProblem,
  type ConfigResult,
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
import { filesOutsideRoot, formatSarif } from '../report/sarif';
import { rootRelativePath } from '../report/input';
import {
  applyBaseline,
  baselineEntries,
  baselineRoot,
  createBaseline,
  fingerprintFindings,
  loadBaselineFile,
  serializeBaseline,
  writeBaselineFile,
  type Baseline,
  type BaselineEntry,
} from '../baseline';
import { findRepositoryRoot } from '../files/repository-root';
import { changedSince } from '../files/changed-since';
import { ruleDocsReader } from './rule-docs';
import { formatText } from '../report/text';
import { formatHtml } from '../report/html';
import { formatMarkdown } from '../report/markdown';
import { addKind } from '../report/coverage';
import { countIgnored, ExcerptTexts, reportInputs, type ScanFacts } from './report-inputs';
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
 * `--fix`), matches the findings against `--baseline` or records them with `--write-baseline`, writes the
 * report and returns the exit code: 0 clean, 1 failing findings or too many warnings, 2 usage, configuration
 * or baseline error.
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
  const folders = roots.map((r) => (fs.statSync(r).isDirectory() ? r : path.dirname(r)));
  // SARIF paths are relative to the repository the scan is in (the first scanned path's), as code scanning wants.
  const repoRoot = findRepositoryRoot(folders[0]) ?? folders[0];
  const baselines = prepareBaselines(options, cwd);
  if (!baselines.ok) return fail(baselines.message);
  const analyzer = createAnalyzer({ maxFileSize: options.maxFileSize });

  // The HTML and Markdown reports say what was not checked and show masked excerpts of the code.
  const forPeople = options.format === 'html' || options.format === 'markdown';
  const unsupported = new Map<string, number>();
  const ignored = new Map<string, { files: number; folders: number }>();
  const texts = new ExcerptTexts();
  const discovery = discoverFiles({
    roots: roots.map((absolute, i) => ({ absolute, configIgnore: { root: configs[i].root, patterns: configs[i].ignore } })),
    supports: (c) => analyzer.supports(c),
    display,
    ...(forPeople
      ? { onUnsupported: (absolute: string) => addKind(unsupported, absolute), onIgnored: (_: string, isDir: boolean, why: string) => countIgnored(ignored, isDir, why) }
      : {}),
  });
  // Nested configuration: each file follows the `.rampart.jsonc` nearest to it, unless `--config` names one.
  const nested = nestedConfigs(discovery.files, configs, configFile);
  if (!nested.ok) {
    for (const p of nested.problems) writeLine(io.stderr, `${display(p.file)}:${p.line}:${p.column}: ${p.message}`);
    return 2;
  }
  // The baseline files themselves are Rampart's own output, not code to scan.
  let files = discovery.files.filter((f) => !ignoredByConfig(nested.configOf(f), f.absolute) && !baselines.own.has(f.absolute));
  if (options.changedSince !== undefined) {
    const repository = findRepositoryRoot(folders[0]);
    if (repository === null) return fail(`--changed-since needs a git repository; ${display(folders[0])} is not in one`);
    const changed = await changedSince(repository, options.changedSince);
    if (!changed.ok) return fail(`--changed-since: ${changed.message}`);
    const before = files.length;
    files = files.filter((f) => changed.files.has(f.absolute));
    note(`${plural(files.length, 'file')} of ${before} changed since ${options.changedSince}`);
  }
  // One set of package services per configuration in use: a nested file's `packages` (allow-list, registries) counts.
  const used = nested.used();
  const created = await packageServicesFor(used, options, env, cwd, analyzer);
  const servicesOf = new Map(used.map((config, i) => [config, created[i]]));
  const notes = [...discovery.notes];
  const fileNotes: string[] = [];
  const progress = createProgress(io.stderr, progressAllowed(io.stderr, env));
  const results: FileResult[] = [];
  let fixedProblems = 0;
  let fixedFiles = 0;
  const today = new Date();
  let done = 0;
  await forEachConcurrently(files, FILE_CONCURRENCY, async (file) => {
    const config = nested.configOf(file);
    // The ReDoS checker is local (a worker thread, no network), so it serves every root and `--offline` too.
    const context: FileContext = { analyzer, settings: settingsFor(config, file.absolute, builtinRules), suppressions: (text) => suppressionsFor(config, file.absolute, today, text).active, services: { ...servicesOf.get(config)?.services, [REDOS_SERVICE]: sharedRedosService() } };
    const scanned = await scanFile(file, display(file.absolute), context, options);
    if (scanned.text !== undefined) {
      fingerprintFindings(scanned.result, scanned.text);
      if (baselines.write) recordForBaseline(baselines.write, scanned.result, file.absolute, scanned.text);
    }
    if (options.format === 'html' && scanned.text !== undefined && scanned.result.findings.length > 0) texts.keep(scanned.result.file, scanned.text);
    results.push(scanned.result);
    if (scanned.note) fileNotes.push(scanned.note);
    if (scanned.fixed > 0) [fixedProblems, fixedFiles] = [fixedProblems + scanned.fixed, fixedFiles + 1];
    progress.update(++done, files.length);
  });
  progress.finish();
  results.push(...expiredSuppressionResults(nested.used(), today, display));
  results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  notes.push(...fileNotes.sort());
  notes.push(...lookupNotes([...new Set(created)]));

  notes.forEach(note);
  if (discovery.files.length === 0) note('no files to scan');
  if (fixedProblems > 0) note(`fixed ${plural(fixedProblems, 'problem')} in ${plural(fixedFiles, 'file')}`);

  // Manifest and import findings of one package point at each other across files.
  const linked = linkPackageFindings(results);
  let baseline = baselines.read;
  if (baselines.write) {
    const { file, root, entries, outside } = baselines.write;
    const written = createBaseline(entries, toolVersion);
    try {
      const areas = [cwd, repoRoot, findRepositoryRoot(cwd), ...folders].filter((a): a is string => a !== null);
      writeBaselineFile(file, serializeBaseline(written), areas);
    } catch (e) {
      return fail(`cannot write the baseline to ${options.writeBaseline} (${describeFsError(e)})`);
    }
    const count = written.entries.reduce((n, e) => n + e.count, 0);
    note(`wrote the baseline ${display(file)}: ${plural(count, 'finding')} in ${plural(written.entries.length, 'entry', 'entries')}`);
    if (outside > 0) note(`${plural(outside, 'finding')} in files outside ${display(root)} not recorded in the baseline`);
    baseline = { baseline: written, root };
  }
  if (baseline) {
    const { root } = baseline;
    const targets = linked.map((r) => ({ path: rootRelativePath(r.file, cwd, root), findings: r.findings }));
    const match = applyBaseline(baseline.baseline, targets, { exists: (p) => pathExists(path.join(root, ...p.split('/'))) });
    if (match.moved > 0) note(`${plural(match.moved, 'baselined finding')} matched in files that moved`);
  }
  if (options.format === 'sarif') {
    const outside = filesOutsideRoot(linked, cwd, repoRoot);
    const where = display(repoRoot) === '.' ? 'the current folder' : display(repoRoot);
    if (outside.length > 0) note(`${plural(outside.length, 'file')} outside ${where}, the repository root SARIF paths are relative to, named by absolute file URI (GitHub code scanning cannot place them)`);
  }
  const facts: ScanFacts | undefined = forPeople
    ? {
        rules: builtinRules,
        configs,
        discovered: discovery.files,
        unsupported,
        ignored,
        lookupFailures: [...new Set(created)].map((s) => s?.registry.failures() ?? null),
        notes,
        texts,
        target: options.paths.map((p) => (path.resolve(cwd, p) === cwd ? path.basename(cwd) : toPosix(p))).join(' '),
        now: today,
      }
    : undefined;
  const report = formatReport(linked, options, { cwd, root: repoRoot, baseline: baseline !== undefined }, toolVersion, options.output === undefined && useColor(io, env), facts);
  if (options.output !== undefined) {
    try {
      writeReport(path.resolve(cwd, options.output), report, [cwd, ...folders]);
    } catch (e) {
      const hint = (e as NodeJS.ErrnoException).code === 'ELINKOUT' ? '; remove the link or choose another --output path' : '';
      return fail(`cannot write the report to ${options.output} (${describeFsError(e)})${hint}`);
    }
  } else {
    io.stdout.write(report);
  }
  return exitCode(linked, options, note);
}

/** The baseline read with `--baseline`, and where `--write-baseline` goes, with the entries collected for it. */
type PreparedBaselines =
  | { ok: true; read?: { baseline: Baseline; root: string }; write?: BaselineWrite; own: ReadonlySet<string> }
  | { ok: false; message: string };

/** The baseline being written: its file, the root its paths are relative to, entries so far, findings left out. */
interface BaselineWrite {
  file: string;
  root: string;
  entries: BaselineEntry[];
  outside: number;
}

/** Reads `--baseline` (a broken or missing file is an error, before anything is scanned) and prepares `--write-baseline`. */
function prepareBaselines(options: ScanOptions, cwd: string): PreparedBaselines {
  let read: { baseline: Baseline; root: string } | undefined;
  const own = new Set([options.baseline, options.writeBaseline].filter((f) => f !== undefined).map((f) => path.resolve(cwd, f)));
  if (options.baseline !== undefined) {
    const loaded = loadBaselineFile(path.resolve(cwd, options.baseline));
    if (!loaded.ok) {
      const hint = loaded.missing ? '; create it with --write-baseline' : '; fix it or write it again with --write-baseline';
      return { ok: false, message: `cannot use the baseline ${options.baseline}: ${loaded.message}${hint}` };
    }
    read = { baseline: loaded.baseline, root: loaded.root };
  }
  if (options.writeBaseline === undefined) return { ok: true, read, own };
  const file = path.resolve(cwd, options.writeBaseline);
  return { ok: true, read, own, write: { file, root: baselineRoot(file), entries: [], outside: 0 } };
}

/** Whether something (a file, a link) is at `p`; an error other than "missing" counts as present, so nothing is taken for moved. */
function pathExists(p: string): boolean {
  try {
    return fs.lstatSync(p, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return true;
  }
}

const RULES_BY_ID = new Map(builtinRules.map((r) => [r.id, r]));

/** Adds a scanned file's findings to the baseline being written (findings outside its root are counted, not recorded). */
function recordForBaseline(write: BaselineWrite, result: FileResult, absolute: string, text: string): void {
  const where = rootRelativePath(absolute, write.root, write.root);
  const entries = baselineEntries(result, where ?? '', text, RULES_BY_ID);
  if (where === null) write.outside += entries.length;
  else write.entries.push(...entries);
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

/**
 * The configuration of each discovered file: `--config` for all when given, else the `.rampart.jsonc` nearest
 * to the file (with the files above it it does not stop at), loaded once per file; the scanned path's own
 * configuration when no nearer file exists. Problems of any of them stop the scan, as the root's do.
 */
function nestedConfigs(
  files: readonly DiscoveredFile[],
  configs: readonly ResolvedConfig[],
  configFile: string | undefined,
): { ok: true; configOf: (file: DiscoveredFile) => ResolvedConfig; used: () => ResolvedConfig[] } | { ok: false; problems: ConfigProblem[] } {
  const byDir = new Map<string, ResolvedConfig>();
  const byFile = new Map<string, ResolvedConfig>();
  const of = new Map<DiscoveredFile, ResolvedConfig>();
  for (const file of files) {
    const rootConfig = configs[file.root];
    let config = rootConfig;
    if (configFile === undefined) {
      const dir = path.dirname(file.absolute);
      let found = byDir.get(dir);
      if (!found) {
        const nearest = findConfigFile(dir);
        if (nearest === null || nearest === rootConfig.file) found = rootConfig;
        else {
          found = byFile.get(nearest);
          if (!found) {
            const loaded = loadConfig({ rules: builtinRules, startPath: dir });
            if (!loaded.ok) return { ok: false, problems: loaded.problems };
            byFile.set(nearest, (found = loaded.config));
          }
        }
        byDir.set(dir, found);
      }
      config = found;
    }
    of.set(file, config);
  }
  return { ok: true, configOf: (file) => of.get(file) ?? configs[file.root], used: () => [...new Set([...configs, ...of.values()])] };
}

/** The expired `suppressions` entries of the configurations used, as findings of the files they are written in (each entry once). */
function expiredSuppressionResults(configs: readonly ResolvedConfig[], today: Date, display: (absolute: string) => string): FileResult[] {
  const byFile = new Map<string, FileResult>();
  const seen = new Set<string>();
  for (const config of configs) {
    for (const finding of expiredSuppressionFindings(config, builtinRules, today)) {
      const key = `${finding.file}:${finding.range[0]}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const file = display(finding.file);
      let result = byFile.get(file);
      if (!result) byFile.set(file, (result = { file, language: 'json', findings: [], errors: [] }));
      result.findings.push({ ...finding, file });
    }
  }
  return [...byFile.values()];
}

interface ScannedFile {
  result: FileResult;
  /** Fixes applied and written. */
  fixed: number;
  note?: string;
  /** The text the result was computed on (after fixes), when the file was read. */
  text?: string;
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
  const neighbours = readNeighbours(file.absolute, file.classification, file.within, undefined, source.text);
  const analyze = (text: string) =>
    analyzer.analyzeAsync({ file: shown, text, settings, suppressions: suppressions(text), classification: file.classification, neighbours }, { services });
  const result = await analyze(source.text);
  const text = source.text;
  if (!options.fix || !result.findings.some(isAutoFixable)) return { result, fixed: 0, text };
  if (source.lossy) return { result, fixed: 0, text, note: `${shown}: not fixed, the file is not valid UTF-8` };
  const fixed = await applySafeFixes(source.text, result, analyze);
  if (fixed.applied === 0) return { result, fixed: 0, text };
  try {
    // Checked again at write time: the link may have been swapped since discovery.
    writeFileAtomic(file.absolute, (source.bom ? '\uFEFF' : '') + fixed.text, { within: file.within });
  } catch (e) {
    return { result, fixed: 0, text, note: `${shown}: cannot write the fixes (${describeFsError(e)})` };
  }
  return { result: fixed.result, fixed: fixed.applied, text: fixed.text };
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

function formatReport(
  results: FileResult[],
  options: ScanOptions,
  where: { cwd: string; root: string; baseline: boolean },
  toolVersion: string,
  color: boolean,
  facts?: ScanFacts,
): string {
  const base = { cwd: where.cwd, rules: builtinRules };
  if (options.format === 'json') return formatJson(results, base);
  if (options.format === 'html' && facts) return formatHtml(results, { ...base, toolVersion, ...reportInputs(facts) });
  if (options.format === 'markdown' && facts) {
    const { coverage } = reportInputs(facts);
    return formatMarkdown(results, { ...base, coverage, ...(options.reportUrl !== undefined ? { reportUrl: options.reportUrl } : {}) });
  }
  if (options.format === 'sarif') {
    const ruleDocs = ruleDocsReader((id) => RULES_BY_ID.has(id));
    return formatSarif(results, { ...base, toolVersion, root: where.root, category: options.sarifCategory, ruleDocs, baseline: where.baseline });
  }
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

function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

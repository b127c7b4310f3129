/**
 * The precision corpus: real, well-kept open-source server and SDK code from installed npm packages
 * (dev dependencies), scanned with every built-in rule at its default severity. Shared by
 * `bench/precision-corpus.ts` (prints figures, writes the record), `test/corpus/precision.test.ts`
 * (compares with the record) and `bench/eslint-comparison.ts` (reuses the file list).
 *
 * Every finding on this code is presumed a false positive until a human justifies it in
 * `bench/corpus/findings.json`, so the list of folders is fixed: changing it means re-recording.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { builtinRules, createAnalyzer, type InternalError, type RuleSetting, type SkippedFile } from '../../src/index';

/** One folder of one installed package that the corpus reads. */
export interface CorpusSource {
  /** npm package name. */
  package: string;
  /** Folder inside the package, `/`-separated. */
  dir: string;
  /** Whether sub-folders are read too. */
  recursive: boolean;
}

/**
 * The fixed corpus: the sources of well-known servers, HTTP clients and LLM SDKs as published on npm.
 * (Next.js was read at first, but the registry mirror here lacks its macOS/Windows SWC packages, so
 * `npm ci` cannot install it from the lock file; Hono's server code takes its place.)
 */
export const CORPUS_SOURCES: readonly CorpusSource[] = [
  { package: 'express', dir: 'lib', recursive: true },
  { package: 'fastify', dir: 'lib', recursive: true },
  { package: 'koa', dir: 'lib', recursive: true },
  { package: 'axios', dir: 'lib', recursive: true },
  { package: 'openai', dir: 'src', recursive: true },
  { package: '@anthropic-ai/sdk', dir: 'src', recursive: true },
  { package: 'hono', dir: 'dist', recursive: true },
];

/** Path of the checked-in record, relative to the repository root. */
export const RECORD_PATH = 'bench/corpus/findings.json';

const SOURCE_EXTENSIONS = ['.js', '.cjs', '.mjs', '.jsx', '.ts', '.cts', '.mts', '.tsx'];
const DECLARATION = /\.d\.[cm]?ts$/;

/** One file of the corpus. */
export interface CorpusFile {
  package: string;
  version: string;
  /** Absolute path. */
  absolute: string;
  /** Path relative to the package folder, `/`-separated. */
  file: string;
}

/** An installed corpus package. */
export interface CorpusPackage {
  name: string;
  version: string;
  /** Absolute folder of the package. */
  dir: string;
}

/** One finding as the record stores it. */
export interface CorpusFinding {
  package: string;
  version: string;
  /** Relative to the package folder. */
  file: string;
  line: number;
  ruleId: string;
  message: string;
  /** Human-written: "true positive: …" or "accepted: …". Empty until someone writes it. */
  justification: string;
}

/** Shape of `bench/corpus/findings.json`. */
export interface CorpusRecord {
  $comment: string;
  findings: CorpusFinding[];
}

/** What one scan of the corpus produced. */
export interface CorpusScan {
  packages: CorpusPackage[];
  files: number;
  lines: number;
  /** Findings with an empty justification, sorted by package, file, line, rule. */
  findings: CorpusFinding[];
  errors: InternalError[];
  skipped: SkippedFile[];
  /** Files left out before analysis because they look minified. */
  minified: string[];
  /** Wall time of reading and analysing, in milliseconds. */
  ms: number;
}

/**
 * Finds the installed corpus packages under `root/node_modules`. Throws an error naming every missing
 * package (they are dev dependencies: `npm install` brings them).
 */
export function locatePackages(root: string): CorpusPackage[] {
  const names = [...new Set(CORPUS_SOURCES.map((s) => s.package))];
  const found: CorpusPackage[] = [];
  const missing: string[] = [];
  for (const name of names) {
    const dir = join(root, 'node_modules', ...name.split('/'));
    const version = readVersion(dir);
    if (version === null) missing.push(name);
    else found.push({ name, version, dir });
  }
  if (missing.length > 0) {
    throw new Error(`corpus packages not installed: ${missing.join(', ')} (they are devDependencies; run npm install)`);
  }
  return found;
}

/** Whether every corpus package is installed under `root/node_modules`. */
export function corpusInstalled(root: string): boolean {
  try {
    locatePackages(root);
    return true;
  } catch {
    return false;
  }
}

function readVersion(packageDir: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : null;
  } catch {
    return null;
  }
}

/** Lists the corpus files in a stable order. Throws if a package or one of its folders is missing. */
export function listCorpusFiles(root: string): CorpusFile[] {
  const packages = new Map(locatePackages(root).map((p) => [p.name, p]));
  const files: CorpusFile[] = [];
  for (const source of CORPUS_SOURCES) {
    const pkg = packages.get(source.package)!;
    const dir = join(pkg.dir, ...source.dir.split('/'));
    if (!isDirectory(dir)) throw new Error(`corpus folder missing: ${source.package}/${source.dir} (did its layout change?)`);
    for (const absolute of walk(dir, source.recursive)) {
      files.push({ package: pkg.name, version: pkg.version, absolute, file: relative(pkg.dir, absolute).split(sep).join('/') });
    }
  }
  return files;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function walk(dir: string, recursive: boolean): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (recursive) out.push(...walk(path, true));
    } else if (entry.isFile() && isSourceFile(entry.name)) {
      out.push(path);
    }
  }
  return out;
}

/** Whether a file name is JS/TS source worth reading: not a declaration, source map or `.min.js`. */
export function isSourceFile(name: string): boolean {
  if (DECLARATION.test(name) || name.endsWith('.map') || /\.min\.[cm]?js$/.test(name)) return false;
  return SOURCE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

/**
 * Whether a text looks minified: long lines on average or any line over 5,000 characters. Bundled
 * output is not code anyone reviews line by line, so findings on it are not actionable.
 */
export function looksMinified(text: string): boolean {
  const lines = text.split('\n');
  const longest = lines.reduce((m, l) => Math.max(m, l.length), 0);
  return longest > 5000 || text.length / lines.length > 250;
}

/** Every built-in rule at its default severity, with no options. */
export function defaultSettings(): Map<string, RuleSetting> {
  return new Map(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
}

/** Reads and analyses every corpus file with every built-in rule. Suppressed findings are left out. */
export function scanCorpus(root: string): CorpusScan {
  const started = process.hrtime.bigint();
  const analyzer = createAnalyzer();
  const settings = defaultSettings();
  const scan: CorpusScan = { packages: locatePackages(root), files: 0, lines: 0, findings: [], errors: [], skipped: [], minified: [], ms: 0 };
  for (const file of listCorpusFiles(root)) {
    const text = readFileSync(file.absolute, 'utf8');
    const display = `${file.package}/${file.file}`;
    if (looksMinified(text)) {
      scan.minified.push(display);
      continue;
    }
    scan.files++;
    scan.lines += countLines(text);
    const result = analyzer.analyze({ file: display, text, settings });
    scan.errors.push(...result.errors);
    if (result.skipped) scan.skipped.push(result.skipped);
    for (const f of result.findings) {
      if (f.suppressed) continue;
      scan.findings.push({
        package: file.package,
        version: file.version,
        file: file.file,
        line: f.start.line,
        ruleId: f.ruleId,
        message: f.message,
        justification: '',
      });
    }
  }
  scan.findings.sort(compareFindings);
  scan.ms = Number(process.hrtime.bigint() - started) / 1e6;
  return scan;
}

/** Lines of a text: one more than its newlines. */
export function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** Orders findings by package, file, line, rule and message. */
export function compareFindings(a: CorpusFinding, b: CorpusFinding): number {
  return (
    cmp(a.package, b.package) || cmp(a.file, b.file) || a.line - b.line || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Identity of a finding across re-scans: package, file, rule and message; the line may move. */
export function findingKey(f: Pick<CorpusFinding, 'package' | 'file' | 'ruleId' | 'message'>): string {
  return JSON.stringify([f.package, f.file, f.ruleId, f.message]);
}

/** Findings of a scan that the record does not hold, and recorded findings the scan no longer produces. */
export interface RecordDiff {
  unexpected: CorpusFinding[];
  missing: CorpusFinding[];
}

/**
 * Compares a scan with the record by {@link findingKey}, counting duplicates (two identical messages
 * in one file are two findings). Lines are ignored so that an upgrade that shifts code does not fail.
 */
export function diffRecord(scanned: readonly CorpusFinding[], recorded: readonly CorpusFinding[]): RecordDiff {
  const pool = groupByKey(recorded);
  const unexpected: CorpusFinding[] = [];
  for (const f of scanned) {
    const same = pool.get(findingKey(f));
    if (same && same.length > 0) same.shift();
    else unexpected.push(f);
  }
  const missing = [...pool.values()].flat().sort(compareFindings);
  return { unexpected, missing };
}

/**
 * The record a `--write` produces: the scan's findings, each carrying the justification of a recorded
 * finding with the same key (the nearest line first), or an empty one when it is new.
 */
export function mergeJustifications(scanned: readonly CorpusFinding[], recorded: readonly CorpusFinding[]): CorpusFinding[] {
  const pool = groupByKey(recorded);
  return scanned.map((f) => {
    const same = pool.get(findingKey(f));
    if (!same || same.length === 0) return { ...f, justification: '' };
    let best = 0;
    for (let i = 1; i < same.length; i++) {
      if (Math.abs(same[i].line - f.line) < Math.abs(same[best].line - f.line)) best = i;
    }
    const [match] = same.splice(best, 1);
    return { ...f, justification: match.justification };
  });
}

function groupByKey(findings: readonly CorpusFinding[]): Map<string, CorpusFinding[]> {
  const groups = new Map<string, CorpusFinding[]>();
  for (const f of findings) {
    const key = findingKey(f);
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  return groups;
}

const RECORD_COMMENT =
  'Findings of every built-in rule on the precision corpus (bench/corpus/scan.ts). Written by `npm run bench:corpus -- --write`, ' +
  'which keeps justifications of findings that still match. Every justification is written by a person: "true positive: …" or ' +
  '"accepted: …". test/corpus/precision.test.ts fails on any finding not recorded here or recorded without a justification.';

/** What a justification must start with: a person's verdict and a reason. */
export const JUSTIFIED = /^(?:true positive|accepted): \S/;

/** Serialises a record: stable order, two-space indentation, trailing newline. */
export function formatRecord(findings: readonly CorpusFinding[]): string {
  const record: CorpusRecord = { $comment: RECORD_COMMENT, findings: [...findings].sort(compareFindings) };
  return JSON.stringify(record, null, 2) + '\n';
}

/**
 * Parses the record's text. Throws an error that names the file and the first bad entry when the JSON
 * is malformed or an entry lacks a field.
 */
export function parseRecord(text: string, source = RECORD_PATH): CorpusFinding[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`${source}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const findings = (data as { findings?: unknown } | null)?.findings;
  if (!Array.isArray(findings)) throw new Error(`${source}: expected an object with a "findings" array`);
  return findings.map((entry, i) => checkEntry(entry, `${source}: findings[${i}]`));
}

function checkEntry(entry: unknown, where: string): CorpusFinding {
  if (typeof entry !== 'object' || entry === null) throw new Error(`${where} is not an object`);
  const e = entry as Record<string, unknown>;
  for (const key of ['package', 'version', 'file', 'ruleId', 'message', 'justification'] as const) {
    if (typeof e[key] !== 'string') throw new Error(`${where}.${key} must be a string`);
  }
  if (!Number.isInteger(e.line) || (e.line as number) < 1) throw new Error(`${where}.line must be a positive integer`);
  return {
    package: e.package as string,
    version: e.version as string,
    file: e.file as string,
    line: e.line as number,
    ruleId: e.ruleId as string,
    message: e.message as string,
    justification: e.justification as string,
  };
}

/** Reads the record; an absent file is an empty record. */
export function readRecord(root: string): CorpusFinding[] {
  let text: string;
  try {
    text = readFileSync(join(root, RECORD_PATH), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseRecord(text);
}

/** One line per finding for messages: `package/file:line ruleId: message`. */
export function describeFinding(f: CorpusFinding): string {
  return `${f.package}/${f.file}:${f.line} ${f.ruleId}: ${f.message}`;
}

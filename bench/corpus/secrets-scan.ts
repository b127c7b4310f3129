/**
 * The secrets precision corpus: every text file the classifier reads (code, Markdown, JSON, YAML, TOML,
 * INI/`.cfg`/`.conf`, XML, shell, Python, `.txt`…) of a fixed list of installed npm packages and Debian
 * packages (Python libraries, `/etc` configuration and `/usr/share/doc/<package>/examples`), scanned
 * with the secrets rules at their default severity. Shared by `bench/secrets-corpus.ts` (prints figures,
 * writes the record), `test/corpus/secrets-precision.test.ts` (compares with the record) and
 * `bench/secrets-speed.ts` (reuses the file list).
 *
 * Every finding on this code is presumed a false positive until a person justifies it in
 * `bench/corpus/secrets-findings.json`. The record format is the one of `./scan.ts` (findings keyed by
 * package, file, rule and message, with a justification each) plus the version of each source read.
 *
 * The Debian half depends on the machine: a package that is not installed is left out (and the test
 * compares only what is there). `apt-get install` the packages of {@link DEBIAN_SOURCES} to read it all.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { classifyFile, type Classification } from '../../src/engine/classify';
import { looksMinified, readSource } from '../../src/files/read-source';
import {
  builtinRules,
  createAnalyzer,
  DEFAULT_MAX_FILE_SIZE,
  type Analyzer,
  type Finding,
  type InternalError,
  type LanguageId,
  type RuleSetting,
  type SkippedFile,
} from '../../src/index';
import { compareFindings, countLines, parseRecord, type CorpusFinding } from './scan';

/** The secrets rules: the engine that reads every file, and the rules of each target that look at secrets. */
export const SECRETS_RULES: readonly string[] = [
  'secrets/no-hardcoded-secret',
  'js/no-hardcoded-secrets',
  'dockerfile/no-secret-in-env',
  'compose/no-secret-in-environment',
  'kubernetes/no-secret-in-env',
  'terraform/no-plaintext-secret-in-environment',
  'cloudformation/no-plaintext-secret-in-environment',
  'agent/no-mcp-literal-secret',
];

/** Path of the checked-in record, relative to the repository root. */
export const SECRETS_RECORD_PATH = 'bench/corpus/secrets-findings.json';

/** Where a source comes from: an npm package under `node_modules`, or an installed Debian package. */
export type SourceKind = 'npm' | 'debian';

/** One package of the corpus; all its files the classifier reads are scanned. */
export interface SecretsCorpusSource {
  kind: SourceKind;
  /** npm package name, or Debian binary package name. */
  package: string;
  /**
   * Path prefixes read (package-relative for npm, absolute for Debian); every file of the package when absent.
   * For packages of which only a few folders are the corpus (the IaC corpus reads a package's templates, not its code).
   */
  include?: readonly string[];
  /** Path prefixes left out (package-relative for npm, absolute for Debian), each for a reason given in the table. */
  exclude?: readonly string[];
  /** Only files the classifier gives one of these languages (a package's generated JSON beside its Terraform); all when absent. */
  languages?: readonly LanguageId[];
}

/**
 * npm packages: servers and HTTP clients, auth and token libraries (where real-looking keys are most
 * likely in docs and tests), LLM and cloud SDKs, config parsers, secret scanners and tools with many docs.
 * Each is read whole (nested `node_modules` excepted). All are (transitive) dependencies locked by
 * package-lock.json, so their versions are the same on every machine after `npm ci`.
 */
export const NPM_SOURCES: readonly SecretsCorpusSource[] = [
  ...[
    // Servers, HTTP clients and proxies.
    'express', 'koa', 'fastify', 'axios', 'undici', 'node-fetch', 'form-data', 'follow-redirects', 'tunnel',
    'http-proxy-agent', 'https-proxy-agent', 'socks', 'socks-proxy-agent', '@npmcli/agent', 'npm-registry-fetch',
    'make-fetch-happen', 'minipass-fetch',
    // Auth, tokens, cookies, webhooks.
    'jsonwebtoken', 'jws', 'jwa', 'keygrip', 'cookie', 'cookie-signature', 'cookies', 'tsscmp', 'standardwebhooks',
    '@npmcli/redact', 'keytar',
    // Cloud SDKs.
    '@azure/identity', '@azure/msal-node', '@azure/core-auth', '@azure/core-rest-pipeline', 'azure-devops-node-api',
    'typed-rest-client', '@vscode/vsce',
    // Secret scanners (their docs and rules describe secrets).
    'secretlint', '@secretlint/secretlint-rule-preset-recommend', '@secretlint/core', '@secretlint/config-loader',
    // Config parsers, loggers with redaction.
    'ini', 'rc', 'js-yaml', 'smol-toml', 'jsonc-parser', 'json5', 'dockerfile-ast', 'pino', '@pinojs/redact',
    // Tools with many docs, examples and tests.
    'eslint-plugin-security', '@microsoft/eslint-plugin-sdl', 'commander', 'yargs', 'qs', 'ajv', 'iconv-lite',
    'node-addon-api', 'semver', 'debug',
  ].map((name): SecretsCorpusSource => ({ kind: 'npm', package: name })),
  // LLM SDKs: their `src/` is the TypeScript the built JavaScript next to it is compiled from (and the JS/TS
  // precision corpus, bench/corpus/scan.ts, reads it); reading both would double the time for no new text.
  { kind: 'npm', package: 'openai', exclude: ['src/'] },
  { kind: 'npm', package: '@anthropic-ai/sdk', exclude: ['src/'] },
];

/**
 * Debian packages: the Python libraries of web frameworks, HTTP and cloud clients and auth (the issue's
 * list), and the configuration and examples of the packages of a fresh Debian system (`/etc`,
 * `/usr/share/doc/<package>/examples`). A package's files are the ones dpkg installed (its `.list`).
 */
export const DEBIAN_SOURCES: readonly SecretsCorpusSource[] = [
  ...[
    'python3-requests', 'python3-urllib3', 'python3-httpx', 'python3-httpcore', 'python3-h11', 'python3-httplib2',
    'python3-flask', 'python3-werkzeug', 'python3-jinja2', 'python3-itsdangerous', 'python3-click', 'python3-django',
    'python3-sqlalchemy', 'python3-yaml', 'python3-dotenv', 'python3-boto3', 'python3-s3transfer', 'python3-jwt',
    'python3-oauthlib', 'python3-openssl', 'python3-cryptography', 'python3-certifi', 'python3-lazr.restfulclient',
    'python3-wadllib', 'python3-setuptools',
  ].map((name): SecretsCorpusSource => ({ kind: 'debian', package: name })),
  // Its `data/` folder is 1.6 million lines of generated AWS service models: data, not code, and 20× the rest.
  { kind: 'debian', package: 'python3-botocore', exclude: ['/usr/lib/python3/dist-packages/botocore/data/'] },
  ...[
    'adduser', 'apt', 'base-files', 'bash', 'ca-certificates', 'debconf', 'debianutils', 'dpkg', 'e2fsprogs', 'gzip',
    'init-system-helpers', 'libc-bin', 'libpam-runtime', 'libpam-modules-bin', 'libsemanage-common', 'libaudit-common',
    'login', 'mount', 'passwd', 'procps', 'sensible-utils', 'systemd', 'ucf', 'util-linux', 'openssl',
    'openssh-client', 'gnupg', 'gpg-agent', 'gpgconf', 'dirmngr', 'libldap-common', 'git', 'avahi-daemon',
    'fontconfig-config', 'man-db', 'less', 'xz-utils', 'bzip2', 'perl-base',
  ].map((name): SecretsCorpusSource => ({ kind: 'debian', package: name })),
];

/** The whole corpus, in the order it is read. */
export const SECRETS_CORPUS_SOURCES: readonly SecretsCorpusSource[] = [...NPM_SOURCES, ...DEBIAN_SOURCES];

/** A source found on this machine. */
export interface LocatedSource {
  source: SecretsCorpusSource;
  version: string;
  /** The package folder (npm) or `/` (Debian: files are absolute). */
  base: string;
  /** Absolute paths of its regular files, sorted, before classification. */
  paths: string[];
}

/** One file of the corpus. */
export interface SecretsCorpusFile {
  package: string;
  version: string;
  kind: SourceKind;
  absolute: string;
  /** Relative to the package folder (npm) or to `/` (Debian), `/`-separated. */
  file: string;
  classification: Classification;
}

/** A finding with what the record does not keep: the kind of secret and whether it is a name-based (generic) one. */
export interface SecretsFinding extends CorpusFinding {
  /** `properties.secretType` of the finding, else `<messageId>`. */
  secretType: string;
  /** Reported because of the name the value is assigned to and the value's randomness, not a provider format. */
  generic: boolean;
}

/** Per-source figures of a scan, also kept in the record. */
export interface SourceSummary {
  package: string;
  version: string;
  kind: SourceKind;
  files: number;
  lines: number;
}

/** What one scan of the corpus produced. */
export interface SecretsCorpusScan {
  sources: SourceSummary[];
  /** Sources of the table not installed here. */
  absent: SecretsCorpusSource[];
  files: number;
  lines: number;
  bytes: number;
  /** `package\u0000file` of every analysed file (the record is compared on these only). */
  scanned: Set<string>;
  findings: SecretsFinding[];
  errors: InternalError[];
  skipped: SkippedFile[];
  /** Wall time of reading and analysing, in milliseconds. */
  ms: number;
}

/** Finds the sources installed here; the others are returned as absent. */
export function locateSources(root: string, sources: readonly SecretsCorpusSource[] = SECRETS_CORPUS_SOURCES): {
  present: LocatedSource[];
  absent: SecretsCorpusSource[];
} {
  const present: LocatedSource[] = [];
  const absent: SecretsCorpusSource[] = [];
  const debian = sources.some((s) => s.kind === 'debian') ? readDpkgStatus() : new Map<string, string>();
  for (const source of sources) {
    const located = source.kind === 'npm' ? locateNpm(root, source) : locateDebian(source, debian);
    if (located) present.push(located);
    else absent.push(source);
  }
  return { present, absent };
}

function locateNpm(root: string, source: SecretsCorpusSource): LocatedSource | null {
  const dir = join(root, 'node_modules', ...source.package.split('/'));
  let version: unknown;
  try {
    version = (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version;
  } catch {
    return null;
  }
  if (typeof version !== 'string') return null;
  const paths = walk(dir).filter((p) => selected(source, relative(dir, p).split(sep).join('/')));
  return { source, version, base: dir, paths };
}

function locateDebian(source: SecretsCorpusSource, installed: ReadonlyMap<string, string>): LocatedSource | null {
  const version = installed.get(source.package);
  const list = version === undefined ? null : dpkgFileList(source.package);
  if (version === undefined || list === null) return null;
  const seen = new Set<string>();
  const paths: string[] = [];
  for (const path of list) {
    if (!selected(source, path) || !isRegularFile(path)) continue;
    // usr-merge: `/lib/x` and `/usr/lib/x` may both be listed for one file.
    const real = realpathOrSelf(path);
    if (seen.has(real)) continue;
    seen.add(real);
    paths.push(path);
  }
  paths.sort(cmp);
  return { source, version, base: '/', paths };
}

/** Whether a path is read: under one of the source's `include` prefixes (when it has any) and under none of its `exclude` prefixes. */
function selected(source: SecretsCorpusSource, path: string): boolean {
  if (source.include && !source.include.some((prefix) => path.startsWith(prefix))) return false;
  return !(source.exclude ?? []).some((prefix) => path.startsWith(prefix));
}

/** Installed Debian packages and their versions, from dpkg's status file (empty when there is none). */
function readDpkgStatus(): Map<string, string> {
  const versions = new Map<string, string>();
  let text: string;
  try {
    text = readFileSync('/var/lib/dpkg/status', 'utf8');
  } catch {
    return versions;
  }
  for (const paragraph of text.split(/\n\n/)) {
    const field = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(paragraph)?.[1];
    const name = field('Package');
    const version = field('Version');
    if (name && version && field('Status') === 'install ok installed') versions.set(name, version);
  }
  return versions;
}

/** The paths dpkg installed for a package (`<name>.list` or `<name>:<arch>.list`), or null. */
function dpkgFileList(name: string): string[] | null {
  const info = '/var/lib/dpkg/info';
  let entries: string[];
  try {
    entries = readdirSync(info);
  } catch {
    return null;
  }
  const file = entries.find((e) => e === `${name}.list`) ?? entries.find((e) => e.startsWith(`${name}:`) && e.endsWith('.list'));
  if (!file) return null;
  return readFileSync(join(info, file), 'utf8').split('\n').filter((l) => l.startsWith('/'));
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

function realpathOrSelf(path: string): string {
  try {
    return realpathSync.native(path);
  } catch {
    return path;
  }
}

/** Regular files under `dir`, sorted, nested `node_modules` and links left out. */
function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => cmp(a.name, b.name));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') out.push(...walk(path));
    } else if (entry.isFile()) {
      out.push(path);
    }
  }
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The file of a located source that the classifier reads, as the workspace scan would see it. */
function classify(path: string): Classification | null {
  const base = path.slice(path.lastIndexOf('/') + 1);
  let head: string | undefined;
  // Only a file without an extension is classified by its first bytes (a `#!` line).
  if (base.lastIndexOf('.') <= 0) {
    try {
      head = readFileSync(path, { encoding: 'latin1' }).slice(0, 256);
    } catch {
      return null;
    }
  }
  return classifyFile(path, head);
}

/** Lists the corpus files of the sources installed here, in a stable order. */
export function listSecretsCorpusFiles(located: readonly LocatedSource[]): SecretsCorpusFile[] {
  const files: SecretsCorpusFile[] = [];
  for (const l of located) {
    for (const absolute of l.paths) {
      const classification = classify(absolute);
      if (!classification || (l.source.languages && !l.source.languages.includes(classification.language))) continue;
      const file = l.source.kind === 'npm' ? relative(l.base, absolute).split(sep).join('/') : absolute.slice(1);
      files.push({ package: l.source.package, version: l.version, kind: l.source.kind, absolute, file, classification });
    }
  }
  return files;
}

/** Settings that turn on the given rules at their default severity. */
export function settingsFor(ruleIds: readonly string[]): Map<string, RuleSetting> {
  const settings = new Map<string, RuleSetting>();
  for (const id of ruleIds) {
    const rule = builtinRules.find((r) => r.id === id);
    if (!rule) throw new Error(`no built-in rule ${id}`);
    settings.set(id, { severity: rule.meta.severity, options: {} });
  }
  return settings;
}

/** The path the analyser is given for a file: `<package>/<file>` (its name and folders decide its dialect). */
export function analysedPath(file: Pick<SecretsCorpusFile, 'package' | 'file'>): string {
  return `${file.package}/${file.file}`;
}

/** A file read as the workspace scan reads it (`src/files/read-source.ts`), or why it was not. */
export type ReadCorpusFile = { ok: true; text: string; bytes: number } | { ok: false; reason: string };

/** Reads a corpus file like `rampart scan` does: size cap, binary and minified-JavaScript checks. */
export function readCorpusFile(file: SecretsCorpusFile, maxBytes = DEFAULT_MAX_FILE_SIZE): ReadCorpusFile {
  const source = readSource(file.absolute, maxBytes);
  if (!source.ok) return source;
  if (file.classification.language === 'js' && looksMinified(source.text, source.bytes)) return { ok: false, reason: 'minified' };
  return { ok: true, text: source.text, bytes: source.bytes };
}

/** Whether a finding comes from a name-and-entropy judgement rather than a provider format or a private key. */
export function isGenericFinding(f: Pick<Finding, 'messageId' | 'properties'>): boolean {
  const type = f.properties?.secretType;
  return type === 'generic' || type === 'password' || f.messageId === 'genericSecret' || f.messageId === 'hardcodedPassword';
}

/** What {@link scanSecretsCorpus} reads and with which rules; the secrets corpus and rules by default. */
export interface CorpusScanOptions {
  sources?: readonly SecretsCorpusSource[];
  ruleIds?: readonly string[];
  /** Only files the classifier gives one of these languages (the Python corpus reads only Python). */
  languages?: readonly LanguageId[];
  analyzer?: Analyzer;
}

/**
 * Reads and analyses every corpus file present here with the secrets rules (or `ruleIds`). Suppressed
 * findings are left out. `analyzer` is created (and its parsers loaded) when not given.
 */
export async function scanSecretsCorpus(root: string, options: CorpusScanOptions = {}): Promise<SecretsCorpusScan> {
  const analyzer = options.analyzer ?? createAnalyzer();
  await analyzer.prepare();
  const settings = settingsFor(options.ruleIds ?? SECRETS_RULES);
  const started = process.hrtime.bigint();
  const { present, absent } = locateSources(root, options.sources);
  const summaries = new Map<string, SourceSummary>(
    present.map((l) => [l.source.package, { package: l.source.package, version: l.version, kind: l.source.kind, files: 0, lines: 0 }]),
  );
  const scan: SecretsCorpusScan = {
    sources: [...summaries.values()],
    absent,
    files: 0,
    lines: 0,
    bytes: 0,
    scanned: new Set(),
    findings: [],
    errors: [],
    skipped: [],
    ms: 0,
  };
  for (const file of listSecretsCorpusFiles(present)) {
    if (options.languages && !options.languages.includes(file.classification.language)) continue;
    const display = analysedPath(file);
    const read = readCorpusFile(file);
    if (!read.ok) {
      scan.skipped.push({ file: display, reason: read.reason });
      continue;
    }
    const result = analyzer.analyze({ file: display, text: read.text, settings, classification: file.classification });
    if (result.skipped) {
      scan.skipped.push(result.skipped);
      continue;
    }
    const lines = countLines(read.text);
    const summary = summaries.get(file.package)!;
    summary.files++;
    summary.lines += lines;
    scan.files++;
    scan.lines += lines;
    scan.bytes += read.bytes;
    scan.scanned.add(`${file.package}\u0000${file.file}`);
    scan.errors.push(...result.errors);
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
        secretType: String(f.properties?.secretType ?? f.messageId),
        generic: isGenericFinding(f),
      });
    }
  }
  scan.findings.sort(compareFindings);
  scan.ms = Number(process.hrtime.bigint() - started) / 1e6;
  return scan;
}

/** Name-based (generic) findings per 10,000 scanned lines. */
export function genericRate(scan: Pick<SecretsCorpusScan, 'findings' | 'lines'>): number {
  return scan.lines === 0 ? 0 : (scan.findings.filter((f) => f.generic).length / scan.lines) * 10_000;
}

/** Shape of `bench/corpus/secrets-findings.json`. */
export interface SecretsRecord {
  /** The sources read when the record was written, with their versions and sizes. */
  sources: SourceSummary[];
  findings: CorpusFinding[];
}

const RECORD_COMMENT =
  'Findings of the secrets rules on the secrets precision corpus (bench/corpus/secrets-scan.ts). Written by ' +
  '`npm run bench:secrets -- --write`, which keeps justifications of findings that still match. Every justification is ' +
  'written by a person: "true positive: …" or "accepted: …". test/corpus/secrets-precision.test.ts fails on any finding ' +
  'not recorded here or recorded without a justification, for the sources installed at the recorded version.';

/** Serialises a record: sources in table order, findings sorted, two-space indentation, trailing newline. */
export function formatSecretsRecord(sources: readonly SourceSummary[], findings: readonly CorpusFinding[], comment = RECORD_COMMENT): string {
  const plain = findings.map(({ package: p, version, file, line, ruleId, message, justification }) => ({ package: p, version, file, line, ruleId, message, justification }));
  return JSON.stringify({ $comment: comment, sources, findings: plain.sort(compareFindings) }, null, 2) + '\n';
}

/** Reads the record at `path` (the secrets record by default); an absent file is an empty record. */
export function readSecretsRecord(root: string, path = SECRETS_RECORD_PATH): SecretsRecord {
  let text: string;
  try {
    text = readFileSync(join(root, path), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { sources: [], findings: [] };
    throw e;
  }
  const findings = parseRecord(text, path);
  const sources = (JSON.parse(text) as { sources?: unknown }).sources;
  if (!Array.isArray(sources)) throw new Error(`${path}: expected a "sources" array`);
  return {
    sources: sources.map((s: unknown, i) => {
      const e = s as Partial<SourceSummary> | null;
      if (typeof e?.package !== 'string' || typeof e.version !== 'string' || (e.kind !== 'npm' && e.kind !== 'debian')) {
        throw new Error(`${path}: sources[${i}] needs package, version and kind`);
      }
      return { package: e.package, version: e.version, kind: e.kind, files: Number(e.files ?? 0), lines: Number(e.lines ?? 0) };
    }),
    findings,
  };
}

/** Which installed sources the record can be compared on, and why the others cannot. */
export interface Comparable {
  /** Packages read here at the version the record holds. */
  packages: Set<string>;
  /** Sources read here at another version than the record's (or not in the record at all). */
  differing: Array<{ package: string; kind: SourceKind; installed: string; recorded: string | null }>;
}

/** Sources of a scan that the record covers at the same version: only their findings can be compared. */
export function comparableSources(scan: Pick<SecretsCorpusScan, 'sources'>, record: SecretsRecord): Comparable {
  const recorded = new Map(record.sources.map((s) => [s.package, s.version]));
  const result: Comparable = { packages: new Set(), differing: [] };
  for (const s of scan.sources) {
    const version = recorded.get(s.package) ?? null;
    if (version === s.version) result.packages.add(s.package);
    else result.differing.push({ package: s.package, kind: s.kind, installed: s.version, recorded: version });
  }
  return result;
}

/**
 * The scan's and the record's findings restricted to what both saw: comparable sources, and of the
 * record only files scanned here (a Debian image without `/usr/share/doc` lacks some files).
 */
export function comparableFindings(scan: SecretsCorpusScan, record: SecretsRecord, comparable: Comparable): { scanned: SecretsFinding[]; recorded: CorpusFinding[] } {
  return {
    scanned: scan.findings.filter((f) => comparable.packages.has(f.package)),
    recorded: record.findings.filter((f) => comparable.packages.has(f.package) && scan.scanned.has(`${f.package}\u0000${f.file}`)),
  };
}

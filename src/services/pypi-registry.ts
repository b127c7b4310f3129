import { normalizePypiName } from './package-names/names';
import { redact } from './npm-config';
import { DEFAULT_PIP_INDEX } from './pip-config';
import {
  isObject,
  LookupRunner,
  MAX_DOCUMENT_BYTES,
  readCapped,
  retryAfter,
  toDate,
  unknown,
  type LookupOptions,
  type LookupSettings,
  type PackageInfo,
  type RetryableFailure,
} from './registry-common';

export type { LookupOptions, PackageInfo } from './registry-common';

/** Settings for {@link PyPiRegistry}; every field is optional. */
export interface PyPiRegistryOptions extends LookupSettings {
  /**
   * Simple Repository API index, usually `loadPipConfig(...).indexUrl` (default https://pypi.org/simple/).
   * Null means the configured index cannot be queried: every look-up answers `unknown`.
   */
  readonly indexUrl?: string | null;
  /** Further indexes pip also installs from; a name is found when any index has it. */
  readonly extraIndexUrls?: readonly string[];
  /** Names never looked up (answer `skipped`), compared after PEP 503 normalisation. */
  readonly allow?: Iterable<string>;
}

/** A distribution file, reduced to what the summary needs. */
interface DistFile {
  readonly version: string | null;
  readonly uploaded: Date | null;
  /** False, or the yank reason ('' when none was given). */
  readonly yanked: string | false;
  readonly wheel: boolean;
}

/** An index URL split into a credential-free base and the Basic auth header its credentials give. */
interface Index {
  readonly base: string;
  readonly authorization: string | undefined;
}

const ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
const NAME = /^(?:[a-z0-9]|[a-z0-9][a-z0-9._-]*[a-z0-9])$/i;
const MAX_REDIRECTS = 3;
const RETRYABLE_CODES: ReadonlySet<unknown> = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'UND_ERR_SOCKET']);


/**
 * Looks project names up in the package index the user configured for pip, through the Simple
 * Repository API in JSON (PEP 691, upload times and versions from PEP 700), falling back to the JSON API
 * (`/pypi/<name>/json`) when a pypi.org-shaped index answers only HTML. Scheduling, retries and caches
 * are those of the npm service. Only project names leave the machine, and only to the configured indexes.
 */
export class PyPiRegistry {
  private readonly indexes: readonly Index[] | null;
  private readonly allowNames = new Set<string>();
  private readonly runner: LookupRunner;

  constructor(options: PyPiRegistryOptions = {}) {
    const primary = options.indexUrl === undefined ? DEFAULT_PIP_INDEX : options.indexUrl;
    const urls = primary === null ? null : [primary, ...(options.extraIndexUrls ?? [])];
    this.indexes = urls ? [...new Set(urls)].map(splitIndex) : null;
    for (const entry of options.allow ?? []) this.allowNames.add(normalizePypiName(entry));
    this.runner = new LookupRunner(options, 'pypi');
  }

  /** The indexes names are looked up at, credentials removed. */
  indexUrls(): readonly string[] {
    return (this.indexes ?? []).map((i) => i.base);
  }

  /** Looks one name up. Never rejects: failures, cancellation and bad names answer `unknown`. */
  async lookup(name: string, options: LookupOptions = {}): Promise<PackageInfo> {
    if (typeof name !== 'string' || name.length > 200 || !NAME.test(name)) {
      return unknown(`invalid project name ${JSON.stringify(String(name).slice(0, 100))}`);
    }
    const normalized = normalizePypiName(name);
    if (this.allowNames.has(normalized)) return { status: 'skipped', reason: 'allow-list' };
    if (!this.indexes) return unknown('no http(s) package index is configured');
    const answers = await Promise.all(
      this.indexes.map((index) => this.runner.lookup(`${index.base}${normalized}`, (signal) => this.fetchOnce(index, normalized, signal), options.signal)),
    );
    return combine(answers);
  }

  /** One Simple API request, and the JSON API when the index answers only HTML. */
  private async fetchOnce(index: Index, name: string, signal: AbortSignal): Promise<PackageInfo | RetryableFailure> {
    const timeoutMs = this.runner.settings.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const both = AbortSignal.any([signal, timeout]);
    try {
      const simple = await this.get(`${index.base}${name}/`, ACCEPT, index, both);
      if (!('body' in simple)) return simple;
      if (/json/i.test(simple.contentType)) return fromSimpleJson(name, parseJson(simple.body));
      const fallback = jsonApiUrl(index.base, name);
      if (!/html/i.test(simple.contentType) || !fallback) {
        return unknown(`index ${index.base} does not offer the JSON Simple API (PEP 691); it answered ${simple.contentType || 'no content type'}`);
      }
      const api = await this.get(fallback, 'application/json', index, both);
      if (!('body' in api)) return api;
      return fromJsonApi(name, parseJson(api.body));
    } catch (e) {
      if (signal.aborted) return unknown('cancelled');
      if (timeout.aborted) return unknown(`timed out after ${timeoutMs} ms`);
      return classifyError(e);
    }
  }

  /** GET with same-origin redirects only; a non-2xx status becomes an answer or a retryable failure. */
  private async get(
    url: string,
    accept: string,
    index: Index,
    signal: AbortSignal,
  ): Promise<{ body: string; contentType: string } | PackageInfo | RetryableFailure> {
    let target = new URL(url);
    for (let hop = 0; ; hop++) {
      const headers: Record<string, string> = { accept, 'user-agent': 'rampart (package existence check)' };
      if (index.authorization) headers.authorization = index.authorization;
      const res = await fetch(target, { headers, signal, redirect: 'manual' });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        const next = new URL(location, target);
        if (next.origin !== target.origin || hop >= MAX_REDIRECTS) return unknown(`index redirected to ${redact(next.origin)}; not followed`);
        target = next;
        continue;
      }
      if (res.ok) {
        const body = await readCapped(res.body, MAX_DOCUMENT_BYTES);
        if (body === null) {
          await res.body?.cancel().catch(() => undefined);
          return unknown(`the index sent more than ${MAX_DOCUMENT_BYTES} bytes`);
        }
        return { body, contentType: res.headers.get('content-type') ?? '' };
      }
      await res.body?.cancel();
      if (res.status === 404) return { status: 'not-found' };
      if (res.status === 429 || res.status >= 500) {
        return { reason: `index answered ${res.status}`, retryAfterMs: retryAfter(res.headers.get('retry-after') ?? undefined, this.runner.settings.now()) };
      }
      return unknown(`index answered ${res.status}`);
    }
  }
}

/** Found on any index wins; then unknown (an index could not say); then unpublished; else not-found. */
function combine(answers: readonly PackageInfo[]): PackageInfo {
  return (
    answers.find((a) => a.status === 'found') ??
    answers.find((a) => a.status === 'unknown') ??
    answers.find((a) => a.status === 'unpublished') ??
    answers[0]
  );
}

function splitIndex(raw: string): Index {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { base: raw, authorization: undefined }; // fetch rejects it later and the look-up answers unknown
  }
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  const base = url.href.replace(/(?<!\/)\/*$/, '/');
  const authorization = user || password ? `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` : undefined;
  return { base, authorization };
}

/** `<origin><prefix>/pypi/<name>/json` for an index whose path ends in `/simple/` (pypi.org and its shape). */
function jsonApiUrl(base: string, name: string): string | undefined {
  const url = new URL(base);
  const match = /^(.*\/)simple\/$/.exec(url.pathname);
  return match ? `${url.origin}${match[1]}pypi/${name}/json` : undefined;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function classifyError(e: unknown): PackageInfo | RetryableFailure {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } }).cause;
  const reason = redact(`${String((e as { message?: unknown }).message ?? e)}${cause?.code ? ` (${String(cause.code)})` : ''}`);
  if (RETRYABLE_CODES.has(cause?.code)) return { reason, retryAfterMs: undefined };
  return unknown(reason);
}

/** A PEP 691 project page; anything else is `unknown`. */
function fromSimpleJson(name: string, body: unknown): PackageInfo {
  // A captive portal or a broken proxy answers 200 with anything: only a page about this project counts.
  if (!isObject(body) || !Array.isArray(body.files) || !isObject(body.meta) || typeof body.meta['api-version'] !== 'string' || !sameProject(body.name, name)) {
    return unknown('index sent something that is not this project\'s Simple API page');
  }
  const meta = body.meta as Record<string, string>;
  if (!meta['api-version'].startsWith('1.')) {
    return unknown(`index speaks Simple API ${meta['api-version']}, not 1.x`);
  }
  const files = body.files.filter(isObject).map(
    (f): DistFile => ({
      version: typeof f.filename === 'string' ? versionFromFilename(f.filename) : null,
      uploaded: toDate(f['upload-time']),
      yanked: yankReason(f.yanked),
      wheel: typeof f.filename === 'string' && f.filename.endsWith('.whl'),
    }),
  );
  const versions = Array.isArray(body.versions) ? body.versions.filter((v): v is string => typeof v === 'string') : undefined;
  return summarise(body.name as string, files, versions, null);
}

/** A JSON API (`/pypi/<name>/json`) document; anything else is `unknown`. */
function fromJsonApi(name: string, body: unknown): PackageInfo {
  if (!isObject(body) || !isObject(body.info) || !isObject(body.releases) || !sameProject(body.info.name, name)) {
    return unknown('index sent something that is not this project\'s JSON API document');
  }
  const files: DistFile[] = [];
  for (const [version, list] of Object.entries(body.releases)) {
    for (const f of Array.isArray(list) ? list.filter(isObject) : []) {
      files.push({
        version,
        uploaded: toDate(f.upload_time_iso_8601) ?? toDate(typeof f.upload_time === 'string' ? `${f.upload_time}Z` : undefined),
        yanked: f.yanked === true ? (typeof f.yanked_reason === 'string' ? f.yanked_reason : '') : false,
        wheel: f.packagetype === 'bdist_wheel',
      });
    }
  }
  const latest = typeof body.info.version === 'string' ? body.info.version : null;
  return summarise(body.info.name as string, files, Object.keys(body.releases), latest);
}

/** Whether a document's project name is the one asked for (PEP 503 normalised). */
function sameProject(reported: unknown, asked: string): boolean {
  return typeof reported === 'string' && normalizePypiName(reported) === asked;
}

/** PEP 592/691: `true` or a reason string means yanked. */
function yankReason(value: unknown): string | false {
  if (value === true) return '';
  return typeof value === 'string' ? value : false;
}

/** The rules' view of a project's files: no files at all means nothing can be installed (unpublished). */
function summarise(name: string, files: readonly DistFile[], listed: readonly string[] | undefined, latestHint: string | null): PackageInfo {
  if (files.length === 0) return { status: 'unpublished' };
  const byVersion = new Map<string, DistFile[]>();
  for (const f of files) if (f.version !== null) byVersion.set(f.version, [...(byVersion.get(f.version) ?? []), f]);
  const versions = sortVersions([...new Set(listed ?? byVersion.keys())]);
  const yanked = versions.filter((v) => (byVersion.get(v) ?? []).length > 0 && byVersion.get(v)?.every((f) => f.yanked !== false));
  const installable = versions.filter((v) => (byVersion.get(v) ?? []).some((f) => f.yanked === false));
  const latest = latestHint !== null && installable.includes(latestHint) ? latestHint : pickLatest(installable);
  const dates = files.map((f) => f.uploaded).filter((d): d is Date => d !== null);
  const lastYank = files.filter((f) => f.yanked !== false).at(-1);
  const everyYanked = files.every((f) => f.yanked !== false);
  return {
    status: 'found',
    name,
    firstPublished: dates.length > 0 ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null,
    latest,
    versions,
    versionCount: versions.length,
    ...(everyYanked ? { deprecated: `every file is yanked${lastYank?.yanked ? `: ${lastYank.yanked}` : ''}` } : {}),
    ...(yanked.length > 0 ? { yanked } : {}),
    hasInstallScripts: latest !== null && !(byVersion.get(latest) ?? []).some((f) => f.wheel),
  };
}

/**
 * The version part of a distribution file name: the second dash-separated field of wheels and eggs,
 * the text after the last dash of an sdist. Other (legacy installer) files give null.
 */
function versionFromFilename(filename: string): string | null {
  if (/\.(?:whl|egg)$/i.test(filename)) return filename.split('-')[1] ?? null;
  const sdist = /^(.+)-([^-]+)\.(?:tar\.gz|tar\.bz2|tar\.xz|tgz|tar|zip)$/i.exec(filename);
  return sdist ? sdist[2] : null;
}

/** Highest final release, else highest pre-release; null when there is none. */
function pickLatest(versions: readonly string[]): string | null {
  const finals = versions.filter((v) => parseVersion(v)?.final);
  return finals.at(-1) ?? versions.at(-1) ?? null;
}

interface ParsedVersion {
  readonly key: readonly number[];
  readonly final: boolean;
}

const PEP440 =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?$/i;
const PRE_RANK: Readonly<Record<string, number>> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };

/**
 * A PEP 440 version as a comparable key: epoch, release length, release, pre (rank, n), post, dev.
 * Local labels are ignored. Null when the text is not a PEP 440 version.
 */
function parseVersion(text: string): ParsedVersion | null {
  const m = PEP440.exec(text.trim());
  if (!m) return null;
  const [, epoch, releaseText, preLabel, preNumber, implicitPost, postLabel, postNumber, devLabel, devNumber] = m;
  const release = releaseText.split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const hasPost = implicitPost !== undefined || postLabel !== undefined;
  // A dev release of a final version (1.0.dev1) sorts before its pre-releases (1.0a1).
  const pre = preLabel ? [PRE_RANK[preLabel.toLowerCase()], Number(preNumber ?? 0)] : !hasPost && devLabel ? [-1, 0] : [Infinity, 0];
  const post = hasPost ? Number(implicitPost ?? postNumber ?? 0) : -1;
  const dev = devLabel ? Number(devNumber ?? 0) : Infinity;
  return { key: [Number(epoch ?? 0), release.length, ...release, ...pre, post, dev], final: !preLabel && !devLabel };
}

/** Sorts ascending by PEP 440; invalid versions first, in text order. */
function sortVersions(versions: readonly string[]): string[] {
  const parsed = new Map(versions.map((v) => [v, parseVersion(v)]));
  return [...versions].sort((a, b) => {
    const pa = parsed.get(a);
    const pb = parsed.get(b);
    if (!pa || !pb) return pa ? 1 : pb ? -1 : a.localeCompare(b);
    return compareKeys(pa.key, pb.key);
  });
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  // Release segments have different lengths; compare them padded with zeros, then the rest.
  const [ea, la] = [a[0], a[1]];
  const [eb, lb] = [b[0], b[1]];
  if (ea !== eb) return ea - eb;
  const n = Math.max(la, lb);
  for (let i = 0; i < n; i++) {
    const d = (i < la ? a[2 + i] : 0) - (i < lb ? b[2 + i] : 0);
    if (d !== 0) return d;
  }
  const ra = a.slice(2 + la);
  const rb = b.slice(2 + lb);
  for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i] < rb[i] ? -1 : 1;
  return 0;
}

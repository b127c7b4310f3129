import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import npmFetch = require('npm-registry-fetch');
import { redact, type NpmFetchOptions } from './npm-config';

/** What the registry said about one package name. A failed look-up is `unknown`, never `not-found`. */
export type PackageInfo =
  | {
      readonly status: 'found';
      readonly name: string;
      /** `time.created`, else the earliest version's publish time; null when the registry gives neither. */
      readonly firstPublished: Date | null;
      /** The `latest` dist-tag, null when absent. */
      readonly latest: string | null;
      readonly versions: readonly string[];
      readonly versionCount: number;
      /** Set when every published version is deprecated: the latest version's message. */
      readonly deprecated?: string;
      /** The deprecation message of the latest version. */
      readonly latestDeprecated?: string;
      /** Whether the latest version declares `preinstall`, `install` or `postinstall` scripts. */
      readonly hasInstallScripts: boolean;
    }
  | { readonly status: 'not-found' }
  | { readonly status: 'unpublished' }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** Settings for {@link NpmRegistry}; every field is optional. */
export interface NpmRegistryOptions {
  /** Options for `npm-registry-fetch`, usually `loadNpmConfig(...).options`. */
  readonly fetchOptions?: NpmFetchOptions;
  /** Names never looked up (answer `skipped`); `@scope/*` covers a whole scope. */
  readonly allow?: Iterable<string>;
  /** Scopes mapped to a registry (`{ '@acme': 'https://npm.acme.internal/' }`); their names go only there. */
  readonly scopes?: Readonly<Record<string, string>>;
  /** Look-ups in flight at once (default 8). */
  readonly concurrency?: number;
  /** Per-request timeout in ms, body included (default 5000). */
  readonly timeoutMs?: number;
  /** Retries on 429, 5xx and reset connections (default 2, at most 2). */
  readonly retries?: number;
  /** First backoff in ms, doubled each retry (default 250). */
  readonly retryBaseMs?: number;
  /** Total wait allowed across the retries of one look-up (default 5000); a longer Retry-After gives up. */
  readonly maxRetryWaitMs?: number;
  /** Folder for the on-disk cache; no disk cache when absent. */
  readonly cacheDir?: string;
  /** Cache lifetime of `found` answers in ms (default 24 h). */
  readonly foundTtlMs?: number;
  /** Cache lifetime of `not-found` and `unpublished` answers in ms (default 1 h). */
  readonly notFoundTtlMs?: number;
  /** Answer from the caches only; anything else is `unknown`. */
  readonly offline?: boolean;
  /** Cancels every look-up of this instance. */
  readonly signal?: AbortSignal;
  /** Clock for cache expiry (default `Date.now`). */
  readonly now?: () => number;
}

/** Options of one {@link NpmRegistry.lookup} call. */
export interface LookupOptions {
  /** Cancels this caller's wait; the request itself stops once every caller waiting on it has cancelled. */
  readonly signal?: AbortSignal;
}

interface CacheEntry {
  readonly expires: number;
  readonly info: PackageInfo;
}

interface InFlight {
  readonly promise: Promise<PackageInfo>;
  readonly controller: AbortController;
  waiters: number;
}

const HOUR = 3_600_000;
const MAX_RETRIES = 2;
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;
const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9._~-][a-z0-9._~-]*$/i;

/**
 * Looks package names up in the npm registry the user configured: concurrency-limited, de-duplicated,
 * with timeouts, bounded retries honouring `Retry-After`, a memory cache and an optional disk cache.
 * Only package names leave the machine, and only to the registry configured for their scope.
 */
export class NpmRegistry {
  private readonly fetchOptions: NpmFetchOptions;
  private readonly allowNames = new Set<string>();
  private readonly allowScopes = new Set<string>();
  private readonly memory = new Map<string, CacheEntry>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly queue: (() => void)[] = [];
  private active = 0;
  private readonly settings: Required<Omit<NpmRegistryOptions, 'fetchOptions' | 'allow' | 'scopes' | 'cacheDir' | 'signal'>>;

  constructor(private readonly options: NpmRegistryOptions = {}) {
    const scoped: Record<string, string> = {};
    for (const [scope, url] of Object.entries(options.scopes ?? {})) scoped[`${scope.replace(/^@?/, '@')}:registry`] = url;
    this.fetchOptions = { ...options.fetchOptions, ...scoped };
    for (const entry of options.allow ?? []) {
      if (entry.endsWith('/*')) this.allowScopes.add(entry.slice(0, -2));
      else this.allowNames.add(entry);
    }
    this.settings = {
      concurrency: positive(options.concurrency, 8),
      timeoutMs: positive(options.timeoutMs, 5000),
      retries: Math.min(MAX_RETRIES, Math.max(0, Math.floor(options.retries ?? MAX_RETRIES))),
      retryBaseMs: Math.max(0, options.retryBaseMs ?? 250),
      maxRetryWaitMs: Math.max(0, options.maxRetryWaitMs ?? 5000),
      foundTtlMs: options.foundTtlMs ?? 24 * HOUR,
      notFoundTtlMs: options.notFoundTtlMs ?? HOUR,
      offline: options.offline ?? false,
      now: options.now ?? Date.now,
    };
  }

  /** The registry base URL a name is looked up at (its scope's registry, else the default one). */
  registryFor(name: string): string {
    return npmFetch.pickRegistry(name, this.fetchOptions as unknown as npmFetch.Options);
  }

  /** Looks one name up. Never rejects: failures, cancellation and bad names answer `unknown`. */
  async lookup(name: string, options: LookupOptions = {}): Promise<PackageInfo> {
    if (typeof name !== 'string' || !NAME.test(name) || name.length > 214) {
      return unknown(`invalid package name ${JSON.stringify(String(name).slice(0, 100))}`);
    }
    if (this.isAllowed(name)) return { status: 'skipped', reason: 'allow-list' };
    const key = this.cacheKey(name);
    const cached = this.fromMemory(key) ?? (await this.fromDisk(key));
    if (cached) return cached;
    if (this.settings.offline) return unknown('offline and not in the cache');
    if (this.options.signal?.aborted || options.signal?.aborted) return unknown('cancelled');
    return this.join(key, name, options.signal);
  }

  private isAllowed(name: string): boolean {
    const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : '';
    return this.allowNames.has(name) || (scope !== '' && this.allowScopes.has(scope));
  }

  private cacheKey(name: string): string {
    return `${this.registryFor(name).replace(/\/?$/, '/')}${name}`;
  }

  /** Joins (or starts) the request for `key`; a caller's signal ends only its own wait. */
  private join(key: string, name: string, signal: AbortSignal | undefined): Promise<PackageInfo> {
    let entry = this.inFlight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise = this.fetchAndStore(key, name, controller.signal).finally(() => this.inFlight.delete(key));
      entry = { promise, controller, waiters: 0 };
      this.inFlight.set(key, entry);
    }
    const current = entry;
    current.waiters++;
    if (!signal) return current.promise;
    return new Promise<PackageInfo>((resolve) => {
      const onAbort = (): void => {
        if (--current.waiters === 0) current.controller.abort();
        resolve(unknown('cancelled'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void current.promise.then((info) => {
        signal.removeEventListener('abort', onAbort);
        resolve(info);
      });
    });
  }

  private async fetchAndStore(key: string, name: string, signal: AbortSignal): Promise<PackageInfo> {
    const stop = this.options.signal ? AbortSignal.any([signal, this.options.signal]) : signal;
    const info = await this.withSlot(stop, () => this.fetchWithRetries(name, stop));
    await this.store(key, info);
    return info;
  }

  /** Runs `task` once fewer than `concurrency` look-ups are active. */
  private async withSlot(signal: AbortSignal, task: () => Promise<PackageInfo>): Promise<PackageInfo> {
    if (this.active >= this.settings.concurrency) {
      await new Promise<void>((resolve) => this.queue.push(resolve));
    }
    this.active++;
    try {
      return signal.aborted ? unknown('cancelled') : await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  private async fetchWithRetries(name: string, signal: AbortSignal): Promise<PackageInfo> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.fetchOnce(name, signal);
      if (!('retryAfterMs' in outcome)) return outcome;
      const delay = outcome.retryAfterMs ?? this.settings.retryBaseMs * 2 ** attempt;
      if (attempt >= this.settings.retries || waited + delay > this.settings.maxRetryWaitMs) return unknown(outcome.reason);
      waited += delay;
      if (!(await sleep(delay, signal))) return unknown('cancelled');
    }
  }

  /** One request. A retryable failure comes back as `{ reason, retryAfterMs }` (undefined = use backoff). */
  private async fetchOnce(name: string, signal: AbortSignal): Promise<PackageInfo | { reason: string; retryAfterMs: number | undefined }> {
    const timeout = AbortSignal.timeout(this.settings.timeoutMs);
    const opts = {
      ...this.fetchOptions,
      spec: name,
      timeout: this.settings.timeoutMs,
      retry: { retries: 0 },
      signal: AbortSignal.any([signal, timeout]),
    };
    try {
      const body: unknown = await npmFetch.json(`/${escapeName(name)}`, opts as unknown as npmFetch.Options);
      return toPackageInfo(name, body);
    } catch (e) {
      if (signal.aborted) return unknown('cancelled');
      const type = (e as { type?: unknown }).type;
      if (timeout.aborted || type === 'request-timeout' || type === 'body-timeout') return unknown(`timed out after ${this.settings.timeoutMs} ms`);
      return this.classifyError(e);
    }
  }

  private classifyError(e: unknown): PackageInfo | { reason: string; retryAfterMs: number | undefined } {
    const err = e as { statusCode?: unknown; code?: unknown; headers?: Record<string, unknown>; message?: unknown };
    const reason = redact(String(err.message ?? e), this.fetchOptions);
    if (typeof err.statusCode === 'number') {
      if (err.statusCode === 404) return { status: 'not-found' };
      if (err.statusCode === 429 || err.statusCode >= 500) {
        return { reason: `registry answered ${err.statusCode}`, retryAfterMs: retryAfter(err.headers?.['retry-after'], this.settings.now()) };
      }
      return unknown(`registry answered ${err.statusCode}`);
    }
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'ECONNREFUSED') return { reason, retryAfterMs: undefined };
    return unknown(reason);
  }

  private fromMemory(key: string): PackageInfo | undefined {
    const entry = this.memory.get(key);
    if (!entry) return undefined;
    if (entry.expires > this.settings.now()) return entry.info;
    this.memory.delete(key);
    return undefined;
  }

  private async fromDisk(key: string): Promise<PackageInfo | undefined> {
    if (!this.options.cacheDir) return undefined;
    let raw: unknown;
    try {
      raw = JSON.parse(await fsp.readFile(this.diskPath(key), 'utf8'));
    } catch {
      return undefined; // missing or corrupt: a miss
    }
    const entry = reviveEntry(raw, key);
    if (!entry || entry.expires <= this.settings.now()) return undefined;
    this.memory.set(key, entry);
    return entry.info;
  }

  private async store(key: string, info: PackageInfo): Promise<void> {
    const ttl = info.status === 'found' ? this.settings.foundTtlMs : info.status === 'unknown' ? 0 : this.settings.notFoundTtlMs;
    if (ttl <= 0 || info.status === 'skipped') return;
    const entry: CacheEntry = { expires: this.settings.now() + ttl, info };
    this.memory.set(key, entry);
    if (!this.options.cacheDir) return;
    const file = this.diskPath(key);
    const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await fsp.mkdir(this.options.cacheDir, { recursive: true });
      await fsp.writeFile(temp, JSON.stringify({ key, ...entry }));
      await fsp.rename(temp, file);
    } catch {
      await fsp.rm(temp, { force: true }).catch(() => undefined); // a cache that cannot be written is only slower
    }
  }

  private diskPath(key: string): string {
    return path.join(this.options.cacheDir ?? '', `npm-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}

/** `@scope/name` → `@scope%2fname`, as the npm CLI requests it. */
function escapeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

/** Reduces a packument to what the rules need; anything that is not a packument is `unknown`. */
function toPackageInfo(name: string, body: unknown): PackageInfo {
  if (!isObject(body)) return unknown('registry sent something that is not a package document');
  const time = isObject(body.time) ? body.time : {};
  const versionDocs = isObject(body.versions) ? body.versions : {};
  const versions = Object.keys(versionDocs);
  if (versions.length === 0 || time.unpublished !== undefined) return { status: 'unpublished' };
  const tags = isObject(body['dist-tags']) ? body['dist-tags'] : {};
  const latest = typeof tags.latest === 'string' && tags.latest in versionDocs ? tags.latest : null;
  const latestDoc = latest ? versionDocs[latest] : undefined;
  const deprecations = versions.map((v) => deprecation(versionDocs[v]));
  const latestDeprecated = deprecation(latestDoc);
  const everyDeprecated = deprecations.every((d) => d !== undefined);
  return {
    status: 'found',
    name: typeof body.name === 'string' ? body.name : name,
    firstPublished: firstPublished(time, versions),
    latest,
    versions,
    versionCount: versions.length,
    ...(everyDeprecated ? { deprecated: latestDeprecated ?? deprecations[deprecations.length - 1] } : {}),
    ...(latestDeprecated !== undefined ? { latestDeprecated } : {}),
    hasInstallScripts: hasInstallScripts(latestDoc),
  };
}

function firstPublished(time: Record<string, unknown>, versions: readonly string[]): Date | null {
  const created = toDate(time.created);
  if (created) return created;
  let earliest: Date | null = null;
  for (const version of versions) {
    const date = toDate(time[version]);
    if (date && (!earliest || date < earliest)) earliest = date;
  }
  return earliest;
}

function deprecation(doc: unknown): string | undefined {
  return isObject(doc) && typeof doc.deprecated === 'string' && doc.deprecated !== '' ? doc.deprecated : undefined;
}

function hasInstallScripts(doc: unknown): boolean {
  const scripts = isObject(doc) && isObject(doc.scripts) ? doc.scripts : {};
  return INSTALL_SCRIPTS.some((s) => typeof scripts[s] === 'string' && scripts[s] !== '');
}

function reviveEntry(raw: unknown, key: string): CacheEntry | undefined {
  if (!isObject(raw) || raw.key !== key || typeof raw.expires !== 'number' || !isObject(raw.info)) return undefined;
  const info = raw.info;
  if (info.status === 'not-found' || info.status === 'unpublished') return { expires: raw.expires, info: { status: info.status } };
  if (info.status !== 'found' || typeof info.name !== 'string' || !Array.isArray(info.versions)) return undefined;
  const found = { ...info, firstPublished: typeof info.firstPublished === 'string' ? toDate(info.firstPublished) : null } as PackageInfo;
  return { expires: raw.expires, info: found };
}

/** `Retry-After` in seconds or as an HTTP date; undefined when absent or unreadable. */
function retryAfter(header: unknown, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function toDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

function unknown(reason: string): PackageInfo {
  return { status: 'unknown', reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

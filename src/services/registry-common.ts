import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { onAbort } from '../engine/abort';

/** What a registry said about one package name. A failed look-up is `unknown`, never `not-found`. */
export type PackageInfo =
  | {
      readonly status: 'found';
      readonly name: string;
      /** npm: `time.created`, else the earliest version's publish time; PyPI: the earliest file upload. Null when unknown. */
      readonly firstPublished: Date | null;
      /** npm: the `latest` dist-tag; PyPI: the highest release that is not yanked. Null when absent. */
      readonly latest: string | null;
      readonly versions: readonly string[];
      readonly versionCount: number;
      /** Set when every published version is deprecated (npm) or yanked (PyPI). */
      readonly deprecated?: string;
      /** The deprecation message of the latest version. */
      readonly latestDeprecated?: string;
      /** npm: deprecated versions and their messages, when some but not all versions are deprecated. */
      readonly deprecatedVersions?: Readonly<Record<string, string>>;
      /** PyPI: versions whose every file is yanked (PEP 592). */
      readonly yanked?: readonly string[];
      /**
       * npm: the latest version declares `preinstall`, `install` or `postinstall` scripts.
       * PyPI: the latest version ships no wheel, so installing it runs the project's build code.
       */
      readonly hasInstallScripts: boolean;
    }
  | { readonly status: 'not-found' }
  | { readonly status: 'unpublished' }
  | { readonly status: 'skipped'; readonly reason: string }
  | { readonly status: 'unknown'; readonly reason: string };

/** Scheduling, retry and cache settings shared by the registry services; every field is optional. */
export interface LookupSettings {
  /** Look-ups in flight at once (default 16, about what the npm CLI opens: its `maxsockets` is 15). */
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

/** Options of one `lookup` call. */
export interface LookupOptions {
  /** Cancels this caller's wait; the request itself stops once every caller waiting on it has cancelled. */
  readonly signal?: AbortSignal;
}

/** A failure worth retrying; `retryAfterMs` undefined means "use the backoff". */
export interface RetryableFailure {
  readonly reason: string;
  readonly retryAfterMs: number | undefined;
}

/** One attempt at a look-up: an answer, or a failure worth retrying. */
export type FetchOnce = (signal: AbortSignal) => Promise<PackageInfo | RetryableFailure>;

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
/**
 * How long offline mode remembers that a name is not in the disk cache: an editor asks about the same names on
 * every keystroke, and only another process (a CLI scan, another window) could have written the entry meanwhile.
 */
const OFFLINE_MISS_TTL_MS = 30_000;
const OFFLINE_MISS = 'offline and not in the cache';
/** Names remembered as offline misses at most (the memory is cleared past it). */
const MAX_OFFLINE_MISSES = 10_000;

/**
 * The registry-independent half of a look-up: memory and disk caches, offline mode, de-duplication of
 * concurrent look-ups of one key, a concurrency limit, bounded retries honouring `Retry-After`, and
 * cancellation. A registry service supplies the cache key and one request attempt.
 */
export class LookupRunner {
  private readonly memory = new Map<string, CacheEntry>();
  /** Offline mode: names not in the disk cache, until when that answer stands (see {@link OFFLINE_MISS_TTL_MS}). */
  private readonly offlineMisses = new Map<string, number>();
  private readonly inFlight = new Map<string, InFlight>();
  private readonly queue: (() => void)[] = [];
  private active = 0;
  /** The settings with their defaults filled in. */
  readonly settings: Required<Omit<LookupSettings, 'cacheDir' | 'signal'>>;

  /** @param cachePrefix names this registry's files in the shared cache folder (`npm`, `pypi`). */
  constructor(private readonly options: LookupSettings, private readonly cachePrefix: string) {
    this.settings = {
      concurrency: positive(options.concurrency, 16),
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

  /** Answers `key` from the caches, else through `fetchOnce` (retried). Never rejects. */
  async lookup(key: string, fetchOnce: FetchOnce, signal?: AbortSignal): Promise<PackageInfo> {
    const cached = this.fromMemory(key);
    if (cached) return cached;
    if (this.options.signal?.aborted || signal?.aborted) return unknown('cancelled');
    if (this.settings.offline && (this.offlineMisses.get(key) ?? 0) > this.settings.now()) return unknown(OFFLINE_MISS);
    // Several rules ask about each name at once: they share one disk read and one request.
    return this.join(key, fetchOnce, signal);
  }

  /** Joins (or starts) the request for `key`; a caller's signal ends only its own wait. */
  private join(key: string, fetchOnce: FetchOnce, signal: AbortSignal | undefined): Promise<PackageInfo> {
    let entry = this.inFlight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise = this.fetchAndStore(key, fetchOnce, controller.signal).finally(() => this.inFlight.delete(key));
      entry = { promise, controller, waiters: 0 };
      this.inFlight.set(key, entry);
    }
    const current = entry;
    current.waiters++;
    if (!signal) return current.promise;
    return new Promise<PackageInfo>((resolve) => {
      const stopWaiting = onAbort(signal, () => {
        if (--current.waiters === 0) current.controller.abort();
        resolve(unknown('cancelled'));
      });
      void current.promise.then((info) => {
        stopWaiting();
        resolve(info);
      });
    });
  }

  private async fetchAndStore(key: string, fetchOnce: FetchOnce, signal: AbortSignal): Promise<PackageInfo> {
    const cached = await this.fromDisk(key);
    if (cached) return cached;
    if (this.settings.offline) {
      if (this.offlineMisses.size >= MAX_OFFLINE_MISSES) this.offlineMisses.clear();
      this.offlineMisses.set(key, this.settings.now() + OFFLINE_MISS_TTL_MS);
      return unknown(OFFLINE_MISS);
    }
    const stop = this.options.signal ? AbortSignal.any([signal, this.options.signal]) : signal;
    const info = await this.withSlot(stop, () => this.fetchWithRetries(fetchOnce, stop));
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
    } catch (e) {
      return unknown(`look-up failed: ${String(e)}`); // a bug in a parser must not reject a look-up
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  private async fetchWithRetries(fetchOnce: FetchOnce, signal: AbortSignal): Promise<PackageInfo> {
    let waited = 0;
    for (let attempt = 0; ; attempt++) {
      const outcome = await fetchOnce(signal);
      if (!('retryAfterMs' in outcome)) return outcome;
      const delay = outcome.retryAfterMs ?? this.settings.retryBaseMs * 2 ** attempt;
      if (attempt >= this.settings.retries || waited + delay > this.settings.maxRetryWaitMs) return unknown(outcome.reason);
      waited += delay;
      if (!(await sleep(delay, signal))) return unknown('cancelled');
    }
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
    return path.join(this.options.cacheDir ?? '', `${this.cachePrefix}-${createHash('sha256').update(key).digest('hex').slice(0, 32)}.json`);
  }
}

function reviveEntry(raw: unknown, key: string): CacheEntry | undefined {
  if (!isObject(raw) || raw.key !== key || typeof raw.expires !== 'number' || !isObject(raw.info)) return undefined;
  const info = raw.info;
  if (info.status === 'not-found' || info.status === 'unpublished') return { expires: raw.expires, info: { status: info.status } };
  if (info.status !== 'found' || typeof info.name !== 'string' || !Array.isArray(info.versions)) return undefined;
  const found = { ...info, firstPublished: typeof info.firstPublished === 'string' ? toDate(info.firstPublished) : null } as PackageInfo;
  return { expires: raw.expires, info: found };
}

/** `Retry-After` in seconds or as an HTTP date, in ms from `now`; undefined when absent or unreadable. */
export function retryAfter(header: unknown, now: number): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Waits `ms`; resolves false at once when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const stopWaiting = onAbort(signal, () => {
      clearTimeout(timer);
      resolve(false);
    });
    const timer = setTimeout(() => {
      stopWaiting();
      resolve(true);
    }, ms);
  });
}

/** A valid date from an ISO string, else null. */
export function toDate(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * Most bytes of one registry response that are read (after decompression) or taken off the wire: a package
 * document is a few MB at most for all but the largest packages; a bigger answer is a failed look-up.
 */
export const MAX_DOCUMENT_BYTES = 32 * 1024 * 1024;

/**
 * Reads a response body as UTF-8 text up to `maxBytes`; null when it is longer (the caller then cancels the
 * request). Works for Node and web streams alike (both are async iterables of bytes).
 */
export async function readCapped(body: AsyncIterable<Uint8Array> | null | undefined, maxBytes: number): Promise<string | null> {
  if (!body) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBytes) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The `unknown` answer with a reason. */
export function unknown(reason: string): PackageInfo {
  return { status: 'unknown', reason };
}

/** A plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback;
}

import npmFetch = require('npm-registry-fetch');
import { guardedAgent, npmAgent, plainAgents } from './npm-agent';
import { originOf, redact, type NpmFetchOptions } from './npm-config';
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

/** Settings for {@link NpmRegistry}; every field is optional. */
export interface NpmRegistryOptions extends LookupSettings {
  /** Options for `npm-registry-fetch` without credentials, usually `loadNpmConfig(...).options`; credential keys in it are ignored. */
  readonly fetchOptions?: NpmFetchOptions;
  /** The user's own credential keys (`//host/:_authToken`…), usually `loadNpmConfig(...).credentials`. */
  readonly credentials?: NpmFetchOptions;
  /**
   * Origins credentials may be sent to (`loadNpmConfig(...).trustedOrigins`): a look-up carries them only when
   * its registry's scheme, host and port are one of these. None when absent.
   */
  readonly trustedOrigins?: ReadonlySet<string>;
  /** Names never looked up (answer `skipped`); `@scope/*` covers a whole scope. */
  readonly allow?: Iterable<string>;
  /** Scopes mapped to a registry (`{ '@acme': 'https://npm.acme.internal/' }`); their names go only there. */
  readonly scopes?: Readonly<Record<string, string>>;
  /**
   * Use Node's own HTTP agents instead of npm's (`@npmcli/agent`). The VS Code extension host wraps every
   * request's agent for its proxy support, and that wrapper breaks npm's agent ("Cannot set headers after
   * they are sent"); with plain agents the editor's proxy settings apply instead of `.npmrc` proxy keys.
   */
  readonly plainAgents?: boolean;
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;
/** Deprecation messages are kept to this length (they end up in messages, caches and hovers). */
const MAX_MESSAGE = 500;
const NAME = /^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9._~-][a-z0-9._~-]*$/i;
/** The abbreviated metadata format, asked for when the full document is too big. */
const CORGI = 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8';

/**
 * Looks package names up in the npm registry the user configured: concurrency-limited, de-duplicated,
 * with timeouts, bounded retries honouring `Retry-After`, a memory cache and an optional disk cache.
 * Only package names leave the machine, and only to the registry configured for their scope; credentials
 * go only to a trusted origin, a look-up never follows a redirect to another origin, and a response is
 * read up to {@link MAX_DOCUMENT_BYTES}.
 */
export class NpmRegistry {
  private readonly fetchOptions: NpmFetchOptions;
  private readonly credentials: NpmFetchOptions;
  private readonly trustedOrigins: ReadonlySet<string>;
  private readonly allowNames = new Set<string>();
  private readonly allowScopes = new Set<string>();
  private readonly runner: LookupRunner;
  private readonly baseAgent: (url: URL) => import('node:http').Agent;

  constructor(options: NpmRegistryOptions = {}) {
    const scoped: Record<string, string> = {};
    for (const [scope, url] of Object.entries(options.scopes ?? {})) scoped[`${scope.replace(/^@?/, '@')}:registry`] = url;
    const fetchOptions = Object.entries({ ...options.fetchOptions, ...scoped }).filter(([key]) => !key.startsWith('//'));
    this.fetchOptions = Object.fromEntries(fetchOptions);
    this.credentials = options.credentials ?? {};
    this.trustedOrigins = options.trustedOrigins ?? new Set();
    for (const entry of options.allow ?? []) {
      if (entry.endsWith('/*')) this.allowScopes.add(entry.slice(0, -2));
      else this.allowNames.add(entry);
    }
    this.runner = new LookupRunner(options, 'npm');
    const { concurrency, timeoutMs } = this.runner.settings;
    const o = this.fetchOptions;
    this.baseAgent = options.plainAgents
      ? plainAgents(concurrency)
      : npmAgent({
          proxy: o.httpsProxy || o.proxy || undefined,
          noProxy: o.noProxy,
          ca: o.ca,
          localAddress: o.localAddress,
          rejectUnauthorized: o.strictSSL !== false,
          maxSockets: concurrency,
          timeout: timeoutMs,
        });
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
    const key = `${this.registryFor(name).replace(/\/?$/, '/')}${name}`;
    return this.runner.lookup(key, (signal) => this.fetchOnce(name, signal), options.signal);
  }

  private isAllowed(name: string): boolean {
    const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : '';
    return this.allowNames.has(name) || (scope !== '' && this.allowScopes.has(scope));
  }

  /** One look-up: the full document, or the abbreviated one when the full one is too big. */
  private async fetchOnce(name: string, signal: AbortSignal): Promise<PackageInfo | RetryableFailure> {
    const registry = this.registryFor(name);
    const origin = originOf(registry);
    if (!origin) return unknown(`the registry ${redact(registry)} is not an http(s) URL`);
    const full = await this.request(name, origin, undefined, signal);
    if (!('tooBig' in full)) return full;
    const abbreviated = await this.request(name, origin, CORGI, signal);
    return 'tooBig' in abbreviated ? unknown(`the registry document is larger than ${MAX_DOCUMENT_BYTES} bytes`) : abbreviated;
  }

  /** One request. A retryable failure comes back as `{ reason, retryAfterMs }` (undefined = use backoff). */
  private async request(name: string, origin: string, accept: string | undefined, signal: AbortSignal): Promise<PackageInfo | RetryableFailure | { tooBig: true }> {
    const timeoutMs = this.runner.settings.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const stop = new AbortController();
    const opts = {
      ...this.fetchOptions,
      // The user's credentials, only for a registry their own configuration names.
      ...(this.trustedOrigins.has(origin) ? this.credentials : {}),
      spec: name,
      timeout: timeoutMs,
      retry: { retries: 0 },
      // npm-registry-fetch's own socket pool (12 by default) must not undercut the runner's limit.
      maxSockets: this.runner.settings.concurrency,
      agent: guardedAgent({ origin, maxWireBytes: MAX_DOCUMENT_BYTES, base: this.baseAgent }),
      ...(accept ? { headers: { accept } } : {}),
      signal: AbortSignal.any([signal, timeout, stop.signal]),
    };
    try {
      const res = await npmFetch(`/${escapeName(name)}`, opts as unknown as npmFetch.Options);
      const text = await readCapped(res.body as unknown as AsyncIterable<Uint8Array>, MAX_DOCUMENT_BYTES);
      if (text === null) {
        stop.abort();
        return { tooBig: true };
      }
      return toPackageInfo(name, parseJson(text));
    } catch (e) {
      if (signal.aborted) return unknown('cancelled');
      const type = (e as { type?: unknown }).type;
      if (timeout.aborted || type === 'request-timeout' || type === 'body-timeout') return unknown(`timed out after ${timeoutMs} ms`);
      return this.classifyError(e);
    }
  }

  private classifyError(e: unknown): PackageInfo | RetryableFailure {
    const err = e as { statusCode?: unknown; code?: unknown; headers?: Record<string, unknown>; message?: unknown };
    if (typeof err.statusCode === 'number') {
      // The status is all that is kept: an error body is the registry's text, not ours to show.
      if (err.statusCode === 404) return { status: 'not-found' };
      if (err.statusCode === 429 || err.statusCode >= 500) {
        return { reason: `registry answered ${err.statusCode}`, retryAfterMs: retryAfter(err.headers?.['retry-after'], this.runner.settings.now()) };
      }
      return unknown(`registry answered ${err.statusCode}`);
    }
    const reason = redact(String(err.message ?? e), this.credentials).slice(0, 300);
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'ECONNREFUSED') return { reason, retryAfterMs: undefined };
    return unknown(reason);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `@scope/name` → `@scope%2fname`, as the npm CLI requests it. */
function escapeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

/** Reduces a packument to what the rules need; anything that is not a packument is `unknown`. */
function toPackageInfo(name: string, body: unknown): PackageInfo {
  // A captive portal, a broken proxy or a hostile registry answers 200 with anything: `{}`, `{"error": …}`,
  // another package's document. Only a document about this name, with versions or an unpublished record, counts.
  if (!isObject(body) || body.name !== name) return unknown('the registry sent something that is not this package\'s document');
  const time = isObject(body.time) ? body.time : {};
  if (!isObject(body.versions) && !isObject(time.unpublished)) return unknown('the registry sent a package document without versions');
  const versionDocs = isObject(body.versions) ? body.versions : {};
  const versions = Object.keys(versionDocs);
  if (versions.length === 0 || time.unpublished !== undefined) return { status: 'unpublished' };
  const tags = isObject(body['dist-tags']) ? body['dist-tags'] : {};
  const latest = typeof tags.latest === 'string' && tags.latest in versionDocs ? tags.latest : null;
  const latestDoc = latest ? versionDocs[latest] : undefined;
  const deprecations = versions.map((v) => deprecation(versionDocs[v]));
  const latestDeprecated = deprecation(latestDoc);
  const everyDeprecated = deprecations.every((d) => d !== undefined);
  const deprecatedVersions = everyDeprecated ? {} : Object.fromEntries(versions.flatMap((v, i) => (deprecations[i] ? [[v, deprecations[i].slice(0, MAX_MESSAGE)]] : [])));
  return {
    status: 'found',
    name,
    firstPublished: firstPublished(time, versions),
    latest,
    versions,
    versionCount: versions.length,
    ...(everyDeprecated ? { deprecated: latestDeprecated ?? deprecations[deprecations.length - 1] } : {}),
    ...(latestDeprecated !== undefined ? { latestDeprecated } : {}),
    ...(Object.keys(deprecatedVersions).length > 0 ? { deprecatedVersions } : {}),
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
  if (isObject(doc) && doc.hasInstallScript === true) return true; // the abbreviated document's flag
  const scripts = isObject(doc) && isObject(doc.scripts) ? doc.scripts : {};
  return INSTALL_SCRIPTS.some((s) => typeof scripts[s] === 'string' && scripts[s] !== '');
}

import * as http from 'node:http';
import * as https from 'node:https';
import npmFetch = require('npm-registry-fetch');
import { redact, type NpmFetchOptions } from './npm-config';
import {
  isObject,
  LookupRunner,
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
  /** Options for `npm-registry-fetch`, usually `loadNpmConfig(...).options`. */
  readonly fetchOptions?: NpmFetchOptions;
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

/**
 * Looks package names up in the npm registry the user configured: concurrency-limited, de-duplicated,
 * with timeouts, bounded retries honouring `Retry-After`, a memory cache and an optional disk cache.
 * Only package names leave the machine, and only to the registry configured for their scope.
 */
export class NpmRegistry {
  private readonly fetchOptions: NpmFetchOptions;
  private readonly allowNames = new Set<string>();
  private readonly allowScopes = new Set<string>();
  private readonly runner: LookupRunner;
  private readonly agents: { http: http.Agent; https: https.Agent } | undefined;

  constructor(options: NpmRegistryOptions = {}) {
    const scoped: Record<string, string> = {};
    for (const [scope, url] of Object.entries(options.scopes ?? {})) scoped[`${scope.replace(/^@?/, '@')}:registry`] = url;
    this.fetchOptions = { ...options.fetchOptions, ...scoped };
    for (const entry of options.allow ?? []) {
      if (entry.endsWith('/*')) this.allowScopes.add(entry.slice(0, -2));
      else this.allowNames.add(entry);
    }
    this.runner = new LookupRunner(options, 'npm');
    if (options.plainAgents) {
      const maxSockets = this.runner.settings.concurrency;
      this.agents = { http: new http.Agent({ keepAlive: true, maxSockets }), https: new https.Agent({ keepAlive: true, maxSockets }) };
    }
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

  /** One request. A retryable failure comes back as `{ reason, retryAfterMs }` (undefined = use backoff). */
  private async fetchOnce(name: string, signal: AbortSignal): Promise<PackageInfo | RetryableFailure> {
    const timeoutMs = this.runner.settings.timeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    const opts = {
      ...this.fetchOptions,
      spec: name,
      timeout: timeoutMs,
      retry: { retries: 0 },
      // npm-registry-fetch's own socket pool (12 by default) must not undercut the runner's limit.
      maxSockets: this.runner.settings.concurrency,
      ...(this.agents ? { agent: this.registryFor(name).startsWith('https:') ? this.agents.https : this.agents.http } : {}),
      signal: AbortSignal.any([signal, timeout]),
    };
    try {
      const body: unknown = await npmFetch.json(`/${escapeName(name)}`, opts as unknown as npmFetch.Options);
      return toPackageInfo(name, body);
    } catch (e) {
      if (signal.aborted) return unknown('cancelled');
      const type = (e as { type?: unknown }).type;
      if (timeout.aborted || type === 'request-timeout' || type === 'body-timeout') return unknown(`timed out after ${timeoutMs} ms`);
      return this.classifyError(e);
    }
  }

  private classifyError(e: unknown): PackageInfo | RetryableFailure {
    const err = e as { statusCode?: unknown; code?: unknown; headers?: Record<string, unknown>; message?: unknown };
    const reason = redact(String(err.message ?? e), this.fetchOptions);
    if (typeof err.statusCode === 'number') {
      if (err.statusCode === 404) return { status: 'not-found' };
      if (err.statusCode === 429 || err.statusCode >= 500) {
        return { reason: `registry answered ${err.statusCode}`, retryAfterMs: retryAfter(err.headers?.['retry-after'], this.runner.settings.now()) };
      }
      return unknown(`registry answered ${err.statusCode}`);
    }
    if (err.code === 'ECONNRESET' || err.code === 'EPIPE' || err.code === 'ECONNREFUSED') return { reason, retryAfterMs: undefined };
    return unknown(reason);
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
  const deprecatedVersions = everyDeprecated ? {} : Object.fromEntries(versions.flatMap((v, i) => (deprecations[i] ? [[v, deprecations[i].slice(0, MAX_MESSAGE)]] : [])));
  return {
    status: 'found',
    name: typeof body.name === 'string' ? body.name : name,
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
  const scripts = isObject(doc) && isObject(doc.scripts) ? doc.scripts : {};
  return INSTALL_SCRIPTS.some((s) => typeof scripts[s] === 'string' && scripts[s] !== '');
}

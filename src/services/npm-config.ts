import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as ini from 'ini';
import { readWorkspaceFile } from '../files/read-workspace-file';

/** Largest configuration file read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** Flat options in the shape `npm-registry-fetch` reads: `registry`, `@scope:registry`, `//host/path/:_authToken`… */
export type NpmFetchOptions = Readonly<Record<string, string | boolean>>;

/**
 * The npm configuration Rampart uses, read as data (nothing in it is executed). It follows the trust
 * model in the README ("What Rampart sends, and where"): the user's own configuration (`~/.npmrc` or
 * `npm_config_userconfig`, and `npm_config_*` variables) is trusted; a project `.npmrc` comes with the
 * scanned repository and may only name registries.
 */
export interface NpmConfig {
  /**
   * Options for `npm-registry-fetch` without any credential: registries (env over project over user),
   * and proxies, TLS and network settings from the user's own configuration only.
   */
  readonly options: NpmFetchOptions;
  /** Credential keys (`//host/path/:_authToken`, `:_auth`, `:username`/`:_password`, `:certfile`/`:keyfile`), from the user's own configuration only. */
  readonly credentials: NpmFetchOptions;
  /**
   * Origins (`https://host[:port]`) credentials may be sent to: the registries the user's own configuration
   * names, and `https://` + the host of each credential key. A registry named only by the project `.npmrc`
   * or `.rampart.jsonc` gets credentials only when its scheme, host and port are one of these.
   */
  readonly trustedOrigins: ReadonlySet<string>;
  /** The `.npmrc` files that were read, nearest first. */
  readonly files: readonly string[];
  /** Problems that did not stop loading (an unreadable file, ignored project settings), already redacted. */
  readonly warnings: readonly string[];
}

/** Where to look for npm configuration. */
export interface NpmConfigInput {
  /** Folder the look-up starts from; the project `.npmrc` sits in the nearest folder with a package.json. */
  readonly cwd: string;
  /** The user's environment (`npm_config_*`, `npm_config_userconfig`, and variables for `${VAR}` in the user's own `.npmrc`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Home folder holding the user `~/.npmrc`. */
  readonly homedir: string;
}

/** npm's default registry, which the user's configuration names when it sets none. */
export const DEFAULT_NPM_REGISTRY = 'https://registry.npmjs.org/';

/** npm-registry-fetch reads these camelCase names; npm's kebab-case keys are mapped onto them. */
const RENAMED_KEYS: Readonly<Record<string, string>> = {
  'strict-ssl': 'strictSSL',
  'https-proxy': 'httpsProxy',
  noproxy: 'noProxy',
  'user-agent': 'userAgent',
  'local-address': 'localAddress',
};

/** Keys that would change where or whether npm-registry-fetch caches or retries; the registry service owns those. */
const DROPPED_KEYS: ReadonlySet<string> = new Set(['cache', 'offline', 'prefer-offline', 'prefer-online', 'userconfig', 'globalconfig']);

/** Keys a project `.npmrc` sets that would carry or unlock credentials, or change proxies and TLS: ignored with a warning. */
const GUARDED_KEY = /^(?:\/\/|_auth|_password|username|email|always-auth|proxy$|https-proxy$|http-proxy$|noproxy$|strict-ssl$|ca$|cafile$|cert$|key$|certfile$|keyfile$)/i;

const SECRET_KEY = /(?:^|:)(?:_authToken|_auth|_password|password|token|keyfile)$/i;

/**
 * Loads the npm configuration for registry look-ups: `npm_config_*` environment variables win over the
 * project `.npmrc`, which wins over the user `.npmrc` (`npm_config_userconfig` or `~/.npmrc`). Only the
 * user's own layers may carry credentials, proxies and TLS settings or expand `${VAR}`; from the project
 * file only `registry` and `@scope:registry` are taken, as literal http(s) URLs without credentials.
 * A missing file is skipped; an unreadable one becomes a warning. Never throws for bad file contents.
 */
export async function loadNpmConfig(input: NpmConfigInput): Promise<NpmConfig> {
  const warnings: string[] = [];
  const files: string[] = [];
  const userFile = path.resolve(input.cwd, expandEnv(input.env.npm_config_userconfig ?? input.env.NPM_CONFIG_USERCONFIG ?? '', input.env) || path.join(input.homedir, '.npmrc'));
  const projectFile = path.join(await findProjectRoot(path.resolve(input.cwd)), '.npmrc');

  let project: Record<string, string> = {};
  if (projectFile !== userFile) {
    const text = await readOptional(projectFile, warnings);
    if (text !== null) {
      files.push(projectFile);
      project = projectRegistries(ini.parse(text), projectFile, warnings);
    }
  }
  let user: Record<string, string | boolean> = {};
  const userText = await readOptional(userFile, warnings);
  if (userText !== null) {
    files.push(userFile);
    user = parseNpmrc(userText, input.env);
  }
  const trusted = { ...user, ...fromEnv(input.env) };

  const options: Record<string, string | boolean> = {};
  const credentials: Record<string, string | boolean> = {};
  for (const [key, value] of Object.entries(trusted)) {
    if (key.startsWith('//')) credentials[key] = value;
    else if (!DROPPED_KEYS.has(key)) options[RENAMED_KEYS[key] ?? key] = value === 'true' ? true : value === 'false' ? false : value;
  }
  if (typeof options.strictSSL !== 'boolean') delete options.strictSSL;
  const trustedOrigins = originsOf(options, credentials);
  // Project registries sit between the user's file and the environment, as in npm.
  for (const [key, value] of Object.entries(project)) if (!(key in fromEnv(input.env))) options[key] = value;

  return {
    options: Object.freeze(options),
    credentials: Object.freeze(credentials),
    trustedOrigins,
    files,
    warnings: warnings.map((w) => redact(w, credentials)),
  };
}

/** Parses the user's own `.npmrc` text into flat key/value pairs, expanding `${VAR}` from the user's environment. */
export function parseNpmrc(text: string, env: Readonly<Record<string, string | undefined>>): Record<string, string | boolean> {
  const parsed: unknown = ini.parse(text);
  const out: Record<string, string | boolean> = {};
  if (!parsed || typeof parsed !== 'object') return out;
  for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
    // npm's .npmrc is flat; `[section]` blocks and `key[]=` arrays have no meaning for registry access.
    if (typeof value === 'string') out[expandEnv(key, env)] = expandEnv(value, env);
    else if (typeof value === 'boolean') out[expandEnv(key, env)] = value;
  }
  return out;
}

/**
 * Expands `${NAME}` (left alone when NAME is unset) and `${NAME?}` (empty when unset) as npm does;
 * backslashes before `$` escape the expansion. Only ever applied to the user's own configuration.
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (whole: string, escapes: string, name: string, optional?: string) => {
    if (escapes.length % 2 === 1) return whole.slice((escapes.length + 1) / 2);
    const value = env[name] ?? (optional ? '' : `\${${name}}`);
    return escapes.slice(escapes.length / 2) + value;
  });
}

/**
 * A registry URL named by configuration that comes with the scanned workspace (a project `.npmrc`,
 * `.rampart.jsonc`): an absolute http(s) URL with a trailing slash, without credentials or `${…}`;
 * otherwise undefined.
 */
export function workspaceRegistryUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.includes('${')) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') return undefined;
  return url.href.replace(/\/?$/, '/');
}

/** The origin of a URL (`https://host[:port]`, default ports dropped), or undefined when it is not http(s). */
export function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Hides credentials in a string meant for people (logs, error messages, hovers): the values of secret
 * keys in `options`, user:password in URLs, `Bearer`/`Basic` header values and npm access tokens.
 */
export function redact(text: string, options: NpmFetchOptions = {}): string {
  let out = text;
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'string' && value.length >= 4 && SECRET_KEY.test(key)) out = out.split(value).join('***');
  }
  return out
    // Only right after `://` can user:password@ start, so the scan stays linear on long runs without `@`.
    .replace(/(?<=:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/g, '***@')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***')
    .replace(/\bnpm_[A-Za-z0-9]{20,}\b/g, 'npm_***');
}

/** `registry` and `@scope:registry` of a project `.npmrc`, validated; everything else is ignored, with a warning for guarded keys. */
function projectRegistries(parsed: unknown, file: string, warnings: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const ignored: string[] = [];
  for (const [key, value] of Object.entries(isRecord(parsed) ? parsed : {})) {
    if (key === 'registry' || /^@[^/:\s]+:registry$/.test(key)) {
      const url = workspaceRegistryUrl(value);
      if (url) out[key] = url;
      else warnings.push(`${file}: ${key} is not an http(s) URL without credentials or variables; look-ups ignore it`);
    } else if (GUARDED_KEY.test(key)) {
      ignored.push(key.startsWith('//') ? key.slice(key.lastIndexOf(':') + 1) : key);
    }
  }
  if (ignored.length > 0) {
    warnings.push(
      `${file}: ignored ${[...new Set(ignored)].sort().join(', ')} — credentials, proxies and TLS settings come only from your own npm configuration, never from the scanned project`,
    );
  }
  return out;
}

/** The origins the user's own configuration names: its registries (npm's default when unset) and its credentials' hosts over https. */
function originsOf(options: NpmFetchOptions, credentials: NpmFetchOptions): ReadonlySet<string> {
  const origins = new Set<string>();
  const registries = Object.entries(options).filter(([key]) => key === 'registry' || key.endsWith(':registry')).map(([, value]) => value);
  if (typeof options.registry !== 'string') registries.push(DEFAULT_NPM_REGISTRY);
  for (const value of registries) {
    const origin = typeof value === 'string' ? originOf(value.trim()) : undefined;
    if (origin) origins.add(origin);
  }
  for (const key of Object.keys(credentials)) {
    const host = /^\/\/([^/:]+(?::\d+)?)\//.exec(key)?.[1];
    const origin = host ? originOf(`https://${host}/`) : undefined;
    if (origin) origins.add(origin);
  }
  return origins;
}

function fromEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!/^npm_config_/i.test(name) || value === undefined || value === '') continue;
    let key = name.slice('npm_config_'.length);
    // Nerf-darted keys (`//host/:_authToken`) keep their spelling; others are kebab-cased like npm does.
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    out[key] = value;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** npm's local prefix: the nearest folder with a package.json, else the starting folder. */
async function findProjectRoot(start: string): Promise<string> {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (await isFile(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** The text of a configuration file; null when it is absent. Pipes, devices and files over 1 MiB are refused with a warning. */
async function readOptional(file: string, warnings: string[]): Promise<string | null> {
  const read = readWorkspaceFile(file, { maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.bytes.toString('utf8');
  const code = (read.error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ENOENT' && code !== 'ENOTDIR') warnings.push(`Could not read npm configuration ${file}: ${read.reason}`);
  return null;
}

import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as ini from 'ini';

/** Flat options in the shape `npm-registry-fetch` reads: `registry`, `@scope:registry`, `//host/path/:_authToken`… */
export type NpmFetchOptions = Readonly<Record<string, string | boolean>>;

/** The user's npm configuration, read as data (nothing in it is executed). */
export interface NpmConfig {
  /** Options for `npm-registry-fetch`, with env over project over user. */
  readonly options: NpmFetchOptions;
  /** The `.npmrc` files that were read, nearest first. */
  readonly files: readonly string[];
  /** Problems that did not stop loading (an unreadable file), already redacted. */
  readonly warnings: readonly string[];
}

/** Where to look for npm configuration. */
export interface NpmConfigInput {
  /** Folder the look-up starts from; the project `.npmrc` sits in the nearest folder with a package.json. */
  readonly cwd: string;
  /** Environment (`npm_config_*`, `npm_config_userconfig`, and variables for `${VAR}` expansion). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Home folder holding the user `~/.npmrc`. */
  readonly homedir: string;
}

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

const SECRET_KEY = /(?:^|:)(?:_authToken|_auth|_password|password|token|keyfile)$/i;

/**
 * Loads the user's npm configuration the way npm does for registry access: `npm_config_*` environment
 * variables win over the project `.npmrc`, which wins over the user `.npmrc` (`npm_config_userconfig` or
 * `~/.npmrc`). `${VAR}` and `${VAR?}` are expanded from `env` in keys and values. A missing file is
 * skipped; an unreadable one becomes a warning. Never throws for bad file contents.
 */
export async function loadNpmConfig(input: NpmConfigInput): Promise<NpmConfig> {
  const warnings: string[] = [];
  const files: string[] = [];
  const envConfig = fromEnv(input.env);
  const projectFile = path.join(await findProjectRoot(path.resolve(input.cwd)), '.npmrc');
  const userFile = expandEnv(input.env.npm_config_userconfig ?? input.env.NPM_CONFIG_USERCONFIG ?? '', input.env) || path.join(input.homedir, '.npmrc');
  const layers: Record<string, string | boolean>[] = [];
  for (const file of new Set([projectFile, path.resolve(input.cwd, userFile)])) {
    const text = await readOptional(file, warnings);
    if (text === null) continue;
    files.push(file);
    layers.push(parseNpmrc(text, input.env));
  }
  const merged: Record<string, string | boolean> = {};
  for (const layer of [...layers.reverse(), envConfig]) Object.assign(merged, layer);
  const options = toFetchOptions(merged);
  return { options, files, warnings: warnings.map((w) => redact(w, options)) };
}

/** Parses `.npmrc` text into flat key/value pairs, expanding `${VAR}` in keys and values. */
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
 * backslashes before `$` escape the expansion.
 */
export function expandEnv(text: string, env: Readonly<Record<string, string | undefined>>): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (whole: string, escapes: string, name: string, optional?: string) => {
    if (escapes.length % 2 === 1) return whole.slice((escapes.length + 1) / 2);
    const value = env[name] ?? (optional ? '' : `\${${name}}`);
    return escapes.slice(escapes.length / 2) + value;
  });
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
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi, '$1***@')
    .replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 ***')
    .replace(/\bnpm_[A-Za-z0-9]{20,}\b/g, 'npm_***');
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

function toFetchOptions(merged: Record<string, string | boolean>): NpmFetchOptions {
  const out: Record<string, string | boolean> = {};
  for (const [key, raw] of Object.entries(merged)) {
    if (DROPPED_KEYS.has(key)) continue;
    const value = raw === 'true' ? true : raw === 'false' ? false : raw;
    out[RENAMED_KEYS[key] ?? key] = value;
  }
  if (typeof out.strictSSL !== 'boolean') delete out.strictSSL;
  return Object.freeze(out);
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

async function readOptional(file: string, warnings: string[]): Promise<string | null> {
  try {
    return await fsp.readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') warnings.push(`Could not read npm configuration ${file}: ${code ?? String(e)}`);
    return null;
  }
}

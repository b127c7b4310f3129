import * as path from 'node:path';
import * as ini from 'ini';
import { readWorkspaceFile } from '../files/read-workspace-file';

/** Largest configuration file read. */
const MAX_CONFIG_BYTES = 1024 * 1024;
import { redact } from './npm-config';

/** pip's default index. */
export const DEFAULT_PIP_INDEX = 'https://pypi.org/simple/';

/** The package indexes the user configured for pip, read as data (nothing in it is executed). */
export interface PipConfig {
  /**
   * `index-url`, with a trailing slash; {@link DEFAULT_PIP_INDEX} when nothing sets it. Null when the
   * configured value cannot be queried (not http/https): names must not go to PyPI instead.
   */
  readonly indexUrl: string | null;
  /** `extra-index-url` values, in order, each with a trailing slash. */
  readonly extraIndexUrls: readonly string[];
  /** The configuration files that were read, lowest precedence first. */
  readonly files: readonly string[];
  /** Problems that did not stop loading (an unreadable file, a value that is not a URL), already redacted. */
  readonly warnings: readonly string[];
}

/** Where to look for pip configuration. */
export interface PipConfigInput {
  /** Folder a relative `PIP_CONFIG_FILE` is resolved against. */
  readonly cwd: string;
  /** Environment: `PIP_INDEX_URL`, `PIP_EXTRA_INDEX_URL`, `PIP_CONFIG_FILE`, `XDG_CONFIG_HOME`, `VIRTUAL_ENV`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Home folder holding `~/.config/pip/pip.conf` and `~/.pip/pip.conf`. */
  readonly homedir: string;
}

interface Layer {
  indexUrl?: string;
  extraIndexUrls?: string[];
}

/**
 * Loads the indexes pip would use for `pip install`, with pip's precedence (lowest first): the legacy
 * `~/.pip/pip.conf`, `$XDG_CONFIG_HOME/pip/pip.conf` (default `~/.config/pip/pip.conf`),
 * `$VIRTUAL_ENV/pip.conf`, `PIP_CONFIG_FILE`, then `PIP_INDEX_URL` / `PIP_EXTRA_INDEX_URL`. In each file
 * `[install]` wins over `[global]`. `PIP_CONFIG_FILE=/dev/null` turns the files off, as in pip.
 * System-wide files (`/etc/pip.conf`) and Windows locations are not read. Never throws for bad contents.
 */
export async function loadPipConfig(input: PipConfigInput): Promise<PipConfig> {
  const warnings: string[] = [];
  const files: string[] = [];
  const layers: Layer[] = [];
  for (const file of configFiles(input)) {
    const text = await readOptional(file, warnings);
    if (text === null) continue;
    files.push(file);
    layers.push(parsePipConf(text));
  }
  layers.push(fromEnv(input.env));
  let indexUrl = DEFAULT_PIP_INDEX;
  let extraIndexUrls: string[] = [];
  for (const layer of layers) {
    if (layer.indexUrl !== undefined) indexUrl = layer.indexUrl;
    if (layer.extraIndexUrls !== undefined) extraIndexUrls = layer.extraIndexUrls;
  }
  const checked = checkUrl(indexUrl, 'index-url', warnings) ?? null;
  const extras = extraIndexUrls.map((url) => checkUrl(url, 'extra-index-url', warnings)).filter((u): u is string => u !== undefined);
  return { indexUrl: checked, extraIndexUrls: [...new Set(extras)].filter((u) => u !== checked), files, warnings: warnings.map((w) => redact(w)) };
}

/**
 * Reads `index-url` and `extra-index-url` from pip.conf text (`[install]` over `[global]`; `index_url`
 * spellings accepted). Indented continuation lines, which pip's configparser joins, are joined first.
 */
export function parsePipConf(text: string): { indexUrl?: string; extraIndexUrls?: string[] } {
  const parsed: unknown = ini.parse(joinContinuations(text));
  const out: Layer = {};
  if (!parsed || typeof parsed !== 'object') return out;
  for (const section of ['global', 'install']) {
    const values = (parsed as Record<string, unknown>)[section];
    if (!values || typeof values !== 'object') continue;
    for (const [rawKey, value] of Object.entries(values as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      const key = rawKey.trim().toLowerCase().replace(/_/g, '-');
      if (key === 'index-url') out.indexUrl = value.trim();
      else if (key === 'extra-index-url') out.extraIndexUrls = splitUrls(value);
    }
  }
  return out;
}

/** The pip.conf files to read, lowest precedence first. */
function configFiles(input: PipConfigInput): string[] {
  const { env, homedir } = input;
  const explicit = env.PIP_CONFIG_FILE;
  if (explicit === '/dev/null' || explicit?.toLowerCase() === 'nul') return [];
  const xdg = env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : path.join(homedir, '.config');
  const files = [path.join(homedir, '.pip', 'pip.conf'), path.join(xdg, 'pip', 'pip.conf')];
  if (env.VIRTUAL_ENV) files.push(path.join(env.VIRTUAL_ENV, 'pip.conf'));
  if (explicit) files.push(path.resolve(input.cwd, explicit));
  return [...new Set(files)];
}

function fromEnv(env: Readonly<Record<string, string | undefined>>): Layer {
  const out: Layer = {};
  if (env.PIP_INDEX_URL?.trim()) out.indexUrl = env.PIP_INDEX_URL.trim();
  if (env.PIP_EXTRA_INDEX_URL?.trim()) out.extraIndexUrls = splitUrls(env.PIP_EXTRA_INDEX_URL);
  return out;
}

/** An http(s) URL with a trailing slash, else a warning and undefined (look-ups never go to PyPI instead). */
function checkUrl(value: string, key: string, warnings: string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    warnings.push(`pip ${key} ${JSON.stringify(value)} is not a URL; look-ups skip it`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    warnings.push(`pip ${key} ${value} is not an http(s) index; look-ups skip it`);
    return undefined;
  }
  return value.replace(/(?<!\/)\/*$/, '/');
}

function splitUrls(value: string): string[] {
  return value.split(/\s+/).filter((u) => u !== '');
}

/** configparser continues a value on indented lines; `ini` does not, so fold them into the previous line. */
function joinContinuations(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const continues = /^[ \t]+\S/.test(line) && lines.length > 0 && /=/.test(lines[lines.length - 1]) && !/^\s*[#;]/.test(line);
    if (continues) lines[lines.length - 1] += ` ${line.trim()}`;
    else lines.push(line);
  }
  return lines.join('\n');
}

/** The text of a configuration file; null when it is absent. Pipes, devices and files over 1 MiB are refused with a warning. */
async function readOptional(file: string, warnings: string[]): Promise<string | null> {
  const read = readWorkspaceFile(file, { maxBytes: MAX_CONFIG_BYTES });
  if (read.ok) return read.bytes.toString('utf8');
  const code = (read.error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ENOENT' && code !== 'ENOTDIR') warnings.push(`Could not read pip configuration ${file}: ${read.reason}`);
  return null;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../engine/rule';
import { MAX_CONFIG_SIZE, parseConfig, type ConfigResult } from './parse';
import { defaultConfig } from './resolve';
import { CONFIG_FILE_NAME } from './schema';

/**
 * Finds the configuration file that governs `startPath`: `.rampart.jsonc` in its folder (or in the
 * path itself when it is a folder) or the nearest ancestor, up to the file-system root.
 */
export function findConfigFile(startPath: string): string | null {
  let dir = path.resolve(startPath);
  if (statOrNull(dir)?.isDirectory() === false) dir = path.dirname(dir);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE_NAME);
    if (statOrNull(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * Loads the configuration for `startPath`: `configFile` when given, else the file
 * {@link findConfigFile} finds, else the built-in defaults. Unreadable files are problems, not throws.
 */
export function loadConfig(opts: { rules: readonly Rule[]; startPath: string; configFile?: string }): ConfigResult {
  const file = opts.configFile !== undefined ? path.resolve(opts.configFile) : findConfigFile(opts.startPath);
  if (file === null) {
    const start = path.resolve(opts.startPath);
    const root = statOrNull(start)?.isDirectory() === false ? path.dirname(start) : start;
    return { ok: true, config: defaultConfig(opts.rules, root) };
  }
  const read = readConfigText(file);
  if (typeof read !== 'string') {
    return { ok: false, problems: [{ file, line: 1, column: 1, range: [0, 0], message: read.error }] };
  }
  return parseConfig(read, file, opts.rules);
}

function readConfigText(file: string): string | { error: string } {
  try {
    const stat = fs.statSync(file);
    if (stat.isDirectory()) return { error: 'Cannot read the configuration: this is a folder, not a file.' };
    if (!stat.isFile()) return { error: 'Cannot read the configuration: this is not a regular file.' };
    if (stat.size > MAX_CONFIG_SIZE) {
      return { error: `The configuration file is larger than ${MAX_CONFIG_SIZE} bytes; is it the right file?` };
    }
    const bytes = fs.readFileSync(file);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    return { error: `Cannot read the configuration: ${describeFsError(e)}.` };
  }
}

function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ERR_ENCODING_INVALID_ENCODED_DATA') return 'the file is not valid UTF-8';
  return e instanceof Error ? e.message.split('\n')[0] : String(e);
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

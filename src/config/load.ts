import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../engine/rule';
import { readWorkspaceFile } from '../files/read-workspace-file';
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
  // Bounded and non-blocking: a committed pipe or a huge file cannot stall or exhaust the scan.
  const read = readWorkspaceFile(file, { maxBytes: MAX_CONFIG_SIZE });
  if (!read.ok) {
    if (read.problem === 'folder') return { error: 'Cannot read the configuration: this is a folder, not a file.' };
    if (read.problem === 'not-regular') return { error: 'Cannot read the configuration: this is not a regular file.' };
    if (read.problem === 'too-large') return { error: `The configuration file is larger than ${MAX_CONFIG_SIZE} bytes; is it the right file?` };
    return { error: `Cannot read the configuration: ${describeReadError(read.error, read.reason)}.` };
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    return { error: 'Cannot read the configuration: the file is not valid UTF-8.' };
  }
}

function describeReadError(e: unknown, fallback: string): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return fallback;
}

function statOrNull(p: string): fs.Stats | null {
  try {
    return fs.statSync(p, { throwIfNoEntry: false }) ?? null;
  } catch {
    return null;
  }
}

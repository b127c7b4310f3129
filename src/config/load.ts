import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Rule } from '../engine/rule';
import { readWorkspaceFile } from '../files/read-workspace-file';
import { findRepositoryRoot } from '../files/repository-root';
import { relativeInside } from './match';
import { MAX_CONFIG_SIZE, parseConfigLayer, type ConfigProblem, type ConfigResult } from './parse';
import { defaultConfig, extendsEntries, isPreset, MAX_LAYER_DEPTH, resolveLayers, type ConfigLayer } from './resolve';
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

/** Configuration files of the folders above applied at most (a deeper chain is cut, as if the last had `root: true`). */
export const MAX_CHAIN = 16;

/**
 * Loads the configuration for `startPath`: `configFile` when given (on its own), else the file
 * {@link findConfigFile} finds together with those of the folders above it up to one with `root: true`,
 * else the built-in defaults. Files named in `extends` are read too: only inside the repository of the file
 * that names them (the git work tree holding it, else its own folder), real paths compared, so neither a
 * `../` nor a link leads out; a cycle or more than {@link MAX_LAYER_DEPTH} levels is a problem. Unreadable
 * files are problems, not throws; each problem names the file it is in.
 */
export function loadConfig(opts: { rules: readonly Rule[]; startPath: string; configFile?: string }): ConfigResult {
  const file = opts.configFile !== undefined ? path.resolve(opts.configFile) : findConfigFile(opts.startPath);
  if (file === null) {
    const start = path.resolve(opts.startPath);
    const root = statOrNull(start)?.isDirectory() === false ? path.dirname(start) : start;
    return { ok: true, config: defaultConfig(opts.rules, root) };
  }
  const problems: ConfigProblem[] = [];
  const chain: ConfigLayer[] = [];
  for (let current: string | null = file; current !== null && chain.length < MAX_CHAIN; ) {
    const layer = loadLayer(current, opts.rules, problems, [realOrSelf(current)]);
    if (!layer) return { ok: false, problems };
    chain.unshift(layer);
    if (layer.raw.root === true || opts.configFile !== undefined) break;
    const above = path.dirname(path.dirname(current));
    current = above === path.dirname(current) ? null : findConfigFile(above);
  }
  return { ok: true, config: resolveLayers(chain, opts.rules) };
}

/** Reads one configuration file and, depth first, the files its `extends` names; null after adding problems. */
function loadLayer(file: string, rules: readonly Rule[], problems: ConfigProblem[], seen: readonly string[]): ConfigLayer | null {
  const read = readConfigText(file);
  if (typeof read !== 'string') {
    problems.push({ file, line: 1, column: 1, range: [0, 0], message: read.error });
    return null;
  }
  const parsed = parseConfigLayer(read, file, rules);
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return null;
  }
  const { layer } = parsed;
  const extended = new Map<string, ConfigLayer>();
  const entries = extendsEntries(layer.raw);
  for (const [i, entry] of entries.entries()) {
    if (isPreset(entry) || extended.has(entry)) continue;
    const at = layer.extendsLocations[i] ?? { line: 1, column: 1, range: [0, 0] as [number, number] };
    const fail = (message: string) => problems.push({ file: layer.file, line: at.line, column: at.column, range: at.range, message });
    const target = path.resolve(path.dirname(layer.file), entry);
    const boundary = findRepositoryRoot(path.dirname(layer.file)) ?? path.dirname(layer.file);
    const real = realOrNull(target);
    if (real === null) {
      fail(`The file "${entry}" that "extends" names does not exist.`);
      continue;
    }
    if (relativeInside(realOrSelf(boundary), real) === null) {
      fail(`"${entry}" is outside the repository (${boundary}); "extends" reads files inside it only.`);
      continue;
    }
    if (seen.includes(real)) {
      fail(`"${entry}" extends this file again: the files form a cycle.`);
      continue;
    }
    if (seen.length > MAX_LAYER_DEPTH) {
      fail(`"${entry}" is more than ${MAX_LAYER_DEPTH} levels of "extends" deep.`);
      continue;
    }
    const child = loadLayer(target, rules, problems, [...seen, real]);
    if (child) extended.set(entry, child);
  }
  return problems.length > 0 ? null : { ...layer, extended };
}

function realOrNull(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}

function realOrSelf(p: string): string {
  return realOrNull(p) ?? path.resolve(p);
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

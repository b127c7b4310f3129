import * as path from 'node:path';
import { matchesPath } from '../package-names/imports';
import type { ProjectFiles } from './files';
import { asObject, own, parseJsonc } from './json';

/** What one tsconfig/jsconfig file says, before `extends` is applied. */
export interface TsconfigFacts {
  /** `compilerOptions.paths` keys, when this file sets `paths`. */
  paths?: readonly string[];
  /** `compilerOptions.baseUrl`, absolute. */
  baseUrl?: string;
  /** Relative or absolute `extends` targets, absolute, in the order written. */
  extends: readonly string[];
  /** `references[].path`, absolute. */
  references: readonly string[];
}

/** The aliases in force for files governed by one tsconfig. */
export interface Aliases {
  /** `paths` patterns, after `extends`, of the config and of the projects it references. */
  patterns: readonly string[];
  /** `baseUrl` folders, after `extends`, of the config and of the projects it references. */
  baseUrls: readonly string[];
}

/** How many `extends` links are followed. */
const MAX_EXTENDS = 5;
/** Config names, in the order TypeScript's editor support prefers them. */
const CONFIG_NAMES = ['tsconfig.json', 'jsconfig.json'];
/** Extensions tried after `<baseUrl>/<name>`. */
const MODULE_EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];

/** Reads a tsconfig/jsconfig text (JSONC) found at `file`; undefined when it is malformed. */
export function readTsconfig(text: string, file: string): TsconfigFacts | undefined {
  const data = asObject(parseJsonc(text));
  if (!data) return undefined;
  const dir = path.dirname(file);
  const options = asObject(own(data, 'compilerOptions'));
  const facts: { -readonly [K in keyof TsconfigFacts]: TsconfigFacts[K] } = { extends: [], references: [] };
  const paths = asObject(own(options, 'paths'));
  if (paths) facts.paths = Object.keys(paths);
  const baseUrl = own(options, 'baseUrl');
  if (typeof baseUrl === 'string' && baseUrl !== '') facts.baseUrl = path.resolve(dir, baseUrl);
  const extendsValue = own(data, 'extends');
  const targets = Array.isArray(extendsValue) ? extendsValue : [extendsValue];
  facts.extends = targets.filter((t): t is string => typeof t === 'string' && isPathLike(t)).map((t) => path.resolve(dir, t));
  const references = own(data, 'references');
  if (Array.isArray(references)) {
    facts.references = references
      .map((r) => own(asObject(r), 'path'))
      .filter((p): p is string => typeof p === 'string' && p !== '')
      .map((p) => path.resolve(dir, p));
  }
  return facts;
}

/** `./x`, `../x` and absolute paths; package names (`@tsconfig/node20/…`) are not followed. */
function isPathLike(target: string): boolean {
  return /^\.\.?(?:[/\\]|$)/.test(target) || path.isAbsolute(target);
}

/** The tsconfig.json (else jsconfig.json) in `dir`, if there is one. */
export async function configIn(files: ProjectFiles, dir: string): Promise<string | undefined> {
  const listing = await files.list(dir);
  const name = CONFIG_NAMES.find((n) => listing?.get(n) === 'file' || listing?.get(n) === 'link');
  return name === undefined ? undefined : path.join(dir, name);
}

/** The aliases a tsconfig puts in force: its own chain, and the chains of the projects it references. */
export async function aliasesOf(files: ProjectFiles, config: string): Promise<Aliases> {
  const patterns = new Set<string>();
  const baseUrls = new Set<string>();
  const facts = await parsedConfig(files, config);
  const projects = [config, ...(await Promise.all((facts?.references ?? []).map((r) => referencedConfig(files, r))))];
  for (const project of projects) {
    if (project === undefined) continue;
    const resolved = await resolveChain(files, project, 0, new Set());
    for (const pattern of resolved.paths ?? []) patterns.add(pattern);
    if (resolved.baseUrl !== undefined) baseUrls.add(resolved.baseUrl);
  }
  return { patterns: [...patterns], baseUrls: [...baseUrls] };
}

/**
 * `paths` and `baseUrl` after `extends`: a file's own setting wins, then the later entries of an
 * `extends` array over the earlier ones (TypeScript's rule). Cycles and chains longer than
 * {@link MAX_EXTENDS} stop.
 */
async function resolveChain(files: ProjectFiles, config: string, depth: number, seen: Set<string>): Promise<{ paths?: readonly string[]; baseUrl?: string }> {
  if (depth > MAX_EXTENDS || seen.has(config)) return {};
  seen.add(config);
  const facts = await parsedConfig(files, config);
  if (!facts) return {};
  let paths = facts.paths;
  let baseUrl = facts.baseUrl;
  for (const target of [...facts.extends].reverse()) {
    if (paths !== undefined && baseUrl !== undefined) break;
    const file = await existingConfig(files, target);
    if (file === undefined) continue;
    const inherited = await resolveChain(files, file, depth + 1, seen);
    paths ??= inherited.paths;
    baseUrl ??= inherited.baseUrl;
  }
  return { paths, baseUrl };
}

function parsedConfig(files: ProjectFiles, config: string): Promise<TsconfigFacts | undefined> {
  return files.parsed('tsconfig', config, (text) => readTsconfig(text, config));
}

/** An `extends` target: the file as written, else with `.json` added. */
async function existingConfig(files: ProjectFiles, target: string): Promise<string | undefined> {
  if ((await files.kind(target)) === 'file') return target;
  if (!target.endsWith('.json') && (await files.kind(`${target}.json`)) === 'file') return `${target}.json`;
  return undefined;
}

/** A `references[].path`: a config file, or a folder holding a tsconfig.json. */
async function referencedConfig(files: ProjectFiles, target: string): Promise<string | undefined> {
  const kind = await files.kind(target);
  if (kind === 'file') return target;
  if (kind === 'dir' && (await files.kind(path.join(target, 'tsconfig.json'))) === 'file') return path.join(target, 'tsconfig.json');
  return undefined;
}

/**
 * Whether some import of the package `name` (`name` itself or `name/…`) matches a `paths` pattern.
 * A catch-all pattern (`*`, empty prefix) only adds lookup locations before node_modules, so it covers
 * nothing.
 */
export function patternCoversPackage(pattern: string, name: string): boolean {
  const star = pattern.indexOf('*');
  if (star < 0) return pattern === name || pattern.startsWith(`${name}/`);
  const prefix = pattern.slice(0, star);
  if (prefix === '') return false;
  return matchesPath(name, [pattern]) || `${name}/`.startsWith(prefix) || prefix.startsWith(`${name}/`);
}

/** Whether `<baseUrl>/<name>` is a folder or a module file (`.ts`, `.js`, … added). */
export async function resolvesUnderBaseUrl(files: ProjectFiles, baseUrl: string, name: string): Promise<boolean> {
  const target = path.join(baseUrl, name);
  const listing = await files.list(path.dirname(target));
  if (!listing) return false;
  const base = path.basename(target);
  const candidates = [base, ...MODULE_EXTENSIONS.map((ext) => base + ext)].filter((n) => listing.has(n));
  for (const candidate of candidates) {
    if ((await files.kind(path.join(path.dirname(target), candidate))) !== undefined) return true;
  }
  return false;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../files/containment';
import { readWorkspaceFile } from '../files/read-workspace-file';
import { asObject, own, parseJsonc } from './project/json';

/** The path aliases of a tsconfig/jsconfig: `compilerOptions.paths` and the folder their targets are relative to. */
export interface AliasConfig {
  paths: Array<[string, string[]]>;
  base: string;
}

/** Configs followed through `extends`, at most (tsc has no limit; a real chain is two or three long). */
export const MAX_EXTENDS_DEPTH = 8;
/** Largest config read, in bytes. */
const MAX_CONFIG_BYTES = 256 * 1024;
/** Entries of an `extends` array followed, at most. */
const MAX_EXTENDS_ENTRIES = 16;

/** What one config and the configs it extends define; later definitions override earlier ones, as in tsc. */
interface Inherited {
  /** `paths` and the folder of the config that defines them (the base when no `baseUrl` is set). */
  paths?: { entries: Array<[string, string[]]>; dir: string };
  /** `baseUrl`, absolute (resolved from the config that defines it). */
  baseUrl?: string;
}

/**
 * The aliases of the config file `file` (a tsconfig.json or jsconfig.json inside `root`), with `paths`
 * and `baseUrl` inherited through relative `extends` (a string or, as in TypeScript 5, an array whose
 * later entries win; the config's own options win over all). Each extended config must be inside the
 * root and is read without following a link out of it; at most {@link MAX_EXTENDS_DEPTH} levels, and a
 * cycle stops where it closes. Package `extends` (`@tsconfig/node20`) are skipped: they define no
 * paths. Null when `file` itself cannot be read.
 */
export function readAliasConfig(file: string, root: string): AliasConfig | null {
  const own = readConfig(file, root, 0, new Set());
  if (!own) return null;
  const base = own.baseUrl ?? own.paths?.dir ?? path.dirname(file);
  return { paths: own.paths?.entries ?? [], base };
}

function readConfig(file: string, root: string, depth: number, seen: Set<string>): Inherited | null {
  if (depth > MAX_EXTENDS_DEPTH || seen.has(file) || !isInside(root, file)) return null;
  const read = readWorkspaceFile(file, { maxBytes: MAX_CONFIG_BYTES, within: root });
  if (!read.ok) return null;
  const data = asObject(parseJsonc(read.bytes.toString('utf8')));
  const dir = path.dirname(file);
  const inherited: Inherited = {};
  const chain = new Set(seen).add(file);
  for (const parent of extendsList(own(data, 'extends'))) {
    const target = extendedFile(dir, parent, root);
    const found = target ? readConfig(target, root, depth + 1, chain) : null;
    if (found?.paths) inherited.paths = found.paths;
    if (found?.baseUrl !== undefined) inherited.baseUrl = found.baseUrl;
  }
  const options = asObject(own(data, 'compilerOptions'));
  const paths = asObject(own(options, 'paths'));
  if (paths) {
    inherited.paths = {
      entries: Object.entries(paths).map(([k, v]): [string, string[]] => [k, Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : []]),
      dir,
    };
  }
  const baseUrl = own(options, 'baseUrl');
  if (typeof baseUrl === 'string') inherited.baseUrl = path.resolve(dir, baseUrl);
  return inherited;
}

function extendsList(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.slice(0, MAX_EXTENDS_ENTRIES).filter((v): v is string => typeof v === 'string' && v !== '');
}

/** The file a relative `extends` names (`./base`, `../tsconfig.base.json`), inside the root; null for packages. */
function extendedFile(dir: string, specifier: string, root: string): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const target = path.resolve(dir, specifier);
  if (!isInside(root, target)) return null;
  // tsc adds `.json` when the name as written is not a file.
  if (target.endsWith('.json') || isFile(target)) return target;
  return `${target}.json`;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

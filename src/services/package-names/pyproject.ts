import { isValidName, normalizePypiName, parsePep508 } from './names';
import { findString, findTableKey, locate, readToml, valueAt, type TomlDocument } from './toml-locate';
import type { PackageRef } from './types';

/**
 * Dependencies declared in a pyproject.toml text: PEP 621 `[project]` dependencies and
 * optional-dependencies, Poetry dependencies and groups (without `python`), uv dev-dependencies and
 * PEP 735 `[dependency-groups]`. A name `[tool.uv.sources]` takes from a path, git, URL or the workspace
 * is not a registry name. TOML syntax errors give whatever could be read. Never throws.
 */
export function extractPyproject(text: string): PackageRef[] {
  const doc = readToml(text);
  const refs: PackageRef[] = [];
  refs.push(...requirementList(doc, ['project', 'dependencies']));
  for (const group of tableKeys(valueAt(doc.data, ['project', 'optional-dependencies']))) {
    refs.push(...requirementList(doc, ['project', 'optional-dependencies', group]));
  }
  refs.push(...poetryTable(doc, ['tool', 'poetry', 'dependencies']));
  refs.push(...poetryTable(doc, ['tool', 'poetry', 'dev-dependencies']));
  for (const group of tableKeys(valueAt(doc.data, ['tool', 'poetry', 'group']))) {
    refs.push(...poetryTable(doc, ['tool', 'poetry', 'group', group, 'dependencies']));
  }
  refs.push(...requirementList(doc, ['tool', 'uv', 'dev-dependencies']));
  for (const group of tableKeys(valueAt(doc.data, ['dependency-groups']))) {
    refs.push(...requirementList(doc, ['dependency-groups', group]));
  }
  return markUvSources(doc, refs);
}

/** uv source kinds that do not install from a package index. */
const UV_NON_REGISTRY_KEYS = ['git', 'path', 'url', 'workspace'];

/** Marks the refs whose `[tool.uv.sources]` entry (a table, or a list of them) is not an index as `registry: false`. */
export function markUvSources(doc: TomlDocument, refs: PackageRef[]): PackageRef[] {
  const sources = valueAt(doc.data, ['tool', 'uv', 'sources']);
  const local = new Set<string>();
  for (const name of tableKeys(sources)) {
    const value = (sources as Record<string, unknown>)[name];
    const entries: unknown[] = Array.isArray(value) ? value : [value];
    if (entries.some((e) => typeof e === 'object' && e !== null && UV_NON_REGISTRY_KEYS.some((key) => key in e))) local.add(normalizePypiName(name));
  }
  for (const ref of refs) if (local.has(normalizePypiName(ref.name))) ref.registry = false;
  return refs;
}

function tableKeys(value: unknown): string[] {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value) : [];
}

/** An array of PEP 508 strings; each string is found in the text after the previous one. */
export function requirementList(doc: TomlDocument, path: string[]): PackageRef[] {
  const list = valueAt(doc.data, path);
  const region = Array.isArray(list) ? locate(doc, path) : undefined;
  if (!Array.isArray(list) || !region) return [];
  const refs: PackageRef[] = [];
  let cursor = region[0];
  for (const item of list) {
    if (typeof item !== 'string') continue;
    const at = findString(doc.text, item, cursor, region[1]);
    if (at === undefined) continue;
    cursor = at + item.length;
    const parsed = parsePep508(item);
    if (!parsed || !isValidName('pypi', parsed.name)) continue;
    const start = at + parsed.start;
    const ref: PackageRef = { ecosystem: 'pypi', name: parsed.name, range: [start, start + parsed.name.length], source: 'manifest', field: path.join('.'), registry: parsed.registry };
    if (parsed.spec !== undefined) ref.spec = parsed.spec;
    refs.push(ref);
  }
  return refs;
}

/** Sources other than the index in a Poetry or Pipfile dependency table. */
const NON_REGISTRY_KEYS = ['git', 'path', 'url', 'file'];

/** A table of `name = spec` entries (Poetry, Pipfile); `skip` lists keys that are not packages. */
export function poetryTable(doc: TomlDocument, path: string[], skip: readonly string[] = ['python']): PackageRef[] {
  const table = valueAt(doc.data, path);
  if (tableKeys(table).length === 0) return [];
  const refs: PackageRef[] = [];
  for (const [name, value] of Object.entries(table as Record<string, unknown>)) {
    if (skip.includes(name.toLowerCase()) || !isValidName('pypi', name)) continue;
    const at = findTableKey(doc, path, name);
    if (at === undefined) continue;
    const ref: PackageRef = { ecosystem: 'pypi', name, range: [at, at + name.length], source: 'manifest', field: path.join('.'), registry: isIndexSpec(value) };
    const spec = specOf(value);
    if (spec !== undefined) ref.spec = spec;
    refs.push(ref);
  }
  return refs;
}

function isIndexSpec(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  return !NON_REGISTRY_KEYS.some((key) => key in value);
}

function specOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  const version = valueAt(value, ['version']);
  return typeof version === 'string' ? version : undefined;
}

import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { isValidName, normalizePypiName, parsePep508 } from '../package-names/names';
import { extractPipfile } from '../package-names/pipfile';
import { extractPyproject } from '../package-names/pyproject';
import { extractRequirements } from '../package-names/requirements';
import { addSites, mergeSites, type Declaration, type DeclarationSites, type DeclaredName } from './declarations';
import type { EntryKind, ProjectFiles } from './files';
import { expandWorkspacePatterns } from './globs';
import { asObject, own, stringArray } from './json';

/** What one Python manifest says about distribution names (all PEP 503-normalised). */
export interface PyManifestFacts {
  /** Distributions it depends on. */
  declared: ReadonlySet<string>;
  /** Where each declared name is written. */
  sites: DeclarationSites;
  /** The project's own distribution name(s). */
  own: ReadonlySet<string>;
  /** Requirements files it pulls in (`-r`, setup.cfg `file:`), absolute. */
  includes: readonly string[];
  /** uv workspace member and exclude globs (`[tool.uv.workspace]`). */
  workspace?: { members: readonly string[]; exclude: readonly string[] };
}

/** The virtual environments looked for in a folder. */
const VENV_NAMES = ['.venv', 'venv', 'env'];
/** How many `-r` levels are followed. */
const MAX_INCLUDE_DEPTH = 5;
/** Most files read from a `requirements/` folder. */
const MAX_REQUIREMENTS_FILES = 50;
/** `requirements.txt`, `requirements-dev.txt`, `dev-requirements.in`, `test_requirements.txt`. */
const REQUIREMENTS_FILE = /(?<![\w.-])(?=[\w.-]*\.(?:txt|in)$)[\w.-]*?requirements/i;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Reads a requirements file: declared names and the `-r` files it includes (resolved next to it). */
export function readRequirementsFile(text: string, file: string): PyManifestFacts {
  const { packages, includes } = extractRequirements(text);
  const resolved = includes
    .filter((include) => include.kind === 'requirement' && !/[$]|:\/\//.test(include.path))
    .map((include) => path.resolve(path.dirname(file), include.path));
  return { declared: normalizedSet(packages.map((p) => p.name)), sites: sitesOf(text, packages), own: new Set(), includes: resolved };
}

/** Reads a pyproject.toml text; undefined when it is not valid TOML. */
export function readPyprojectFile(text: string): PyManifestFacts | undefined {
  const data = parseToml(text) as Record<string, unknown>;
  const tool = asObject(own(data, 'tool'));
  const ownNames = [own(asObject(own(data, 'project')), 'name'), own(asObject(own(tool, 'poetry')), 'name')];
  const refs = extractPyproject(text);
  const facts: PyManifestFacts = {
    declared: normalizedSet(refs.map((p) => p.name)),
    sites: sitesOf(text, refs),
    own: normalizedSet(ownNames.filter((n): n is string => typeof n === 'string')),
    includes: [],
  };
  const uvWorkspace = asObject(own(asObject(own(tool, 'uv')), 'workspace'));
  const members = stringArray(own(uvWorkspace, 'members'));
  if (members.length > 0) facts.workspace = { members, exclude: stringArray(own(uvWorkspace, 'exclude')) };
  return facts;
}

/** Reads a Pipfile text; undefined when it is not valid TOML. */
export function readPipfileFile(text: string): PyManifestFacts | undefined {
  parseToml(text);
  const refs = extractPipfile(text);
  return { declared: normalizedSet(refs.map((p) => p.name)), sites: sitesOf(text, refs), own: new Set(), includes: [] };
}

/**
 * Reads a setup.cfg text (configparser syntax): `[options]` install_requires, tests_require and
 * setup_requires, every `[options.extras_require]` key, `file:` directives, and `[metadata]` name.
 */
export function readSetupCfg(text: string, file: string): PyManifestFacts {
  const sections = parseIni(text);
  const options = sections.get('options');
  const values = ['install_requires', 'tests_require', 'setup_requires'].map((key) => options?.get(key));
  values.push(...(sections.get('options.extras_require')?.values() ?? []));
  const declared: DeclaredName[] = [];
  const includes: string[] = [];
  for (const value of values) {
    if (value === undefined) continue;
    const directive = /^\s*file:\s*(.*)$/s.exec(value);
    if (directive) {
      includes.push(...directive[1].split(/[\s,]+/).filter(Boolean).map((p) => path.resolve(path.dirname(file), p)));
      continue;
    }
    for (const line of value.includes('\n') ? value.split('\n') : value.split(';')) {
      const parsed = parsePep508(line);
      if (parsed && isValidName('pypi', parsed.name)) declared.push({ name: normalizePypiName(parsed.name), registry: parsed.registry });
    }
  }
  const name = sections.get('metadata')?.get('name');
  const sites: DeclarationSites = new Map();
  addSites(sites, text, declared);
  return { declared: new Set(sites.keys()), sites, own: normalizedSet(name ? [name.trim()] : []), includes };
}

/** configparser's format: `[section]`, `key = value` or `key: value`, indented continuation lines. */
function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | undefined;
  let key: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const header = /^\[([^\]]+)\]\s*$/.exec(raw);
    if (header) {
      const name = header[1].trim().toLowerCase();
      if (!sections.has(name)) sections.set(name, new Map());
      section = sections.get(name);
      key = undefined;
    } else if (/^\s/.test(raw) && key !== undefined && section) {
      if (trimmed !== '') section.set(key, `${section.get(key)}\n${trimmed}`);
    } else {
      const pair = /^([^=:\s](?:[^=:]*[^=:\s])?)\s*[=:]\s*((?:\S.*)?)$/.exec(raw);
      key = pair && section ? pair[1].toLowerCase() : undefined;
      if (pair && section && key !== undefined) section.set(key, pair[2].trim());
    }
  }
  return sections;
}

function normalizedSet(names: readonly string[]): Set<string> {
  return new Set(names.filter((n) => isValidName('pypi', n)).map(normalizePypiName));
}

/** Declaration sites of manifest refs, by normalised name. */
function sitesOf(text: string, refs: ReadonlyArray<{ name: string; range: [number, number]; registry: boolean }>): DeclarationSites {
  const sites: DeclarationSites = new Map();
  const names = refs.filter((r) => isValidName('pypi', r.name)).map((r) => ({ name: normalizePypiName(r.name), offset: r.range[0], end: r.range[1], registry: r.registry }));
  addSites(sites, text, names);
  return sites;
}

/** The Python manifests of one folder and of its `requirements/` sub-folder, as absolute paths by kind. */
async function manifestsIn(files: ProjectFiles, dir: string): Promise<Array<[string, string]>> {
  const listing = await files.list(dir);
  if (!listing) return [];
  const found: Array<[string, string]> = [];
  for (const [name, kind] of listing) {
    if (kind === 'dir') continue;
    if (name === 'pyproject.toml' || name === 'Pipfile' || name === 'setup.cfg') found.push([name, path.join(dir, name)]);
    else if (REQUIREMENTS_FILE.test(name)) found.push(['requirements', path.join(dir, name)]);
  }
  // A fixed order (listings come in file-system order), so that the same manifest is named for a name declared twice.
  found.sort(([kindA, a], [kindB, b]) => manifestRank(kindA, a) - manifestRank(kindB, b) || (a < b ? -1 : a > b ? 1 : 0));
  if (listing.has('requirements')) {
    const sub = path.join(dir, 'requirements');
    const names = [...((await files.list(sub)) ?? new Map<string, EntryKind>()).keys()].filter((n) => /\.(?:txt|in)$/i.test(n)).sort();
    for (const name of names.slice(0, MAX_REQUIREMENTS_FILES)) found.push(['requirements', path.join(sub, name)]);
  }
  return found;
}

/** pyproject.toml, then requirements.txt, the other requirements files, Pipfile and setup.cfg. */
function manifestRank(kind: string, file: string): number {
  const order = ['pyproject.toml', 'requirements.txt', 'requirements', 'Pipfile', 'setup.cfg'];
  return order.indexOf(kind === 'requirements' && path.basename(file) === 'requirements.txt' ? 'requirements.txt' : kind);
}

/** One manifest, parsed by its kind and cached. */
function manifestFacts(files: ProjectFiles, kind: string, file: string): Promise<PyManifestFacts | undefined> {
  switch (kind) {
    case 'pyproject.toml':
      return files.parsed('pyproject', file, readPyprojectFile);
    case 'Pipfile':
      return files.parsed('pipfile', file, readPipfileFile);
    case 'setup.cfg':
      return files.parsed('setup.cfg', file, (text) => readSetupCfg(text, file));
    default:
      return files.parsed('requirements', file, (text) => readRequirementsFile(text, file));
  }
}

/** What the Python manifests of one folder declare (and where) and call their own (includes followed, uv members read). */
export interface PythonFolderFacts {
  declared: Set<string>;
  own: Set<string>;
  /** Where each declared name is first written, by normalised name. */
  sites: Map<string, Declaration>;
}

/** What the Python manifests of one folder declare and call their own (includes followed, uv members read). */
export async function pythonFactsIn(files: ProjectFiles, dir: string): Promise<PythonFolderFacts> {
  const folder: PythonFolderFacts = { declared: new Set(), own: new Set(), sites: new Map() };
  for (const [kind, file] of await manifestsIn(files, dir)) {
    const facts = await manifestFacts(files, kind, file);
    if (!facts) continue;
    addDeclared(folder, file, facts);
    for (const name of facts.own) folder.own.add(name);
    await addIncluded(files, folder, facts.includes, 1, new Set([file]));
    if (facts.workspace) for (const name of await uvMemberNames(files, dir, facts.workspace)) folder.own.add(name);
  }
  return folder;
}

function addDeclared(folder: PythonFolderFacts, file: string, facts: PyManifestFacts): void {
  for (const name of facts.declared) folder.declared.add(name);
  mergeSites(folder.sites, file, facts.sites);
}

/** Adds what included requirements files declare, following their own includes up to the depth limit. */
async function addIncluded(files: ProjectFiles, folder: PythonFolderFacts, includes: readonly string[], depth: number, seen: Set<string>): Promise<void> {
  if (depth > MAX_INCLUDE_DEPTH) return;
  for (const file of includes) {
    if (seen.has(file)) continue;
    seen.add(file);
    const facts = await manifestFacts(files, 'requirements', file);
    if (!facts) continue;
    addDeclared(folder, file, facts);
    await addIncluded(files, folder, facts.includes, depth + 1, seen);
  }
}

async function uvMemberNames(files: ProjectFiles, dir: string, workspace: NonNullable<PyManifestFacts['workspace']>): Promise<Set<string>> {
  const names = new Set<string>();
  const patterns = [...workspace.members, ...workspace.exclude.map((e) => `!${e}`)];
  for (const member of await expandWorkspacePatterns(files, dir, patterns)) {
    const facts = await manifestFacts(files, 'pyproject.toml', path.join(member, 'pyproject.toml'));
    for (const name of facts?.own ?? []) names.add(name);
  }
  return names;
}

/** The distributions and top-level modules installed in the virtual environments of one folder. */
export interface VenvIndex {
  /** Distribution names from `*.dist-info`, `*.egg-info`, `*.egg-link` and PEP 660 `__editable__.*.pth`. */
  dists: Set<string>;
  /** Top-level importable names: packages, `x.py`, extension modules. */
  modules: Set<string>;
}

/** Indexes `.venv`, `venv` and `env` in `dir` (each only when it is a folder inside the root). */
export async function venvsIn(files: ProjectFiles, dir: string): Promise<VenvIndex> {
  const index: VenvIndex = { dists: new Set(), modules: new Set() };
  const listing = await files.list(dir);
  for (const name of VENV_NAMES) {
    if (!listing?.has(name)) continue;
    const venv = path.join(dir, name);
    for (const site of await sitePackages(files, venv)) {
      for (const [entry, kind] of (await files.list(site)) ?? []) addSiteEntry(index, entry, kind);
    }
  }
  return index;
}

/** `lib/python3.X/site-packages` (and `pypy…`) on POSIX, `Lib/site-packages` on Windows. */
async function sitePackages(files: ProjectFiles, venv: string): Promise<string[]> {
  const found: string[] = [];
  const lib = await files.list(path.join(venv, 'lib'));
  for (const name of [...(lib?.keys() ?? [])].filter((n) => /^(?:python|pypy)\d/i.test(n)).sort()) {
    found.push(path.join(venv, 'lib', name, 'site-packages'));
  }
  found.push(path.join(venv, 'Lib', 'site-packages'));
  return found;
}

function addSiteEntry(index: VenvIndex, entry: string, kind: EntryKind): void {
  if (/\.(?:dist-info|egg-info|egg-link)$/.test(entry) || /^__editable__\..+\.pth$/.test(entry)) {
    // `<name>-<version>.dist-info`: wheel names escape `-` as `_`, so the name ends at the first `-`.
    const stem = entry.replace(/^__editable__\./, '').replace(/\.[a-z-]+$/, '');
    const name = stem.split('-')[0];
    if (isValidName('pypi', name)) index.dists.add(normalizePypiName(name));
    return;
  }
  if (kind !== 'file' && IDENTIFIER.test(entry)) index.modules.add(entry);
  const module = /^([A-Za-z_][A-Za-z0-9_]*)(?:\.py|(?:\.[\w-]+)?\.(?:so|pyd))$/.exec(entry);
  if (module && kind !== 'dir') index.modules.add(module[1]);
}

/**
 * Whether `<module>.py` or a `<module>/` folder (with or without `__init__.py`) is in `dir`, inside the
 * root after links.
 */
export async function localModuleIn(files: ProjectFiles, dir: string, module: string): Promise<boolean> {
  const listing = await files.list(dir);
  if (!listing) return false;
  if (listing.has(`${module}.py`) && (await files.kind(path.join(dir, `${module}.py`))) === 'file') return true;
  return listing.has(module) && (await files.kind(path.join(dir, module))) === 'dir';
}

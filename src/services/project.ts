import * as path from 'node:path';
import type { Service } from '../engine/analyzer';
import { isValidName, normalizePypiName } from './package-names/names';
import { AllowList } from './project/allow';
import type { Declaration } from './project/declarations';
import { foldersUpTo, isInside, nodeFs, PathCache, ProjectFiles, type ProjectFs } from './project/files';
import { installedIn, ownPackagesIn, packageJsonIn } from './project/npm';
import { localModuleIn, pythonFactsIn, venvsIn } from './project/python';
import { aliasesOf, configIn, patternCoversPackage, resolvesUnderBaseUrl } from './project/tsconfig';

export type { ProjectDirent, ProjectFs, ProjectStats } from './project/files';

/** Name under which rules ask the project service (`meta.requires: ['project']`). */
export const PROJECT_SERVICE = 'project';

/** A question to the project service: what does the repository itself say about this package name? */
export interface ProjectQuery {
  ecosystem: 'npm' | 'pypi';
  /** npm package name, or PyPI distribution name (as written; compared PEP 503-normalised). */
  name: string;
  /** For Python imports: the top-level module imported (`cv2` for opencv-python), to recognise local modules. */
  module?: string;
  /** The file the name was found in, exactly as the engine got it (the caller's resolvePath makes it absolute). */
  file: string;
  source: 'manifest' | 'import' | 'command';
}

/**
 * Why the project already accounts for a name. For `manifest` and `command` queries only `workspace`
 * is checked (a manifest trivially declares its own names); `none` otherwise.
 */
export type ProjectStatus =
  /** In a manifest of `file`'s folder or an ancestor: package.json dependencies of any kind; requirements files (with `-r`), pyproject, Pipfile, setup.cfg. */
  | 'declared'
  /** `node_modules/<name>/package.json` in `file`'s folder or an ancestor; a `.venv`/`venv`/`env` with its dist-info, egg-info or top-level module. */
  | 'installed'
  /** A workspace member (package.json `workspaces`, pnpm-workspace.yaml, lerna.json, uv workspace), or the project's own name. */
  | 'workspace'
  /** Matches a `paths` key of the governing tsconfig/jsconfig (after `extends` and `references`), or a folder/module under its `baseUrl`. */
  | 'path-alias'
  /** Python: `<module>.py` or `<module>/` next to the file, in an ancestor, or in the root's `src/` or `lib/`. */
  | 'local'
  | 'none';

/** Where the project declares a name an import uses: the nearest manifest that declares it. */
export interface DeclaredIn {
  /** The manifest, relative to the root, with `/` separators (`package.json`, `services/api/requirements.txt`). */
  file: string;
  /**
   * The manifest relative to the folder of the query's file, with `/` separators (`../package.json`): what a
   * related location of a finding in that file names (`RelatedLocation.file`).
   */
  fromFile: string;
  /** 1-based line and column of the name in the manifest; absent when its format gives no offsets (setup.cfg). */
  line?: number;
  column?: number;
  /** 1-based line and column just past the name; present with `line`. */
  endLine?: number;
  endColumn?: number;
  /** UTF-16 offsets of the name in the manifest (as the engine reads it: without a byte-order mark); present with `line`. */
  range?: [number, number];
  /**
   * False when a declaration there does not come from the registry under this name (a path, URL, git or
   * workspace source, an `npm:` alias imported under the alias): the name must not be looked up.
   */
  registry: boolean;
}

/** The project service's answer. */
export interface ProjectAnswer {
  status: ProjectStatus;
  /** The team allow-list covers the name: the reason from `.rampart.jsonc` `packages.allow`. */
  allowed?: string;
  /** For an `import` query answered `declared`: where the declaration is written. */
  declaredIn?: DeclaredIn;
}

/** One `.rampart.jsonc` `packages.allow` entry. `name` may be `@scope/*` (npm). */
export interface AllowEntry {
  name: string;
  reason: string;
  /** Only for this registry; both when absent. */
  ecosystem?: 'npm' | 'pypi';
}

/** Options of {@link ProjectService}. */
export interface ProjectServiceOptions {
  /** Makes an engine file path absolute; null = not on disk (virtual document) → only the allow-list applies. */
  resolvePath(file: string): string | null;
  /** Folder the search never goes above (workspace folder / scan root). */
  root: string;
  allow?: readonly AllowEntry[];
  /** File-system access, injectable for the editor; default node:fs/promises. Only reads, stats and readdir. */
  fs?: ProjectFs;
}

type Check = readonly [ProjectStatus, () => Promise<boolean>];

const DOTTED_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const SOURCES: ReadonlySet<unknown> = new Set(['manifest', 'import', 'command']);

/**
 * Answers, from the repository alone, whether a package name is the project's own business: declared in
 * a manifest, installed, a workspace member, a tsconfig alias or a local Python module; and whether the
 * team allow-list covers it. Reads only inside `root`, never executes anything, caches what it parsed
 * (concurrent questions share one read) until {@link invalidate}. Never rejects except on cancellation.
 */
export class ProjectService implements Service {
  private readonly root: string;
  private readonly files: ProjectFiles;
  /** Facts combined from several files (per folder): dropped whole on any invalidation. */
  private readonly derived = new PathCache();
  private readonly allow: AllowList;
  private readonly resolvePath: (file: string) => string | null;

  constructor(options: ProjectServiceOptions) {
    this.root = path.resolve(options.root);
    this.files = new ProjectFiles(options.fs ?? nodeFs, this.root);
    this.allow = new AllowList(Array.isArray(options.allow) ? options.allow : []);
    this.resolvePath = options.resolvePath;
  }

  /** Answers one {@link ProjectQuery}; a malformed query answers `{ status: 'none' }`. */
  async answer(query: unknown, signal: AbortSignal): Promise<ProjectAnswer> {
    const q = asQuery(query);
    if (!q) return { status: 'none' };
    signal?.throwIfAborted();
    const allowed = this.allow.reasonFor(q.ecosystem, q.name);
    const status = await this.statusOf(q, signal);
    const answer: ProjectAnswer = allowed === undefined ? { status } : { status, allowed };
    if (status === 'declared') {
      const declaredIn = await this.declarationOf(q);
      if (declaredIn) answer.declaredIn = declaredIn;
    }
    return answer;
  }

  /** Forget cached facts about this file/folder (editor: a manifest changed); no argument = everything. */
  invalidate(absolutePath?: string): void {
    this.files.invalidate(typeof absolutePath === 'string' ? absolutePath : undefined);
    this.derived.invalidate();
  }

  private async statusOf(q: ProjectQuery, signal: AbortSignal): Promise<ProjectStatus> {
    const file = this.absolute(q.file);
    if (file === undefined || !isValidName(q.ecosystem, q.name)) return 'none';
    const folders = foldersUpTo(path.dirname(file), this.root);
    if (folders.length === 0) return 'none';
    const checks = q.ecosystem === 'npm' ? this.npmChecks(q.name, folders) : this.pypiChecks(q, folders);
    for (const [status, check] of checks) {
      if (q.source !== 'import' && status !== 'workspace') continue;
      signal?.throwIfAborted();
      if (await check()) return status;
    }
    return 'none';
  }

  /** The declaration of a name the query's folder or an ancestor declares, nearest first (parsed files are cached). */
  private async declarationOf(q: ProjectQuery): Promise<DeclaredIn | undefined> {
    const file = this.absolute(q.file);
    if (file === undefined) return undefined;
    for (const dir of foldersUpTo(path.dirname(file), this.root)) {
      const found = await this.declarationIn(q, dir);
      if (!found) continue;
      const { line, column, endLine, endColumn, range, registry } = found;
      const declared: DeclaredIn = { file: posixRelative(this.root, found.file), fromFile: posixRelative(path.dirname(file), found.file), registry };
      if (line !== undefined && column !== undefined && endLine !== undefined && endColumn !== undefined && range) {
        Object.assign(declared, { line, column, endLine, endColumn, range: [range[0], range[1]] });
      }
      return declared;
    }
    return undefined;
  }

  private async declarationIn(q: ProjectQuery, dir: string): Promise<Declaration | undefined> {
    if (q.ecosystem === 'npm') {
      const site = (await packageJsonIn(this.files, dir))?.sites.get(q.name);
      return site && { ...site, file: path.join(dir, 'package.json') };
    }
    const facts = await this.derived.get('py-facts', dir, () => pythonFactsIn(this.files, dir));
    return facts.sites.get(normalizePypiName(q.name));
  }

  /** The query's file made absolute, when it is on disk and inside the root. */
  private absolute(file: string): string | undefined {
    let resolved: unknown;
    try {
      resolved = this.resolvePath(file);
    } catch {
      return undefined;
    }
    if (typeof resolved !== 'string' || resolved === '') return undefined;
    const absolute = path.resolve(resolved);
    return isInside(this.root, absolute) ? absolute : undefined;
  }

  private npmChecks(name: string, folders: readonly string[]): Check[] {
    const [start] = folders;
    return [
      ['workspace', async () => (await this.upward('npm-own', start, (dir) => ownPackagesIn(this.files, dir))).has(name)],
      ['declared', async () => (await this.upward('npm-declared', start, async (dir) => (await packageJsonIn(this.files, dir))?.declared)).has(name)],
      ['path-alias', () => this.isPathAlias(start, name)],
      ['installed', () => someAsync(folders, (dir) => installedIn(this.files, dir, name))],
    ];
  }

  private pypiChecks(q: ProjectQuery, folders: readonly string[]): Check[] {
    const [start] = folders;
    const name = normalizePypiName(q.name);
    const module = topModule(q);
    const facts = (dir: string) => this.derived.get('py-facts', dir, () => pythonFactsIn(this.files, dir));
    const venvs = (dir: string) => this.derived.get('py-venvs', dir, () => venvsIn(this.files, dir));
    const localFolders = [...folders, path.join(this.root, 'src'), path.join(this.root, 'lib')];
    return [
      ['declared', async () => (await this.upward('py-declared', start, async (dir) => (await facts(dir)).declared)).has(name)],
      ['workspace', async () => (await this.upward('py-own', start, async (dir) => (await facts(dir)).own)).has(name)],
      ['local', async () => module !== undefined && someAsync(localFolders, (dir) => localModuleIn(this.files, dir, module))],
      [
        'installed',
        async () => {
          if ((await this.upward('py-dists', start, async (dir) => (await venvs(dir)).dists)).has(name)) return true;
          return module !== undefined && (await this.upward('py-modules', start, async (dir) => (await venvs(dir)).modules)).has(module);
        },
      ],
    ];
  }

  /**
   * The union of `own(dir)` over `dir` and its ancestors up to the root, cached per folder so that the
   * files of one folder share their ancestors' work.
   */
  private upward(space: string, dir: string, own: (dir: string) => Promise<ReadonlySet<string> | undefined>): Promise<Set<string>> {
    return this.derived.get(space, dir, async () => {
      const names = new Set(await own(dir));
      const parent = path.dirname(dir);
      if (dir !== this.root && parent !== dir) for (const name of await this.upward(space, parent, own)) names.add(name);
      return names;
    });
  }

  /** The tsconfig.json/jsconfig.json nearest to `dir`, up to the root. */
  private governingConfig(dir: string): Promise<string | undefined> {
    return this.derived.get('tsconfig-of', dir, async () => {
      const config = await configIn(this.files, dir);
      const parent = path.dirname(dir);
      if (config !== undefined || dir === this.root || parent === dir) return config;
      return this.governingConfig(parent);
    });
  }

  private async isPathAlias(dir: string, name: string): Promise<boolean> {
    const config = await this.governingConfig(dir);
    if (config === undefined) return false;
    const aliases = await this.derived.get('aliases', config, () => aliasesOf(this.files, config));
    if (aliases.patterns.some((pattern) => patternCoversPackage(pattern, name))) return true;
    return someAsync(aliases.baseUrls, (baseUrl) => resolvesUnderBaseUrl(this.files, baseUrl, name));
  }
}

/** `to` relative to the folder `from`, with `/` separators. */
function posixRelative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join('/');
}

/** Whether `test` holds for some item, tried in order. */
async function someAsync<T>(items: readonly T[], test: (item: T) => Promise<boolean>): Promise<boolean> {
  for (const item of items) if (await test(item)) return true;
  return false;
}

/** The top-level module of a Python query: `module`'s first part, else the name spelled as a module. */
function topModule(q: ProjectQuery): string | undefined {
  if (q.module !== undefined) return DOTTED_IDENTIFIER.test(q.module) ? q.module.split('.')[0] : undefined;
  const guess = q.name.replace(/[-.]/g, '_');
  return DOTTED_IDENTIFIER.test(guess) ? guess : undefined;
}

function asQuery(value: unknown): ProjectQuery | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const q = value as Record<string, unknown>;
  if (q.ecosystem !== 'npm' && q.ecosystem !== 'pypi') return undefined;
  if (typeof q.name !== 'string' || q.name === '' || q.name.length > 1000) return undefined;
  if (typeof q.file !== 'string' || !SOURCES.has(q.source)) return undefined;
  if (q.module !== undefined && typeof q.module !== 'string') return undefined;
  const query: ProjectQuery = { ecosystem: q.ecosystem, name: q.name, file: q.file, source: q.source as ProjectQuery['source'] };
  if (q.module !== undefined) query.module = q.module as string;
  return query;
}

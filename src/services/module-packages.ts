import * as path from 'node:path';
import { isInside } from '../files/containment';
import { isValidName } from './package-names/names';
import { nodeFs, ProjectFiles } from './project/files';
import { expandWorkspacePatterns } from './project/globs';
import { asObject, own, parseJsonc, stringArray } from './project/json';
import { readLernaJson, readPnpmWorkspace } from './project/npm';

/**
 * Conditions of an `exports` entry tried, in this order (not the map's own order): `types` first, since
 * in a TypeScript monorepo it leads to the sources, then the ESM, default and CommonJS builds.
 */
const CONDITIONS = ['types', 'import', 'default', 'require', 'node'] as const;
/** Folders builds write to: a missing `./dist/index.js` is looked for as `./src/index.ts` (and `./index.ts`). */
const BUILD_FOLDERS = new Set(['dist', 'build', 'lib', 'out', 'esm', 'cjs', 'es', 'module', 'types', 'typings']);
/** Leading build folders dropped from a target, at most (`./dist/esm/index.js`). */
const MAX_BUILD_PREFIX = 2;
/** Targets collected from one `exports` entry (nested conditions and fallback arrays), at most. */
const MAX_TARGETS = 32;
/** Declaration files: no code to analyse, only the sources they were emitted from. */
const DECLARATION = /\.d\.[mc]?ts$/;

/** A package of the workspace: its folder and its manifest. */
interface Member {
  dir: string;
  manifest: Record<string, unknown>;
}

/** Finds the file of a specifier relative to a folder (extensions, `index`, the TS source of a `.js` name), inside the root. */
export type FileResolver = (from: string, specifier: string) => string | null;

/**
 * The packages of a workspace (monorepo) by name, and how a bare specifier that names one of them
 * (`@acme/utils`, `@acme/utils/strings`) leads to a file: through the package's `exports` (a string,
 * `"."`, subpaths and `*` patterns, conditions by {@link CONDITIONS}), else `module`, `main` and
 * `index.*`. A built file that does not exist (`./dist/index.js`) stands for its source (`src/index.ts`).
 * Members are the folders the root package.json `workspaces` (an array or `{ packages }`),
 * pnpm-workspace.yaml or lerna.json name, and the root package when it has `exports`; nothing under node_modules,
 * nothing outside the root, no link out of it. A name two folders claim resolves to nothing.
 * The map is read once, until {@link clear}.
 */
export class WorkspacePackages {
  private members: Promise<ReadonlyMap<string, Member | null>> | undefined;
  private readonly files: ProjectFiles;

  constructor(private readonly root: string) {
    this.files = new ProjectFiles(nodeFs, root);
  }

  /** Forgets the packages read (the editor calls this when manifests change). */
  clear(): void {
    this.members = undefined;
    this.files.invalidate();
  }

  /** The workspace packages by name (for tests and diagnostics). */
  async names(): Promise<string[]> {
    return [...(await this.load())].filter(([, m]) => m !== null).map(([name]) => name).sort();
  }

  /** The file a bare specifier leads to when it names a workspace package; null otherwise. */
  async resolve(specifier: string, resolveFile: FileResolver): Promise<string | null> {
    const parts = splitSpecifier(specifier);
    if (!parts) return null;
    const member = (await this.load()).get(parts.name);
    if (!member) return null;
    const file = entryFile(member, parts.subpath, resolveFile);
    return file && this.allowed(file) ? file : null;
  }

  /** Inside the root, not under node_modules. */
  private allowed(file: string): boolean {
    return isInside(this.root, file) && !path.relative(this.root, file).split(path.sep).includes('node_modules');
  }

  private load(): Promise<ReadonlyMap<string, Member | null>> {
    this.members ??= this.read().catch(() => new Map());
    return this.members;
  }

  private async read(): Promise<Map<string, Member | null>> {
    const manifest = (dir: string) => this.files.parsed('manifest', path.join(dir, 'package.json'), (text) => asObject(parseJsonc(text)));
    const rootManifest = await manifest(this.root);
    const workspaces = own(rootManifest, 'workspaces');
    const patterns = Array.isArray(workspaces) ? stringArray(workspaces) : stringArray(own(asObject(workspaces), 'packages'));
    patterns.push(...((await this.files.parsed('pnpm-workspace', path.join(this.root, 'pnpm-workspace.yaml'), readPnpmWorkspace)) ?? []));
    if ((await this.files.kind(path.join(this.root, 'lerna.json'))) === 'file') {
      patterns.push(...((await this.files.parsed('lerna', path.join(this.root, 'lerna.json'), readLernaJson)) ?? []));
    }
    // The root package by its own name only with `exports`, as Node resolves a package's import of itself.
    const self = own(rootManifest, 'exports') !== undefined ? [this.root] : [];
    const dirs = [...self, ...(patterns.length > 0 ? await expandWorkspacePatterns(this.files, this.root, patterns) : [])];
    const members = new Map<string, Member | null>();
    for (const dir of new Set(dirs)) {
      if (!this.allowed(dir)) continue;
      const data = dir === this.root ? rootManifest : await manifest(dir);
      const name = own(data, 'name');
      if (!data || typeof name !== 'string' || !isValidName('npm', name)) continue;
      // Two folders claiming one name: which one an import means is a guess.
      members.set(name, members.has(name) ? null : { dir, manifest: data });
    }
    return members;
  }
}

/** `@acme/utils/strings` -> `@acme/utils` and `./strings`; null for relative, absolute, builtin-looking or malformed specifiers. */
function splitSpecifier(specifier: string): { name: string; subpath: string } | null {
  if (specifier.length > 500 || specifier.startsWith('.') || specifier.startsWith('/') || specifier.includes(':') || specifier.includes('\\')) return null;
  const segments = specifier.split('/');
  const count = specifier.startsWith('@') ? 2 : 1;
  if (segments.length < count || segments.some((s) => s === '' || s === '.' || s === '..' || s === 'node_modules')) return null;
  const rest = segments.slice(count);
  return { name: segments.slice(0, count).join('/'), subpath: rest.length > 0 ? `./${rest.join('/')}` : '.' };
}

/** The file a subpath of a package leads to: `exports` when the package has them, else `module`/`main`/`index` or the path itself. */
function entryFile(member: Member, subpath: string, resolveFile: FileResolver): string | null {
  const exports = own(member.manifest, 'exports');
  if (exports !== undefined && exports !== null) {
    for (const target of exportTargets(exports, subpath)) {
      const file = targetFile(member.dir, target, resolveFile);
      if (file) return file;
    }
    // Node refuses a subpath the map does not export; the package's main entry is still its main entry.
    if (subpath !== '.') return null;
  }
  if (subpath !== '.') return resolveFile(member.dir, subpath);
  for (const field of ['module', 'main']) {
    const value = own(member.manifest, field);
    if (typeof value !== 'string' || value === '') continue;
    const file = targetFile(member.dir, value.startsWith('./') ? value : `./${value}`, resolveFile);
    if (file) return file;
  }
  return resolveFile(member.dir, './index');
}

/** The targets `exports` gives a subpath, best first; `*` of a pattern key replaced by what it matched. */
function exportTargets(exports: unknown, subpath: string): string[] {
  const map = asObject(exports);
  if (!map || !Object.keys(map).some((k) => k.startsWith('.'))) return subpath === '.' ? conditionTargets(exports, { left: MAX_TARGETS }) : [];
  if (Object.hasOwn(map, subpath)) return conditionTargets(map[subpath], { left: MAX_TARGETS });
  // The pattern with the longest prefix before its one `*` wins, as in Node.
  let best: { key: string; match: string; prefix: number } | null = null;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star < 0 || key.indexOf('*', star + 1) >= 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.length < key.length - 1 || !subpath.startsWith(prefix) || !subpath.endsWith(suffix)) continue;
    if (!best || prefix.length > best.prefix) best = { key, match: subpath.slice(star, subpath.length - suffix.length), prefix: prefix.length };
  }
  if (!best) return [];
  const { key, match } = best;
  return conditionTargets(map[key], { left: MAX_TARGETS }).map((t) => t.split('*').join(match));
}

/** The string targets of an entry: itself, each of a fallback array, or the conditions in preference order. */
function conditionTargets(value: unknown, budget: { left: number }): string[] {
  if (budget.left-- <= 0) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => conditionTargets(v, budget));
  const conditions = asObject(value);
  if (!conditions) return [];
  return CONDITIONS.flatMap((c) => (Object.hasOwn(conditions, c) ? conditionTargets(conditions[c], budget) : []));
}

/**
 * The file an `exports`/`main` target names inside the package folder: the file itself (or the TS source
 * next to an emitted `.js` name), else, when it is missing or a declaration file, its source with the build
 * folders dropped (`./dist/esm/index.js` -> `./src/index.ts`, then `./index.ts`). Targets that leave the
 * package (`..`), go into node_modules or are not `./`-relative are refused, as Node does.
 */
function targetFile(dir: string, target: string, resolveFile: FileResolver): string | null {
  if (!target.startsWith('./') || target.length > 500) return null;
  const segments = target.slice(2).split('/');
  if (segments.some((s) => s === '' || s === '.' || s === '..' || s === 'node_modules')) return null;
  const declaration = DECLARATION.test(target);
  if (!declaration) {
    const direct = resolveFile(dir, target);
    if (direct) return direct;
  }
  let rest = segments;
  for (let i = 0; i < MAX_BUILD_PREFIX && rest.length > 1 && BUILD_FOLDERS.has(rest[0]); i++) rest = rest.slice(1);
  const last = rest.length - 1;
  // `index.d.ts` -> `index` (any source extension); `index.js` stays: the resolver maps it to `index.ts`.
  const source = [...rest.slice(0, last), rest[last].replace(DECLARATION, '')].join('/');
  for (const candidate of [`./src/${source}`, `./${source}`]) {
    if (candidate === target) continue;
    const file = resolveFile(dir, candidate);
    if (file && !DECLARATION.test(file)) return file;
  }
  return null;
}

import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { extractPackageJson } from '../package-names/package-json';
import { isValidName } from '../package-names/names';
import { addSites, type DeclarationSites, type DeclaredName } from './declarations';
import type { ProjectFiles } from './files';
import { expandWorkspacePatterns } from './globs';
import { asObject, own, parseJsonc, stringArray } from './json';

/** What one package.json says about names. */
export interface PackageJsonFacts {
  /** The package's own `name`. */
  name?: string;
  /** Every dependency of any kind (not `overrides`), with the local names of `npm:` aliases. */
  declared: ReadonlySet<string>;
  /** Where each declared name is written; an alias is declared at its `npm:` spec and is not a registry name. */
  sites: DeclarationSites;
  /** `workspaces` patterns (the array form or `{ packages }`), when there are any. */
  workspaces?: readonly string[];
}

/** Reads a package.json text; undefined when it is not valid JSON with an object at the top. */
export function readPackageJson(text: string): PackageJsonFacts | undefined {
  const data = asObject(parseJsonc(text));
  if (!data) return undefined;
  const declared = new Set<string>();
  const names: DeclaredName[] = [];
  for (const ref of extractPackageJson(text)) {
    if (ref.field === 'overrides') continue;
    declared.add(ref.name);
    names.push({ name: ref.name, offset: ref.range[0], end: ref.range[1], registry: ref.registry });
    if (ref.alias === undefined) continue;
    declared.add(ref.alias);
    names.push({ name: ref.alias, offset: ref.range[0], end: ref.range[1], registry: false });
  }
  const sites: DeclarationSites = new Map();
  addSites(sites, text, names);
  const facts: PackageJsonFacts = { declared, sites };
  const name = own(data, 'name');
  if (typeof name === 'string' && isValidName('npm', name)) facts.name = name;
  const workspaces = own(data, 'workspaces');
  const patterns = Array.isArray(workspaces) ? stringArray(workspaces) : stringArray(own(asObject(workspaces), 'packages'));
  if (patterns.length > 0) facts.workspaces = patterns;
  return facts;
}

/** The `packages` globs of a pnpm-workspace.yaml text. */
export function readPnpmWorkspace(text: string): string[] {
  const data = asObject(parseYaml(text, { maxAliasCount: 100, prettyErrors: false }));
  return stringArray(own(data, 'packages'));
}

/** The `packages` globs of a lerna.json text; Lerna's default `packages/*` when it sets none. */
export function readLernaJson(text: string): string[] | undefined {
  const data = asObject(parseJsonc(text));
  if (!data) return undefined;
  const packages = own(data, 'packages');
  return Array.isArray(packages) ? stringArray(packages) : ['packages/*'];
}

/** The parsed package.json in `dir`, cached. */
export function packageJsonIn(files: ProjectFiles, dir: string): Promise<PackageJsonFacts | undefined> {
  return files.parsed('package.json', path.join(dir, 'package.json'), readPackageJson);
}

/**
 * The names this folder contributes to the project's own packages: its package.json `name`, and the
 * names of the members its package.json `workspaces`, pnpm-workspace.yaml or lerna.json declare.
 */
export async function ownPackagesIn(files: ProjectFiles, dir: string): Promise<Set<string>> {
  const names = new Set<string>();
  const listing = await files.list(dir);
  if (!listing) return names;
  const patterns: string[] = [];
  if (listing.has('package.json')) {
    const facts = await packageJsonIn(files, dir);
    if (facts?.name) names.add(facts.name);
    patterns.push(...(facts?.workspaces ?? []));
  }
  if (listing.has('pnpm-workspace.yaml')) {
    patterns.push(...((await files.parsed('pnpm-workspace', path.join(dir, 'pnpm-workspace.yaml'), readPnpmWorkspace)) ?? []));
  }
  if (listing.has('lerna.json')) {
    patterns.push(...((await files.parsed('lerna', path.join(dir, 'lerna.json'), readLernaJson)) ?? []));
  }
  if (patterns.length === 0) return names;
  for (const member of await expandWorkspacePatterns(files, dir, patterns)) {
    const facts = await packageJsonIn(files, member);
    if (facts?.name) names.add(facts.name);
  }
  return names;
}

/** Whether `dir/node_modules/<name>/package.json` exists (links followed only inside the root). */
export async function installedIn(files: ProjectFiles, dir: string, name: string): Promise<boolean> {
  const listing = await files.list(dir);
  if (!listing?.has('node_modules')) return false;
  return (await files.kind(path.join(dir, 'node_modules', name, 'package.json'))) === 'file';
}

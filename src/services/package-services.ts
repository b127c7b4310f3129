import * as path from 'node:path';
import type { Service } from '../engine/analyzer';
import type { PackagesConfig } from '../config';
import { loadNpmConfig, workspaceRegistryUrl } from './npm-config';
import { NpmRegistry } from './npm-registry';
import { loadPipConfig } from './pip-config';
import { MODULES_SERVICE, ModuleService, type ModuleServiceOptions } from './modules';
import { PROJECT_SERVICE, ProjectService } from './project';
import { PyPiRegistry } from './pypi-registry';
import { REGISTRY_SERVICE, RegistryService } from './registry-service';
import { TEMPLATES_SERVICE, TemplateService } from './templates';

/** The module analysis and its budget: the options of {@link ModuleService} a front-end chooses. */
export type ModuleAnalysis = Pick<ModuleServiceOptions, 'analyze' | 'maxDepth' | 'maxAnalyses' | 'questionBudgetMs'>;

/** What {@link createPackageServices} needs to know about the scan and the machine. */
export interface PackageServicesInput {
  /** The `packages` section of the configuration that governs the scanned folder. */
  packages: PackagesConfig;
  /** The folder scanned (CLI) or the workspace folder (editor); project facts are never read above it. */
  root: string;
  /** Makes an engine file path absolute; null for documents that are not on disk. */
  resolvePath(file: string): string | null;
  /** Environment for npm and pip configuration (`npm_config_*`, `PIP_INDEX_URL`, …). */
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  /** Answer from the cache only: no request leaves the machine. */
  offline: boolean;
  /** Folder of the on-disk look-up cache; none when absent. */
  cacheDir?: string;
  /** Per-request timeout in ms (default 5000). */
  timeoutMs?: number;
  /** Node's own HTTP agents for npm (the VS Code extension host; see `NpmRegistryOptions.plainAgents`). */
  plainAgents?: boolean;
  /** How a workspace module is analysed for calls into it, and the budget (see {@link ModuleService}); without it, calls are not followed. */
  analyzeModule?: ModuleAnalysis;
}

/** The services the `packages/*` rules ask, and handles on them for notes and cache invalidation. */
export interface PackageServices {
  services: Record<string, Service>;
  registry: RegistryService;
  project: ProjectService;
  /** Calls into workspace modules, when an analysis was given. */
  modules?: ModuleService;
  /** View files rendered by name (`res.render('profile', …)`), read inside the root. */
  templates: TemplateService;
  /** Problems reading npm and pip configuration, already redacted; they matter once a name of that registry is looked up. */
  warnings: { npm: readonly string[]; pypi: readonly string[] };
  /** Where names are looked up, for the log: npm registry and PyPI index URLs without credentials. */
  endpoints: { npm: string; pypi: readonly string[] };
}

/**
 * Builds the project and registry services from the user's own npm and pip configuration, with the
 * team's `packages` settings on top: `registries` replace the configured URLs (credentials still come only
 * from the user's configuration and go only to the registries it names; see {@link loadNpmConfig}), and
 * `allow` names are never looked up.
 */
export async function createPackageServices(input: PackageServicesInput): Promise<PackageServices> {
  const { packages, env, homedir } = input;
  const root = path.resolve(input.root);
  const [npmConfig, pipConfig] = await Promise.all([loadNpmConfig({ cwd: root, env, homedir }), loadPipConfig({ cwd: root, env, homedir })]);
  const settings = { offline: input.offline, cacheDir: input.cacheDir, timeoutMs: input.timeoutMs };
  const allowFor = (ecosystem: 'npm' | 'pypi') => packages.allow.filter((a) => (a.ecosystem ?? ecosystem) === ecosystem).map((a) => a.name);
  // The team file names registries like a project .npmrc does: credentials follow only the user's trust.
  const teamNpm = workspaceRegistryUrl(packages.registries.npm);
  const teamScopes = Object.entries(packages.registries.scopes ?? {}).flatMap(([scope, url]) => {
    const checked = workspaceRegistryUrl(url);
    return checked ? [[scope, checked] as const] : [];
  });
  const npm = new NpmRegistry({
    ...settings,
    fetchOptions: teamNpm ? { ...npmConfig.options, registry: teamNpm } : npmConfig.options,
    credentials: npmConfig.credentials,
    trustedOrigins: npmConfig.trustedOrigins,
    scopes: Object.fromEntries(teamScopes),
    allow: allowFor('npm'),
    plainAgents: input.plainAgents,
  });
  const teamPypi = workspaceRegistryUrl(packages.registries.pypi);
  const pypi = new PyPiRegistry({
    ...settings,
    indexUrl: teamPypi ?? pipConfig.indexUrl,
    extraIndexUrls: teamPypi ? [] : pipConfig.extraIndexUrls,
    allow: allowFor('pypi'),
  });
  const registry = new RegistryService({ npm, pypi });
  const project = new ProjectService({ root, resolvePath: input.resolvePath, allow: packages.allow });
  const modules = input.analyzeModule ? new ModuleService({ ...input.analyzeModule, root, resolvePath: input.resolvePath }) : undefined;
  const templates = new TemplateService({ root, resolvePath: input.resolvePath });
  return {
    services: { [PROJECT_SERVICE]: project, [REGISTRY_SERVICE]: registry, [TEMPLATES_SERVICE]: templates, ...(modules ? { [MODULES_SERVICE]: modules } : {}) },
    modules,
    templates,
    registry,
    project,
    warnings: { npm: npmConfig.warnings, pypi: pipConfig.warnings },
    endpoints: { npm: npm.registryFor('x').replace(/\/\/[^/@]*@/, '//'), pypi: pypi.indexUrls() },
  };
}

/** The CLI's default cache folder: `$XDG_CACHE_HOME/rampart`, else `~/.cache/rampart`. */
export function defaultCacheDir(env: Readonly<Record<string, string | undefined>>, homedir: string): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir, '.cache');
  return path.join(base, 'rampart', 'registry');
}

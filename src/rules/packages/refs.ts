import { lastAnswer } from '../../engine/memo';
import { findNodeAtOffset, getNodePath, type Node } from 'jsonc-parser';
import type { Classification } from '../../engine/classify';
import type { RuleContext } from '../../engine/rule';
import type { FixDescriptor, Range, ReportLocation } from '../../engine/types';
import type { JsParsedFile } from '../../languages/js/parse';
import { jsonEdits, type JsonHelpers } from '../../languages/json';
import {
  extractInstallCommands,
  extractPackageJson,
  extractPipfile,
  extractPyproject,
  extractRequirements,
  extractScriptMetadata,
  importedSpecifiers,
  mayHoldInstallCommand,
  normalizePypiName,
  packageOfSpecifier,
  pythonImportRefs,
  type Ecosystem,
  type PackageRef,
  type PackageSource,
  type PythonImportInput,
} from '../../services/package-names';
import { PROJECT_SERVICE, type DeclaredIn, type ProjectAnswer, type ProjectQuery } from '../../services/project';
import type { PackageInfo } from '../../services/registry-common';
import { REGISTRY_SERVICE } from '../../services/registry-service';
import { launchedPackage, mcpConfig } from '../agent/mcp-model';
import { agentFileKind } from '../agent/files';

/** A package name found in the file, with what the rules need beyond {@link PackageRef}. */
export interface SourcedRef extends PackageRef {
  /** The module as imported (`lodash/fp`, `cv2`), for import refs. */
  module?: string;
  /** A Python import inside `try: … except ImportError` (an optional dependency). */
  guarded?: boolean;
  /** Whether `range` holds the package name itself, so another name can replace it. */
  renamable: boolean;
}

/** Every ref of one package in a file, once the project said it needs checking. */
export interface PackageGroup {
  ecosystem: Ecosystem;
  /** The name as declared in the file, else as first written in it. */
  name: string;
  /** `manifest` when the file declares the package (its imports then count as declared), else the first ref's. */
  source: PackageSource;
  refs: SourcedRef[];
  project: ProjectAnswer;
}

/** A registry answer that says something: found, not found, or without published versions. */
export type RegistryAnswer = Extract<PackageInfo, { status: 'found' | 'not-found' | 'unpublished' }>;

/** A package the registry found. */
export type FoundPackage = Extract<PackageInfo, { status: 'found' }>;

/** Python import as the Python adapter's helpers list it (`context.lang.imports()`). */
type PythonImport = PythonImportInput & { kind: 'import' | 'from' };

type FileKind = 'package-json' | 'requirements' | 'pyproject' | 'pipfile' | 'commands' | 'devcontainer' | 'mcp' | 'js' | 'python';

/** Agent configurations whose MCP servers run registry packages (`npx -y pkg`, `uvx pkg`). */
const MCP_KINDS = new Set(['mcp-vscode', 'mcp-servers', 'gemini-settings', 'codex-config']);

/** Text dialects whose install commands count: READMEs and agent instructions, rules files, shell and PowerShell scripts. */
const COMMAND_TEXT = new Set(['markdown', 'rules', 'shell', 'powershell']);
const COMMAND_YAML = new Set(['github-workflow', 'github-action']);
/** CI configurations of other services, by file name (their `script:`/`run:`/`command:` lines are shell). */
const CI_YAML = new Set(['.gitlab-ci.yml', '.gitlab-ci.yaml', '.travis.yml', 'bitbucket-pipelines.yml', 'azure-pipelines.yml', 'azure-pipelines.yaml', '.drone.yml', 'buildspec.yml', 'cloudbuild.yaml', 'cloudbuild.yml', 'appveyor.yml', '.appveyor.yml']);
/** Dev container lifecycle commands: shell commands that run when the container is created or started. */
const DEVCONTAINER_COMMANDS = ['initializeCommand', 'onCreateCommand', 'updateContentCommand', 'postCreateCommand', 'postStartCommand', 'postAttachCommand'];
/** Most other refs of a package one finding links to as related locations. */
const MAX_RELATED = 10;
/** Statuses that mean "not a registry package": never looked up, whatever the source. */
const LOCAL_STATUSES = new Set(['workspace', 'path-alias', 'local']);
const MEMO_SIZE = 16;
const DAY_MS = 86_400_000;

const memo = new Map<string, { text: string; classification: Classification; kind: FileKind | null; refs: readonly SourcedRef[] }>();
const NO_REFS: readonly SourcedRef[] = Object.freeze([]);

/**
 * The package names of the file the rule runs on, chosen by its classification: manifests, install
 * commands in prose, scripts, Dockerfiles and CI workflows, JS/TS imports (type-only ones left out) and
 * Python imports. Only names that resolve through a registry. Memoised per file text: several rules
 * share the result, so it must not be modified.
 */
export function packageRefs(context: RuleContext): readonly SourcedRef[] {
  const cached = memo.get(context.file);
  // The rules of one file share its classification object: the file's kind is then known too.
  if (cached && cached.text === context.text && cached.classification === context.classification) return cached.refs;
  const kind = fileKind(context.classification, context.file);
  if (cached && cached.text === context.text && cached.kind === kind) return cached.refs;
  const refs = kind ? Object.freeze(readRefs(kind, context).filter((r) => r.registry)) : NO_REFS;
  memo.delete(context.file);
  memo.set(context.file, { text: context.text, classification: context.classification, kind, refs });
  if (memo.size > MEMO_SIZE) memo.delete(memo.keys().next().value as string);
  return refs;
}

/** {@link mayHoldInstallCommand} of the last text: the engine asks once per packages rule, for the same file in a row. */
const holdsInstallCommand = lastAnswer(mayHoldInstallCommand);

/**
 * Whether the packages rules can find a package name in the file (the engine skips them when not): YAML
 * files, Dockerfiles and prose are read only for install commands, which name their tool. Other kinds
 * are always read.
 */
export function mayHoldPackages(text: string, classification: Classification): boolean {
  const { language, dialect } = classification;
  if (language !== 'yaml' && language !== 'dockerfile' && !(language === 'text' && COMMAND_TEXT.has(dialect))) return true;
  return holdsInstallCommand(text);
}

function fileKind(classification: Classification, file: string): FileKind | null {
  const segments = file.toLowerCase().split(/[\\/]/);
  const base = segments[segments.length - 1];
  const { language, dialect } = classification;
  if ((language === 'json' || language === 'toml') && MCP_KINDS.has(agentFileKind(file) ?? '')) return 'mcp';
  switch (language) {
    case 'json':
      if (base === 'devcontainer.json' || base === '.devcontainer.json') return 'devcontainer';
      return base === 'package.json' ? 'package-json' : null;
    case 'text':
      if (dialect === 'requirements') return 'requirements';
      return COMMAND_TEXT.has(dialect) ? 'commands' : null;
    case 'toml':
      if (dialect === 'pyproject' || base === 'pyproject.toml') return 'pyproject';
      return dialect === 'pipfile' || base === 'pipfile' ? 'pipfile' : null;
    case 'dockerfile':
      return 'commands';
    case 'yaml':
      if (COMMAND_YAML.has(dialect) || CI_YAML.has(base)) return 'commands';
      return base === 'config.yml' && segments[segments.length - 2] === '.circleci' ? 'commands' : null;
    case 'js':
      return 'js';
    case 'python':
      return 'python';
    default:
      return null;
  }
}

function readRefs(kind: FileKind, context: RuleContext): SourcedRef[] {
  const { text } = context;
  const renamable = (refs: PackageRef[]): SourcedRef[] => refs.map((r) => ({ ...r, renamable: true }));
  switch (kind) {
    case 'package-json':
      // The JSON adapter's tree is the one jsonc-parser would build: no second parse.
      return renamable(extractPackageJson(text, (context.lang as JsonHelpers | undefined)?.tree));
    case 'requirements':
      return renamable(extractRequirements(text).packages);
    case 'pyproject':
      return renamable(extractPyproject(text));
    case 'pipfile':
      return renamable(extractPipfile(text));
    case 'commands':
      return renamable(extractInstallCommands(text));
    case 'devcontainer':
      return renamable(devcontainerCommands(context));
    case 'mcp':
      return mcpRefs(context);
    case 'js':
      return jsRefs((context.lang as { parsed: JsParsedFile }).parsed, text);
    case 'python': {
      const lang = context.lang as { imports?: () => PythonImport[] } | undefined;
      return scriptRefs(text, typeof lang?.imports === 'function' ? pythonRefs(lang.imports(), text) : []);
    }
  }
}

/**
 * The install commands of a dev container's lifecycle commands: a string, or an object of named
 * strings (parallel commands). The array form runs without a shell and is left out, as are strings
 * written with escapes (their offsets would not match).
 */
function devcontainerCommands(context: RuleContext): PackageRef[] {
  const root = (context.lang as JsonHelpers | undefined)?.tree;
  const refs: PackageRef[] = [];
  const read = (node: Node | undefined): void => {
    if (node?.type !== 'string' || typeof node.value !== 'string') return;
    const start = node.offset + 1;
    if (context.text.slice(start, node.offset + node.length - 1) !== node.value) return;
    for (const ref of extractInstallCommands(node.value)) refs.push({ ...ref, range: [ref.range[0] + start, ref.range[1] + start] });
  };
  for (const prop of root?.type === 'object' ? (root.children ?? []) : []) {
    const [key, value] = prop.children ?? [];
    if (!DEVCONTAINER_COMMANDS.includes(String(key?.value))) continue;
    if (value?.type === 'object') for (const named of value.children ?? []) read(named.children?.[1]);
    else read(value);
  }
  return refs;
}

/**
 * A script's inline metadata (PEP 723) declares its dependencies: they are refs like a manifest's, and
 * an import of a name the block takes from a path, git or a URL is not a registry name.
 */
function scriptRefs(text: string, imports: SourcedRef[]): SourcedRef[] {
  const declared = extractScriptMetadata(text);
  if (declared.length === 0) return imports;
  const local = new Set(declared.filter((r) => !r.registry).map((r) => normalizePypiName(r.name)));
  return [...declared.map((r) => ({ ...r, renamable: true })), ...imports.filter((r) => !local.has(normalizePypiName(r.name)))];
}

/** The package each MCP server runs through npx/uvx/pipx, when the name is written without escapes. */
function mcpRefs(context: RuleContext): SourcedRef[] {
  const refs: SourcedRef[] = [];
  for (const server of mcpConfig(context)?.servers ?? []) {
    const pkg = launchedPackage(server);
    if (!pkg || !pkg.word.exact) continue;
    const start = pkg.word.range[0] + pkg.nameStart;
    const spec = pkg.spec?.replace(/^@/, '');
    refs.push({ ecosystem: pkg.ecosystem, name: pkg.name, range: [start, start + pkg.name.length], source: 'command', field: pkg.runner, registry: true, ...(spec ? { spec } : {}), renamable: true });
  }
  return refs;
}

/** Bare imports of npm packages; type-only imports are erased from the emitted code and are left out. */
function jsRefs(parsed: JsParsedFile, text: string): SourcedRef[] {
  const refs: SourcedRef[] = [];
  for (const imported of importedSpecifiers(parsed)) {
    if (imported.typeOnly) continue;
    const pkg = packageOfSpecifier(imported.specifier);
    if (!('name' in pkg)) continue;
    const [start, end] = imported.range;
    // An escaped specifier is reported on the whole string and never renamed.
    const at = text.slice(start, end) === imported.specifier ? imported.specifier.indexOf(pkg.name) : -1;
    const range: [number, number] = at >= 0 ? [start + at, start + at + pkg.name.length] : [start, end];
    refs.push({ ecosystem: 'npm', name: pkg.name, range, source: 'import', field: imported.kind, registry: true, module: imported.specifier, renamable: at >= 0 });
  }
  return refs;
}

/** Absolute imports of PyPI distributions; the standard library and relative imports are left out. */
function pythonRefs(imports: readonly PythonImport[], text: string): SourcedRef[] {
  const refs: SourcedRef[] = [];
  for (const imported of imports) {
    // Renaming `import reqeusts` would break every later `reqeusts.get(…)`; `from x import y` and
    // `import x as y` keep their bindings.
    const keepsBinding = imported.kind === 'from' || /^\s+as\s/.test(text.slice(imported.range[1], imported.range[1] + 20));
    for (const ref of pythonImportRefs([imported])) {
      // `import cv2` comes from opencv-python: there the import name is not the package name.
      const renamable = keepsBinding && !ref.mapped && text.slice(ref.range[0], ref.range[1]) === ref.module;
      refs.push({ ...ref, renamable });
    }
  }
  return refs;
}

/** Options of {@link checkPackages}. */
export interface CheckOptions {
  /** Leave out Python imports guarded by `except ImportError` (optional dependencies). */
  skipGuarded?: boolean;
  /**
   * Also check the imports of packages a manifest declares (a registry name in the project's nearest
   * manifest, or the file's own inline metadata), so that they are reported where they are imported
   * too. Without it such imports are left to the manifest.
   */
  declaredImports?: boolean;
  /** Only packages this accepts are checked (a cheap offline test that spares the project question). */
  only?: (name: string, ecosystem: Ecosystem) => boolean;
}

/**
 * Groups the file's refs by package, asks the project service once per package and calls `check` for
 * each package the project does not vouch for: not allow-listed, not a workspace/alias/local module,
 * and, for imports, neither declared nor installed (declared ones are checked where they are declared,
 * and also at the import with {@link CheckOptions.declaredImports}).
 */
export function checkPackages(context: RuleContext, check: (group: PackageGroup) => void, options: CheckOptions = {}): void {
  const groups = new Map<string, SourcedRef[]>();
  for (const ref of packageRefs(context)) {
    if (options.skipGuarded && ref.guarded) continue;
    const key = `${ref.ecosystem}:${ref.ecosystem === 'pypi' ? normalizePypiName(ref.name) : ref.name}`;
    const list = groups.get(key);
    if (list) list.push(ref);
    else groups.set(key, [ref]);
  }
  for (const refs of groups.values()) {
    // A file that declares the package (a script's inline metadata) is asked about as a manifest.
    const declaring = refs.find((r) => r.source === 'manifest');
    const { ecosystem, name, source, module } = declaring ?? refs[0];
    if (options.only && !options.only(name, ecosystem)) continue;
    const query: ProjectQuery = { ecosystem, name, ...(module !== undefined ? { module } : {}), file: context.file, source };
    const checked = declaring && !options.declaredImports ? refs.filter((r) => r.source !== 'import') : refs;
    context.ask<ProjectAnswer>(PROJECT_SERVICE, query, (answer) => {
      if (needsCheck(answer, source, options.declaredImports === true)) check({ ecosystem, name, source, refs: checked, project: answer });
    });
  }
}

function needsCheck(answer: ProjectAnswer | undefined, source: PackageSource, declaredImports: boolean): boolean {
  if (typeof answer !== 'object' || answer === null || answer.allowed) return false;
  if (LOCAL_STATUSES.has(answer.status)) return false;
  if (source !== 'import' || answer.status === 'none') return true;
  return declaredImports && answer.status === 'declared' && answer.declaredIn?.registry === true;
}

/** Where the imports of a group are declared: the file's own inline metadata, or the project's manifest. */
export interface ImportDeclaration {
  /** For messages: `package.json (line 8)`, `setup.cfg`, `this script's inline metadata`. */
  where: string;
  /** `package.json:8:6`, for the finding's properties; only for a declaration in another file (one in the file is a related location). */
  at?: string;
}

/** Where the group's imports are declared, or undefined when they are not (or it is not known where). */
export function importDeclaration(group: PackageGroup): ImportDeclaration | undefined {
  if (group.refs.some((r) => r.source === 'manifest')) return { where: "this script's inline metadata" };
  const declared: DeclaredIn | undefined = group.project.status === 'declared' ? group.project.declaredIn : undefined;
  if (!declared) return undefined;
  if (declared.line === undefined) return { where: declared.file, at: declared.file };
  return { where: `${declared.file} (line ${declared.line})`, at: `${declared.file}:${declared.line}:${declared.column ?? 1}` };
}

/**
 * Where the project's manifest declares the group's imports, as a related location in that manifest
 * (named relative to the finding's folder), or undefined when the file declares them itself, they are
 * not declared, or the manifest's format gives no position (setup.cfg).
 */
export function declarationLocation(group: PackageGroup): ReportLocation | undefined {
  if (group.refs.some((r) => r.source === 'manifest')) return undefined;
  const declared = group.project.status === 'declared' ? group.project.declaredIn : undefined;
  if (!declared?.range || declared.line === undefined || declared.column === undefined || declared.endLine === undefined || declared.endColumn === undefined) return undefined;
  return {
    message: `Declared here (${declared.file})`,
    file: declared.fromFile,
    range: declared.range,
    start: { line: declared.line, column: declared.column },
    end: { line: declared.endLine, column: declared.endColumn },
  };
}

/**
 * Related locations of the finding at `ref`: for an import, the manifest entry that declares it in
 * another file first ({@link declarationLocation}); then the other places of this file that write the
 * same package (where it is declared, imported or installed), so that the findings of one package link
 * to each other. At most {@link MAX_RELATED}.
 */
export function relatedRefs(group: PackageGroup, ref: SourcedRef): ReportLocation[] {
  const what: Record<PackageSource, string> = { manifest: 'Declared here', import: 'Imported here', command: 'Installed here' };
  const declaration = ref.source === 'import' ? declarationLocation(group) : undefined;
  const inFile: ReportLocation[] = group.refs.filter((other) => other !== ref).map((other) => ({ message: what[other.source], range: other.range }));
  return (declaration ? [declaration, ...inFile] : inFile).slice(0, MAX_RELATED);
}

/**
 * Asks the registry about a package; `then` runs only when the registry gave an answer. A failed
 * look-up (`unknown`) or a name the registry client does not look up (`skipped`) reports nothing: the
 * registry service counts failures for one note per scan.
 */
export function lookUp(context: RuleContext, group: PackageGroup, then: (info: RegistryAnswer) => void): void {
  context.ask<PackageInfo>(REGISTRY_SERVICE, { ecosystem: group.ecosystem, name: group.name }, (info) => {
    if (typeof info !== 'object' || info === null) return;
    if (info.status === 'found' || info.status === 'not-found' || info.status === 'unpublished') then(info);
  });
}

/**
 * What the finding's hover and SARIF `properties` show: the package, and what the registry said about
 * it (first published, latest version, number of versions, deprecation, install scripts).
 */
export function packageFacts(group: PackageGroup, info?: RegistryAnswer, extra: Record<string, string> = {}): Record<string, string | number | boolean> {
  const facts: Record<string, string | number | boolean> = { ecosystem: group.ecosystem, package: group.name, ...extra };
  if (!info) return facts;
  facts.registryStatus = info.status;
  if (info.status !== 'found') return facts;
  if (info.firstPublished) facts.firstPublished = info.firstPublished.toISOString();
  if (info.latest) facts.latest = info.latest;
  facts.versionCount = info.versionCount;
  facts.hasInstallScripts = info.hasInstallScripts;
  const deprecated = info.deprecated ?? info.latestDeprecated;
  if (deprecated) facts.deprecated = quoteText(deprecated);
  return facts;
}

/** How messages name the registry of an ecosystem. */
export function registryName(ecosystem: Ecosystem): string {
  return ecosystem === 'npm' ? 'the npm registry' : 'the Python package index';
}

/** Whole days since `date`. */
export function ageInDays(date: Date, now = Date.now()): number {
  return Math.max(0, Math.floor((now - date.getTime()) / DAY_MS));
}

/** "1 day", "3 days", "less than a day". */
export function describeAge(days: number): string {
  if (days < 1) return 'less than a day';
  return days === 1 ? '1 day' : `${days} days`;
}

/** `count` with the noun, plural when needed: "1 version", "3 versions". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Registry-supplied text for a message: one line, at most `max` characters. */
export function quoteText(text: string, max = 200): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

const PYTHON_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A suggestion replacing the name at `ref` by `intended`, or undefined when that would not be valid
 * (a mapped Python import, an escaped specifier, a PyPI name that cannot be imported).
 */
export function renameSuggestion(ref: SourcedRef, intended: string, messageId: string): FixDescriptor | undefined {
  if (!ref.renamable) return undefined;
  if (ref.ecosystem === 'pypi' && ref.source === 'import' && !PYTHON_IDENTIFIER.test(intended)) return undefined;
  return { messageId, data: { intended }, edits: [{ range: ref.range, text: intended }] };
}

/**
 * A suggestion removing the dependency: the property or array item in package.json (formatting kept),
 * the whole line in a requirements file. Undefined elsewhere (imports, commands, TOML manifests).
 */
export function removalSuggestion(context: RuleContext, ref: SourcedRef, messageId: string): FixDescriptor | undefined {
  if (ref.source !== 'manifest') return undefined;
  const kind = fileKind(context.classification, context.file);
  const data = { name: ref.name };
  if (kind === 'requirements') return { messageId, data, edits: [{ range: requirementLine(context.text, ref.range), text: '' }] };
  if (kind !== 'package-json') return undefined;
  const edits = packageJsonRemoval(context.text, (context.lang as JsonHelpers).tree, ref.range[0]);
  return edits ? { messageId, data, edits } : undefined;
}

/** The line of a requirement, continuation lines and its newline included (or the newline before it, on the last line). */
function requirementLine(text: string, range: Range): Range {
  const start = text.lastIndexOf('\n', range[0] - 1) + 1;
  let end = text.indexOf('\n', range[1]);
  while (end >= 0 && /\\\r?$/.test(text.slice(Math.max(start, end - 2), end))) end = text.indexOf('\n', end + 1);
  if (end >= 0) return [start, end + 1];
  const before = start === 0 ? 0 : text[start - 2] === '\r' ? start - 2 : start - 1;
  return [before, text.length];
}

/** Edits deleting the dependency entry at `offset` from a package.json text, or undefined when it is not one. */
function packageJsonRemoval(text: string, root: Node | undefined, offset: number): Array<{ range: Range; text: string }> | undefined {
  const node = root && findNodeAtOffset(root, offset);
  if (!node) return undefined;
  const path = getNodePath(node);
  if (path.length !== 2 || path[0] === 'overrides') return undefined;
  // The entry and one comma go; the rest of the file stays as written (and out of the suggestion).
  return jsonEdits(text, path, undefined, root);
}

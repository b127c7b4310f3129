import type { Node as JsonTree } from 'jsonc-parser';
import type { RuleContext } from '../../engine/rule';
import type { Range, TextEdit } from '../../engine/types';
import type { JsonHelpers } from '../../languages/json/helpers';
import type { TomlHelpers } from '../../languages/toml/helpers';
import { findString, findTableKey, type TomlDocument } from '../../services/package-names/toml-locate';
import { agentFileKind, type AgentFileKind } from './files';

/**
 * The MCP servers an agent configuration declares — `.vscode/mcp.json` (`servers`), `.cursor/mcp.json`,
 * `.mcp.json`, Windsurf and Claude Desktop files (`mcpServers`), `.gemini/settings.json` (`mcpServers`)
 * and `.codex/config.toml` (`[mcp_servers.<name>]`) — with the offsets of every value, so that the
 * `agent/*` MCP rules read one model whatever the client. Pure data; nothing is ever started.
 */

/** A string value of the configuration with where it is written. */
export interface McpString {
  value: string;
  /**
   * Offsets of the characters of `value` when `exact` (inside the quotes), else of the whole literal
   * (an escaped string, whose characters do not map one to one onto the text).
   */
  range: Range;
  /** Whether `text.slice(range[0], range[1]) === value`, so parts of the value can be located. */
  exact: boolean;
}

/** A `name: value` entry of `env` or `headers`. */
export interface McpEntry {
  key: string;
  keyRange: Range;
  value: McpString;
  /** Which table it came from: `env`, `headers`, `http_headers`. */
  field: string;
}

/** One configured MCP server. */
export interface McpServer {
  name: string;
  nameRange: Range;
  command?: McpString;
  args: McpString[];
  env: McpEntry[];
  headers: McpEntry[];
  /** The remote endpoint (`url`, `serverUrl` for Windsurf, `httpUrl` for Gemini CLI). */
  url?: McpString & { key: string };
  type?: string;
  /** JSON path of the server object (`['servers', 'github']`); absent for TOML. */
  jsonPath?: Array<string | number>;
}

/** The MCP part of one configuration file. */
export interface McpConfig {
  kind: McpFileKind;
  format: 'json' | 'toml';
  servers: McpServer[];
  /** VS Code `inputs[].id` values already declared. */
  inputIds: Set<string>;
}

/** Agent file kinds that declare MCP servers. */
export type McpFileKind = Extract<AgentFileKind, 'mcp-vscode' | 'mcp-servers' | 'gemini-settings' | 'codex-config'>;

const MCP_KINDS: ReadonlySet<string> = new Set(['mcp-vscode', 'mcp-servers', 'gemini-settings', 'codex-config']);
const URL_KEYS = ['url', 'serverUrl', 'httpUrl'] as const;
const MAX_SERVERS = 500;
const MAX_ITEMS = 1000;

const memo = new WeakMap<object, McpConfig | null>();

/**
 * The MCP servers of the file the rule runs on, or null when the file is no MCP configuration (by its
 * path, see {@link agentFileKind}) or its adapter is not the expected one. Memoised per parse.
 */
export function mcpConfig(context: RuleContext): McpConfig | null {
  const kind = agentFileKind(context.file);
  if (!kind || !MCP_KINDS.has(kind)) return null;
  const lang = context.lang as object | undefined;
  if (typeof lang !== 'object' || lang === null) return null;
  if (memo.has(lang)) return memo.get(lang) ?? null;
  let config: McpConfig | null = null;
  if (kind === 'codex-config' && context.classification.language === 'toml') config = readToml(lang as TomlHelpers, context.text);
  else if (kind !== 'codex-config' && context.classification.language === 'json') config = readJson(kind as McpFileKind, lang as JsonHelpers, context.text);
  memo.set(lang, config);
  return config;
}

// ---------------------------------------------------------------------------------------------------
// JSON

function readJson(kind: McpFileKind, lang: JsonHelpers, text: string): McpConfig | null {
  const root = lang.tree;
  if (!root || root.type !== 'object') return null;
  const key = kind === 'mcp-vscode' ? 'servers' : 'mcpServers';
  const servers: McpServer[] = [];
  const container = property(root, key);
  if (container?.type === 'object') {
    for (const prop of (container.children ?? []).slice(0, MAX_SERVERS)) {
      const server = jsonServer(prop, text, [key]);
      if (server) servers.push(server);
    }
  }
  const inputIds = new Set<string>();
  const inputs = property(root, 'inputs');
  if (inputs?.type === 'array') {
    for (const item of inputs.children ?? []) {
      const id = item.type === 'object' ? property(item, 'id') : undefined;
      if (id?.type === 'string') inputIds.add(id.value as string);
    }
  }
  return { kind, format: 'json', servers, inputIds };
}

/** The value node of the last property `key` of an object node. */
function property(object: JsonTree, key: string): JsonTree | undefined {
  let found: JsonTree | undefined;
  for (const prop of object.children ?? []) {
    if (prop.type === 'property' && prop.children?.[0]?.value === key && prop.children[1]) found = prop.children[1];
  }
  return found;
}

function jsonServer(prop: JsonTree, text: string, parent: string[]): McpServer | undefined {
  const [keyNode, value] = prop.children ?? [];
  if (!keyNode || value?.type !== 'object') return undefined;
  const name = keyNode.value as string;
  const str = (node: JsonTree | undefined): McpString | undefined => (node?.type === 'string' ? jsonString(node, text) : undefined);
  const argsNode = property(value, 'args');
  const args = argsNode?.type === 'array' ? (argsNode.children ?? []).slice(0, MAX_ITEMS).map(str).filter((s): s is McpString => s !== undefined) : [];
  const server: McpServer = {
    name,
    nameRange: jsonString(keyNode, text).range,
    args,
    env: jsonEntries(property(value, 'env'), text, 'env'),
    headers: jsonEntries(property(value, 'headers'), text, 'headers'),
    jsonPath: [...parent, name],
  };
  const command = str(property(value, 'command'));
  if (command) server.command = command;
  for (const key of URL_KEYS) {
    const url = str(property(value, key));
    if (url) server.url = { ...url, key };
  }
  const type = property(value, 'type');
  if (type?.type === 'string') server.type = type.value as string;
  return server;
}

function jsonEntries(node: JsonTree | undefined, text: string, field: string): McpEntry[] {
  if (node?.type !== 'object') return [];
  const entries: McpEntry[] = [];
  for (const prop of (node.children ?? []).slice(0, MAX_ITEMS)) {
    const [keyNode, value] = prop.children ?? [];
    if (!keyNode || value?.type !== 'string') continue;
    entries.push({ key: keyNode.value as string, keyRange: jsonString(keyNode, text).range, value: jsonString(value, text), field });
  }
  return entries;
}

function jsonString(node: JsonTree, text: string): McpString {
  const value = String(node.value);
  const inner: Range = [node.offset + 1, node.offset + node.length - 1];
  const exact = text.slice(inner[0], inner[1]) === value && text[node.offset] === '"';
  return { value, range: exact ? inner : [node.offset, node.offset + node.length], exact };
}

// ---------------------------------------------------------------------------------------------------
// TOML

function readToml(lang: TomlHelpers, text: string): McpConfig | null {
  const table = lang.data.mcp_servers;
  if (!isTable(table)) return { kind: 'codex-config', format: 'toml', servers: [], inputIds: new Set() };
  const doc = lang.document;
  const servers: McpServer[] = [];
  for (const [name, value] of Object.entries(table).slice(0, MAX_SERVERS)) {
    if (isTable(value)) servers.push(tomlServer(doc, lang, text, name, value));
  }
  return { kind: 'codex-config', format: 'toml', servers, inputIds: new Set() };
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Finds the literals of one server by searching, in order, the region where each value is written. */
function tomlServer(doc: TomlDocument, lang: TomlHelpers, text: string, name: string, data: Record<string, unknown>): McpServer {
  const base = ['mcp_servers', name];
  const serverRegion = lang.locate(base) ?? [0, text.length];
  const regionOf = (key: string): Range => lang.locate([...base, key]) ?? serverRegion;
  const server: McpServer = { name, nameRange: tomlNameRange(doc, text, name, serverRegion), args: [], env: [], headers: [] };
  if (typeof data.command === 'string') server.command = tomlString(text, data.command, regionOf('command'));
  if (Array.isArray(data.args)) {
    const region = regionOf('args');
    let from = region[0];
    const to = region[1];
    for (const arg of data.args.slice(0, MAX_ITEMS)) {
      if (typeof arg !== 'string') continue;
      const located = tomlString(text, arg, [from, to]);
      server.args.push(located);
      if (located.exact) from = located.range[1] + 1;
    }
  }
  if (typeof data.url === 'string') server.url = { ...tomlString(text, data.url, regionOf('url')), key: 'url' };
  if (typeof data.type === 'string') server.type = data.type;
  server.env = tomlEntries(doc, lang, text, base, 'env', data.env);
  server.headers = [...tomlEntries(doc, lang, text, base, 'http_headers', data.http_headers), ...tomlEntries(doc, lang, text, base, 'headers', data.headers)];
  return server;
}

function tomlEntries(doc: TomlDocument, lang: TomlHelpers, text: string, base: string[], field: string, data: unknown): McpEntry[] {
  if (!isTable(data)) return [];
  const region = lang.locate([...base, field]);
  if (!region) return [];
  const entries: McpEntry[] = [];
  for (const [key, value] of Object.entries(data).slice(0, MAX_ITEMS)) {
    if (typeof value !== 'string') continue;
    const at = findTableKey(doc, [...base, field], key);
    const keyRange: Range = at === undefined ? region : [at, at + key.length];
    entries.push({ key, keyRange, value: tomlString(text, value, [at === undefined ? region[0] : at + key.length, region[1]]), field });
  }
  return entries;
}

/** The string literal holding `value` in `region`; an escaped one is located as the next literal there. */
function tomlString(text: string, value: string, region: Range): McpString {
  const at = findString(text, value, region[0], region[1]);
  if (at !== undefined) return { value, range: [at, at + value.length], exact: true };
  const open = text.slice(region[0], region[1]).search(/["']/);
  if (open < 0) return { value, range: [region[0], region[0]], exact: false };
  const start = region[0] + open;
  let end = start + 1;
  while (end < region[1] && text[end] !== text[start] && text[end] !== '\n') end += text[start] === '"' && text[end] === '\\' ? 2 : 1;
  return { value, range: [start, Math.min(end + 1, region[1])], exact: false };
}

/** The server's name in its `[mcp_servers.<name>]` header, or as a key of the `[mcp_servers]` table. */
function tomlNameRange(doc: TomlDocument, text: string, name: string, region: Range): Range {
  const header = doc.tables.find((t) => t.path.length === 2 && t.path[0] === 'mcp_servers' && t.path[1] === name);
  if (header) {
    const lineStart = text.lastIndexOf('\n', Math.max(0, header.start - 2)) + 1;
    const at = text.indexOf(name, text.indexOf('mcp_servers', lineStart) + 'mcp_servers'.length);
    if (at >= 0 && at < header.start) return [at, at + name.length];
  }
  const key = findTableKey(doc, ['mcp_servers'], name);
  if (key !== undefined) return [key, key + name.length];
  return [region[0], region[0]];
}

// ---------------------------------------------------------------------------------------------------
// Launch commands

/** The range of `[start, end)` of a string value, or its whole range when it is not exact. */
export function subRange(s: McpString, start: number, end: number): Range {
  return s.exact ? [s.range[0] + start, s.range[0] + end] : s.range;
}

/** Like {@link subRange}, but undefined when the part cannot be located exactly (for edits). */
export function exactSubRange(s: McpString, start: number, end: number): Range | undefined {
  return s.exact ? [s.range[0] + start, s.range[0] + end] : undefined;
}

/**
 * The server's command line as words: `command` then `args`. A command written as one string with
 * spaces and no `args` (`"npx -y pkg"`) is split on whitespace, each word keeping its offsets.
 */
export function argv(server: McpServer): McpString[] {
  if (!server.command) return [];
  const words = server.args.length === 0 && /\s/.test(server.command.value.trim()) ? splitWords(server.command) : [server.command];
  return [...words, ...server.args];
}

function splitWords(s: McpString): McpString[] {
  const words: McpString[] = [];
  for (const m of s.value.matchAll(/\S+/g)) {
    words.push({ value: m[0], range: subRange(s, m.index, m.index + m[0].length), exact: s.exact });
  }
  return words;
}

/** The program of a word: its base name, lower-cased, without `.exe`/`.cmd`/`.ps1`. */
export function programName(word: string): string {
  const base = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).toLowerCase();
  return base.replace(/\.(?:exe|cmd|bat|ps1)$/, '');
}

/**
 * The command line without a `cmd /c` wrapper whose program and arguments are separate words — the
 * documented way to start `npx` on Windows — so the launched program can be read.
 */
export function unwrapCmd(words: McpString[]): McpString[] {
  if (words.length > 2 && programName(words[0].value) === 'cmd' && /^\/[ck]$/i.test(words[1].value)) return words.slice(2);
  return words;
}

/** A registry package an MCP server runs through a package runner (npx, uvx, pipx, …). */
export interface LaunchedPackage {
  ecosystem: 'npm' | 'pypi';
  name: string;
  /** Version or specifier written with the name (`1.2.3`, `latest`, `==1.0`, `>=1`), if any. */
  spec?: string;
  /** Whether the version is pinned exactly. */
  pinned: boolean;
  /** The word holding the package. */
  word: McpString;
  /** Offset of the name inside `word.value`. */
  nameStart: number;
  /** Offset inside `word.value` where the version part starts (after the name and any extras). */
  specStart: number;
  /** The runner as written (`npx`, `uvx`, `pnpm dlx`, `pipx run`). */
  runner: string;
  /** How a pinned version is written after the name: `@` (npm, uvx), `==` (PyPI requirement). */
  pinStyle: '@' | '==';
  /** Index of `word` in the command line the runner was found in. */
  index: number;
}

const NPM_RUNNER_VALUE_FLAGS = new Set(['--registry', '--cache', '--userconfig', '-w', '--workspace', '--prefix', '-c', '--call', '--node-options', '--shell']);
const NPM_PACKAGE_FLAGS = new Set(['-p', '--package']);
const UV_VALUE_FLAGS = new Set(['--with', '--with-editable', '--with-requirements', '-w', '--python', '-p', '--index', '--index-url', '--default-index', '--extra-index-url', '-i', '--find-links', '-f', '--constraints', '-c', '--overrides', '--build-constraints', '-b', '--directory', '--project', '--config-file', '--cache-dir', '--env-file', '--color', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '--exclude-newer', '--link-mode', '--compile-bytecode', '--refresh-package', '--reinstall-package', '--upgrade-package', '-P', '--no-binary-package', '--only-binary-package']);
const PIPX_VALUE_FLAGS = new Set(['--python', '--index-url', '-i', '--pip-args', '--backend']);

/** The runner at the start of `words` and how many words it takes (`npm exec` is two), or null. */
function runnerAt(words: McpString[]): { runner: string; ecosystem: 'npm' | 'pypi'; skip: number; mode: 'npm' | 'uvx' | 'pipx' } | null {
  const first = programName(words[0]?.value ?? '');
  const second = words[1]?.value;
  if (first === 'npx' || first === 'pnpx' || first === 'bunx') return { runner: first, ecosystem: 'npm', skip: 1, mode: 'npm' };
  if ((first === 'npm' && (second === 'exec' || second === 'x')) || ((first === 'pnpm' || first === 'yarn') && second === 'dlx') || (first === 'bun' && second === 'x')) {
    return { runner: `${first} ${second}`, ecosystem: 'npm', skip: 2, mode: 'npm' };
  }
  if (first === 'uvx') return { runner: 'uvx', ecosystem: 'pypi', skip: 1, mode: 'uvx' };
  if (first === 'uv' && second === 'tool' && words[2]?.value === 'run') return { runner: 'uv tool run', ecosystem: 'pypi', skip: 3, mode: 'uvx' };
  if (first === 'pipx' && second === 'run') return { runner: 'pipx run', ecosystem: 'pypi', skip: 2, mode: 'pipx' };
  return null;
}

/**
 * The package a server's command line runs through a package runner, or null when it runs none (or
 * names something that is not a registry package: a path, a URL, a git source). `npx -p pkg cmd`,
 * `uvx --from pkg cmd` and `pipx run --spec pkg cmd` name the package in the flag.
 */
export function launchedPackage(server: McpServer): LaunchedPackage | null {
  const words = unwrapCmd(argv(server));
  const runner = runnerAt(words);
  if (!runner) return null;
  const valueFlags = runner.mode === 'npm' ? NPM_RUNNER_VALUE_FLAGS : runner.mode === 'uvx' ? UV_VALUE_FLAGS : PIPX_VALUE_FLAGS;
  const packageFlags = runner.mode === 'npm' ? NPM_PACKAGE_FLAGS : runner.mode === 'uvx' ? new Set(['--from']) : new Set(['--spec']);
  for (let i = runner.skip; i < words.length; i++) {
    const word = words[i].value;
    if (word === '--') return i + 1 < words.length ? packageWord(words, i + 1, runner, 0, false) : null;
    const inline = /^(--?[A-Za-z-]+)=(.*)$/.exec(word);
    if (inline && packageFlags.has(inline[1])) return packageWord(words, i, runner, inline[1].length + 1, true);
    if (packageFlags.has(word)) return i + 1 < words.length ? packageWord(words, i + 1, runner, 0, true) : null;
    if (word.startsWith('-')) {
      if (valueFlags.has(word)) i++;
      continue;
    }
    return packageWord(words, i, runner, 0, false);
  }
  return null;
}

type Runner = NonNullable<ReturnType<typeof runnerAt>>;

function packageWord(words: McpString[], index: number, runner: Runner, offset: number, viaFlag: boolean): LaunchedPackage | null {
  const word = words[index];
  const value = word.value.slice(offset);
  return runner.ecosystem === 'npm' ? npmPackage(word, value, offset, runner.runner, index) : pypiPackage(word, value, offset, runner, index, viaFlag);
}

const NPM_NAME = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;
const EXACT_SEMVER = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

function npmPackage(word: McpString, value: string, offset: number, runner: string, index: number): LaunchedPackage | null {
  const at = value.indexOf('@', 1);
  const name = at < 0 ? value : value.slice(0, at);
  const spec = at < 0 ? undefined : value.slice(at + 1);
  if (!NPM_NAME.test(name) || name.length > 214 || spec?.includes(':')) return null;
  const pinned = spec !== undefined && EXACT_SEMVER.test(spec);
  return { ecosystem: 'npm', name, ...(spec !== undefined ? { spec } : {}), pinned, word, nameStart: offset, specStart: offset + name.length, runner, pinStyle: '@', index };
}

// The name is matched once (`(?=(…))\1` is an atomic group): backtracking into it cannot make a failed match succeed.
const PEP508 = /^(?=([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?))\1(\[[^\]]*\])?\s*((?:\S.*)?)$/;

function pypiPackage(word: McpString, value: string, offset: number, runner: Runner, index: number, viaFlag: boolean): LaunchedPackage | null {
  if (/^(?:git\+|https?:|file:|\.{0,2}[\\/])/.test(value) || /\.(?:whl|tar\.gz|zip)$/.test(value)) return null;
  const m = PEP508.exec(value);
  if (!m || m[1].length > 200) return null;
  const name = m[1];
  const rest = m[3].trim();
  const specStart = offset + name.length + (m[2]?.length ?? 0);
  if (rest.startsWith('@')) {
    // `uvx ruff@0.3.0` runs that version; `@latest` is no pin. A PEP 508 `@ url` is not a registry package.
    const version = rest.slice(1).trim();
    if (/^(?:git\+|https?:|file:)/.test(version)) return null;
    const pinned = runner.mode === 'uvx' && /^\d[\w.+!-]*$/.test(version);
    return { ecosystem: 'pypi', name, spec: rest, pinned, word, nameStart: offset, specStart, runner: runner.runner, pinStyle: '@', index };
  }
  const pinned = /^===?\s*[0-9][\w.+!-]*$/.test(rest) && !rest.includes('*');
  // `uvx pkg@1.2.3` names the tool's version; `--from`/`--spec` and `pipx run` take a requirement.
  const pinStyle = runner.mode === 'uvx' && !viaFlag ? '@' : '==';
  return { ecosystem: 'pypi', name, ...(rest ? { spec: rest } : {}), pinned, word, nameStart: offset, specStart, runner: runner.runner, pinStyle, index };
}

/** The range of the package name inside its word (the whole word when it is escaped). */
export function packageNameRange(pkg: LaunchedPackage): Range {
  return subRange(pkg.word, pkg.nameStart, pkg.nameStart + pkg.name.length);
}

/** The edit that pins `pkg` to `version` (replacing any version written), or undefined when the word is escaped. */
export function pinEdit(pkg: LaunchedPackage, version: string): TextEdit | undefined {
  const range = exactSubRange(pkg.word, pkg.specStart, pkg.word.value.length);
  return range ? { range, text: `${pkg.pinStyle}${version}` } : undefined;
}

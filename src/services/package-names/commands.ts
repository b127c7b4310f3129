import { isRegistrySpec } from './package-json';
import { isValidName, parsePep508 } from './names';
import type { Ecosystem, PackageRef } from './types';

/** How the arguments of an install command name packages. */
type Mode = 'npm-install' | 'npm-exec' | 'pip' | 'pip-at';

interface Token {
  value: string;
  start: number;
  /** The unquoted word before trailing punctuation was trimmed. */
  raw?: string;
}

/**
 * Install commands and where they may start: at a line start after a prompt, list marker, `RUN`, a
 * YAML `run:`/`script:` key, `sudo` or environment assignments; after `&&`, `||`, `;`, `|`, `(`; or at the
 * start of an inline code span. Prose that merely mentions a tool mid-sentence is not a command.
 */
const LINE_PREFIX = /^[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+)?(?:(?:RUN|(?:run|script|command|cmd):|\$|>|%|PS>|sudo|exec|time)[ \t]+)*(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*/;
const AFTER_OPERATOR = /(?:&&|\|\||[;|(]|\$\()[ \t]*(?:sudo[ \t]+)?(?:[A-Za-z_][A-Za-z0-9_]*=\S*[ \t]+)*/g;
const INLINE_CODE = /`([^`\n]+)`/g;
const TOOL = /(?:(npm)[ \t]+(install|i|in|add|isntall)|(npm)[ \t]+(exec|x)|(yarn)[ \t]+(?:global[ \t]+)?(add)|(yarn)[ \t]+(dlx)|(pnpm)[ \t]+(add|install|i)|(pnpm)[ \t]+(dlx)|(bun)[ \t]+(add|a|install|i)|(bun)[ \t]+(x)|(npx|pnpx|bunx)|(pip3?|pipx|pipenv|uv[ \t]+pip|(?:python3?|py)(?:\.\d+)?[ \t]+-m[ \t]+pip)[ \t]+(install)|(uv|poetry)[ \t]+(add))(?=[ \t\r\n;|&)`]|$)/y;

/**
 * A word every match of {@link TOOL} contains (`pnpm` holds `npm`, `pnpx` `npx`, `bunx` `bun`, every pip form
 * `pip`): text without any of them holds no install command.
 */
const TOOL_WORD = /npm|npx|yarn|bun|pip|uv|poetry/;

/** Flags that take the next word as their value, per ecosystem. */
const NPM_VALUE_FLAGS = new Set(['--registry', '--prefix', '-w', '--workspace', '--tag', '--omit', '--include', '--cache', '--userconfig', '--loglevel', '--save-prefix', '-C', '--dir', '--filter', '--cwd', '--modules-folder', '--install-strategy', '-c', '--call']);
const PIP_VALUE_FLAGS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-t', '--target', '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--no-binary', '--only-binary', '--progress-bar', '--src', '--upgrade-strategy', '--cache-dir', '--log', '--proxy', '--retries', '--timeout', '--exists-action', '--cert', '--client-cert', '--python', '-p', '--group', '--optional', '--extra', '--package', '--index', '--default-index', '-G', '--extras', '-E', '--source', '--config-settings', '-C', '--report', '--allow-insecure-host']);
/** `npx -p <pkg>` and `npm exec --package <pkg>` name a package in the flag's value. */
const PACKAGE_FLAGS = new Set(['-p', '--package']);
const REDIRECTION = /^\d?[<>]{1,2}$/;

/**
 * Packages named in install commands found in prose or scripts (README, AGENTS.md, shell scripts,
 * Dockerfile `RUN`, CI `run:`): npm/yarn/pnpm/bun installs, npx/dlx, pip/uv/poetry. Flags are skipped,
 * `name@version` and PEP 508 specifiers are split, URLs and paths are ignored. Never throws.
 */
export function extractInstallCommands(text: string): PackageRef[] {
  if (!mayHoldInstallCommand(text)) return [];
  const joined = text.replace(/\\(\r?\n)/g, (m) => ' '.repeat(m.length));
  const refs: PackageRef[] = [];
  const seen = new Set<number>();
  let lineStart = 0;
  for (const line of joined.split('\n')) {
    // A command read from this line starts in it: without a tool's name the line has none.
    if (!TOOL_WORD.test(line)) {
      lineStart += line.length + 1;
      continue;
    }
    for (const [start, end] of commandStarts(line)) {
      for (const ref of readCommand(joined, lineStart + start, lineStart + end)) {
        if (seen.has(ref.range[0])) continue;
        seen.add(ref.range[0]);
        refs.push(ref);
      }
    }
    lineStart += line.length + 1;
  }
  return refs.sort((a, b) => a.range[0] - b.range[0]);
}

/** Whether a text may hold an install command: false only when no tool is named in it at all. */
export function mayHoldInstallCommand(text: string): boolean {
  return TOOL_WORD.test(text);
}

/** Offsets in a line where a command may start, each with the end of the text it may use. */
function commandStarts(line: string): Array<[number, number]> {
  const end = line.length;
  const starts: Array<[number, number]> = [[LINE_PREFIX.exec(line)?.[0].length ?? 0, end]];
  for (const span of line.matchAll(INLINE_CODE)) {
    const spanStart = (span.index ?? 0) + 1;
    const spanEnd = spanStart + span[1].length;
    starts.push([spanStart + (LINE_PREFIX.exec(span[1])?.[0].length ?? 0), spanEnd]);
  }
  // The tokenizer stops at a closing backtick, so the line end is a safe bound here.
  for (const op of line.matchAll(AFTER_OPERATOR)) starts.push([(op.index ?? 0) + op[0].length, end]);
  return starts;
}

function readCommand(text: string, start: number, end: number): PackageRef[] {
  TOOL.lastIndex = start;
  const match = TOOL.exec(text);
  if (!match || start + match[0].length > end) return [];
  const parts = match.slice(1).filter((p): p is string => p !== undefined);
  const tool = parts[0].replace(/[ \t]+/g, ' ');
  const mode = modeOf(tool, parts[1]);
  const field = parts.length > 1 ? `${tool} ${parts[1]}` : tool;
  const ecosystem: Ecosystem = mode === 'pip' || mode === 'pip-at' ? 'pypi' : 'npm';
  const tokens = tokenize(text, start + match[0].length, end);
  if (looksLikeProse(tokens)) return [];
  return readArguments(tokens, mode, ecosystem, field);
}

/** Words that start a sentence rather than a package list ("npm install is slow"). */
const PROSE_WORDS = new Set(['is', 'are', 'was', 'will', 'should', 'can', 'may', 'might', 'must', 'does', 'did', 'to', 'the', 'and', 'or', 'for', 'with', 'when', 'if', 'then', 'fails', 'works', 'command', 'again', 'first', 'it', 'this', 'that']);

/** A mention in a sentence: the first word is an English word or a word ends with sentence punctuation. */
function looksLikeProse(tokens: Token[]): boolean {
  const first = tokens.find((t) => !t.value.startsWith('-'));
  return (first !== undefined && PROSE_WORDS.has(first.value.toLowerCase())) || tokens.some((t) => t.raw && /[?!,]$/.test(t.raw));
}

function modeOf(tool: string, subcommand: string | undefined): Mode {
  if (tool === 'poetry' || tool === 'uv') return 'pip-at';
  if (/pip/.test(tool)) return 'pip';
  if (subcommand === undefined || ['exec', 'x', 'dlx'].includes(subcommand)) return 'npm-exec';
  return 'npm-install';
}

function readArguments(tokens: Token[], mode: Mode, ecosystem: Ecosystem, field: string): PackageRef[] {
  const refs: PackageRef[] = [];
  const valueFlags = ecosystem === 'npm' ? NPM_VALUE_FLAGS : PIP_VALUE_FLAGS;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (REDIRECTION.test(token.value) || token.value === '--') break;
    const packageFlag = /^(?:-p|--package)=(.+)$/.exec(token.value);
    if (mode === 'npm-exec' && packageFlag) {
      pushRef(refs, packageRef({ value: packageFlag[1], start: token.start + token.value.length - packageFlag[1].length }, mode, field));
      continue;
    }
    if (token.value.startsWith('-')) {
      const takesValue = valueFlags.has(token.value) || (mode === 'npm-exec' && PACKAGE_FLAGS.has(token.value));
      if (mode === 'npm-exec' && PACKAGE_FLAGS.has(token.value) && tokens[i + 1]) pushRef(refs, packageRef(tokens[i + 1], mode, field));
      if (takesValue) i++;
      continue;
    }
    // npx and exec run one package; what follows are that program's own arguments. After
    // `--package`, the first word is a command of that package, not a package.
    if (mode === 'npm-exec' && refs.length > 0) break;
    pushRef(refs, packageRef(token, mode, field));
    if (mode === 'npm-exec') break;
  }
  return refs;
}

function pushRef(refs: PackageRef[], ref: PackageRef | undefined): void {
  if (ref) refs.push(ref);
}

function packageRef(token: Token, mode: Mode, field: string): PackageRef | undefined {
  return mode === 'npm-install' || mode === 'npm-exec' ? npmRef(token, field) : pypiRef(token, mode, field);
}

function npmRef(token: Token, field: string): PackageRef | undefined {
  const { value } = token;
  if (!isRegistrySpec(value) || value.includes(':') && !value.includes('@npm:')) return undefined;
  let nameStart = 0;
  let at = value.indexOf('@', 1);
  let spec = at < 0 ? undefined : value.slice(at + 1);
  if (spec?.startsWith('npm:')) {
    nameStart = at + 5;
    at = value.indexOf('@', nameStart + 1);
    spec = at < 0 ? undefined : value.slice(at + 1);
  }
  const name = value.slice(nameStart, at < 0 ? undefined : at);
  if (!isValidName('npm', name) || (spec !== undefined && !isRegistrySpec(spec))) return undefined;
  const start = token.start + nameStart;
  const ref: PackageRef = { ecosystem: 'npm', name, range: [start, start + name.length], source: 'command', field, registry: true };
  if (spec) ref.spec = spec;
  if (nameStart > 0) ref.alias = value.slice(0, nameStart - 5);
  return ref;
}

function pypiRef(token: Token, mode: Mode, field: string): PackageRef | undefined {
  const at = mode === 'pip-at' ? token.value.indexOf('@') : -1;
  const requirement = at > 0 ? token.value.slice(0, at) : token.value;
  const parsed = parsePep508(requirement);
  if (!parsed || !parsed.registry || !isValidName('pypi', parsed.name)) return undefined;
  const start = token.start + parsed.start;
  const ref: PackageRef = { ecosystem: 'pypi', name: parsed.name, range: [start, start + parsed.name.length], source: 'command', field, registry: true };
  const spec = at > 0 ? token.value.slice(at + 1) : parsed.spec;
  if (spec) ref.spec = spec;
  return ref;
}

/** Shell words from `start` until an operator, a comment, a closing backtick or `end`. */
function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    // Every blank but the line break (\v, \f, U+FEFF… too): the word loop below stops at any `\s`, so a
    // blank left here would make an empty token forever.
    while (i < end && text[i] !== '\n' && /\s/.test(text[i])) i++;
    if (i >= end || /[;|&)`#\n]/.test(text[i])) break;
    if (text[i] === '"' || text[i] === "'") {
      const close = text.indexOf(text[i], i + 1);
      if (close < 0 || close >= end) break;
      tokens.push({ value: text.slice(i + 1, close), start: i + 1 });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < end && !/[\s;|&)`'"]/.test(text[j])) j++;
    const raw = text.slice(i, j);
    tokens.push({ value: raw.replace(/(?<![.,:])[.,:]+$/, ''), start: i, raw });
    i = j;
  }
  return tokens;
}

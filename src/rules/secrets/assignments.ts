/**
 * Where a text says "this name has this value", for file kinds without a syntax tree: `.env` files and
 * shell scripts, INI/`.properties`/`.cfg`/`.conf`, XML, `.netrc`, Markdown, and the source of languages
 * Rampart has no parser for (Go, Java, Kotlin, C#, Ruby, PHP, Rust, Swift, PowerShell…). Line-based and
 * linear: each line is looked at once, with bounded patterns, and very long lines (minified or data) are
 * skipped. The secrets rule judges the values; this file only finds them.
 */
import type { Range } from '../../engine/types';

/** A value written next to the name it is assigned to. */
export interface Assignment {
  /** The name as written, without sigils or quotes: `DB_PASSWORD`, `apiKey`, `password`. */
  readonly name: string;
  /** The value, quotes removed (escapes left as written). */
  readonly value: string;
  /** Offsets of the value in the text (inside the quotes). */
  readonly range: Range;
  /** The quote the value was written in, or '' when it is bare. */
  readonly quote: string;
}

/** Line formats the extractor knows. */
export type AssignmentSyntax = 'env' | 'ini' | 'xml' | 'netrc' | 'source' | 'markdown';

/** Lines longer than this are data or minified code, not hand-written assignments. */
const MAX_LINE = 2000;
/** Quoted values in code shorter than this are never judged secrets (the rule needs 6 characters even in credential files). */
const MIN_VALUE = 6;
/** Values longer than this are not hand-written secrets (keys are found by the provider scan). */
const MAX_VALUE = 4096;

/**
 * Every assignment of `text` in the given syntax, in order. With `namesMatching` (a global regex), only lines
 * with a match of it are read: for callers that want only names it matches (a name is written on its value's
 * line), most lines are then skipped without being looked at. Its `lastIndex` is left as it was.
 */
export function findAssignments(text: string, syntax: AssignmentSyntax, namesMatching?: RegExp): Assignment[] {
  if (namesMatching && !namesMatching.global) throw new TypeError('namesMatching must be a global regex');
  const out: Assignment[] = [];
  const saved = namesMatching?.lastIndex ?? 0;
  try {
    forEachLine(text, namesMatching, (line, offset) => assignmentsOfLine(line, offset, syntax, out));
  } finally {
    if (namesMatching) namesMatching.lastIndex = saved;
  }
  return out;
}

/** The assignments of one line, in the given syntax. */
function assignmentsOfLine(line: string, offset: number, syntax: AssignmentSyntax, out: Assignment[]): void {
  if (line.length > MAX_LINE) return;
  switch (syntax) {
    case 'env':
      envLine(line, offset, out);
      flagLine(line, offset, out);
      break;
    case 'ini':
      iniLine(line, offset, out);
      break;
    case 'xml':
      xmlLine(line, offset, out);
      break;
    case 'netrc':
      netrcLine(line, offset, out);
      break;
    case 'markdown':
      if (!envLine(line, offset, out)) {
        inlineEnv(line, offset, out);
        sourceLine(line, offset, out);
      }
      flagLine(line, offset, out);
      break;
    case 'source':
      sourceLine(line, offset, out);
      break;
  }
}

/**
 * Calls `visit` with each line (without its `\r\n` or `\n`) and its offset; with `wanted` (a global regex),
 * only with the lines that hold a match of it: one search finds the next such line, skipping those before it.
 */
function forEachLine(text: string, wanted: RegExp | undefined, visit: (line: string, offset: number) => void): void {
  let start = 0;
  while (start <= text.length) {
    if (wanted) {
      wanted.lastIndex = start;
      const m = wanted.exec(text);
      if (m === null) return;
      start = text.lastIndexOf('\n', m.index - 1) + 1; // the start of the match's line (`start` itself or later)
    }
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    const line = text[end - 1] === '\r' ? text.slice(start, end - 1) : text.slice(start, end);
    visit(line, start);
    start = end + 1;
  }
}

const ENV_LINE = /^[ \t]*(?:export[ \t]+|set[ \t]+|setenv[ \t]+)?([A-Za-z_][A-Za-z0-9_.]{0,127})[ \t]*=[ \t]*/;

/** `NAME=value`, `export NAME="value"`, `set NAME=value`: the value bare (up to ` #`) or quoted. */
function envLine(line: string, offset: number, out: Assignment[]): boolean {
  const m = ENV_LINE.exec(line);
  if (!m) return false;
  const value = valueAt(line, m[0].length, true);
  if (value) out.push({ name: m[1], ...shift(value, offset) });
  return true;
}

const INLINE_ENV = /(?:^|[ \t`(])([A-Z_][A-Z0-9_]{2,127})=(?=[^\s=])/g;

/** `API_KEY=… npm start` inside prose or inline code: upper-case environment names only. */
function inlineEnv(line: string, offset: number, out: Assignment[]): void {
  if (!line.includes('=')) return;
  for (const m of line.matchAll(INLINE_ENV)) {
    const value = valueAt(line, m.index + m[0].length, true);
    if (!value) continue;
    let cut = value.value.length;
    while (cut > 0 && value.value[cut - 1] === '`') cut--;
    const bare = value.value.slice(0, cut);
    if (bare !== '') out.push({ name: m[1], ...shift({ ...value, value: bare, range: [value.range[0], value.range[0] + bare.length] }, offset) });
  }
}

const FLAG = /(?<![^ \t])--?([A-Za-z][A-Za-z0-9-]{1,40})(?:=|[ \t]+)(?=\S)/g;

/** Command-line flags naming a secret: `--password=…`, `--api-key "…"`, `--token …`. */
function flagLine(line: string, offset: number, out: Assignment[]): void {
  if (!line.includes('-')) return;
  for (const m of line.matchAll(FLAG)) {
    const value = valueAt(line, m.index + m[0].length, true);
    if (value) out.push({ name: m[1], ...shift(value, offset) });
  }
}

const INI_KEY = /^[A-Za-z0-9_$@/][A-Za-z0-9_.$@/:[\]-]{0,255}$/;

/**
 * `key = value`, `key: value`, `key=value` of INI, `.properties`, `.cfg`, `.conf`, TOML and `.npmrc` files
 * (`//host/:_authToken=…`: the key ends at the first `=`, else at the first `:`); comments skipped.
 */
function iniLine(line: string, offset: number, out: Assignment[]): void {
  const first = firstNonBlank(line);
  if (first === -1 || '#;![' .includes(line[first])) return;
  let sep = line.indexOf('=', first);
  if (sep === -1) sep = line.indexOf(':', first);
  if (sep === -1) return;
  const key = line.slice(first, sep).trimEnd();
  if (!INI_KEY.test(key)) return;
  let start = sep + 1;
  while (line[start] === ' ' || line[start] === '\t') start++;
  const value = valueAt(line, start, true);
  if (value) out.push({ name: key, ...shift(value, offset) });
}

function firstNonBlank(line: string): number {
  for (let i = 0; i < line.length; i++) if (line[i] !== ' ' && line[i] !== '\t') return i;
  return -1;
}

const XML_ELEMENT = /<([A-Za-z_][A-Za-z0-9_.:-]{0,63})(?:[ \t][^<>]{0,200})?>([^<>\r\n]{1,512})<\/\1>/g;
const XML_ATTRIBUTE = /(?<![A-Za-z0-9_.:-])([A-Za-z_][A-Za-z0-9_.:-]{0,63})[ \t]*=[ \t]*(["'])([^"'<>\r\n]{1,512})\2/g;

/**
 * `<password>value</password>`, `password="value"`, and the .NET `<add key="DbPassword" value="…"/>`
 * shape, where the name is the `key` (or `name`) attribute and the value the `value` attribute.
 */
function xmlLine(line: string, offset: number, out: Assignment[]): void {
  if (!line.includes('<') && !line.includes('=')) return;
  for (const m of line.matchAll(XML_ELEMENT)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out.push({ name: m[1], value: m[2], range: [offset + start, offset + start + m[2].length], quote: '' });
  }
  const attributes = [...line.matchAll(XML_ATTRIBUTE)];
  const keyed = attributes.find((a) => /^(?:key|name)$/i.test(a[1]));
  for (const a of attributes) {
    const start = a.index + a[0].length - a[3].length - 1;
    const name = /^value$/i.test(a[1]) && keyed ? keyed[3] : a[1];
    out.push({ name, value: a[3], range: [offset + start, offset + start + a[3].length], quote: a[2] });
  }
}

const NETRC_PASSWORD = /(?:^|[ \t])(password|passwd)[ \t]+(\S{1,512})/g;

/** `.netrc`: `machine host login user password secret`, on one line or several. */
function netrcLine(line: string, offset: number, out: Assignment[]): void {
  for (const m of line.matchAll(NETRC_PASSWORD)) {
    const start = m.index + m[0].length - m[2].length;
    out.push({ name: m[1], value: m[2], range: [offset + start, offset + start + m[2].length], quote: '' });
  }
}

/** Operators that put the value on their right into the name on their left, longest first. */
const OPERATORS = [':=', '=>', '<-', '??=', '||=', '=', ':', ','];

/**
 * Quoted values assigned to a name in code of any C-like, scripting or ML language: `name = "…"`,
 * `name := "…"`, `val name: String = "…"`, `String name = "…";`, `var name string = "…"`, `"name": "…"`,
 * `'name' => '…'`, `name: "…"` (Ruby, Swift, Kotlin arguments), `$name = '…'`, `map.put("name", "…")`,
 * `ENV["name"] = "…"`. Comparisons (`==`, `!=`, `<=`, `>=`) are not assignments.
 */
function sourceLine(line: string, offset: number, out: Assignment[]): void {
  if (!line.includes('"') && !line.includes("'") && !line.includes('`')) return;
  for (const literal of quotedStrings(line)) {
    if (literal.value.length < MIN_VALUE) continue;
    const end = skipBlanksBack(line, literal.start - 1);
    const op = OPERATORS.find((o) => line.startsWith(o, end - o.length));
    if (!op || (op === '=' && '=!<>'.includes(line[end - 2] ?? ''))) continue;
    const name = nameAtEnd(line, end - op.length, op === ',');
    if (name) out.push({ name, value: literal.value, range: [offset + literal.start, offset + literal.start + literal.value.length], quote: literal.quote });
  }
}

/** Words that sit between a name and its value without being the name: types, modifiers, keywords. */
const NOT_A_NAME = new Set([
  'string', 'str', '&str', 'char', 'const', 'let', 'var', 'val', 'final', 'static', 'private', 'public', 'protected',
  'internal', 'readonly', 'my', 'our', 'local', 'def', 'dim', 'as', 'new', 'return', 'lazy', 'override', 'constexpr',
]);
const QUOTED_NAME = /^[A-Za-z_$@][\w$@.-]{0,63}$/;
const INDEX_NAME = /^[\w.-]{1,64}$/;

/**
 * The name a value is assigned to, read backwards from `end` (just left of the operator): a quoted name
 * (the only kind a `,` allows), an index (`ENV["NAME"]`), or a word whose last `.`/`:` segment is the
 * name; a type or keyword there (`string`, `val`) is skipped for the word before it, and a type
 * annotation (`name: Type`) for the name before the colon.
 */
function nameAtEnd(line: string, end: number, comma: boolean): string | null {
  const i = skipBlanksBack(line, end);
  const q = line[i - 1];
  if (q === '"' || q === "'") {
    const open = line.lastIndexOf(q, i - 2);
    const name = open < 0 ? '' : line.slice(open + 1, i - 1);
    // `put("name", "…")`: a pair only as the first two arguments of a call. In a list or tuple
    // (`["Cookie", "Authorization", "Proxy-Authorization"]`, `('auth', '0002_alter_user')`) neighbours are not pairs.
    if (comma && !startsCallArguments(line, open)) return null;
    return QUOTED_NAME.test(name) ? name : null;
  }
  if (comma) return null;
  // `ClientSecret { get; set; } = "…"` (a C# auto-property): the name is before the accessor block.
  if (q === '}') {
    const open = line.lastIndexOf('{', i - 1);
    return open > 0 && /^\{[\s\w;]{0,60}\}$/.test(line.slice(open, i)) ? nameAtEnd(line, open, false) : null;
  }
  if (q === ']') {
    const open = line.lastIndexOf('[', i - 1);
    const inner = open < 0 ? '' : stripQuotes(line.slice(open + 1, i - 1));
    return INDEX_NAME.test(inner) ? inner : null;
  }
  const word = wordBefore(line, i);
  if (word.text === '') return null;
  // `name: Type = …` or `name?: Type = …`: the name is left of the colon.
  const beforeWord = skipBlanksBack(line, word.start);
  if (line[beforeWord - 1] === ':' && line[beforeWord - 2] !== ':') {
    const named = wordBefore(line, skipBlanksBack(line, beforeWord - (line[beforeWord - 2] === '?' ? 2 : 1)));
    return lastSegment(named.text);
  }
  const name = lastSegment(word.text);
  if (name !== null && !NOT_A_NAME.has(name.toLowerCase())) return name;
  // `var password string = …`, `String password = …` is already right: only a type or keyword lands here.
  const earlier = wordBefore(line, beforeWord);
  const earlierName = lastSegment(earlier.text);
  return earlierName !== null && !NOT_A_NAME.has(earlierName.toLowerCase()) ? earlierName : null;
}

/** Whether the literal opening at `open` is a call's first argument: `(` right after a name (`put(`, `define (`). */
function startsCallArguments(line: string, open: number): boolean {
  const paren = skipBlanksBack(line, open);
  if (line[paren - 1] !== '(') return false;
  const c = line.charCodeAt(skipBlanksBack(line, paren - 1) - 1);
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
}

/** The run of name characters (`[A-Za-z0-9_$@.:&]`) ending at `end`, at most 128 of them. */
function wordBefore(line: string, end: number): { text: string; start: number } {
  let start = end;
  while (start > 0 && end - start < 128 && isNameChar(line.charCodeAt(start - 1))) start--;
  return { text: line.slice(start, end), start };
}

function isNameChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36 || c === 64 || c === 46 || c === 58 || c === 38;
}

/** The last `.`- or `:`-separated segment of a word, sigils removed; null when it is not an identifier. */
function lastSegment(word: string): string | null {
  const segment = word.slice(Math.max(word.lastIndexOf('.'), word.lastIndexOf(':')) + 1).replace(/^[$@&]{1,3}/, '');
  return /^[A-Za-z_][\w]{0,127}$/.test(segment) ? segment : null;
}

function stripQuotes(text: string): string {
  const q = text[0];
  return (q === '"' || q === "'") && text.endsWith(q) && text.length >= 2 ? text.slice(1, -1) : text;
}

function skipBlanksBack(line: string, i: number): number {
  while (i > 0 && (line[i - 1] === ' ' || line[i - 1] === '\t')) i--;
  return i;
}

interface Quoted {
  value: string;
  /** Offset of the first character inside the quotes, in the line. */
  start: number;
  quote: string;
}

/** The quoted strings of one line (`"…"`, `'…'`, `` `…` ``), honouring backslash escapes; unterminated ones are left out. */
function quotedStrings(line: string): Quoted[] {
  const found: Quoted[] = [];
  for (let i = 0; i < line.length; i++) {
    const q = line[i];
    if (q !== '"' && q !== "'" && q !== '`') continue;
    let j = i + 1;
    while (j < line.length && line[j] !== q) j += line[j] === '\\' ? 2 : 1;
    if (j >= line.length) break;
    found.push({ value: line.slice(i + 1, j), start: i + 1, quote: q });
    i = j;
  }
  return found;
}

/**
 * The value starting at `start` of a line: quoted (`"…"`, `'…'`) up to its closing quote, or bare up to the
 * end of the line, a ` #` comment or (when `stopAtSpace`) the first blank. Null when there is none.
 */
function valueAt(line: string, start: number, stopAtSpace: boolean): Omit<Assignment, 'name'> | null {
  const q = line[start];
  if (q === '"' || q === "'") {
    let j = start + 1;
    while (j < line.length && line[j] !== q) j += line[j] === '\\' && q === '"' ? 2 : 1;
    if (j >= line.length || j - start - 1 > MAX_VALUE) return null;
    return { value: line.slice(start + 1, j), range: [start + 1, j], quote: q };
  }
  let end = start;
  while (end < line.length && !(stopAtSpace && (line[end] === ' ' || line[end] === '\t')) && !(line[end] === '#' && (line[end - 1] === ' ' || line[end - 1] === '\t'))) end++;
  let value = line.slice(start, end);
  if (!stopAtSpace) value = value.trimEnd();
  if (value === '' || value.length > MAX_VALUE) return null;
  return { value, range: [start, start + value.length], quote: '' };
}

function shift(a: Omit<Assignment, 'name'>, offset: number): Omit<Assignment, 'name'> {
  return { value: a.value, range: [a.range[0] + offset, a.range[1] + offset], quote: a.quote };
}

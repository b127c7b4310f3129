import { defineRule, type RuleContext } from '../../engine/rule';
import type { Visitors } from '../../engine/types';
import type { PythonFlowOptions, PythonHelpers, PythonNode, PythonTaint, SyntaxNode } from '../../languages/python';
import { mayBacktrack, REDOS_SERVICE, type RedosAnswer, type RedosQuery } from '../../services/redos';
import { REDOS_MESSAGES, redosReport } from '../shared/redos-report';
import { calleeLastName, constantString } from './call-helpers';
import { flowRelated, plausibleSource } from './model-calls';

/** Request data, model output and model-chosen tool arguments; command-line input belongs to whoever runs the command. */
const UNTRUSTED: PythonFlowOptions = { kinds: new Set(['request', 'model', 'tool']) };
/** Distinct patterns of one file sent to the checker at most. */
export const MAX_PATTERNS_PER_FILE = 10;

/** How a call matches: from the start of the input (`match`), the whole input (`fullmatch`), or anywhere. */
export type Anchor = 'start' | 'full' | null;

/** Where a `re` function takes its arguments: pattern is always first. */
interface Signature {
  string: number;
  flags: number;
  anchor: Anchor;
}

/** `re.<name>(pattern, …)`: positions of the input string and of the flags. */
const MODULE_FUNCTIONS: Readonly<Record<string, Signature>> = {
  match: { string: 1, flags: 2, anchor: 'start' },
  search: { string: 1, flags: 2, anchor: null },
  fullmatch: { string: 1, flags: 2, anchor: 'full' },
  findall: { string: 1, flags: 2, anchor: null },
  finditer: { string: 1, flags: 2, anchor: null },
  split: { string: 1, flags: 3, anchor: null },
  sub: { string: 2, flags: 4, anchor: null },
  subn: { string: 2, flags: 4, anchor: null },
};
/** `pattern.<name>(…)` on a compiled pattern (the same names as {@link MODULE_FUNCTIONS}): position of the input string. */
const PATTERN_METHODS: Readonly<Record<string, { string: number; anchor: Anchor }>> = {
  match: { string: 0, anchor: 'start' },
  search: { string: 0, anchor: null },
  fullmatch: { string: 0, anchor: 'full' },
  findall: { string: 0, anchor: null },
  finditer: { string: 0, anchor: null },
  split: { string: 0, anchor: null },
  sub: { string: 1, anchor: null },
  subn: { string: 1, anchor: null },
};
/** `re` flags by name, as the letter of an inline flag; those that do not change backtracking are ''. */
const FLAG_LETTERS: Readonly<Record<string, string>> = {
  I: 'i',
  IGNORECASE: 'i',
  M: 'm',
  MULTILINE: 'm',
  S: 's',
  DOTALL: 's',
  X: 'x',
  VERBOSE: 'x',
  A: '',
  ASCII: '',
  U: '',
  UNICODE: '',
  L: '',
  LOCALE: '',
  NOFLAG: '',
  DEBUG: '',
};

/** A Python pattern known at analysis time, where it is written, and its flags as inline-flag letters. */
interface KnownPattern {
  source: string;
  letters: string;
  definition: SyntaxNode;
}

export default defineRule<PythonNode, PythonHelpers>({
  id: 'python/no-redos',
  languages: ['python'],
  meta: {
    description: 'Regular expressions that can backtrack catastrophically must not be applied to untrusted input',
    severity: 'warning',
    category: 'code-injection',
    riskArea: 'development',
    cwe: ['CWE-1333'],
    owaspLlm: ['LLM05:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    requires: [REDOS_SERVICE],
    messages: REDOS_MESSAGES,
  },
  create(context): Visitors<PythonNode> {
    const { lang } = context;
    const asked = new Set<string>();
    return {
      call(node) {
        const call = node as SyntaxNode;
        const last = calleeLastName(call);
        if (!last || !Object.hasOwn(MODULE_FUNCTIONS, last)) return;
        const ref = lang.callee(call);
        if (ref?.module !== 're') return;
        const site = applicationOf(lang, call, ref.path);
        if (!site || !lang.liveBranch(call)) return;
        const query = toJsPattern(site.pattern.source, site.pattern.letters, site.anchor);
        if (!query || !mayBacktrack(query.source)) return;
        const key = `${query.flags}/${query.source}`;
        if (!asked.has(key) && asked.size >= MAX_PATTERNS_PER_FILE) return;
        const taint = lang.taint(site.input, UNTRUSTED);
        if (!taint || !plausibleSource(lang, taint)) return;
        asked.add(key);
        context.ask<RedosAnswer>(REDOS_SERVICE, query, (answer) => report(context, site.at, site.pattern, taint, answer));
      },
    };
  },
});

/** A regex applied to an input: the pattern, the input, the node to report and how the call anchors. */
interface Application {
  pattern: KnownPattern;
  input: SyntaxNode;
  at: SyntaxNode;
  anchor: Anchor;
}

/** `re.match(p, s)` and friends, or `compiled.match(s)` with `compiled = re.compile(p)`. */
function applicationOf(lang: PythonHelpers, call: SyntaxNode, path: readonly string[]): Application | null {
  if (path.length === 1 && Object.hasOwn(MODULE_FUNCTIONS, path[0])) {
    const sig = MODULE_FUNCTIONS[path[0]];
    const at = lang.argument(call, 0, 'pattern');
    const input = lang.argument(call, sig.string, 'string');
    if (!at || !input) return null;
    const flagsArg = lang.argument(call, sig.flags, 'flags');
    const pattern = patternOf(lang, at, flagsArg);
    return pattern ? { pattern, input, at, anchor: sig.anchor } : null;
  }
  if (path.length === 3 && path[0] === 'compile' && path[1] === '()' && Object.hasOwn(PATTERN_METHODS, path[2])) {
    const method = PATTERN_METHODS[path[2]];
    const at = call.childForFieldName('function')?.childForFieldName('object');
    const input = lang.argument(call, method.string, 'string');
    if (!at || !input) return null;
    const pattern = compiledPattern(lang, at);
    return pattern ? { pattern, input, at, anchor: method.anchor } : null;
  }
  return null;
}

/** A constant pattern string with `flags`, or a compiled pattern (which then carries its own flags). */
function patternOf(lang: PythonHelpers, node: SyntaxNode, flagsArg: SyntaxNode | null): KnownPattern | null {
  const source = constantString(lang, node);
  if (source === null) return flagsArg ? null : compiledPattern(lang, node);
  const letters = flagsArg ? flagLetters(lang, flagsArg, 0) : '';
  return letters === null ? null : { source, letters, definition: node };
}

/** The pattern of `re.compile(p, flags)` written in place or bound once to a name. */
function compiledPattern(lang: PythonHelpers, node: SyntaxNode): KnownPattern | null {
  let compile: SyntaxNode | null = node;
  if (node.type === 'identifier') {
    const sites = lang.scopes.lookupNode(node)?.sites ?? [];
    compile = sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 ? sites[0].value : null;
  }
  if (compile?.type !== 'call') return null;
  const ref = lang.callee(compile);
  if (ref?.module !== 're' || ref.path.length !== 1 || ref.path[0] !== 'compile') return null;
  const patternArg = lang.argument(compile, 0, 'pattern');
  const source = constantString(lang, patternArg);
  if (!patternArg || source === null) return null;
  const flagsArg = lang.argument(compile, 1, 'flags');
  const letters = flagsArg ? flagLetters(lang, flagsArg, 0) : '';
  return letters === null ? null : { source, letters, definition: compile };
}

/** The inline-flag letters of a flags expression (`re.I | re.M`, `0`, a name bound to one); null when unknown. */
function flagLetters(lang: PythonHelpers, node: SyntaxNode, depth: number): string | null {
  if (depth > 8) return null;
  if (node.type === 'integer') return node.text === '0' ? '' : null;
  if (node.type === 'parenthesized_expression') return node.namedChildren[0] ? flagLetters(lang, node.namedChildren[0], depth + 1) : null;
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.type;
    if (op !== '|' && op !== '+') return null;
    const left = flagLetters(lang, node.childForFieldName('left')!, depth + 1);
    const right = flagLetters(lang, node.childForFieldName('right')!, depth + 1);
    return left === null || right === null ? null : left + right;
  }
  const ref = lang.resolve(node);
  if (ref?.module === 're' && ref.path.length === 1 && Object.hasOwn(FLAG_LETTERS, ref.path[0])) return FLAG_LETTERS[ref.path[0]];
  if (node.type === 'identifier') {
    const sites = lang.scopes.lookupNode(node)?.sites ?? [];
    const value = sites.length === 1 && sites[0].kind === 'assign' && sites[0].unpack.length === 0 ? sites[0].value : null;
    return value ? flagLetters(lang, value, depth + 1) : null;
  }
  return null;
}

function report(context: RuleContext<PythonHelpers>, at: SyntaxNode, pattern: KnownPattern, taint: PythonTaint, answer: RedosAnswer): void {
  if (answer.status !== 'vulnerable') return;
  const { lang } = context;
  const consequence =
    taint.kind === 'model' ? 'a model steered by prompt injection can hang this worker'
    : taint.kind === 'tool' ? 'a tool argument the model chose can hang this worker'
    : 'one request can hang this worker';
  context.report(redosReport({ range: lang.range(at), defined: lang.range(pattern.definition), source: pattern.source, taint, answer, consequence, flow: flowRelated(lang, taint) }));
}

/** Inline flags at the start of a Python pattern: `(?i)`, `(?ms)`. */
const LEADING_FLAGS = /^\(\?([aiLmsux]+)\)/;
/** A brace quantifier, Python's `{,m}` included. */
const PY_BRACE_QUANTIFIER = /^\{(\d*)(?:,(\d*))?\}/;

/**
 * A Python `re` pattern rewritten in JavaScript syntax with the same backtracking, anchored as the call
 * matches (`match` at the start, `fullmatch` over the whole input); null for what has no exact equivalent
 * (verbose mode, atomic groups and possessive quantifiers, conditionals, scoped flags, `\N{…}`), which is
 * then not checked. `letters` are the flags as inline-flag letters.
 */
export function toJsPattern(source: string, letters: string, anchor: Anchor): RedosQuery | null {
  let i = 0;
  let flags = letters;
  for (let m = LEADING_FLAGS.exec(source); m; m = LEADING_FLAGS.exec(source.slice(i))) {
    flags += m[1];
    i += m[0].length;
  }
  if (flags.includes('x')) return null;
  let out = '';
  let lineAnchors = 0;
  let absoluteAnchors = 0;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const d = source[i + 1];
      if (d === undefined || d === 'N' || d === 'U') return null;
      i++;
      if (d === 'A') out += '^';
      else if (d === 'Z' || d === 'z') out += '$';
      else {
        out += c + d;
        continue;
      }
      absoluteAnchors++;
    } else if (c === '[') {
      const end = classEnd(source, i);
      if (end < 0) return null;
      out += jsClass(source.slice(i, end + 1));
      i = end;
    } else if (c === '(' && source[i + 1] === '?') {
      const group = translateGroup(source, i);
      if (!group) return null;
      out += group.text;
      i = group.end;
    } else if (c === '{' && PY_BRACE_QUANTIFIER.test(source.slice(i, i + 24)) && source[i + 1] !== '}') {
      const m = PY_BRACE_QUANTIFIER.exec(source.slice(i, i + 24))!;
      out += m[2] === undefined ? `{${m[1]}}` : `{${m[1] || '0'},${m[2]}}`;
      i += m[0].length - 1;
      if (source[i + 1] === '+') return null;
    } else if ((c === '*' || c === '+' || c === '?') && source[i + 1] === '+') {
      return null;
    } else {
      if (c === '^' || c === '$') lineAnchors++;
      out += c;
    }
  }
  let jsFlags = [...new Set(flags)].filter((f) => f === 'i' || f === 'm' || f === 's').sort().join('');
  if (jsFlags.includes('m')) {
    // `^`/`$` mean line starts and ends only with `m`; a pattern that has none does not need it.
    if (lineAnchors === 0) jsFlags = jsFlags.replace('m', '');
    else if (absoluteAnchors > 0 || anchor) return null;
  }
  const anchored = anchor === 'full' ? `^(?:${out})$` : anchor === 'start' ? `^(?:${out})` : out;
  return { source: anchored, flags: jsFlags };
}

/** The index of the `]` that closes the class opened at `start` (Python: a `]` first in the class is literal). */
function classEnd(source: string, start: number): number {
  let i = start + 1;
  if (source[i] === '^') i++;
  if (source[i] === ']') i++;
  for (; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** A Python class in JavaScript syntax: a leading `]` and a `[` inside are escaped. */
function jsClass(cls: string): string {
  let out = '[';
  let i = 1;
  if (cls[i] === '^') {
    out += '^';
    i++;
  }
  if (cls[i] === ']') {
    out += '\\]';
    i++;
  }
  for (; i < cls.length - 1; i++) {
    if (cls[i] === '\\') {
      out += cls[i] + cls[i + 1];
      i++;
    } else out += cls[i] === '[' ? '\\[' : cls[i];
  }
  return `${out}]`;
}

/** A group starting `(?` at `start`: named groups and their references rewritten, comments dropped, the rest refused. */
function translateGroup(source: string, start: number): { text: string; end: number } | null {
  const rest = source.slice(start + 2, start + 4);
  if (rest.startsWith(':') || rest.startsWith('=') || rest.startsWith('!') || rest === '<=' || rest === '<!') {
    const length = rest[0] === '<' ? 4 : 3;
    return { text: source.slice(start, start + length), end: start + length - 1 };
  }
  if (rest === 'P<') return { text: '(?<', end: start + 3 };
  if (rest === 'P=') {
    const close = source.indexOf(')', start);
    return close < 0 ? null : { text: `\\k<${source.slice(start + 4, close)}>`, end: close };
  }
  if (rest.startsWith('#')) {
    const close = source.indexOf(')', start);
    return close < 0 ? null : { text: '', end: close };
  }
  // Atomic groups, conditionals, scoped or misplaced inline flags: no exact JavaScript equivalent.
  return null;
}

import { parse, type ParserOptions, type ParserPlugin } from '@babel/parser';
import type * as t from '@babel/types';
import { classifyFile } from '../../engine/classify';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { sfcLayout, type SfcFramework, type SfcLayout } from './sfc';

/** A Babel node with the parent pointer the traversal sets. */
export type JsNode = t.Node & { parent?: JsNode | null };

/** The parsed file of the JS/TS adapter. */
export type JsParsedFile = ParsedFile<JsNode> & {
  root: t.File;
  /** Every node in source order, collected by the traversal before the rules run (absent before it). */
  nodes?: JsNode[];
  /** For a Vue or Svelte component: its script blocks, template sinks and markup comments. */
  sfc?: SfcLayout;
  /** The whole file parsed as a module without a syntax error: the tree the next version can be re-parsed from (see `reparseJs`). */
  wholeModule?: boolean;
};

/** Babel plugins per dialect. */
export const PLUGINS: Record<string, ParserPlugin[]> = {
  ts: ['typescript', 'decorators-legacy', 'explicitResourceManagement'],
  tsx: ['typescript', 'jsx', 'decorators-legacy', 'explicitResourceManagement'],
  jsx: ['jsx', 'decorators-legacy', 'explicitResourceManagement'],
  js: ['decorators-legacy', 'explicitResourceManagement'],
};

/** Parser options shared by every dialect (the benchmark parses with the same options). */
export const BASE_OPTIONS: ParserOptions = {
  errorRecovery: true,
  allowAwaitOutsideFunction: true,
  allowReturnOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowNewTargetOutsideFunction: true,
  allowSuperOutsideMethod: true,
  allowUndeclaredExports: true,
  attachComment: false,
};

/** Picks the Babel dialect from the file name; unknown names are parsed as TypeScript + JSX. */
export function dialectOf(file: string): string {
  const c = classifyFile(file);
  return c?.language === 'js' ? c.dialect : 'tsx';
}

/**
 * Most syntax errors one parse may raise. Babel's error recovery costs more per error the more errors it
 * holds, and some inputs raise quadratically many: 2,000 nested `a:` labels (6 KB) raise two million
 * "label already declared" errors and took 33 s and 2 GB. Real files, broken ones included, stay far below.
 */
export const MAX_SYNTAX_ERRORS = 1000;

/** Thrown out of a parse that raised more than {@link MAX_SYNTAX_ERRORS} errors. */
class TooManyErrors extends Error {
  constructor(readonly raised: readonly SyntaxError[]) {
    super(`more than ${MAX_SYNTAX_ERRORS} syntax errors`);
  }
}

/**
 * Parses JavaScript or TypeScript with @babel/parser in error-recovery mode: as a module first, then
 * as a script (sloppy-mode code such as `with` or octal literals), keeping whichever recovers. JSX is
 * enabled for `.js`/`.jsx`/`.tsx`; a `.js` file whose JSX reading fails is retried without JSX. A parse
 * that raises more than {@link MAX_SYNTAX_ERRORS} errors is stopped; when repeated labels caused them,
 * those labels are blanked out (offsets kept) and the rest of the file is parsed and analysed.
 * A Vue or Svelte component (dialect `vue`/`svelte`) is read through its script blocks (see {@link parseComponent}).
 * `at` says where `text` starts in its file, when it is a part of one.
 */
export function parseJs(text: string, file: string, dialect = dialectOf(file), at?: StartPosition): JsParsedFile {
  if (dialect === 'vue' || dialect === 'svelte') return parseComponent(text, file, dialect);
  try {
    return parseRecovering(text, dialect, at);
  } catch (e) {
    if (!(e instanceof TooManyErrors)) throw e;
    const labels = new Set(e.raised.filter((r) => (r as { reasonCode?: string }).reasonCode === 'LabelRedeclaration').map(labelName));
    labels.delete(undefined);
    if (labels.size === 0) throw new Error(`${e.message}; the file is not analysed`);
    try {
      const parsed = parseRecovering(blankLabels(text, labels as Set<string>), dialect, at);
      return { ...parsed, syntaxErrors: [`labels declared again and again (${[...labels].join(', ')}); they were not parsed`, ...parsed.syntaxErrors] };
    } catch (again) {
      if (again instanceof TooManyErrors) throw new Error(`${again.message}; the file is not analysed`);
      throw again;
    }
  }
}

/** Where a part of a file starts: offset, 1-based line and 0-based column (Babel's `startIndex`/`startLine`/`startColumn`). */
export interface StartPosition {
  index: number;
  line: number;
  column: number;
}

/**
 * Parses a Vue or Svelte component: each `<script>` block once, in its own `lang`, at its place in the file
 * (so offsets, lines and columns are the file's), joined into one Program that spans the file, so that the
 * blocks share one scope as the component's compiler makes them do. The markup is not parsed as code; its
 * layout (template sinks, HTML comments) is kept as {@link JsParsedFile.sfc}, and its comments join the
 * comments so that `<!-- rampart-ignore-next-line … -->` works in a template.
 */
function parseComponent(text: string, file: string, framework: SfcFramework): JsParsedFile {
  const sfc = sfcLayout(text, framework);
  const parts: JsParsedFile[] = [];
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  for (const s of sfc.scripts) {
    const start = s.range[0];
    for (let i = text.indexOf('\n', counted); i >= 0 && i < start; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = start;
    try {
      parts.push(parseJs(text.slice(start, s.range[1]), file, s.dialect, { index: start, line, column: start - lineStart }));
    } catch (e) {
      throw new Error(`the <script> block at line ${line}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const empty = parseRecovering('', 'js');
  const program = {
    ...empty.root.program,
    start: 0,
    end: text.length,
    body: parts.flatMap((p) => p.root.program.body),
    directives: parts.flatMap((p) => p.root.program.directives),
  };
  const comments = [...parts.flatMap((p) => p.comments), ...sfc.comments].sort((a, b) => a.range[0] - b.range[0]);
  return { root: { ...empty.root, start: 0, end: text.length, program }, comments, syntaxErrors: parts.flatMap((p) => p.syntaxErrors), sfc };
}

function parseRecovering(text: string, dialect: string, at?: StartPosition): JsParsedFile {
  const attempts: Array<[ParserPlugin[], 'module' | 'script']> = [
    [PLUGINS[dialect] ?? PLUGINS.tsx, 'module'],
    [PLUGINS[dialect] ?? PLUGINS.tsx, 'script'],
  ];
  if (dialect === 'jsx') attempts.push([PLUGINS.js, 'module']);
  let lastError: unknown;
  for (const [plugins, sourceType] of attempts) {
    try {
      const position = at ? { startIndex: at.index, startLine: at.line, startColumn: at.column } : {};
      const ast = withErrorBudget(() => parse(text, { ...BASE_OPTIONS, ...position, sourceType, plugins }));
      const comments: SourceComment[] = (ast.comments ?? []).map((c) => ({
        range: [c.start!, c.end!],
        value: c.value,
      }));
      const syntaxErrors = ((ast as { errors?: Array<{ message: string }> }).errors ?? []).map((e) => e.message);
      // The first attempt, the one a re-parse repeats: the dialect's plugins, as a module.
      const wholeModule = at === undefined && plugins === attempts[0][0] && sourceType === 'module' && syntaxErrors.length === 0;
      return { root: ast as t.File, comments, syntaxErrors, ...(wholeModule ? { wholeModule } : {}) };
    } catch (e) {
      if (e instanceof RangeError) {
        throw new Error('the code is nested too deeply to parse (the parser ran out of stack)');
      }
      if (e instanceof TooManyErrors) throw e;
      lastError = e;
    }
  }
  throw lastError;
}

/**
 * Runs a synchronous Babel parse that may raise at most {@link MAX_SYNTAX_ERRORS} errors. Babel has no
 * option for it, but every error it raises is made by `new SyntaxError()` (looked up on the global object
 * at that moment), so the global is swapped for a counting stand-in during the parse — nothing else runs
 * meanwhile — and restored after. The errors made so far are handed on when the budget runs out.
 */
export function withErrorBudget<T>(parseNow: () => T): T {
  const original = globalThis.SyntaxError;
  const raised: SyntaxError[] = [];
  globalThis.SyntaxError = new Proxy(original, {
    construct(target, args, newTarget) {
      if (raised.length >= MAX_SYNTAX_ERRORS) throw new TooManyErrors(raised);
      const error = Reflect.construct(target, args, newTarget) as SyntaxError;
      raised.push(error);
      return error;
    },
  });
  // Babel's TypeScript reading makes and drops errors as it tries alternatives (≈20 in a 2,000-line file); only
  // their messages are kept, so they are made without capturing a stack trace, the costly part.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseNow();
  } finally {
    globalThis.SyntaxError = original;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function labelName(error: SyntaxError): string | undefined {
  const name = (error as { details?: { labelName?: unknown } }).details?.labelName;
  return typeof name === 'string' && /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(name) ? name : undefined;
}

/** An identifier (Unicode), as labels are written. */
const IDENTIFIER = /[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*/gu;

/**
 * Replaces every `name:` of these label names with spaces: an identifier of the set that is not a member
 * (`.name`) and is followed by blanks and a single `:` (not `::`). One pass over the identifiers of the text.
 */
function blankLabels(text: string, names: ReadonlySet<string>): string {
  let out = '';
  let copied = 0;
  for (const m of text.matchAll(IDENTIFIER)) {
    if (!names.has(m[0]) || text[m.index - 1] === '.') continue;
    let end = m.index + m[0].length;
    while (text[end] === ' ' || text[end] === '\t') end++;
    if (text[end] !== ':' || text[end + 1] === ':') continue;
    out += text.slice(copied, m.index) + ' '.repeat(end + 1 - m.index);
    copied = end + 1;
  }
  return out + text.slice(copied);
}

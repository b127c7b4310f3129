import { parse } from '@babel/parser';
import type * as t from '@babel/types';
import { BASE_OPTIONS, PLUGINS, dialectOf, withErrorBudget, type JsNode, type JsParsedFile } from './parse';
import { childKeys } from './traverse';

/**
 * Re-parsing an edited file from the tree of its previous version, as an editor does on every keystroke: only the
 * statements the edit touched are parsed again, and the rest of the tree is kept, its positions moved. Parsing a
 * 2,000-line TypeScript file allocates ≈9 MB that the collector then copies while the rules run; an edit re-parses
 * a few statements instead.
 *
 * The edit is the text between the longest common prefix and suffix of the two versions. The statements it
 * touches are a run of one statement list — the file's, a function body's or a block's, the innermost that holds
 * the edit — and the run is parsed alone at its place (Babel's `startIndex`/`startLine`/`startColumn`), so every
 * new position is the file's. The new statements replace the old ones only when nothing outside the run can read
 * differently, otherwise the caller parses the whole file:
 * - the statement before the run ends with `;` or with a block that nothing can continue (a function or class
 *   declaration, `if`/loop/`try` bodies…), so the run's tokens cannot join it, and the run's last statement does
 *   too unless the list ends right after it;
 * - a line break separates the edit from the statement after the run, so nothing after it changes column
 *   (which also keeps a line comment the edit types from running into it);
 * - the run parses with no error and no directive (a string at its top would be one alone but not in place);
 *   errors that depend on the context (`break` outside a loop, `yield` outside a generator, a private `#name`)
 *   fall back to a full parse, and so does `await` outside an async function.
 * Then every node after the run moves by the edit's length and lines, and the nodes around it (function, class,
 * Program, File) only at their end. Babel shares a position object between nodes that start or end at the same
 * token, so a position is moved only when its index is not yet the node's new one.
 *
 * Only a tree parsed whole as a module without errors is reused, and only by the file it came from. The tree is
 * changed in place: the caller hands over the previous version's tree and must not use it again.
 */
export function reparseJs(previous: JsParsedFile, before: string, after: string, file: string): JsParsedFile | null {
  // The last traversal's list of every node, which says what to move.
  const nodes = previous.nodes;
  if (!previous.wholeModule || previous.sfc || previous.syntaxErrors.length > 0 || !nodes) return null;
  const root = previous.root;
  const change = changedRange(before, after);
  if (change === null) return { root, comments: previous.comments, syntaxErrors: [], wholeModule: true };
  const run = findRun(root.program as JsNode, change, before);
  if (run === null) return null;
  const delta = after.length - before.length;
  const lineDelta = countLines(after, run.from, run.to + delta) - countLines(before, run.from, run.to);
  // Positions shared between nodes are told apart by their index, which needs the edit to change the length.
  if (delta === 0 && lineDelta !== 0) return null;

  const plugins = PLUGINS[dialectOf(file)] ?? PLUGINS.tsx;
  let slice: t.File;
  try {
    slice = withErrorBudget(() =>
      parse(after.slice(run.from, run.to + delta), {
        ...BASE_OPTIONS,
        errorRecovery: false,
        sourceType: 'module',
        plugins,
        startIndex: run.from,
        startLine: run.line,
        startColumn: run.column,
      }),
    );
  } catch {
    return null;
  }
  const program = slice.program;
  const statements = program.body as JsNode[];
  if (program.directives.length > 0 || program.interpreter) return null;
  // `await` outside any function of the run: the file's top-level await, or an error unless the list is an async function's body.
  const awaits = program.extra?.topLevelAwait === true;
  if (run.container.type === 'Program' ? awaits || root.program.extra?.topLevelAwait : awaits && !inAsyncFunction(run.container)) return null;
  if (!run.endsList && statements.length > 0 && !closed(statements[statements.length - 1], after)) return null;
  const comments = slice.comments ?? [];

  // The file's comments: those of the run's old text go, the run's new ones come in their place.
  const kept = root.comments ?? [];
  let at = 0;
  while (at < kept.length && kept[at].start! < run.from) at++;
  let removed = 0;
  while (at + removed < kept.length && kept[at + removed].end! <= run.to) removed++;
  if (delta !== 0 || lineDelta !== 0) move(nodes, kept, run, delta, lineDelta);
  kept.splice(at, removed, ...comments);
  run.list.splice(run.first, run.last - run.first + 1, ...statements);
  return {
    root,
    comments: kept.map((c) => ({ range: [c.start!, c.end!], value: c.value })),
    syntaxErrors: [],
    wholeModule: true,
  };
}

/** The edited range of `before` as `[start, end)`, by common prefix and suffix; null when the texts are equal. */
function changedRange(before: string, after: string): { start: number; end: number } | null {
  const shorter = Math.min(before.length, after.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start === before.length && start === after.length) return null;
  let suffix = 0;
  while (suffix < shorter - start && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  return { start, end: before.length - suffix };
}

/** The statements to parse again: `list[first..last]` (maybe none) and the text `[from, to)` of `before` around them. */
interface Run {
  /** The Program or block whose statements `list` is. */
  container: JsNode;
  list: JsNode[];
  first: number;
  last: number;
  from: number;
  to: number;
  /** Line (1-based) and column of `from`. */
  line: number;
  column: number;
  /** Whether the list ends after the run (a `}` or the end of the file follows it). */
  endsList: boolean;
}

/**
 * The run of the innermost statement list that can take the edit: descends from the Program through the
 * statement that holds the edit into the function body or block inside it that holds it, as long as one does.
 */
function findRun(program: JsNode, change: { start: number; end: number }, before: string): Run | null {
  let best: Run | null = null;
  let container: JsNode | null = program;
  while (container) {
    const run = runIn(container, change, before);
    if (run === null) break;
    best = run;
    container = run.first === run.last ? innermostBlock(run.list[run.first], change) : null;
  }
  return best;
}

/** The run of `container`'s statements (a Program or block) around the edit, or null when the edit is not in its content. */
function runIn(container: JsNode, change: { start: number; end: number }, before: string): Run | null {
  const block = container as t.Program | t.BlockStatement;
  const list = block.body as JsNode[];
  // The content starts after the directives (or after `{`, or at the top of the file after a `#!` line).
  const directives = block.directives;
  const lastDirective = directives.length > 0 ? directives[directives.length - 1] : null;
  const opener = container.type === 'Program' ? (container as t.Program).interpreter ?? null : null;
  let head: { end: number; line: number; column: number };
  if (lastDirective) head = endOf(lastDirective);
  else if (opener) head = endOf(opener);
  else if (container.type === 'Program') head = { end: container.start!, line: container.loc!.start.line, column: container.loc!.start.column };
  else head = { end: container.start! + 1, line: container.loc!.start.line, column: container.loc!.start.column + 1 };
  const tail = container.type === 'Program' ? container.end! : container.end! - 1;
  if (change.start < head.end || change.end > tail) return null;

  let first = 0;
  while (first < list.length && list[first].end! <= change.start) first++;
  while (first > 0 && !closed(list[first - 1], before)) first--;
  // A directive without `;` (`'use client'`) could take the run's first tokens, as a statement could.
  if (first === 0 && lastDirective && before.charCodeAt(lastDirective.end! - 1) !== SEMICOLON) return null;
  let last = first - 1;
  while (last + 1 < list.length && list[last + 1].start! <= change.end) last++;
  // A line break between the edit and what follows the run, so that nothing after it changes column.
  while (last + 1 < list.length && before.lastIndexOf('\n', list[last + 1].start! - 1) < change.end) last++;
  const endsList = last + 1 === list.length;
  const to = endsList ? tail : list[last + 1].start!;
  if (endsList && before.lastIndexOf('\n', tail - 1) < change.end) return null;
  const from = first > 0 ? endOf(list[first - 1]) : head;
  return { container, list, first, last, from: from.end, to, line: from.line, column: from.column, endsList };
}

/** The function body or block directly or deeply inside `node` whose content holds the whole edit, if any. */
function innermostBlock(node: JsNode, change: { start: number; end: number }): JsNode | null {
  let current: JsNode = node;
  for (;;) {
    if (current !== node && current.type === 'BlockStatement') return current;
    let inside: JsNode | null = null;
    for (const key of childKeys(current.type)) {
      const child = (current as unknown as Record<string, unknown>)[key];
      for (const c of Array.isArray(child) ? child : [child]) {
        const n = c as JsNode | null;
        if (n && typeof n.type === 'string' && n.start! < change.start && change.end < n.end!) inside = n;
      }
    }
    if (!inside) return null;
    current = inside;
  }
}

const SEMICOLON = 0x3b;
const CLOSE_BRACE = 0x7d;

/** Statements that end with a `}` no following token can continue. */
const BLOCK_ENDED = new Set([
  'FunctionDeclaration',
  'ClassDeclaration',
  'BlockStatement',
  'TryStatement',
  'SwitchStatement',
  'StaticBlock',
  'TSInterfaceDeclaration',
  'TSEnumDeclaration',
  'TSModuleDeclaration',
]);

/** Whether tokens after the statement cannot become part of it: it ends with `;` or with a closed block. */
function closed(node: JsNode, text: string): boolean {
  const last = text.charCodeAt(node.end! - 1);
  if (last === SEMICOLON) return true;
  if (last !== CLOSE_BRACE) return false;
  switch (node.type) {
    case 'IfStatement':
      return closed((node.alternate ?? node.consequent) as JsNode, text);
    case 'ForStatement':
    case 'ForInStatement':
    case 'ForOfStatement':
    case 'WhileStatement':
    case 'WithStatement':
    case 'LabeledStatement':
      return closed(node.body as JsNode, text);
    case 'ExportNamedDeclaration':
    case 'ExportDefaultDeclaration':
      return node.declaration ? closed(node.declaration as JsNode, text) : false;
    default:
      return BLOCK_ENDED.has(node.type);
  }
}

/** Whether the block is in an async function, not in a function nested in it (parents as the last traversal set them). */
function inAsyncFunction(block: JsNode): boolean {
  for (let n = block.parent; n; n = n.parent) {
    if (FUNCTIONS.has(n.type)) return (n as { async?: boolean }).async === true;
    if (n.type === 'StaticBlock' || n.type === 'ClassProperty' || n.type === 'ClassPrivateProperty') return false;
  }
  return false;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

function endOf(node: t.Node): { end: number; line: number; column: number } {
  return { end: node.end!, line: node.loc!.end.line, column: node.loc!.end.column };
}

/** Line breaks as Babel counts them for positions: `\r\n`, `\r`, `\n`, U+2028 and U+2029 (also inside strings and comments). */
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

function countLines(text: string, from: number, to: number): number {
  return text.slice(from, to).match(LINE_BREAK)?.length ?? 0;
}

type Position = { line: number; index: number };

/**
 * Moves every node after the run by `delta` offsets and `lineDelta` lines, and the end of every node around it;
 * nodes before it, and the run's own old statements, are left. `nodes` is every node of the tree (the last
 * traversal's list); comments are Babel nodes too (`File.comments`).
 */
function move(nodes: readonly JsNode[], comments: readonly t.Comment[], run: Run, delta: number, lineDelta: number): void {
  const movePosition = (p: Position, index: number) => {
    // Shared by the nodes that start (or end) at the same token: moved by the first of them.
    if (p.index === index) return;
    p.index += delta;
    p.line += lineDelta;
  };
  // Babel's offsets in `extra`: where the parentheses around an expression open, and a trailing comma (after the run also in a node around it).
  const moveExtra = (node: JsNode) => {
    const extra = node.extra as { parenStart?: number; trailingComma?: number } | undefined;
    if (!extra) return;
    if (extra.parenStart !== undefined && extra.parenStart >= run.to) extra.parenStart += delta;
    if (extra.trailingComma !== undefined && extra.trailingComma >= run.to) {
      extra.trailingComma += delta;
      const loc = Object.getOwnPropertyDescriptor(extra, 'trailingCommaLoc')?.value as Position | undefined;
      if (loc) movePosition(loc, extra.trailingComma);
    }
  };
  const moveAll = (node: JsNode | t.Comment) => {
    const start = (node.start! += delta);
    const end = (node.end! += delta);
    const loc = node.loc!;
    movePosition(loc.start as Position, start);
    movePosition(loc.end as Position, end);
    if ((node as { extra?: unknown }).extra) moveExtra(node as JsNode);
  };
  for (const comment of comments) if (comment.start! >= run.to) moveAll(comment);
  const { from, to } = run;
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    const start = node.start!;
    const end = node.end!;
    if (end <= from) continue;
    if (start >= to) moveAll(node);
    else if (start <= from && end >= to) {
      node.end = end + delta;
      movePosition(node.loc!.end as Position, end + delta);
      moveExtra(node);
    }
    // Else a node of the run, replaced next.
  }
}

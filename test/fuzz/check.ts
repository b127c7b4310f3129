import type { FileResult, Position, Range, TextEdit } from '../../src/engine/types';

/**
 * Line starts of `text` (breaks: `\r\n`, `\n`, lone `\r`), computed here independently of the engine's
 * `LineIndex`, so that a bug there is caught rather than reproduced.
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  const breaks = /\r\n|\r|\n/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

/** 1-based line and column of `offset` given the line starts. */
function positionOf(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

/** Problems with one range: not two integers, reversed, or outside a text of `length` characters. */
function rangeProblem(range: Range | undefined, length: number): string | undefined {
  if (!Array.isArray(range) || range.length !== 2) return `range is not a pair: ${JSON.stringify(range)}`;
  const [start, end] = range;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return `range ${JSON.stringify(range)} is not two integers`;
  if (start > end) return `range ${start}-${end} is reversed`;
  if (start < 0 || end > length) return `range ${start}-${end} is outside the text (${length} characters)`;
  return undefined;
}

function samePosition(a: Position | undefined, b: Position): boolean {
  return a !== undefined && a.line === b.line && a.column === b.column;
}

/** Problems with the edits of one fix or suggestion: bad ranges, or edits that overlap each other. */
function editProblems(edits: readonly TextEdit[] | undefined, length: number): string[] {
  if (!Array.isArray(edits) || edits.length === 0) return ['has no edits'];
  const problems: string[] = [];
  for (const e of edits) {
    const p = rangeProblem(e.range, length);
    if (p) problems.push(`edit ${p}`);
    if (typeof e.text !== 'string') problems.push(`edit text is ${typeof e.text}`);
  }
  if (problems.length > 0) return problems;
  const sorted = [...edits].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1].range, sorted[i].range];
    // Two insertions at one offset have no defined order, so `applyFixes` refuses them like an overlap.
    const bothInsert = a[0] === a[1] && b[0] === b[1] && a[0] === b[0];
    if (b[0] < a[1] || bothInsert) problems.push(`edits ${a[0]}-${a[1]} and ${b[0]}-${b[1]} overlap`);
  }
  return problems;
}

/** The message template of a rule's messageId, to tell an unfilled placeholder from `{{` quoted from the file. */
export type TemplateLookup = (ruleId: string, messageId: string) => string | undefined;

/** The `{{name}}` placeholders of a template, as written in it. */
function placeholders(template: string | undefined): string[] {
  return template ? (template.match(/\{\{\s*\w+\s*\}\}/g) ?? []) : [];
}

/** Internal errors that are the designed degradation, not a bug: a rule that ran out of stack on deep nesting. */
const ACCEPTED_RULE_ERROR = /Maximum call stack size exceeded/;
/**
 * Parse errors that are not about the input: the tree-sitter WASM module trapped (out-of-bounds access,
 * out of memory), which disables the Python and Terraform parsers for every later file.
 */
const BROKEN_PARSER = /RuntimeError|disabled after an internal failure/;

/**
 * Everything wrong with a result for `text`, one line each (empty when sound): a finding or related
 * location whose range is reversed or outside the text, whose line/column do not match its offsets, or
 * whose message is empty or still holds a placeholder of its template; a fix or suggestion whose edits
 * fall outside the text or overlap; a rule that threw (other than running out of stack on deep
 * nesting); a parser that broke (a WASM trap); an internal error message that is not one readable line.
 * Parse failures are results, not problems. At most `limit` problems are listed.
 */
export function problemsIn(result: FileResult, text: string, templates: TemplateLookup = () => undefined, limit = 20): string[] {
  const problems: string[] = [];
  const add = (p: string) => {
    if (problems.length < limit) problems.push(p);
  };
  let starts: number[] | undefined;
  const position = (offset: number) => positionOf((starts ??= lineStarts(text)), offset);
  for (const f of result.findings) {
    const where = `${f.ruleId}@${f.range?.[0]}-${f.range?.[1]}`;
    const bad = rangeProblem(f.range, text.length);
    if (bad) {
      add(`${where}: ${bad}`);
    } else {
      const [start, end] = [position(f.range[0]), position(f.range[1])];
      if (!samePosition(f.start, start) || !samePosition(f.end, end)) {
        add(`${where}: line/column ${JSON.stringify([f.start, f.end])} do not match the offsets (${JSON.stringify([start, end])})`);
      }
    }
    if (typeof f.message !== 'string' || f.message.length === 0) add(`${where}: empty message`);
    else {
      const unfilled = placeholders(templates(f.ruleId, f.messageId)).find((p) => f.message.includes(p));
      if (unfilled) add(`${where}: placeholder ${unfilled} not filled in ${JSON.stringify(f.message.slice(0, 200))}`);
    }
    for (const r of f.related ?? []) {
      const badRelated = rangeProblem(r.range, text.length);
      if (badRelated) add(`${where}: related location ${badRelated}`);
      else if (!samePosition(r.start, position(r.range[0])) || !samePosition(r.end, position(r.range[1]))) add(`${where}: related location line/column do not match its offsets`);
    }
    if (f.fix) for (const p of editProblems(f.fix.edits, text.length)) add(`${where}: fix "${f.fix.title}" ${p}`);
    for (const s of f.suggestions ?? []) for (const p of editProblems(s.edits, text.length)) add(`${where}: suggestion "${s.title}" ${p}`);
  }
  for (const e of result.errors) {
    if (e.source !== 'parser' && !ACCEPTED_RULE_ERROR.test(e.message)) add(`rule ${e.source} threw: ${e.message}`);
    if (e.source === 'parser' && BROKEN_PARSER.test(e.message)) add(`the parser broke: ${e.message}`);
    if (!/^\S.{9,399}$/.test(e.message)) add(`internal error message is not one readable line: ${JSON.stringify(e.message.slice(0, 200))}`);
  }
  return problems;
}

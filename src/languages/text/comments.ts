import type { SourceComment } from '../../engine/language';

/** Offset of the line break that ends the line holding `from` (or the end of the text). */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset of the line after the line break at `end`. */
function nextLine(text: string, end: number): number {
  if (text[end] === '\r' && text[end + 1] === '\n') return end + 2;
  return Math.min(end + 1, text.length);
}

function hashComment(text: string, at: number): SourceComment {
  const end = lineEnd(text, at);
  return { range: [at, end], value: text.slice(at + 1, end) };
}

/**
 * `#` comments of a pip requirements file: a `#` at the start of a line or after whitespace runs to
 * the end of the line (`pkg @ https://host/x.zip#sha256=…` and `git+https://…#egg=x` are not comments).
 */
export function requirementsComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  for (let i = text.indexOf('#'); i >= 0; i = text.indexOf('#', i + 1)) {
    const before = text[i - 1];
    if (i === 0 || before === ' ' || before === '\t' || before === '\n' || before === '\r') {
      const comment = hashComment(text, i);
      comments.push(comment);
      i = comment.range[1];
    }
  }
  return comments;
}

/** Characters after which a `#` starts a word, and so a comment, in a shell script. */
const SHELL_WORD_BREAK = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '(', ')', '<', '>']);
const HEREDOC = /<<(-?)[ \t]*(?:'([^'\n\r]*)'|"([^"\n\r]*)"|\\?([A-Za-z_][A-Za-z0-9_.-]*))/y;

interface Heredoc {
  delimiter: string;
  stripTabs: boolean;
}

/**
 * `#` comments of a shell script: a `#` that starts a word, outside quotes (`'…'`, `"…"`, `$'…'`) and
 * here-document bodies. `$#`, `${#x}` and `a#b` are not comments; the `#!` line is one.
 */
export function shellComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  let heredocs: Heredoc[] = [];
  let lines: LineTable | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n' || c === '\r') {
      i = nextLine(text, i);
      if (heredocs.length > 0) i = skipHeredocBodies(i, heredocs, (lines ??= new LineTable(text)));
      heredocs = [];
    } else if (c === '\\') {
      // An escaped character, or a line continuation (also before CR LF).
      i += text[i + 1] === '\r' && text[i + 2] === '\n' ? 3 : 2;
    } else if (c === "'") {
      i = text[i - 1] === '$' ? skipQuoted(text, i, "'", true) : skipQuoted(text, i, "'", false);
    } else if (c === '"') {
      i = skipQuoted(text, i, '"', true);
    } else if (c === '#' && (i === 0 || SHELL_WORD_BREAK.has(text[i - 1]))) {
      const comment = hashComment(text, i);
      comments.push(comment);
      i = comment.range[1];
    } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      HEREDOC.lastIndex = i;
      const m = HEREDOC.exec(text);
      if (m) heredocs.push({ delimiter: m[2] ?? m[3] ?? m[4], stripTabs: m[1] === '-' });
      i = m ? HEREDOC.lastIndex : i + 2;
    } else {
      i++;
    }
  }
  return comments;
}

/** Offset just past a quoted string starting at `start` (the end of the text when unterminated). */
function skipQuoted(text: string, start: number, quote: string, escapes: boolean): number {
  let i = start + 1;
  while (i < text.length && text[i] !== quote) i += escapes && text[i] === '\\' ? 2 : 1;
  return Math.min(i + 1, text.length);
}

/**
 * Skips the bodies of the here-documents opened on the previous line, in order; returns the next
 * offset. A body whose delimiter line never comes is not skipped: `<<` was probably a shift (`$((a<<b))`).
 */
function skipHeredocBodies(from: number, heredocs: readonly Heredoc[], lines: LineTable): number {
  let i = from;
  for (const { delimiter, stripTabs } of heredocs) {
    const bodyEnd = lines.after(stripTabs ? delimiter : '\u0000' + delimiter, i);
    if (bodyEnd === undefined) return i;
    i = bodyEnd;
  }
  return i;
}

/**
 * The lines of a text by content, to find a here-document's delimiter line in logarithmic time (a
 * linear search per `<<` would be quadratic on hostile input). Keys are the line with its leading tabs
 * stripped (for `<<-`) and, prefixed with NUL, the exact line.
 */
class LineTable {
  private readonly next = new Map<string, number[]>();

  constructor(text: string) {
    let i = 0;
    while (i < text.length) {
      const end = lineEnd(text, i);
      const line = text.slice(i, end);
      i = nextLine(text, end);
      this.add('\u0000' + line, i);
      this.add(line.replace(/^\t+/, ''), i);
      if (end === text.length) break;
    }
  }

  /** Offset of the line after the first line with this key that starts at or after `from` (a line start). */
  after(key: string, from: number): number | undefined {
    const ends = this.next.get(key);
    if (!ends) return undefined;
    let lo = 0;
    let hi = ends.length;
    // As `from` starts a line, a line starts at or after it exactly when the line after it starts after it.
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > from) hi = mid;
      else lo = mid + 1;
    }
    return ends[lo];
  }

  private add(key: string, nextStart: number): void {
    const list = this.next.get(key);
    if (list) list.push(nextStart);
    else this.next.set(key, [nextStart]);
  }
}

const FENCE = /^ {0,3}(?=(`{3,}|~{3,}))\1(.*)$/;

/**
 * `<!-- … -->` comments of Markdown and agent rules files, outside fenced code blocks and inline code
 * spans (where such text is an example, not a comment). An unclosed comment runs to the end of the text.
 */
export function htmlComments(text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  let fence: { char: string; length: number } | undefined;
  let i = 0;
  let atLineStart = true;
  while (i < text.length) {
    const end = lineEnd(text, i);
    if (atLineStart) {
      const m = FENCE.exec(text.slice(i, end));
      const opensFence = m && !fence && !(m[1][0] === '`' && m[2].includes('`'));
      const closesFence = m && fence && m[1][0] === fence.char && m[1].length >= fence.length && m[2].trim() === '';
      if (opensFence) fence = { char: m[1][0], length: m[1].length };
      if (closesFence) fence = undefined;
      if (fence || closesFence) {
        i = nextLine(text, end);
        continue;
      }
    }
    const resume = scanLineForComments(text, i, end, comments);
    atLineStart = resume === undefined;
    i = resume ?? nextLine(text, end);
  }
  return comments;
}

/**
 * Scans `[from, end)` for inline code spans and comment openers. Returns the offset to resume at when a
 * comment ran past the end of the line, otherwise undefined.
 */
function scanLineForComments(text: string, from: number, end: number, comments: SourceComment[]): number | undefined {
  let j = from;
  while (j < end) {
    if (text[j] === '`') {
      j = skipCodeSpan(text, j, end);
    } else if (text.startsWith('<!--', j)) {
      const close = text.indexOf('-->', j + 4);
      const commentEnd = close < 0 ? text.length : close + 3;
      comments.push({ range: [j, commentEnd], value: text.slice(j + 4, close < 0 ? text.length : close) });
      j = commentEnd;
      if (j > end) return j;
    } else {
      j++;
    }
  }
  return undefined;
}

/** Offset past the code span opened by the backtick run at `start`, or past the run if it is not closed on this line. */
function skipCodeSpan(text: string, start: number, end: number): number {
  let open = start;
  while (open < end && text[open] === '`') open++;
  const length = open - start;
  let j = open;
  while (j < end) {
    if (text[j] !== '`') {
      j++;
      continue;
    }
    let run = j;
    while (run < end && text[run] === '`') run++;
    if (run - j === length) return run;
    j = run;
  }
  return open;
}

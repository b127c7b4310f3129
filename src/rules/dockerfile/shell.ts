/**
 * Reading the shell of `RUN` instructions without a shell parser: the instruction's text with line
 * continuations and comment lines blanked out (same length, so offsets stay those of the file), and
 * a test for a word in command position.
 */
import type { Instruction } from 'dockerfile-ast';
import type { DockerfileHelpers } from '../../languages/dockerfile';

/** The text of a `RUN` (shell form, heredocs included) and where it starts in the file. */
export interface ShellText {
  /** Same length as the instruction's text; `\` continuations and `#` comment lines are spaces. */
  text: string;
  /** Offset of `text[0]` in the file. */
  offset: number;
}

/**
 * Where a command starts: the beginning, or after `;`, `&`, `|`, `(`, `{`, a backtick, `$(`, a
 * newline, or the keywords `then`/`do`/`else`, optionally behind `env VAR=x` assignments. A value is one word
 * without separators (`${…}` and `$(…)` allowed), so the scan from one candidate start stops at the next (linear).
 */
export const COMMAND_START = String.raw`(?:^|[;&|({\x60\n]|\$\(|(?<![^\s;&|(){}\x60])-?(?:then|do|else|exec|xargs)\b)[ \t]*(?:[A-Za-z_][A-Za-z0-9_]*=(?:[^\s;&|(){}\x60$]|\$\{[^\s{}]*\}|\$\([^()\s]*\)|\$(?![({]))*[ \t]+)*`;

/**
 * Shell texts already read, per instruction: several rules read each `RUN`, and dockerfile-ast derives the
 * arguments anew on every call. An instruction belongs to one parse of one text, so the entry stays valid
 * and goes with the tree.
 */
const shellTexts = new WeakMap<Instruction, Readonly<ShellText> | null>();

/** The shell text of every `RUN` instruction; other instructions give null. Shared by the rules: not to be modified. */
export function runShellText(instruction: Instruction, lang: DockerfileHelpers, fileText: string): Readonly<ShellText> | null {
  if (lang.keywordOf(instruction) !== 'RUN') return null;
  const known = shellTexts.get(instruction);
  if (known !== undefined) return known;
  const args = instruction.getArgumentsRange();
  let shell: Readonly<ShellText> | null = null;
  if (args) {
    const [start, end] = lang.rangeOf(args);
    shell = Object.freeze({ text: blankContinuations(fileText.slice(start, end)), offset: start });
  }
  shellTexts.set(instruction, shell);
  return shell;
}

/** Replaces `\` + line break and whole `#` comment lines inside continuations by spaces. */
function blankContinuations(raw: string): string {
  return raw
    .replace(/(^|\n)([ \t]*#[^\n]*)/g, (_m, lead: string, comment: string) => lead + ' '.repeat(comment.length))
    .replace(/\\\r?\n/g, (m) => ' '.repeat(m.length));
}

/** A word of a shell command (see {@link commandWords}). */
export interface ShellWord {
  /** The word with its quotes and backslash escapes removed; `$…` expansions are kept as written. */
  value: string;
  /** Offsets of the word as written (quotes included), in the text given to {@link commandWords}. */
  start: number;
  end: number;
  /** Whether part of the word is quoted. */
  quoted: boolean;
}

/** Characters that end a simple command outside quotes: control operators, a subshell's end, a line break. */
const COMMAND_END = new Set([';', '&', '|', ')', '\n']);

/**
 * The words of the simple command that starts at `from` in a `RUN`'s shell text, up to the first control
 * operator (`;`, `&&`, `||`, `|`, `&`, `)`), line break, redirection (`>`, `2>`, `<`) or comment. Quotes,
 * backslash escapes, `$(…)`, `${…}` and backticks stay inside their word. Linear: each character is read once.
 */
export function commandWords(text: string, from: number): ShellWord[] {
  const words: ShellWord[] = [];
  let i = from;
  for (;;) {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\r')) i++;
    if (i >= text.length || COMMAND_END.has(text[i]) || text[i] === '#') return words;
    if (/^\d*[<>]/.test(text.slice(i, i + 4))) return words;
    const word = readWord(text, i);
    words.push(word);
    i = word.end;
  }
}

/** One word from `start`: up to an unquoted blank, control operator or redirection. */
function readWord(text: string, start: number): ShellWord {
  let value = '';
  let quoted = false;
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || COMMAND_END.has(c) || c === '<' || c === '>') break;
    if (c === '\\') {
      value += text[i + 1] ?? '';
      i += 2;
    } else if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      value += text.slice(i + 1, end);
      quoted = true;
      i = end + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      value += text.slice(i + 1, Math.min(j, text.length)).replace(/\\(["\\$`])/g, '$1');
      quoted = true;
      i = j + 1;
    } else if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      const end = closingOf(text, i + 1);
      value += text.slice(i, end);
      i = end;
    } else if (c === '`') {
      const close = text.indexOf('`', i + 1);
      const end = close < 0 ? text.length : close + 1;
      value += text.slice(i, end);
      i = end;
    } else {
      value += c;
      i++;
    }
  }
  return { value, start, end: Math.min(i, text.length), quoted };
}

/** The offset after the bracket that closes the `(` or `{` at `open` (nesting counted, quotes skipped); the text's end if none. */
function closingOf(text: string, open: number): number {
  const opening = text[open];
  const closing = opening === '(' ? ')' : '}';
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" && opening === '(') {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return text.length;
      i = close;
    } else if (c === opening) depth++;
    else if (c === closing && --depth === 0) return i + 1;
  }
  return text.length;
}

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

/** The shell text of every `RUN` instruction; other instructions give null. */
export function runShellText(instruction: Instruction, lang: DockerfileHelpers, fileText: string): ShellText | null {
  if (lang.keywordOf(instruction) !== 'RUN') return null;
  const args = instruction.getArgumentsRange();
  if (!args) return null;
  const [start, end] = lang.rangeOf(args);
  const raw = fileText.slice(start, end);
  return { text: blankContinuations(raw), offset: start };
}

/** Replaces `\` + line break and whole `#` comment lines inside continuations by spaces. */
function blankContinuations(raw: string): string {
  return raw
    .replace(/(^|\n)([ \t]*#[^\n]*)/g, (_m, lead: string, comment: string) => lead + ' '.repeat(comment.length))
    .replace(/\\\r?\n/g, (m) => ' '.repeat(m.length));
}

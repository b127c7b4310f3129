import type * as t from '@babel/types';
import { unwrap } from './ast';
import { stringLiteral, type QuoteStyle } from './edits';
import type { JsNode } from './parse';

/** One word of a command line: static text, an interpolated expression, or a mix of both. */
type Part = { text: string } | { expr: JsNode };

/** Characters that make a command line mean something only a shell understands. */
const SHELL_SYNTAX = /[|&;<>()$`\\"'*?~{}[\]#!\n\r]/;

/**
 * Splits a command built as a template literal or `+` concatenation into argv words, so that
 * `` `git log ${branch} --oneline` `` becomes `'git', ['log', branch, '--oneline']`. Returns the source
 * text of the program and the argument array, or null when the command uses shell syntax (pipes,
 * redirects, quotes around text, globbing, variables) or does not start with a static program name.
 * A word that is exactly one interpolation, optionally in matching quotes, becomes that expression.
 * Static words are written in `quote`, the file's quote style.
 */
export function toArgv(command: JsNode, text: string, quote: QuoteStyle = "'"): { file: string; args: string } | null {
  const parts = flatten(unwrap(command));
  if (!parts) return null;
  const words: Part[][] = [[]];
  for (const part of parts) {
    if ('expr' in part) {
      words[words.length - 1].push(part);
      continue;
    }
    const pieces = part.text.split(/[ \t]+/);
    pieces.forEach((piece, i) => {
      if (i > 0 && words[words.length - 1].length > 0) words.push([]);
      if (piece) words[words.length - 1].push({ text: piece });
    });
  }
  const nonEmpty = words.filter((w) => w.length > 0).map(unquote);
  if (nonEmpty.length === 0 || nonEmpty.some((w) => w === null)) return null;
  const [program, ...rest] = nonEmpty as Part[][];
  if (program.length !== 1 || !('text' in program[0])) return null;
  return { file: stringLiteral(program[0].text, quote), args: `[${rest.map((w) => renderWord(w, text, quote)).join(', ')}]` };
}

function flatten(node: JsNode): Part[] | null {
  if (node.type === 'StringLiteral') return [{ text: node.value }];
  if (node.type === 'TemplateLiteral') {
    const parts: Part[] = [];
    node.quasis.forEach((q, i) => {
      if (q.value.cooked) parts.push({ text: q.value.cooked });
      if (i < node.expressions.length) parts.push({ expr: node.expressions[i] as JsNode });
    });
    return node.quasis.some((q) => q.value.cooked === null || q.value.cooked === undefined) ? null : parts;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    const left = flatten(unwrap(node.left as JsNode));
    const right = flatten(unwrap(node.right as JsNode));
    return left && right ? [...left, ...right] : null;
  }
  if (node.type === 'PrivateName') return null;
  return [{ expr: node }];
}

/** Drops quotes that wrap a single interpolation (`"${x}"`); rejects any other shell syntax. */
function unquote(word: Part[]): Part[] | null {
  if (word.length === 3 && 'text' in word[0] && 'expr' in word[1] && 'text' in word[2]) {
    const [open, , close] = word as [{ text: string }, Part, { text: string }];
    if ((open.text === '"' || open.text === "'") && close.text === open.text) return [word[1]];
  }
  return word.every((p) => !('text' in p) || !SHELL_SYNTAX.test(p.text)) ? word : null;
}

function renderWord(word: Part[], text: string, quote: QuoteStyle): string {
  if (word.length === 1) {
    const p = word[0];
    return 'text' in p ? stringLiteral(p.text, quote) : source(p.expr, text);
  }
  return '`' + word.map((p) => ('text' in p ? p.text.replace(/[`\\]/g, '\\$&').replace(/\$\{/g, '\\${') : '${' + source(p.expr, text) + '}')).join('') + '`';
}

function source(node: t.Node, text: string): string {
  return text.slice(node.start!, node.end!);
}

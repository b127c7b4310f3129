import type { Range } from '../../engine/types';
import { NotRendered } from './rendered';

/**
 * The subset of Go's text/template that Helm charts use to write values into manifests: output actions with
 * pipelines (`{{ .Values.a.b | default "x" | quote }}`), `if`/`else if`/`else`/`end`, `with`/`else`/`end`,
 * `{{-`/`-}}` trimming and `{{/* comments *\/}}`. Anything else (`range`, `define`, `template`, `include`,
 * variables, unknown functions) throws {@link NotRendered} when the template is parsed: the file is then read as
 * it is. Parsing is linear in the template and bounded in actions and nesting.
 */
export type TemplateNode = TextNode | ActionNode | BlockNode;

/** Text written as it is, `[start, end)` of the template after trimming. */
export interface TextNode {
  type: 'text';
  start: number;
  end: number;
}

/** `{{ pipeline }}`: its value is written; `range` spans the braces. */
export interface ActionNode {
  type: 'action';
  range: Range;
  pipe: Pipeline;
}

/** `if`/`with` with its `else if`/`else with` branches and a final `else` (`cond` null). */
export interface BlockNode {
  type: 'block';
  branches: Array<{ kind: 'if' | 'with' | 'else'; cond: Pipeline | null; body: TemplateNode[] }>;
}

/** Commands joined by `|`: the value of each is passed as the last argument of the next. */
export interface Pipeline {
  commands: Command[];
}

/** A function call (`fn` with its arguments) or, without `fn`, a single operand. */
export interface Command {
  fn?: string;
  args: Operand[];
}

/** A literal, a field chain from the dot (`.Values.a`) or the root (`$.Values.a`), or a parenthesised pipeline. */
export type Operand =
  | { type: 'literal'; value: string | number | boolean | null; integer: boolean; range: Range }
  | { type: 'field'; root: 'dot' | 'root'; path: string[]; range: Range }
  | { type: 'pipe'; pipe: Pipeline };

/** Functions the evaluator knows; any other name in a template makes it unsupported. */
export const TEMPLATE_FUNCTIONS = new Set([
  'quote', 'squote', 'default', 'toYaml', 'indent', 'nindent', 'toString', 'not', 'and', 'or', 'eq', 'ne', 'empty', 'required', 'printf',
]);

/** Most actions in one template, nesting of blocks and of parentheses. */
const MAX_ACTIONS = 20_000;
const MAX_BLOCK_DEPTH = 64;
const MAX_EXPRESSION_DEPTH = 32;

type Token =
  | { t: 'pipe' | 'open' | 'close'; start: number; end: number }
  | { t: 'literal'; value: string | number | boolean | null; integer: boolean; start: number; end: number }
  | { t: 'field'; root: 'dot' | 'root'; path: string[]; start: number; end: number }
  | { t: 'ident'; name: string; start: number; end: number };

/** Parses a template into nodes; throws {@link NotRendered} for anything outside the subset. */
export function parseTemplate(text: string): TemplateNode[] {
  const root: TemplateNode[] = [];
  // The open blocks, innermost last, each with the body its next nodes go to.
  const stack: Array<{ block: BlockNode; body: TemplateNode[] }> = [];
  let body = root;
  let pos = 0;
  let actions = 0;
  let trimNext = false;
  let lastText: TextNode | undefined;
  while (pos <= text.length) {
    const open = text.indexOf('{{', pos);
    const textEnd = open < 0 ? text.length : open;
    let start = pos;
    if (trimNext) while (start < textEnd && isSpace(text.charCodeAt(start))) start++;
    lastText = { type: 'text', start, end: textEnd };
    if (textEnd > start) body.push(lastText);
    if (open < 0) break;
    if (++actions > MAX_ACTIONS) throw new NotRendered('too many template actions');
    let p = open + 2;
    const trimLeft = text[p] === '-' && isSpace(text.charCodeAt(p + 1));
    if (trimLeft) {
      p += 2;
      while (lastText.end > lastText.start && isSpace(text.charCodeAt(lastText.end - 1))) lastText.end--;
    }
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (text.startsWith('/*', p)) {
      const close = text.indexOf('*/', p + 2);
      if (close < 0) throw new NotRendered('unclosed comment');
      let q = close + 2;
      let trimRight = false;
      if (text.startsWith(' -}}', q)) {
        trimRight = true;
        q += 4;
      } else if (text.startsWith('}}', q)) q += 2;
      else throw new NotRendered('comment not closed by }}');
      trimNext = trimRight;
      pos = q;
      continue;
    }
    const { tokens, end, trimRight } = tokenize(text, p);
    trimNext = trimRight;
    pos = end;
    const range: Range = [open, end];
    const first = tokens[0];
    if (!first) throw new NotRendered('empty action');
    if (first.t === 'ident' && (first.name === 'if' || first.name === 'with')) {
      if (stack.length >= MAX_BLOCK_DEPTH) throw new NotRendered('blocks nested too deeply');
      const branch: BlockNode['branches'][number] = { kind: first.name, cond: parsePipeline(tokens.slice(1)), body: [] };
      const block: BlockNode = { type: 'block', branches: [branch] };
      body.push(block);
      stack.push({ block, body });
      body = branch.body;
    } else if (first.t === 'ident' && first.name === 'else') {
      const open = stack[stack.length - 1];
      if (!open || open.block.branches[open.block.branches.length - 1].kind === 'else') throw new NotRendered('else outside a block');
      const next = tokens[1];
      let branch: BlockNode['branches'][number];
      if (!next) branch = { kind: 'else', cond: null, body: [] };
      else if (next.t === 'ident' && (next.name === 'if' || next.name === 'with')) branch = { kind: next.name, cond: parsePipeline(tokens.slice(2)), body: [] };
      else throw new NotRendered('unsupported else');
      open.block.branches.push(branch);
      body = branch.body;
    } else if (first.t === 'ident' && first.name === 'end') {
      if (tokens.length > 1) throw new NotRendered('unsupported end');
      const open = stack.pop();
      if (!open) throw new NotRendered('end outside a block');
      body = open.body;
    } else {
      if (first.t === 'ident' && !TEMPLATE_FUNCTIONS.has(first.name) && !['true', 'false', 'nil'].includes(first.name)) {
        throw new NotRendered(`unsupported action: ${first.name}`);
      }
      body.push({ type: 'action', range, pipe: parsePipeline(tokens) });
    }
  }
  if (stack.length > 0) throw new NotRendered('unclosed block');
  return root;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const FIELD = /(?:\.[A-Za-z_][A-Za-z0-9_]*)+|\./y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?(?![A-Za-z0-9_.])/y;
const STRING = /"(?:[^"\\\n]|\\.)*"/y;

/** The tokens of an action from `p` (after `{{` and its trim marker) to its `}}`, and whether it ends with `-}}`. */
function tokenize(text: string, p: number): { tokens: Token[]; end: number; trimRight: boolean } {
  const tokens: Token[] = [];
  for (;;) {
    while (p < text.length && isSpace(text.charCodeAt(p))) p++;
    if (p >= text.length) throw new NotRendered('unclosed action');
    if (text.startsWith('}}', p)) return { tokens, end: p + 2, trimRight: false };
    if (text.startsWith('-}}', p) && isSpace(text.charCodeAt(p - 1))) return { tokens, end: p + 3, trimRight: true };
    const c = text[p];
    const at = (re: RegExp): string | undefined => {
      re.lastIndex = p;
      return re.exec(text)?.[0];
    };
    if (c === '|' || c === '(' || c === ')') {
      tokens.push({ t: c === '|' ? 'pipe' : c === '(' ? 'open' : 'close', start: p, end: p + 1 });
      p++;
      continue;
    }
    if (c === '"') {
      const s = at(STRING);
      if (!s) throw new NotRendered('unclosed string');
      tokens.push({ t: 'literal', value: unquote(s), integer: false, start: p, end: p + s.length });
      p += s.length;
      continue;
    }
    if (c === '`') {
      const close = text.indexOf('`', p + 1);
      if (close < 0) throw new NotRendered('unclosed raw string');
      tokens.push({ t: 'literal', value: text.slice(p + 1, close), integer: false, start: p, end: close + 1 });
      p = close + 1;
      continue;
    }
    if (c === '.') {
      const f = at(FIELD)!;
      tokens.push({ t: 'field', root: 'dot', path: f === '.' ? [] : f.slice(1).split('.'), start: p, end: p + f.length });
      p += f.length;
      continue;
    }
    if (c === '$') {
      FIELD.lastIndex = p + 1;
      const f = FIELD.exec(text)?.[0];
      if (/[A-Za-z0-9_]/.test(text[p + 1] ?? '')) throw new NotRendered('template variables are not supported');
      const path = f && f !== '.' ? f.slice(1).split('.') : [];
      const end = p + 1 + (f && f !== '.' ? f.length : 0);
      tokens.push({ t: 'field', root: 'root', path, start: p, end });
      p = end;
      continue;
    }
    const n = at(NUMBER);
    if (n) {
      tokens.push({ t: 'literal', value: Number(n), integer: /^-?\d+$/.test(n), start: p, end: p + n.length });
      p += n.length;
      continue;
    }
    const id = at(IDENT);
    if (id) {
      const value = id === 'true' ? true : id === 'false' ? false : id === 'nil' ? null : undefined;
      tokens.push(value !== undefined ? { t: 'literal', value, integer: false, start: p, end: p + id.length } : { t: 'ident', name: id, start: p, end: p + id.length });
      p += id.length;
      continue;
    }
    throw new NotRendered(`unsupported syntax: ${c}`);
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', "'": "'" };

function unquote(s: string): string {
  return s.slice(1, -1).replace(/\\(.)/g, (_, c: string) => {
    const e = ESCAPES[c];
    if (e === undefined) throw new NotRendered('unsupported escape');
    return e;
  });
}

/** Parses the tokens of one pipeline (commands joined by `|`). */
function parsePipeline(tokens: readonly Token[], depth = 0): Pipeline {
  if (depth > MAX_EXPRESSION_DEPTH) throw new NotRendered('expression nested too deeply');
  const commands: Command[] = [];
  let current: Token[] = [];
  let nesting = 0;
  const flush = () => {
    if (current.length === 0) throw new NotRendered('empty command');
    commands.push(parseCommand(current, depth));
    current = [];
  };
  for (const token of tokens) {
    if (token.t === 'open') nesting++;
    if (token.t === 'close') nesting--;
    if (nesting < 0) throw new NotRendered('unbalanced parentheses');
    if (token.t === 'pipe' && nesting === 0) flush();
    else current.push(token);
  }
  if (nesting !== 0) throw new NotRendered('unbalanced parentheses');
  flush();
  // After a `|` only a function can take the value.
  if (commands.slice(1).some((c) => c.fn === undefined)) throw new NotRendered('a pipeline stage is not a function');
  return { commands };
}

function parseCommand(tokens: readonly Token[], depth: number): Command {
  const operands: Operand[] = [];
  let fn: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.t === 'ident') {
      if (i !== 0 || !TEMPLATE_FUNCTIONS.has(token.name)) throw new NotRendered(`unsupported function: ${token.name}`);
      fn = token.name;
    } else if (token.t === 'literal') operands.push({ type: 'literal', value: token.value, integer: token.integer, range: [token.start, token.end] });
    else if (token.t === 'field') operands.push({ type: 'field', root: token.root, path: token.path, range: [token.start, token.end] });
    else if (token.t === 'open') {
      let nesting = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        if (tokens[j].t === 'open') nesting++;
        if (tokens[j].t === 'close' && --nesting === 0) break;
      }
      // `(x).field` is not supported: the next token must not be glued to the parenthesis.
      const after = tokens[j + 1];
      if (after && after.t === 'field' && after.start === tokens[j].end) throw new NotRendered('field of a parenthesised value');
      operands.push({ type: 'pipe', pipe: parsePipeline(tokens.slice(i + 1, j), depth + 1) });
      i = j;
    } else throw new NotRendered('unexpected token');
  }
  if (fn === undefined && operands.length !== 1) throw new NotRendered('a command without a function takes one operand');
  return fn === undefined ? { args: operands } : { fn, args: operands };
}

import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { parseWithDeadline, summariseErrors } from '../tree-sitter/parse';
import { terraformRuntime } from './runtime';

/**
 * A tree-sitter node of the Terraform grammar. Offsets (`startIndex`, `endIndex`) are UTF-16 code units
 * of the parsed text. Nodes are views into WASM memory: compare them with `equals` or `id`, and do not
 * keep them after the file is analysed.
 */
export type SyntaxNode = Node;

/** The root of a parsed Terraform file, of kind `File`; it wraps tree-sitter's `config_file` node. */
export class TerraformFile {
  readonly type = 'File';
  private deleted = false;

  constructor(
    /** The tree-sitter tree; owned by the adapter, which deletes it in `dispose`. */
    readonly tree: Tree,
    /** The text that was parsed. */
    readonly text: string,
  ) {}

  /** The tree-sitter root node (`config_file`). */
  get configFile(): SyntaxNode {
    if (this.deleted) throw new Error('the syntax tree of this file was already disposed');
    return this.tree.rootNode;
  }

  /** Frees the tree's WASM memory; idempotent. */
  dispose(): void {
    if (this.deleted) return;
    this.deleted = true;
    this.tree.delete();
  }
}

/** Whatever a Terraform visitor may receive: the `File` root or a tree-sitter node. */
export type TerraformNode = SyntaxNode | TerraformFile;

/** The parsed file of the Terraform adapter. */
export type TerraformParsedFile = ParsedFile<TerraformNode> & { root: TerraformFile };


/**
 * Characters tree-sitter-hcl's external scanner skips as white space (C `iswspace`) but its lexer does
 * not accept. On a run of them the parser rescans the rest of the run from every character: quadratic
 * (20,000 U+3000 take 16-22 s), and past the parse deadline, which is only checked between scanner calls.
 */
const SCANNER_ONLY_SPACE_RUN = /[\u0085\u2000-\u2006\u2008-\u200a\u2028\u2029\u205f\u3000]{2,}/g;

/**
 * Deepest nesting of template interpolations and directives (`${`, `%{`) accepted. The grammar's scanner
 * keeps a state per token that grows with the nesting (up to 1 KB), in WASM memory that is never given
 * back: a megabyte of `${${${…` grows it to ~700 MB. Real templates nest a few levels.
 */
export const MAX_TEMPLATE_DEPTH = 256;

/**
 * Parses Terraform/HCL with tree-sitter (error recovery keeps the rest of the tree usable). Runs of two or
 * more of the characters above are parsed as ASCII spaces (one UTF-16 unit each, so offsets do not move;
 * in valid HCL they can only be inside a string or a comment). Throws a `SyntaxError` for templates
 * nested deeper than {@link MAX_TEMPLATE_DEPTH}; throws before the runtime is loaded (see the adapter's
 * `prepare`), on timeout and when the WASM module fails.
 */
export function parseTerraform(text: string, options: { timeoutMs?: number } = {}): TerraformParsedFile {
  if (templateDepth(text) > MAX_TEMPLATE_DEPTH) {
    throw new SyntaxError(`Terraform template interpolations nested more than ${MAX_TEMPLATE_DEPTH} levels deep; the file is not analysed`);
  }
  const defused = text.replace(SCANNER_ONLY_SPACE_RUN, (run) => ' '.repeat(run.length));
  const tree = parseWithDeadline(terraformRuntime(), defused, options.timeoutMs);
  const root = new TerraformFile(tree, text);
  try {
    const top = tree.rootNode;
    return { root, comments: collectComments(top, text), syntaxErrors: summariseErrors(top, text) };
  } catch (e) {
    root.dispose();
    throw e;
  }
}

/**
 * The deepest nesting of `${` and `%{` (not the escapes `$${`, `%%{`), counted in one pass without
 * parsing: every `}` closes a level (a block's brace too, so it can only under-count); stops once past
 * the limit.
 */
function templateDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length && deepest <= MAX_TEMPLATE_DEPTH; i++) {
    const c = text.charCodeAt(i);
    if (c === 125 /* } */) {
      if (depth > 0) depth--;
    } else if (c === 123 /* { */) {
      const before = text.charCodeAt(i - 1);
      if ((before === 36 /* $ */ || before === 37 /* % */) && text.charCodeAt(i - 2) !== before) deepest = Math.max(deepest, ++depth);
    }
  }
  return deepest;
}

/** `#`, `//` and `/* *\/` comments: their range (without a trailing `\r`) and the text inside the markers. */
function collectComments(top: SyntaxNode, text: string): SourceComment[] {
  const comments: SourceComment[] = [];
  for (const node of top.descendantsOfType('comment')) {
    if (!node) continue;
    const start = node.startIndex;
    let end = node.endIndex;
    while (end > start && (text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 10)) end--;
    const raw = text.slice(start, end);
    const value = raw.startsWith('/*') ? raw.slice(2, raw.endsWith('*/') ? -2 : undefined) : raw.slice(raw.startsWith('#') ? 1 : 2);
    comments.push({ range: [start, end], value });
  }
  return comments;
}

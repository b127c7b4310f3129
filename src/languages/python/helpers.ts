import type { Range } from '../../engine/types';
import { stringLiteral, stringValue, type StringLiteral } from './ast';
import { extractImports, type PythonImport } from './imports';
import type { PythonNode, PythonParsedFile, SyntaxNode } from './parse';

/**
 * Helpers the Python adapter gives rules as `context.lang`. Rules must take ranges from {@link range}:
 * it is the one place that knows how tree-sitter offsets relate to the UTF-16 offsets findings use.
 */
export class PythonHelpers {
  private importList: readonly PythonImport[] | undefined;

  constructor(
    readonly parsed: PythonParsedFile,
    /** The analysed text. */
    readonly source: string,
  ) {}

  /**
   * `[start, end)` UTF-16 offsets of a node in the analysed text, ready for `context.report`. The runtime
   * feeds tree-sitter UTF-16 and reports code-unit indices, so this is exact for any text (non-ASCII,
   * astral characters, lone surrogates). The `File` root spans the whole text.
   */
  range(node: PythonNode): Range {
    if (node.type === 'File') return [0, this.source.length];
    const n = node as SyntaxNode;
    return [n.startIndex, n.endIndex];
  }

  /** The source text of a node. */
  text(node: PythonNode): string {
    const [start, end] = this.range(node);
    return this.source.slice(start, end);
  }

  /** Every import of the file in source order (see {@link extractImports}); computed once. Do not modify. */
  imports(): readonly PythonImport[] {
    this.importList ??= Object.freeze(extractImports(this.parsed.root));
    return this.importList;
  }

  /** The value of a plain string literal or of a concatenation of them, escapes decoded; null otherwise. */
  stringValue(node: SyntaxNode | null | undefined): string | null {
    return stringValue(node);
  }

  /** A plain string literal's value and the range of its content (see {@link stringLiteral}). */
  stringLiteral(node: SyntaxNode | null | undefined): StringLiteral | null {
    return stringLiteral(node);
  }
}

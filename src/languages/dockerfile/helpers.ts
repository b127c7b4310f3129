import type { Dockerfile, Instruction } from 'dockerfile-ast';
import type { LineIndex } from '../../engine/line-index';
import type { Range } from '../../engine/types';
import { lspPositionToOffset, lspRangeToOffsets, type DockerfileParsedFile, type LspPosition, type LspRange } from './parse';

/** What Dockerfile rules receive as `context.lang`. */
export class DockerfileHelpers {
  /** dockerfile-ast's model of the file (instructions, build stages, variables). */
  readonly dockerfile: Dockerfile;
  private readonly lines: LineIndex;

  constructor(parsed: DockerfileParsedFile) {
    this.dockerfile = parsed.root.dockerfile;
    this.lines = parsed.lines;
  }

  /** The UTF-16 offset of a dockerfile-ast (LSP) position. */
  offsetOf(position: LspPosition): number {
    return lspPositionToOffset(this.lines, position);
  }

  /**
   * The UTF-16 `[start, end)` of anything dockerfile-ast positions: an instruction (from its keyword
   * to the end of its last line, `\` continuations and heredocs included), an argument, a flag, or a
   * range it returned.
   */
  rangeOf(node: { getRange(): LspRange } | LspRange): Range {
    return lspRangeToOffsets(this.lines, 'getRange' in node ? node.getRange() : node);
  }

  /** The instruction's keyword in upper case (`RUN` for `run`), whatever the text's case. */
  keywordOf(instruction: Instruction): string {
    return instruction.getKeyword();
  }
}

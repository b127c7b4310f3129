import { DockerfileParser, type Dockerfile, type Instruction } from 'dockerfile-ast';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { LineIndex } from '../../engine/line-index';
import type { Range } from '../../engine/types';

/** A zero-based line/character position as dockerfile-ast (LSP) gives it; characters are UTF-16 units. */
export interface LspPosition {
  line: number;
  character: number;
}

/** A dockerfile-ast (LSP) range. */
export interface LspRange {
  start: LspPosition;
  end: LspPosition;
}

/** The root of a Dockerfile: dockerfile-ast's model of it. */
export interface DockerfileFile {
  type: 'File';
  dockerfile: Dockerfile;
}

/** Any node the Dockerfile adapter visits: the file or an instruction (`Instruction` visitors). */
export type DockerfileNode = DockerfileFile | Instruction;

/** The parsed file of the Dockerfile adapter, with the line starts that convert LSP positions to offsets. */
export type DockerfileParsedFile = ParsedFile<DockerfileNode> & { root: DockerfileFile; lines: LineIndex };

/**
 * Longest instruction accepted, in characters of its lines joined by `\` continuations (comment lines
 * not counted; each line of a heredoc counts on its own). dockerfile-ast takes time quadratic in the number of flags of an instruction (a
 * megabyte of `COPY --from=a …` takes seconds); real instructions stay far below.
 */
export const MAX_INSTRUCTION_LENGTH = 64 * 1024;

/** Leading comment lines longer than this are defused before dockerfile-ast's directive scan reads them. */
const LONG_LEADING_COMMENT = 1024;

/**
 * Parses a Dockerfile with dockerfile-ast, which accepts any text. Comments are its `#` comment lines
 * (also inside `\` continuations, not inside heredocs) and its parser directives (`# syntax=…`), which
 * are comments too. Throws a `SyntaxError` for an instruction longer than {@link MAX_INSTRUCTION_LENGTH}.
 */
export function parseDockerfile(text: string): DockerfileParsedFile {
  checkInstructionLengths(text);
  const dockerfile = DockerfileParser.parse(defuseDirectiveScan(text));
  const lines = new LineIndex(text);
  const comments: SourceComment[] = [...dockerfile.getComments(), ...dockerfile.getDirectives()].map((c) => {
    const range = lspRangeToOffsets(lines, c.getRange());
    const hash = text.slice(range[0], range[1]).indexOf('#');
    return { range, value: text.slice(range[0] + hash + 1, range[1]) };
  });
  comments.sort((a, b) => a.range[0] - b.range[0]);
  return { root: { type: 'File', dockerfile }, comments, syntaxErrors: [], lines };
}

/** The UTF-16 offset of an LSP position; a character past the end of its line means the line's end. */
export function lspPositionToOffset(lines: LineIndex, position: LspPosition): number {
  if (position.line + 1 > lines.lineCount) return lines.text.length;
  const line = position.line + 1;
  return Math.min(lines.lineStart(line) + position.character, lines.lineEnd(line));
}

/** The half-open UTF-16 `[start, end)` of an LSP range. */
export function lspRangeToOffsets(lines: LineIndex, range: LspRange): Range {
  return [lspPositionToOffset(lines, range.start), lspPositionToOffset(lines, range.end)];
}

/** Each physical line of the text: `[start, end)` without its line break. */
function* physicalLines(text: string): Generator<[number, number]> {
  let start = 0;
  while (start <= text.length) {
    let end = start;
    while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
    yield [start, end];
    if (end === text.length) return;
    start = text[end] === '\r' && text[end + 1] === '\n' ? end + 2 : end + 1;
  }
}

function checkInstructionLengths(text: string): void {
  let length = 0;
  for (const [start, end] of physicalLines(text)) {
    const line = text.slice(start, end);
    if (/^[ \t]*#/.test(line)) continue;
    length += end - start;
    if (length > MAX_INSTRUCTION_LENGTH) {
      throw new SyntaxError(`an instruction is longer than ${MAX_INSTRUCTION_LENGTH} characters; the Dockerfile is not analysed`);
    }
    const last = line.trimEnd().slice(-1);
    if (last !== '\\' && last !== '`') length = 0;
  }
}

/**
 * dockerfile-ast looks for parser directives in the comment lines at the top of the file and restarts
 * its scan at every `#` of a line, which is quadratic in a long line of `#`s. In such a line (longer
 * than any directive) the `#`s after the first are read as spaces; offsets do not change.
 */
function defuseDirectiveScan(text: string): string {
  let result = text;
  for (const [start, end] of physicalLines(text)) {
    const line = text.slice(start, end);
    if (!/^\uFEFF?[ \t]*#/.test(line)) break;
    if (line.length <= LONG_LEADING_COMMENT) continue;
    const first = line.indexOf('#');
    result = result.slice(0, start) + line.slice(0, first + 1) + line.slice(first + 1).replaceAll('#', ' ') + result.slice(end);
  }
  return result;
}

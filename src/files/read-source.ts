import { readWorkspaceFile } from './read-workspace-file';

/** A source file decoded for analysis, or why it was not. */
export type SourceFile =
  | {
      ok: true;
      /** UTF-8 decoded text without the byte-order mark. */
      text: string;
      /** The file started with a UTF-8 byte-order mark (written back by `--fix`). */
      bom: boolean;
      /** The bytes were not valid UTF-8 and were decoded with replacement characters; never rewrite. */
      lossy: boolean;
      bytes: number;
    }
  | { ok: false; reason: string };

/** Bytes inspected for NUL when deciding whether a file is binary (as git does). */
const BINARY_SNIFF_BYTES = 8 * 1024;

/**
 * Reads a file as bytes (with {@link readWorkspaceFile}: bounded, never blocking on a pipe or device,
 * and, given `within`, never through a link leading out of that real folder) and decodes it: larger
 * than `maxBytes` -> skipped without being read; not a regular file -> skipped; a NUL byte in the
 * first 8 KiB -> binary, skipped; invalid UTF-8 is decoded with replacement characters; a BOM is stripped.
 */
export function readSource(file: string, maxBytes: number, within?: string): SourceFile {
  const read = readWorkspaceFile(file, { maxBytes, within });
  if (!read.ok) return { ok: false, reason: read.problem === 'too-large' ? read.reason : `cannot read the file (${read.reason})` };
  const bytes = read.bytes;
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary content (NUL bytes)' };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), bom, lossy: false, bytes: bytes.length };
  } catch {
    return { ok: true, text: new TextDecoder('utf-8').decode(bytes), bom, lossy: true, bytes: bytes.length };
  }
}

/** JavaScript files at least this large are checked for minification. */
const MINIFIED_MIN_BYTES = 20 * 1024;
/** Average line length above which a large JavaScript file counts as minified. */
const MINIFIED_LINE_LENGTH = 500;

/** Whether a JavaScript file looks minified: over 20 KB with an average line longer than 500 characters. */
export function looksMinified(text: string, bytes: number): boolean {
  if (bytes <= MINIFIED_MIN_BYTES) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > MINIFIED_LINE_LENGTH;
}

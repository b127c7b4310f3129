import { escapeControls } from '../report/escape';
import type { OutputStream } from './io';

/**
 * Writes one line of notes or errors (standard error), escaped with {@link escapeControls}: the only
 * way the CLI prints to standard error, because nearly everything it says there names a workspace file
 * or quotes the workspace. (The progress line, which prints no workspace text, draws on its own.)
 */
export function writeLine(stream: OutputStream, line: string): void {
  stream.write(`${escapeControls(line)}\n`);
}

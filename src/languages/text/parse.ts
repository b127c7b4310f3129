import { classifyFile } from '../../engine/classify';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { htmlComments, requirementsComments, shellComments } from './comments';

/** Dialects of the text adapter; `plain` when the file name says nothing more. */
export type TextDialect = 'requirements' | 'shell' | 'markdown' | 'rules' | 'plain';

/** The root of a text file: there is no tree, only the dialect that decides what a comment is. */
export interface TextFile {
  type: 'File';
  dialect: TextDialect;
}

/** The only node the text adapter visits. */
export type TextNode = TextFile;

/** The parsed file of the text adapter. */
export type TextParsedFile = ParsedFile<TextNode>;

const SCANNERS: Record<TextDialect, (text: string) => SourceComment[]> = {
  requirements: requirementsComments,
  shell: shellComments,
  markdown: htmlComments,
  rules: htmlComments,
  plain: () => [],
};

/** The text dialect of a file, from its name (and `#!` line for extension-less scripts). */
export function textDialectOf(file: string, text: string): TextDialect {
  const c = classifyFile(file, text.slice(0, 200));
  return c?.language === 'text' && c.dialect in SCANNERS ? (c.dialect as TextDialect) : 'plain';
}

/**
 * "Parses" a text file: no tree, only its comments in the dialect's syntax — `#` for requirements
 * files and shell scripts, `<!-- -->` for Markdown and rules files — so inline suppressions work.
 * Never throws.
 */
export function parseText(text: string, file: string): TextParsedFile {
  const dialect = textDialectOf(file, text);
  return { root: { type: 'File', dialect }, comments: SCANNERS[dialect](text), syntaxErrors: [] };
}

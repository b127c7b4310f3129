import { classifyFile } from '../../engine/classify';
import type { ParsedFile, SourceComment } from '../../engine/language';
import { htmlComments, requirementsComments, shellComments } from './comments';
import { ownLineComments } from './line-comments';

/**
 * Dialects of the text adapter; `plain` when the file name says nothing more. Besides requirements files,
 * shell scripts, Markdown and agent rules files, every text file the secrets rule reads: dotenv (`env`),
 * INI/`.properties`/`.conf` (`ini`), XML, `.netrc`, PEM and key files, PowerShell, and the source of
 * languages without a parser here, by comment syntax (`c-like` for `//`, `hash-comment` for `#`).
 */
export type TextDialect =
  | 'requirements'
  | 'shell'
  | 'markdown'
  | 'rules'
  | 'plain'
  | 'env'
  | 'ini'
  | 'xml'
  | 'netrc'
  | 'pem'
  | 'powershell'
  | 'c-like'
  | 'hash-comment';

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
  env: (text) => ownLineComments(text, ['#']),
  ini: (text) => ownLineComments(text, ['#', ';']),
  xml: htmlComments,
  netrc: (text) => ownLineComments(text, ['#']),
  pem: () => [],
  powershell: (text) => ownLineComments(text, ['#']),
  'c-like': (text) => ownLineComments(text, ['//']),
  'hash-comment': (text) => ownLineComments(text, ['#']),
};

/** The text dialect of a file, from its name (and `#!` line for extension-less scripts). */
export function textDialectOf(file: string, text: string): TextDialect {
  const c = classifyFile(file, text.slice(0, 200));
  return c?.language === 'text' && c.dialect in SCANNERS ? (c.dialect as TextDialect) : 'plain';
}

/**
 * "Parses" a text file: no tree, only its comments in the dialect's syntax — `#` for requirements
 * files and shell scripts, `<!-- -->` for Markdown, rules files and XML, own-line `#`/`;`/`//` comments
 * for the formats read only for secrets — so inline suppressions work.
 * Never throws.
 */
export function parseText(text: string, file: string): TextParsedFile {
  const dialect = textDialectOf(file, text);
  return { root: { type: 'File', dialect }, comments: SCANNERS[dialect](text), syntaxErrors: [] };
}

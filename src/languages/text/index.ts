import type { LanguageAdapter } from '../../engine/language';
import { parseText, type TextDialect, type TextNode } from './parse';
import { traverseText } from './traverse';

export { htmlComments, requirementsComments, shellComments } from './comments';
export { parseText, textDialectOf, type TextDialect, type TextFile, type TextNode, type TextParsedFile } from './parse';
export { traverseText } from './traverse';

/** What text rules receive as `context.lang`. */
export interface TextHelpers {
  /** Which kind of text file this is (`requirements`, `shell`, `markdown`, `rules`, `plain`). */
  readonly dialect: TextDialect;
}

/**
 * The adapter for files read as text: requirements files, shell scripts, Markdown and agent rules
 * files. Rules work on `context.text`; the adapter knows each dialect's comments. The comment syntax
 * differs per dialect, so the editor does not write suppressions here (`lineComment: null`); a
 * suppression comment written by hand works.
 */
export const textAdapter: LanguageAdapter<TextNode, TextHelpers> = {
  id: 'text',
  lineComment: null,
  parse: (text, file) => parseText(text, file),
  traverse: (parsed, visitors) => traverseText(parsed.root, visitors),
  createHelpers: (parsed) => ({ dialect: parsed.root.dialect }),
};

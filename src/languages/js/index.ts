import type { LanguageAdapter } from '../../engine/language';
import { JsHelpers } from './helpers';
import { parseJs, type JsNode, type JsParsedFile } from './parse';
import { reparseJs } from './reparse';
import { traverseJs } from './traverse';

/** The JavaScript/TypeScript adapter: @babel/parser with error recovery, one iterative traversal. */
export const jsAdapter: LanguageAdapter<JsNode, JsHelpers> = {
  id: 'js',
  lineComment: '//',
  parse: (text, file) => parseJs(text, file),
  reparse: (previous, before, after, file) => reparseJs(previous as JsParsedFile, before, after, file),
  traverse: (parsed, visitors) => traverseJs(parsed.root, visitors, ((parsed as JsParsedFile).nodes = [])),
  createHelpers: (parsed, text) => new JsHelpers(parsed as JsParsedFile, text),
};

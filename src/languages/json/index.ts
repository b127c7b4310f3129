import type { LanguageAdapter } from '../../engine/language';
import { JsonHelpers } from './helpers';
import { notebookDocuments } from './notebook';
import { parseJson, type JsonNode, type JsonParsedFile } from './parse';
import { traverseJson } from './traverse';

export { formattingOf, jsonEdits } from './edits';
export { JsonHelpers, nodeValue } from './helpers';
export { parseJson, type JsonFile, type JsonNode, type JsonParsedFile } from './parse';
export { forEachJsonProperty, traverseJson } from './traverse';

/**
 * The JSON/JSONC adapter: jsonc-parser's scanner and tree model, with error recovery and without
 * recursion. JSON has no comments of its own, so the editor writes suppressions to the configuration
 * (`lineComment: null`); a `//` suppression written by hand in a JSONC file still works.
 */
export const jsonAdapter: LanguageAdapter<JsonNode, JsonHelpers> = {
  id: 'json',
  lineComment: null,
  parse: (text) => parseJson(text),
  traverse: (parsed, visitors) => traverseJson((parsed as JsonParsedFile).root, visitors),
  createHelpers: (parsed) => new JsonHelpers(parsed as JsonParsedFile),
  embedded: (text, classification) => (classification.dialect === 'notebook' ? notebookDocuments(text) : []),
};

import type { LanguageAdapter } from '../../engine/language';
import { PythonHelpers } from './helpers';
import { parsePython, type PythonNode, type PythonParsedFile } from './parse';
import { loadPythonRuntime } from './runtime';
import { traversePython } from './traverse';

export { PythonHelpers } from './helpers';
export type { PythonImport } from './imports';
export { PythonFile, type PythonNode, type PythonParsedFile, type SyntaxNode } from './parse';
export type { StringLiteral } from './ast';
export type { MirrorNode, MirrorTree } from './mirror';
export type { Decorator } from './helpers';
export type { ResolvedRef } from './resolve';
export type { ConstantValue } from './constants';
export type { PythonFlowOptions, PythonTaint } from './flow';
export type { SanitizerKind } from './sanitizers';
export type { GuardKind } from './guards';

/**
 * The Python adapter: tree-sitter (WASM, from `@vscode/tree-sitter-wasm`) with error recovery. `prepare()`
 * loads the runtime and grammar once; `parse` throws until it has. `parse` copies the tree into JavaScript
 * in one cursor walk and deletes the WASM tree at once (see `mirror.ts`): visitors get the `File` root, then
 * the copied nodes by tree-sitter type (`call`, `import_statement`, `string`, …), with tree-sitter's node
 * members; ranges come from `context.lang.range`. `dispose` drops the copy.
 */
export const pythonAdapter: LanguageAdapter<PythonNode, PythonHelpers> = {
  id: 'python',
  lineComment: '#',
  prepare: async () => {
    await loadPythonRuntime();
  },
  parse: (text) => parsePython(text),
  traverse: (parsed, visitors) => traversePython((parsed as PythonParsedFile).root, visitors),
  createHelpers: (parsed, text) => new PythonHelpers(parsed as PythonParsedFile, text),
  dispose: (parsed) => (parsed as PythonParsedFile).root.dispose(),
};

import type { LanguageAdapter } from '../../engine/language';
import { TerraformHelpers } from './helpers';
import type { ModuleBindings } from './module-values';
import { moduleInstances } from './modules';
import { parseTerraform, type TerraformNode, type TerraformParsedFile } from './parse';
import { loadTerraformRuntime } from './runtime';
import { traverseTerraform } from './traverse';

export { TerraformHelpers } from './helpers';
export { isObject, TerraformModel, UNKNOWN, type LocatedValue, type ModuleValues, type TfAttribute, type TfBlock, type TfValue } from './model';
export { isAutoLoadedTfvars, moduleValues, type ModuleBindings } from './module-values';
export { TerraformFile, type SyntaxNode, type TerraformNode, type TerraformParsedFile } from './parse';

/**
 * The Terraform adapter (`.tf`, `.tfvars`): tree-sitter with the Terraform grammar of
 * `@tree-sitter-grammars/tree-sitter-hcl` (WASM). `prepare()` loads it once; `parse` throws until it has.
 * Visitors get the `File` root, then tree-sitter nodes by type (`block`, `attribute`, …); rules mostly
 * read `context.lang.model()`. `dispose` deletes the tree, whose memory lives in the WASM heap. `instances` are
 * the local modules a file calls, among its neighbours, bound to the call's inputs (see `moduleInstances`).
 */
export const terraformAdapter: LanguageAdapter<TerraformNode, TerraformHelpers> = {
  id: 'terraform',
  lineComment: '#',
  prepare: async () => {
    await loadTerraformRuntime();
  },
  parse: (text) => parseTerraform(text),
  traverse: (parsed, visitors) => traverseTerraform((parsed as TerraformParsedFile).root, visitors),
  createHelpers: (parsed, text, unit) => new TerraformHelpers(parsed as TerraformParsedFile, text, unit?.neighbours, unit?.bindings as ModuleBindings | undefined),
  instances: (helpers) => moduleInstances(helpers),
  dispose: (parsed) => (parsed as TerraformParsedFile).root.dispose(),
};

import type { Parser } from '@vscode/tree-sitter-wasm';
import { loadGrammar, loadTreeSitter, runtimeFailure } from '../tree-sitter/runtime';

let load: Promise<Parser> | undefined;
let parser: Parser | undefined;
let loadError: string | undefined;

/** Loads the shared runtime and the Terraform grammar once; a failed load is retried by the next call. */
export function loadTerraformRuntime(): Promise<Parser> {
  load ??= (async () => {
    const ts = await loadTreeSitter();
    const language = await loadGrammar('terraform');
    const p = new ts.Parser();
    p.setLanguage(language);
    parser = p;
    loadError = undefined;
    return p;
  })().catch((e: unknown) => {
    load = undefined;
    loadError = e instanceof Error ? e.message : String(e);
    throw e;
  });
  return load;
}

/** The loaded Terraform parser; throws a clear error before it is loaded or after the runtime crashed. */
export function terraformRuntime(): Parser {
  const failure = runtimeFailure();
  if (failure) throw new Error(`the Terraform parser is disabled after an internal failure (${failure}); restart to re-enable it`);
  if (loadError && !parser) throw new Error(`the Terraform parser could not be loaded: ${loadError}`);
  if (!parser) throw new Error('the Terraform parser is not loaded yet (call prepare() first)');
  return parser;
}

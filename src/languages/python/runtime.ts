import type { Language, Parser } from '@vscode/tree-sitter-wasm';
import { GRAMMARS, loadGrammar, loadTreeSitter, runtimeFailure, type TreeSitterModule } from '../tree-sitter/runtime';

export { loadTreeSitter, markRuntimeFailed, RUNTIME_WASM, wasmMemoryBytes, type TreeSitterModule } from '../tree-sitter/runtime';

/** What the Python adapter needs at parse time: the runtime, the grammar and one reusable parser. */
export interface PythonRuntime {
  readonly ts: TreeSitterModule;
  readonly language: Language;
  readonly parser: Parser;
}

/** The Python grammar's WASM file. */
export const PYTHON_GRAMMAR_WASM = GRAMMARS.python.file;

let pythonLoad: Promise<PythonRuntime> | undefined;
let loaded: PythonRuntime | undefined;
let loadError: string | undefined;

/**
 * Loads the shared runtime and the Python grammar; idempotent, and concurrent callers share one promise.
 * A failed load (missing WASM file) is retried by the next call.
 */
export function loadPythonRuntime(): Promise<PythonRuntime> {
  pythonLoad ??= (async () => {
    const ts = await loadTreeSitter();
    const language = await loadGrammar('python');
    const parser = new ts.Parser();
    parser.setLanguage(language);
    loaded = { ts, language, parser };
    loadError = undefined;
    return loaded;
  })().catch((e: unknown) => {
    pythonLoad = undefined;
    loadError = e instanceof Error ? e.message : String(e);
    throw e;
  });
  return pythonLoad;
}

/** The loaded runtime; throws a clear error before {@link loadPythonRuntime} has resolved or after a crash. */
export function pythonRuntime(): PythonRuntime {
  const failure = runtimeFailure();
  if (failure) throw new Error(`the Python parser is disabled after an internal failure (${failure}); restart to re-enable it`);
  if (loadError && !loaded) throw new Error(`the Python parser could not be loaded: ${loadError}`);
  if (!loaded) throw new Error('the Python parser is not loaded yet (call prepare() first)');
  return loaded;
}

import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language, Parser } from '@vscode/tree-sitter-wasm';

/** The `@vscode/tree-sitter-wasm` JavaScript glue (web-tree-sitter built by the VS Code team). */
export type TreeSitterModule = typeof import('@vscode/tree-sitter-wasm');

/** What the Python adapter needs at parse time: the runtime, the grammar and one reusable parser. */
export interface PythonRuntime {
  readonly ts: TreeSitterModule;
  readonly language: Language;
  readonly parser: Parser;
}

/** The tree-sitter runtime's WASM file (its JavaScript glue is bundled). */
export const RUNTIME_WASM = 'tree-sitter.wasm';
/** The Python grammar's WASM file. */
export const PYTHON_GRAMMAR_WASM = 'tree-sitter-python.wasm';

/**
 * The folder holding {@link RUNTIME_WASM} and {@link PYTHON_GRAMMAR_WASM}. The bundles in `dist/` (CLI and
 * extension) find a copy that `scripts/build.mjs` puts in `dist/wasm/`, so the packaged extension needs no
 * node_modules; running from source (tests, `tsx`) falls back to the installed package.
 */
export function wasmDirectory(): string {
  const candidates = [path.join(__dirname, 'wasm')];
  try {
    candidates.push(path.join(path.dirname(require.resolve('@vscode/tree-sitter-wasm/package.json')), 'wasm'));
  } catch {
    // Not installed: only the bundled copy can serve.
  }
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, PYTHON_GRAMMAR_WASM)) && fs.existsSync(path.join(dir, RUNTIME_WASM)));
  if (!found) throw new Error(`the Python grammar (${PYTHON_GRAMMAR_WASM}) was not found in ${candidates.join(' or ')}`);
  return found;
}

/** Emscripten fills the options object passed to `Parser.init` with the module's heap views. */
interface ModuleOptions {
  locateFile(file: string, folder: string): string;
  HEAPU8?: Uint8Array;
}

let moduleOptions: ModuleOptions | undefined;
let runtimeInit: Promise<TreeSitterModule> | undefined;
let pythonLoad: Promise<PythonRuntime> | undefined;
let loaded: PythonRuntime | undefined;
let failure: string | undefined;
let loadError: string | undefined;

/**
 * Initialises the tree-sitter WASM runtime once per process (the glue keeps one module instance, so
 * concurrent `Parser.init` calls must not race). A failed attempt may be retried.
 */
export function loadTreeSitter(): Promise<TreeSitterModule> {
  runtimeInit ??= (async () => {
    // Required lazily: the glue (and its 200 KB of WASM) loads only once a Python file is analysed.
    const ts = require('@vscode/tree-sitter-wasm') as TreeSitterModule;
    const dir = wasmDirectory();
    const options: ModuleOptions = { locateFile: (file) => path.join(dir, file) };
    await ts.Parser.init(options);
    moduleOptions = options;
    return ts;
  })().catch((e: unknown) => {
    runtimeInit = undefined;
    throw e;
  });
  return runtimeInit;
}

/**
 * Loads the runtime and the Python grammar; idempotent, and concurrent callers share one promise. A
 * failed load (missing WASM file) is retried by the next call.
 */
export function loadPythonRuntime(): Promise<PythonRuntime> {
  pythonLoad ??= (async () => {
    const ts = await loadTreeSitter();
    const bytes = await fs.promises.readFile(path.join(wasmDirectory(), PYTHON_GRAMMAR_WASM));
    const language = await ts.Language.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
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
  if (failure) throw new Error(`the Python parser is disabled after an internal failure (${failure}); restart to re-enable it`);
  if (loadError && !loaded) throw new Error(`the Python parser could not be loaded: ${loadError}`);
  if (!loaded) throw new Error('the Python parser is not loaded yet (call prepare() first)');
  return loaded;
}

/**
 * Records that the WASM module aborted (out of memory, an assertion). Emscripten cannot recover a module
 * after `abort()`, so every later parse fails fast with this reason instead of touching a dead heap.
 */
export function markRuntimeFailed(reason: string): void {
  failure ??= reason;
}

/** Bytes of WASM linear memory the runtime currently holds (it grows, never shrinks); 0 before loading. */
export function wasmMemoryBytes(): number {
  return moduleOptions?.HEAPU8?.byteLength ?? 0;
}

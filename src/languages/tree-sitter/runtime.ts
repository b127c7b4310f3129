import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Language } from '@vscode/tree-sitter-wasm';

/** The `@vscode/tree-sitter-wasm` JavaScript glue (web-tree-sitter built by the VS Code team). */
export type TreeSitterModule = typeof import('@vscode/tree-sitter-wasm');

/** The tree-sitter runtime's WASM file (its JavaScript glue is bundled). */
export const RUNTIME_WASM = 'tree-sitter.wasm';

/** Where a grammar's WASM file lives when running from source: the npm package that ships it. */
export interface GrammarSource {
  /** The WASM file name, also its name in `dist/wasm/`. */
  readonly file: string;
  /** The package that ships it (resolved through its `package.json`). */
  readonly packageName: string;
  /** The folder inside the package ('' for its root). */
  readonly folder: string;
}

/** The grammars the adapters load, by name. `scripts/build.mjs` copies the same files into `dist/wasm/`. */
export const GRAMMARS = {
  python: { file: 'tree-sitter-python.wasm', packageName: '@vscode/tree-sitter-wasm', folder: 'wasm' },
  terraform: { file: 'tree-sitter-terraform.wasm', packageName: '@tree-sitter-grammars/tree-sitter-hcl', folder: '' },
} as const satisfies Record<string, GrammarSource>;

/** A grammar name known to {@link GRAMMARS}. */
export type GrammarName = keyof typeof GRAMMARS;

const RUNTIME_SOURCE: GrammarSource = { file: RUNTIME_WASM, packageName: '@vscode/tree-sitter-wasm', folder: 'wasm' };

/**
 * The path of a WASM file. The bundles in `dist/` (CLI and extension) find the copy that
 * `scripts/build.mjs` puts in `dist/wasm/`, so the packaged extension needs no node_modules; running
 * from source (tests, `tsx`) falls back to the installed package. Throws a clear error when neither exists.
 */
export function locateWasm(source: GrammarSource): string {
  const candidates = [path.join(__dirname, 'wasm', source.file)];
  try {
    const root = path.dirname(require.resolve(`${source.packageName}/package.json`));
    candidates.push(path.join(root, source.folder, source.file));
  } catch {
    // Not installed: only the bundled copy can serve.
  }
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${source.file} was not found in ${candidates.join(' or ')}`);
  return found;
}

/** Emscripten fills the options object passed to `Parser.init` with the module's heap views. */
interface ModuleOptions {
  locateFile(file: string, folder: string): string;
  HEAPU8?: Uint8Array;
}

let moduleOptions: ModuleOptions | undefined;
let runtimeInit: Promise<TreeSitterModule> | undefined;
const grammarLoads = new Map<GrammarName, Promise<Language>>();
let failure: string | undefined;

/**
 * Initialises the tree-sitter WASM runtime once per process (the glue keeps one module instance, so
 * concurrent `Parser.init` calls must not race). A failed attempt may be retried.
 */
export function loadTreeSitter(): Promise<TreeSitterModule> {
  runtimeInit ??= (async () => {
    // Required lazily: the glue (and its WASM) loads only once a file that needs it is analysed.
    const ts = require('@vscode/tree-sitter-wasm') as TreeSitterModule;
    const runtimeFile = locateWasm(RUNTIME_SOURCE);
    const options: ModuleOptions = { locateFile: (file) => path.join(path.dirname(runtimeFile), file) };
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
 * Loads the runtime and a grammar by name; idempotent, and concurrent callers share one promise. A
 * failed load (missing WASM file) is retried by the next call.
 */
export function loadGrammar(name: GrammarName): Promise<Language> {
  let load = grammarLoads.get(name);
  if (!load) {
    load = (async () => {
      const ts = await loadTreeSitter();
      const bytes = await fs.promises.readFile(locateWasm(GRAMMARS[name]));
      return ts.Language.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    })().catch((e: unknown) => {
      grammarLoads.delete(name);
      throw e;
    });
    grammarLoads.set(name, load);
  }
  return load;
}

/**
 * Records that the WASM module aborted (out of memory, an assertion). Emscripten cannot recover a module
 * after `abort()`, and every grammar shares it, so every later parse must fail fast with this reason.
 */
export function markRuntimeFailed(reason: string): void {
  failure ??= reason;
}

/** Why the runtime is unusable, or undefined while it is healthy. */
export function runtimeFailure(): string | undefined {
  return failure;
}

/**
 * The Emscripten module object of the runtime (the options object `Parser.init` filled), with its WASM
 * exports as `_name` functions; undefined before loading. For callers that check what they use.
 */
export function wasmModule(): Readonly<Record<string, unknown>> | undefined {
  return moduleOptions as Readonly<Record<string, unknown>> | undefined;
}

/** Bytes of WASM linear memory the runtime currently holds (it grows, never shrinks); 0 before loading. */
export function wasmMemoryBytes(): number {
  return moduleOptions?.HEAPU8?.byteLength ?? 0;
}

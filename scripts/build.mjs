// Bundles the CLI and the VS Code extension with esbuild. Run by `npm run build` and by `prepare`,
// so `npm ci` alone leaves a working `rampart` command.
import { copyFile, mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  legalComments: 'none',
  // jsonc-parser's "main" is a UMD build esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

// tree-sitter's JavaScript glue is bundled; its WASM runtime and grammars are loaded at run time from
// dist/wasm/ (src/languages/tree-sitter/runtime.ts looks next to the bundle), so the .vsix needs no node_modules.
// [package, folder inside it, file]: keep in step with GRAMMARS in that file.
const WASM_FILES = [
  ['@vscode/tree-sitter-wasm', 'wasm', 'tree-sitter.wasm'],
  ['@vscode/tree-sitter-wasm', 'wasm', 'tree-sitter-python.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl', '', 'tree-sitter-terraform.wasm'],
];

async function copyWasm() {
  const require = createRequire(import.meta.url);
  await mkdir('dist/wasm', { recursive: true });
  await Promise.all(
    WASM_FILES.map(([pkg, folder, file]) =>
      copyFile(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), folder, file), path.join('dist/wasm', file)),
    ),
  );
}

await Promise.all([
  build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true }),
  // The ReDoS checker's worker thread (src/services/redos.ts starts it from next to the bundle): recheck's
  // pure JavaScript build, loaded only there, so neither bundle above carries its 3 MB.
  build({ ...common, entryPoints: ['src/services/redos-worker.ts'], outfile: 'dist/redos-worker.js', minify: true }),
  copyWasm(),
]);

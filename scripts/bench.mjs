// Runs a speed benchmark on the code as it ships: bundles `bench/<name>.ts` with esbuild and the options of
// scripts/build.mjs (no `keepNames`), then runs the bundle with node, passing the remaining arguments on.
//
//   node scripts/bench.mjs bench/parse-vs-analyze.ts --iterations 60
//
// Running the TypeScript through tsx instead measures code that esbuild's `keepNames` transform changed: every
// named closure is made through a `__name(fn, "name")` call (an `Object.defineProperty`), which the bundles in
// dist/ do not have, and which costs the analysis 5–20% where rules make closures per file or per node. The
// bundle is written next to its source (so `__dirname` and the paths the bench reads stay the same) and removed
// after the run; WASM grammars are found in node_modules as when running from source.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const [entry, ...args] = process.argv.slice(2);
if (!entry || !entry.endsWith('.ts')) {
  console.error('usage: node scripts/bench.mjs bench/<name>.ts [arguments of the benchmark]');
  process.exit(2);
}
const outfile = path.join(path.dirname(entry), `.${path.basename(entry, '.ts')}.bundle.cjs`);
await build({
  entryPoints: [entry],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  logLevel: 'warning',
  mainFields: ['module', 'main'],
});
try {
  const run = spawnSync(process.execPath, [outfile, ...args], { stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(outfile, { force: true });
}

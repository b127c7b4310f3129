/**
 * How much does analysis cost on top of parsing? Parses a large, realistic service with the bare parser
 * — @babel/parser with the adapter's options for TypeScript, tree-sitter for Python — and runs the full
 * analyzer with every built-in rule on it, interleaved, after a warm-up; prints median and p95 of each and
 * their ratio. Targets: the full analysis takes at most 1.5× a bare parse for TypeScript, 2× for Python.
 * Prints figures only; never fails on slowness. Without `--file`, both fixtures are measured in turn.
 *
 *   npm run bench -- [--iterations 60] [--warmup 20] [--file path/to/file.ts|.py]
 *
 * (`npm run bench` runs it on the bundled code, as it ships: see scripts/bench.mjs.)
 *
 * Each iteration times the three steps in turn, so drift and garbage collection hit all three alike;
 * the minimum is printed too, as the least noisy figure on a busy machine. For TypeScript a fourth step times the
 * editor's case, not part of the ratio: the full analysis of the file with one more line typed each time, whose tree
 * is re-parsed from the last one's (`AnalyzeRequest.edited`).
 */
import { parse, type ParserOptions } from '@babel/parser';
import type * as t from '@babel/types';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules, createAnalyzer, type RuleSetting } from '../src/index';
import { BASE_OPTIONS, parseJs, PLUGINS } from '../src/languages/js/parse';
import { parsePython } from '../src/languages/python/parse';
import { loadPythonRuntime, pythonRuntime } from '../src/languages/python/runtime';
import { parseWithDeadline } from '../src/languages/tree-sitter/parse';

/** The adapter's own Babel options for a `.ts` file (first attempt: sourceType module). */
const BABEL_OPTIONS: ParserOptions = { ...BASE_OPTIONS, sourceType: 'module', plugins: PLUGINS.ts };

/** Target ratio of full analysis to bare parse, per language. */
const TARGET_RATIO = { ts: 1.5, py: 2 } as const;

/** What {@link sameTree} compares: a Babel `File` from either parse. */
type ParsedTree = { program: t.Program; comments?: readonly unknown[] | null; errors?: readonly unknown[] | null };

interface Stats {
  median: number;
  p95: number;
  min: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '20' },
      file: { type: 'string' },
    },
  });
  const iterations = Math.max(30, Number(values.iterations));
  const warmup = Math.max(1, Number(values.warmup));
  const files = values.file ? [values.file] : [join(__dirname, 'fixtures/large-service.ts'), join(__dirname, 'fixtures/large-service.py')];
  await loadPythonRuntime();
  for (const [i, file] of files.entries()) {
    if (i > 0) console.log('');
    run(file, iterations, warmup);
  }
}

function run(file: string, iterations: number, warmup: number): void {
  const text = readFileSync(file, 'utf8');
  const name = relative(process.cwd(), file) || file;
  const python = file.endsWith('.py');
  const target = python ? TARGET_RATIO.py : TARGET_RATIO.ts;

  const analyzer = createAnalyzer();
  const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  // Python: the bare tree-sitter parse (and the tree freed, as the adapter does once a file is done).
  const bareParse = python ? () => parseWithDeadline(pythonRuntime().parser, text).delete() : () => parse(text, BABEL_OPTIONS);
  const adapterParse = python ? () => parsePython(text).root.dispose() : () => parseJs(text, name);
  const analyze = () => analyzer.analyze({ file: name, text, settings });
  // TypeScript in the editor: each run analyses the file with one more line typed somewhere, from the last run's tree.
  const lines = text.split('\n');
  let typed = 0;
  const nextVersion = () => {
    lines.splice(Math.floor(((typed * 37) % 100) / 100 * lines.length), 0, `// typed ${typed++}`);
    return lines.join('\n');
  };
  const analyzeEdit = (version: string) => () => analyzer.analyze({ file: `edited-${name}`, text: version, settings, edited: true });

  const first = analyze();
  if (first.errors.length > 0 || first.skipped) {
    console.error(`cannot benchmark ${name}:`, first.skipped?.reason ?? first.errors.map((e) => e.message).join('; '));
    process.exitCode = 2;
    return;
  }
  for (let i = 0; i < warmup; i++) {
    bareParse();
    adapterParse();
    analyze();
    if (!python) analyzeEdit(nextVersion())();
  }

  const samples = { bare: [] as number[], adapter: [] as number[], analyze: [] as number[], edit: [] as number[] };
  for (let i = 0; i < iterations; i++) {
    samples.bare.push(measure(bareParse));
    samples.adapter.push(measure(adapterParse));
    samples.analyze.push(measure(analyze));
    if (!python) samples.edit.push(measure(analyzeEdit(nextVersion())));
  }

  const bare = stats(samples.bare);
  const adapter = stats(samples.adapter);
  const full = stats(samples.analyze);
  const ratio = full.median / bare.median;

  console.log(`file        ${name}: ${text.split(/\r\n|\r|\n/).length} lines, ${(text.length / 1024).toFixed(1)} KiB`);
  console.log(`runtime     node ${process.version}, ${iterations} iterations after ${warmup} warm-up rounds`);
  console.log(`rules       ${builtinRules.map((r) => r.id).join(', ')}`);
  console.log(`findings    ${first.findings.length}${first.findings.length ? ': ' + first.findings.map((f) => `${f.ruleId}@${f.start.line}`).join(', ') : ''}`);
  if (!python) console.log(`same tree   ${sameTree(parse(text, BABEL_OPTIONS), parseJs(text, name).root) ? 'yes' : 'NO: the copied Babel options differ from the adapter'}`);
  console.log('');
  console.log(row('', 'median', 'p95', 'min'));
  console.log(row('bare parse', fmt(bare.median), fmt(bare.p95), fmt(bare.min)));
  console.log(row('adapter parse', fmt(adapter.median), fmt(adapter.p95), fmt(adapter.min)));
  console.log(row('full analyze', fmt(full.median), fmt(full.p95), fmt(full.min)));
  if (!python) {
    const edit = stats(samples.edit);
    console.log(row('per edit', fmt(edit.median), fmt(edit.p95), fmt(edit.min)) + '   (editor: one line typed, re-parsed from the last tree)');
  }
  console.log('');
  const verdict = (r: number) => (r <= target ? 'met' : 'not met');
  const minRatio = full.min / bare.min;
  console.log(
    `ratio       analyze / bare parse = ${ratio.toFixed(2)}× median, ${(full.p95 / bare.p95).toFixed(2)}× p95, ${minRatio.toFixed(2)}× min`,
  );
  console.log(`target      ≤ ${target}×: ${verdict(ratio)} by median, ${verdict(minRatio)} by min`);
  console.log(`            rules and traversal ≈ ${fmt(Math.max(0, full.median - adapter.median))} per run on top of the adapter parse`);
}

function measure(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { median: at(0.5), p95: at(0.95), min: sorted[0] };
}

/** Cheap structural comparison: node types and ranges of the top-level statements, and error counts. */
function sameTree(a: ParsedTree, b: ParsedTree): boolean {
  const shape = (f: ParsedTree) =>
    JSON.stringify([f.program.body.map((n) => [n.type, n.start, n.end]), f.errors?.length ?? 0, f.comments?.length ?? 0]);
  return shape(a) === shape(b);
}

function fmt(ms: number): string {
  return `${ms.toFixed(2)} ms`;
}

function row(label: string, ...cells: string[]): string {
  return label.padEnd(14) + cells.map((c) => c.padStart(12)).join('');
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

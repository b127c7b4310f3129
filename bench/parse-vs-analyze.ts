/**
 * How much does analysis cost on top of parsing? Parses a large, realistic TypeScript service with
 * bare @babel/parser (the adapter's options) and runs the full analyzer with every built-in rule on
 * it, interleaved, after a warm-up; prints median and p95 of each and their ratio. Target: the full
 * analysis takes at most 1.5× a bare parse. Prints figures only; never fails on slowness.
 *
 *   npx tsx bench/parse-vs-analyze.ts [--iterations 60] [--warmup 20] [--file path/to/file.ts]
 *
 * Each iteration times the three steps in turn, so drift and garbage collection hit all three alike;
 * the minimum is printed too, as the least noisy figure on a busy machine.
 */
import { parse, type ParserOptions } from '@babel/parser';
import type * as t from '@babel/types';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules, createAnalyzer, type RuleSetting } from '../src/index';
import { BASE_OPTIONS, parseJs, PLUGINS } from '../src/languages/js/parse';

/** The adapter's own Babel options for a `.ts` file (first attempt: sourceType module). */
const BABEL_OPTIONS: ParserOptions = { ...BASE_OPTIONS, sourceType: 'module', plugins: PLUGINS.ts };

const TARGET_RATIO = 1.5;

/** What {@link sameTree} compares: a Babel `File` from either parse. */
type ParsedTree = { program: t.Program; comments?: readonly unknown[] | null; errors?: readonly unknown[] | null };

interface Stats {
  median: number;
  p95: number;
  min: number;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      iterations: { type: 'string', default: '60' },
      warmup: { type: 'string', default: '20' },
      file: { type: 'string', default: join(__dirname, 'fixtures/large-service.ts') },
    },
  });
  const iterations = Math.max(30, Number(values.iterations));
  const warmup = Math.max(1, Number(values.warmup));
  const file = values.file!;
  const text = readFileSync(file, 'utf8');
  const name = relative(process.cwd(), file) || file;

  const analyzer = createAnalyzer();
  const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const bareParse = () => parse(text, BABEL_OPTIONS);
  const adapterParse = () => parseJs(text, name);
  const analyze = () => analyzer.analyze({ file: name, text, settings });

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
  }

  const samples = { bare: [] as number[], adapter: [] as number[], analyze: [] as number[] };
  for (let i = 0; i < iterations; i++) {
    samples.bare.push(measure(bareParse));
    samples.adapter.push(measure(adapterParse));
    samples.analyze.push(measure(analyze));
  }

  const bare = stats(samples.bare);
  const adapter = stats(samples.adapter);
  const full = stats(samples.analyze);
  const ratio = full.median / bare.median;
  const lines = text.split(/\r\n|\r|\n/).length;

  console.log(`file        ${name}: ${lines} lines, ${(text.length / 1024).toFixed(1)} KiB`);
  console.log(`runtime     node ${process.version}, ${iterations} iterations after ${warmup} warm-up rounds`);
  console.log(`rules       ${builtinRules.map((r) => r.id).join(', ')}`);
  console.log(`findings    ${first.findings.length}${first.findings.length ? ': ' + first.findings.map((f) => `${f.ruleId}@${f.start.line}`).join(', ') : ''}`);
  console.log(`same tree   ${sameTree(bareParse(), adapterParse().root) ? 'yes' : 'NO: the copied Babel options differ from the adapter'}`);
  console.log('');
  console.log(row('', 'median', 'p95', 'min'));
  console.log(row('bare parse', fmt(bare.median), fmt(bare.p95), fmt(bare.min)));
  console.log(row('adapter parse', fmt(adapter.median), fmt(adapter.p95), fmt(adapter.min)));
  console.log(row('full analyze', fmt(full.median), fmt(full.p95), fmt(full.min)));
  console.log('');
  const verdict = (r: number) => (r <= TARGET_RATIO ? 'met' : 'not met');
  const minRatio = full.min / bare.min;
  console.log(
    `ratio       analyze / bare parse = ${ratio.toFixed(2)}× median, ${(full.p95 / bare.p95).toFixed(2)}× p95, ${minRatio.toFixed(2)}× min`,
  );
  console.log(`target      ≤ ${TARGET_RATIO}×: ${verdict(ratio)} by median, ${verdict(minRatio)} by min`);
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

main();

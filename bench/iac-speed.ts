/**
 * What analysis costs on top of parsing for infrastructure code: over the files of the IaC precision corpus
 * (bench/corpus/iac-scan.ts), read once before timing, times the bare parse — each adapter's own parse function,
 * as the analyzer calls it: the `yaml` package's CST parser and composer, jsonc-parser, tree-sitter's HCL grammar,
 * dockerfile-ast (the tree freed again where the adapter holds WASM memory) — against the full analysis with every
 * built-in rule, interleaved after a warm-up. Prints median, p95 and minimum of each over the whole corpus and per
 * language, and the ratio (target: at most 1.5×). Prints figures only; never fails on slowness.
 *
 *   npm run bench:iac-speed                          20 timed rounds after 5 warm-up rounds
 *   npm run bench:iac-speed -- --iterations 40 --warmup 10
 *
 * Each round parses every file, then analyses every file, language by language, so drift and garbage collection
 * hit both alike; the minimum is the least noisy figure on a busy machine. To see where the time goes:
 * `node --cpu-prof --import tsx bench/iac-speed.ts` (through tsx, which
 * adds a `__name` call per named closure that the shipped bundles do not make; `npm run bench:iac-speed` runs the
 * bundled code, see scripts/bench.mjs).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Classification } from '../src/engine/classify';
import type { LanguageAdapter } from '../src/engine/language';
import { builtinRules, createAnalyzer, type LanguageId } from '../src/index';
import { builtinAdapters } from '../src/languages';
import { IAC_LANGUAGES, IAC_SOURCES, iacPlatform } from './corpus/iac-scan';
import { countLines, defaultSettings } from './corpus/scan';
import { analysedPath, listSecretsCorpusFiles, locateSources, readCorpusFile } from './corpus/secrets-scan';

const ROOT = join(__dirname, '..');
const TARGET_RATIO = 1.5;

interface LoadedFile {
  file: string;
  text: string;
  classification: Classification;
}

interface Stats {
  median: number;
  p95: number;
  min: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { iterations: { type: 'string', default: '20' }, warmup: { type: 'string', default: '5' } } });
  const iterations = Math.max(5, Number(values.iterations));
  const warmup = Math.max(1, Number(values.warmup));
  const files = load();
  const groups = IAC_LANGUAGES.map((language) => ({ language, files: files.filter((f) => f.classification.language === language) })).filter((g) => g.files.length > 0);

  const analyzer = createAnalyzer();
  await analyzer.prepare();
  const settings = defaultSettings();
  const adapters = new Map(builtinAdapters.map((a) => [a.id, a]));
  const parse = (group: readonly LoadedFile[], adapter: LanguageAdapter) => {
    for (const f of group) {
      // As the analyzer does: parse with the adapter, and free what the tree holds outside the JS heap.
      const parsed = adapter.parse(f.text, f.file);
      adapter.dispose?.(parsed);
    }
  };
  const analyze = (group: readonly LoadedFile[]) => {
    for (const f of group) analyzer.analyze({ file: f.file, text: f.text, settings, classification: f.classification });
  };

  const times = new Map<LanguageId, { parse: number[]; analyze: number[] }>(groups.map((g) => [g.language, { parse: [], analyze: [] }]));
  for (let round = 0; round < warmup + iterations; round++) {
    for (const g of groups) {
      const adapter = adapters.get(g.language)!;
      const t0 = process.hrtime.bigint();
      parse(g.files, adapter);
      const t1 = process.hrtime.bigint();
      analyze(g.files);
      const t2 = process.hrtime.bigint();
      if (round < warmup) continue;
      times.get(g.language)!.parse.push(Number(t1 - t0) / 1e6);
      times.get(g.language)!.analyze.push(Number(t2 - t1) / 1e6);
    }
  }

  const lines = files.reduce((n, f) => n + countLines(f.text), 0);
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const perPlatform = new Map<string, number>();
  for (const f of files) perPlatform.set(iacPlatform(f.classification, f.text), (perPlatform.get(iacPlatform(f.classification, f.text)) ?? 0) + 1);
  console.log(`corpus      ${files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(2)} MB (${[...perPlatform].map(([p, n]) => `${n} ${p}`).join(', ')})`);
  console.log(`rules       ${builtinRules.length} built-in, all at their default severity`);
  console.log(`runs        ${iterations} timed rounds after ${warmup} warm-up rounds, parse and analysis interleaved per language (node ${process.version})`);
  console.log('');
  console.log(`${'language'.padEnd(12)}${'files'.padStart(6)}   ${'bare parse: median / p95 / min'.padEnd(34)}${'full analysis: median / p95 / min'.padEnd(37)}ratio (median, min)`);
  const total = { parse: new Array<number>(iterations).fill(0), analyze: new Array<number>(iterations).fill(0) };
  for (const g of groups) {
    const t = times.get(g.language)!;
    t.parse.forEach((ms, i) => (total.parse[i] += ms));
    t.analyze.forEach((ms, i) => (total.analyze[i] += ms));
    row(g.language, g.files.length, stats(t.parse), stats(t.analyze));
  }
  const p = stats(total.parse);
  const a = stats(total.analyze);
  row('all', files.length, p, a);
  console.log('');
  const ratio = a.median / p.median;
  console.log(`ratio       ${ratio.toFixed(2)}× median, ${(a.min / p.min).toFixed(2)}× min: ${ratio <= TARGET_RATIO ? 'within' : 'over'} the ${TARGET_RATIO}× target`);
  console.log(`per file    bare parse ${((p.median / files.length) * 1000).toFixed(0)} µs, full analysis ${((a.median / files.length) * 1000).toFixed(0)} µs (median)`);
}

/** The corpus files present here, read as the workspace scan reads them. */
function load(): LoadedFile[] {
  const loaded: LoadedFile[] = [];
  for (const file of listSecretsCorpusFiles(locateSources(ROOT, IAC_SOURCES).present)) {
    if (!IAC_LANGUAGES.includes(file.classification.language)) continue;
    const read = readCorpusFile(file);
    if (read.ok) loaded.push({ file: analysedPath(file), text: read.text, classification: file.classification });
  }
  return loaded;
}

function row(label: string, files: number, parse: Stats, analyze: Stats): void {
  const fmt = (s: Stats) => `${s.median.toFixed(1)} / ${s.p95.toFixed(1)} / ${s.min.toFixed(1)} ms`;
  console.log(
    `${label.padEnd(12)}${String(files).padStart(6)}   ${fmt(parse).padEnd(34)}${fmt(analyze).padEnd(37)}` +
      `${(analyze.median / parse.median).toFixed(2)}×, ${(analyze.min / parse.min).toFixed(2)}×`,
  );
}

function stats(values: readonly number[]): Stats {
  const sorted = [...values].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, p95: at(0.95), min: sorted[0] };
}

main().catch((e: unknown) => {
  console.error(`bench:iac-speed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

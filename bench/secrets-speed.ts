/**
 * What the secrets pass costs in a whole-workspace scan: the files of the secrets precision corpus
 * (bench/corpus/secrets-scan.ts: npm packages, Debian Python libraries, configuration) analysed with every
 * built-in rule, with every rule but `secrets/no-hardcoded-secret`, and with every rule but all the secrets
 * rules, in one process, interleaved, after a warm-up run. Files are read once before timing, so the
 * figures are analysis time (reading them, timed once, is printed beside for scale).
 *
 *   npm run bench:secrets-speed                        5 timed runs of each configuration
 *   npm run bench:secrets-speed -- --iterations 9      more runs
 *   npm run bench:secrets-speed -- --max-files 2000    a sample (every n-th file) for a quicker look
 *
 * Prints the median CPU and wall time of each configuration, the added percentage of CPU time (target: at
 * most 10%) and the secrets pass's cost in ms per MB. To see where the time goes: `node --cpu-prof --import tsx bench/secrets-speed.ts` (`npm run bench:secrets-speed` runs the bundled code, see scripts/bench.mjs).
 */
import { parseArgs } from 'node:util';
import { join } from 'node:path';
import { builtinRules, createAnalyzer, type RuleSetting } from '../src/index';
import type { Classification } from '../src/engine/classify';
import { analysedPath, listSecretsCorpusFiles, locateSources, readCorpusFile, SECRETS_RULES } from './corpus/secrets-scan';
import { countLines, defaultSettings } from './corpus/scan';

const ROOT = join(__dirname, '..');
const NEW_RULE = 'secrets/no-hardcoded-secret';

interface LoadedFile {
  file: string;
  text: string;
  classification: Classification;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { iterations: { type: 'string', default: '5' }, 'max-files': { type: 'string' } },
  });
  const iterations = Math.max(1, Number(values.iterations));
  const readStarted = process.hrtime.bigint();
  let files = load();
  const readMs = Number(process.hrtime.bigint() - readStarted) / 1e6;
  if (values['max-files'] !== undefined) {
    const step = Math.max(1, Math.ceil(files.length / Number(values['max-files'])));
    files = files.filter((_, i) => i % step === 0);
  }
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const lines = files.reduce((n, f) => n + countLines(f.text), 0);

  const all = defaultSettings();
  const configs: Array<{ label: string; settings: Map<string, RuleSetting>; times: Timing[] }> = [
    { label: 'all rules', settings: all, times: [] },
    { label: `all but ${NEW_RULE}`, settings: without(all, [NEW_RULE]), times: [] },
    { label: 'all but the secrets rules', settings: without(all, SECRETS_RULES), times: [] },
  ];
  const analyzer = createAnalyzer();
  await analyzer.prepare();
  for (const c of configs) run(analyzer, files, c.settings); // warm-up: JIT, parser caches
  for (let i = 0; i < iterations; i++) {
    for (const c of configs) c.times.push(run(analyzer, files, c.settings));
  }

  console.log(`corpus      ${files.length} files, ${lines} lines, ${(bytes / 1e6).toFixed(1)} MB (read in ${(readMs / 1000).toFixed(2)} s, not timed below)`);
  console.log(`rules       ${builtinRules.length} built-in; secrets rules: ${SECRETS_RULES.join(', ')}`);
  console.log(`runs        ${iterations} timed runs of each configuration, interleaved, after a warm-up (node ${process.version})`);
  console.log('');
  for (const c of configs) {
    const cpu = c.times.map((t) => t.cpu);
    const wall = c.times.map((t) => t.wall);
    console.log(`${c.label.padEnd(42)} CPU median ${fmt(median(cpu))} (min ${fmt(Math.min(...cpu))}), wall median ${fmt(median(wall))} (min ${fmt(Math.min(...wall))})`);
  }
  // CPU time (user + system of this process) is what the rules cost; wall time also counts other processes
  // on a shared machine. Both are printed; the verdict uses CPU time.
  const [full, withoutNew, withoutSecrets] = configs.map((c) => median(c.times.map((t) => t.cpu)));
  console.log('');
  report(`${NEW_RULE} adds`, full - withoutNew, withoutNew, bytes, readMs);
  report('all secrets rules add', full - withoutSecrets, withoutSecrets, bytes, readMs);
}

/** One timed run: CPU time of this process and wall time, in milliseconds. */
interface Timing {
  cpu: number;
  wall: number;
}

function load(): LoadedFile[] {
  const loaded: LoadedFile[] = [];
  for (const file of listSecretsCorpusFiles(locateSources(ROOT).present)) {
    const read = readCorpusFile(file);
    if (read.ok) loaded.push({ file: analysedPath(file), text: read.text, classification: file.classification });
  }
  return loaded;
}

function without(settings: ReadonlyMap<string, RuleSetting>, ids: readonly string[]): Map<string, RuleSetting> {
  const copy = new Map(settings);
  for (const id of ids) copy.delete(id);
  return copy;
}

/** Analyses every file once. */
function run(analyzer: ReturnType<typeof createAnalyzer>, files: readonly LoadedFile[], settings: ReadonlyMap<string, RuleSetting>): Timing {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  for (const f of files) analyzer.analyze({ file: f.file, text: f.text, settings, classification: f.classification });
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) / 1000, wall: Number(process.hrtime.bigint() - started) / 1e6 };
}

function report(label: string, addedMs: number, baseMs: number, bytes: number, readMs: number): void {
  const pct = (addedMs / baseMs) * 100;
  const withRead = (addedMs / (baseMs + readMs)) * 100;
  const verdict = pct <= 10 ? 'within' : 'over';
  console.log(
    `${label.padEnd(42)} ${fmt(addedMs)} = ${pct.toFixed(1)}% of analysis (${verdict} the 10% target), ` +
      `${withRead.toFixed(1)}% counting the reads; ${(addedMs / (bytes / 1e6)).toFixed(1)} ms/MB`,
  );
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function fmt(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

main().catch((e: unknown) => {
  console.error(`bench:secrets-speed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

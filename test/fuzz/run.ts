/**
 * `npm run fuzz`: a long fuzz campaign on demand. Every failure is minimised and stored in the
 * regression corpus (test/fuzz/corpus), which `npm test` replays.
 *
 *   npm run fuzz -- [--seed N] [--runs N] [--duration 10m] [--max-length N] [--no-save]
 *   npm run fuzz -- --case N      judge, minimise and store one case (a case seed printed by a run)
 *   npm run fuzz -- --replay      judge every corpus entry, the open ones included
 *
 * FUZZ_SEED, FUZZ_RUNS, FUZZ_DURATION and FUZZ_MAX_LENGTH are read when the options are absent. The run
 * seed is printed first: the same seed, runs and maximum length give the same inputs.
 */
import { loadCorpus, saveToCorpus } from './corpus';
import { DEFAULT_BOUNDS, FuzzHarness, signature, type Failure } from './harness';
import { generateCase, materialise } from './mutators';
import { loadSeeds } from './seeds';

interface Options {
  seed: number;
  runs: number;
  durationMs: number;
  maxLength: number;
  save: boolean;
  only?: number;
  replay: boolean;
}

const USAGE = 'usage: npm run fuzz -- [--seed N] [--runs N] [--duration 90s|10m|1h] [--max-length N] [--no-save] [--case N] [--replay]';

function duration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
  if (!m) throw new Error(`not a duration: ${value}\n${USAGE}`);
  return Number(m[1]) * { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
}

function integer(value: string | undefined, name: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n)) throw new Error(`${name} needs an integer\n${USAGE}`);
  return n;
}

function parseOptions(argv: string[]): Options {
  const env = process.env;
  const options: Options = {
    seed: env.FUZZ_SEED ? integer(env.FUZZ_SEED, 'FUZZ_SEED') : Date.now() % 2 ** 31,
    runs: env.FUZZ_RUNS ? integer(env.FUZZ_RUNS, 'FUZZ_RUNS') : Infinity,
    durationMs: env.FUZZ_DURATION ? duration(env.FUZZ_DURATION) : 10 * 60_000,
    maxLength: env.FUZZ_MAX_LENGTH ? integer(env.FUZZ_MAX_LENGTH, 'FUZZ_MAX_LENGTH') : 400_000,
    save: true,
    replay: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--seed') options.seed = integer(value(), '--seed');
    else if (flag === '--runs') options.runs = integer(value(), '--runs');
    else if (flag === '--duration') options.durationMs = duration(value());
    else if (flag === '--max-length') options.maxLength = integer(value(), '--max-length');
    else if (flag === '--no-save') options.save = false;
    else if (flag === '--case') options.only = integer(value(), '--case');
    else if (flag === '--replay') options.replay = true;
    else throw new Error(`unknown option ${argv[i]}\n${USAGE}`);
  }
  return options;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Prints a failure, minimises it, confirms the minimised input and stores it. */
async function report(harness: FuzzHarness, failure: Failure, options: Options): Promise<void> {
  const { input, verdict } = failure;
  console.log(`\n✗ case ${failure.caseSeed}: ${input.file} (${input.text.length} characters): ${verdict.symptom}: ${verdict.detail}`);
  console.log(`  case: ${JSON.stringify(failure.fuzzCase)}`);
  const started = Date.now();
  const minimal = await harness.minimise(input.file, input.text, verdict);
  const confirmed = await harness.judge(input.file, minimal);
  console.log(`  minimised to ${minimal.length} characters in ${seconds(Date.now() - started)}: ${JSON.stringify(minimal.slice(0, 300))}${minimal.length > 300 ? '…' : ''}`);
  const stored = confirmed.ok ? await shortestFailingPrefix(harness, input.file, input.text, verdict) : { text: minimal, verdict: confirmed };
  if (confirmed.ok) console.log(`  (the minimised input passes when judged alone; a prefix of ${stored.text.length} characters of the original is stored)`);
  if (!options.save) return;
  const name = saveToCorpus(input.kind, stored.text, {
    file: input.file,
    symptom: stored.verdict.symptom,
    detail: stored.verdict.detail.slice(0, 2_000),
    found: `${new Date().toISOString().slice(0, 10)} by npm run fuzz -- --seed ${options.seed}, case ${failure.caseSeed}`,
  });
  console.log(`  stored as test/fuzz/corpus/${name}: fix the cause, or mark it "open" in its .json with the reason`);
}

/**
 * When minimisation was steered by noise (a time failure near the bound), the shortest of a few prefixes
 * of the original that still fails when judged again, else the original.
 */
async function shortestFailingPrefix(harness: FuzzHarness, file: string, text: string, verdict: Failure['verdict']): Promise<{ text: string; verdict: Failure['verdict'] }> {
  for (const fraction of [0.25, 0.5, 0.75]) {
    const prefix = text.slice(0, Math.round(text.length * fraction));
    const v = await harness.judge(file, prefix);
    if (!v.ok && signature(v) === signature(verdict)) return { text: prefix, verdict: v };
  }
  return { text, verdict };
}

async function replay(harness: FuzzHarness): Promise<number> {
  let failed = 0;
  for (const entry of loadCorpus()) {
    const verdict = await harness.judge(entry.meta.file, entry.text);
    const state = verdict.ok ? `ok (${Math.round(verdict.ms)} ms)` : `${verdict.symptom}: ${verdict.detail}`;
    console.log(`${verdict.ok ? '✓' : '✗'} ${entry.name}${entry.meta.open ? ' [open]' : ''}: ${state}`);
    if (!verdict.ok) failed++;
  }
  return failed;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const seeds = loadSeeds();
  const harness = new FuzzHarness(DEFAULT_BOUNDS, seeds);
  try {
    if (options.replay) return (await replay(harness)) > 0 ? 1 : 0;
    if (options.only !== undefined) {
      const fuzzCase = generateCase(options.only);
      const input = materialise(fuzzCase, seeds, options.maxLength);
      const verdict = await harness.judge(input.file, input.text);
      if (verdict.ok) {
        console.log(`✓ case ${options.only}: ${input.file} (${input.text.length} characters) passes in ${Math.round(verdict.ms)} ms`);
        return 0;
      }
      await report(harness, { input, verdict, caseSeed: options.only, fuzzCase }, options);
      return 1;
    }
    const runs = options.runs === Infinity ? 'until the time is up' : `${options.runs} cases`;
    console.log(`fuzz: seed ${options.seed}, ${runs}, at most ${seconds(options.durationMs)}, inputs up to ${options.maxLength} characters, ${seeds.length} seed files`);
    console.log(`replay: npm run fuzz -- --seed ${options.seed} --max-length ${options.maxLength} --runs <n>`);
    const started = Date.now();
    let lastProgress = started;
    let failures = 0;
    let known = 0;
    const { ran } = await harness.campaign({
      seeds,
      seed: options.seed,
      runs: options.runs,
      maxLength: options.maxLength,
      deadline: started + options.durationMs,
      onCase: async (index, input, verdict, origin) => {
        if (!verdict.ok && origin.known) {
          known++;
          console.log(`  case ${origin.caseSeed}: ${input.file}: ${verdict.symptom} of a known open cause, not minimised`);
        } else if (!verdict.ok) {
          failures++;
          await report(harness, { input, verdict, caseSeed: origin.caseSeed, fuzzCase: origin.fuzzCase }, options);
        }
        if (Date.now() - lastProgress > 15_000) {
          lastProgress = Date.now();
          console.log(`  ${index + 1} cases, ${failures} failures, ${seconds(Date.now() - started)}`);
        }
      },
    });
    console.log(`fuzz: seed ${options.seed}: ${ran} cases in ${seconds(Date.now() - started)}, ${failures} failures, ${known} of known open causes`);
    return failures > 0 ? 1 : 0;
  } finally {
    await harness.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);

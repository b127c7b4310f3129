import assert from 'node:assert/strict';
import { loadCorpus } from './corpus';
import { DEFAULT_BOUNDS, FuzzHarness, type Failure } from './harness';
import { loadSeeds } from './seeds';

/**
 * The fuzz budget of `npm test`: the regression corpus, then a fixed number of seeded cases (the same
 * inputs every run). `npm run fuzz` runs long campaigns, minimises what breaks and adds it to the corpus.
 * FUZZ_SEED, FUZZ_RUNS and FUZZ_MAX_LENGTH change the budget here, e.g. to replay a failure.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 11);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const MAX_LENGTH = Number(process.env.FUZZ_MAX_LENGTH ?? 100_000);

function describeFailure(f: Failure): string {
  const origin = f.caseSeed === undefined ? '' : `case ${f.caseSeed} `;
  return `${origin}${f.input.file} (${f.input.text.length} characters): ${f.verdict.symptom}: ${f.verdict.detail}`;
}

describe('fuzz: every front-end and the whole engine on mutated files', function () {
  // Generous: only a failure (a hang, confirmed in a fresh worker) comes near it.
  this.timeout(300_000);
  const seeds = loadSeeds();
  const harness = new FuzzHarness(DEFAULT_BOUNDS, seeds);
  after(() => harness.close());

  describe('regression corpus (test/fuzz/corpus): inputs that broke something once', () => {
    for (const entry of loadCorpus()) {
      const open = entry.meta.open ? ' [open: not fixed yet, see its .json]' : '';
      it(`${entry.name} (${entry.meta.file}, was ${entry.meta.symptom})${open}`, async function () {
        if (entry.meta.open) this.skip();
        const verdict = await harness.judge(entry.meta.file, entry.text);
        assert.ok(verdict.ok, `${entry.name}: ${verdict.ok ? '' : `${verdict.symptom}: ${verdict.detail}`}`);
      });
    }
  });

  describe('seeded campaign', () => {
    it(`${RUNS} seeded cases (seed ${SEED}, inputs up to ${MAX_LENGTH} characters) from the fixtures and the demo workspace`, async () => {
      const { failures, known, ran } = await harness.campaign({ seeds, seed: SEED, runs: RUNS, maxLength: MAX_LENGTH });
      assert.equal(ran, RUNS);
      // Causes reported and not fixed yet (KNOWN_OPEN in harness.ts) are listed, not failed on.
      for (const k of known) console.log(`      known open cause: ${describeFailure(k)}`);
      assert.deepEqual(
        failures.map(describeFailure),
        [],
        `replay, minimise and store each case with: npm run fuzz -- --case <case> --max-length ${MAX_LENGTH}`,
      );
    });
  });
});

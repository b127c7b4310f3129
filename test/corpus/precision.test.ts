import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  corpusInstalled,
  describeFinding,
  diffRecord,
  readRecord,
  RECORD_PATH,
  scanCorpus,
  type CorpusFinding,
  type CorpusScan,
} from '../../bench/corpus/scan';

const ROOT = join(__dirname, '..', '..');
const JUSTIFIED = /^(true positive|accepted): \S/;
const HOW_TO =
  'Fix the rule, or run `npm run bench:corpus -- --write` and write a justification ("true positive: …" or "accepted: …") ' +
  `for each new finding in ${RECORD_PATH}.`;

// Scans about 950 files of express, fastify, koa, axios, openai, @anthropic-ai/sdk and hono (dev
// dependencies) once; skipped when they are not installed.
describe('precision corpus', function () {
  let scan: CorpusScan;
  let recorded: CorpusFinding[];

  before(function () {
    if (!corpusInstalled(ROOT)) this.skip();
    this.timeout(60_000);
    scan = scanCorpus(ROOT);
    recorded = readRecord(ROOT);
  });

  it('reads a non-trivial corpus', () => {
    assert.ok(scan.files > 500, `only ${scan.files} files scanned`);
    assert.deepEqual(scan.skipped, [], 'files skipped by the analyzer');
  });

  it('analyses every file without a parser or rule failure', () => {
    assert.deepEqual(scan.errors.map((e) => `${e.file} [${e.source}]: ${e.message}`), []);
  });

  it('finds exactly the recorded findings (ignoring line shifts)', () => {
    const diff = diffRecord(scan.findings, recorded);
    assert.deepEqual(
      { unexpected: diff.unexpected.map(describeFinding), missing: diff.missing.map(describeFinding) },
      { unexpected: [], missing: [] },
      HOW_TO,
    );
  });

  it('records the installed version of each package', () => {
    const installed = new Map(scan.packages.map((p) => [p.name, p.version]));
    const stale = recorded.filter((f) => installed.get(f.package) !== f.version).map(describeFinding);
    assert.deepEqual(stale, [], 'packages were upgraded: re-run `npm run bench:corpus -- --write` and review the findings');
  });

  it('has a justification for every recorded finding', () => {
    const open = recorded.filter((f) => !JUSTIFIED.test(f.justification.trim())).map(describeFinding);
    assert.deepEqual(open, [], `justifications must start with "true positive: " or "accepted: ". ${HOW_TO}`);
  });
});

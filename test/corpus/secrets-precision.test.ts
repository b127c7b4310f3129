import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeFinding, diffRecord, JUSTIFIED } from '../../bench/corpus/scan';
import {
  comparableFindings,
  comparableSources,
  genericRate,
  readSecretsRecord,
  scanSecretsCorpus,
  SECRETS_RECORD_PATH,
  type Comparable,
  type SecretsCorpusScan,
  type SecretsRecord,
} from '../../bench/corpus/secrets-scan';

const ROOT = join(__dirname, '..', '..');
const HOW_TO =
  'Fix the heuristic, or run `npm run bench:secrets -- --write` and write a justification ("true positive: …" or "accepted: …") ' +
  `for each new finding in ${SECRETS_RECORD_PATH}.`;

// Scans the secrets corpus (bench/corpus/secrets-scan.ts): every text file of ~60 npm packages and, where
// installed, ~60 Debian packages (Python libraries, /etc configuration, package examples). Sources not
// installed here are left out; the record is compared only on sources installed at the recorded version.
describe('secrets precision corpus', function () {
  let scan: SecretsCorpusScan;
  let record: SecretsRecord;
  let comparable: Comparable;

  before(async function () {
    this.timeout(180_000);
    scan = await scanSecretsCorpus(ROOT);
    if (scan.files === 0) this.skip();
    record = readSecretsRecord(ROOT);
    comparable = comparableSources(scan, record);
  });

  it('reads a non-trivial corpus', () => {
    const npm = scan.sources.filter((s) => s.kind === 'npm');
    // npm packages are installed from the lock file whenever node_modules is (the Debian half may be absent).
    assert.ok(npm.length === 0 || npm.reduce((n, s) => n + s.lines, 0) > 100_000, `only ${scan.lines} lines scanned`);
  });

  it('analyses every file without a rule failure', () => {
    // Parser errors are the corpus's own (a test fixture with a syntax error); rule failures are ours.
    assert.deepEqual(scan.errors.filter((e) => e.source !== 'parser').map((e) => `${e.file} [${e.source}]: ${e.message}`), []);
  });

  it('finds exactly the recorded findings (ignoring line shifts)', () => {
    const both = comparableFindings(scan, record, comparable);
    const diff = diffRecord(both.scanned, both.recorded);
    assert.deepEqual(
      { unexpected: diff.unexpected.map(describeFinding), missing: diff.missing.map(describeFinding) },
      { unexpected: [], missing: [] },
      HOW_TO,
    );
  });

  it('keeps generic (name and entropy) findings under 1 per 10,000 lines', () => {
    const rate = genericRate(scan);
    assert.ok(rate < 1, `${rate.toFixed(2)} generic findings per 10,000 lines`);
  });

  it('records the installed version of every npm package (locked by package-lock.json)', () => {
    const stale = comparable.differing.filter((d) => d.kind === 'npm').map((d) => `${d.package}: ${d.installed} installed, ${d.recorded ?? 'not'} recorded`);
    assert.deepEqual(stale, [], 'packages were upgraded or added: re-run `npm run bench:secrets -- --write` and review the findings');
  });

  it('has a justification for every recorded finding', () => {
    const open = record.findings.filter((f) => !JUSTIFIED.test(f.justification.trim())).map(describeFinding);
    assert.deepEqual(open, [], `justifications must start with "true positive: " or "accepted: ". ${HOW_TO}`);
  });
});

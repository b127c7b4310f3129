import assert from 'node:assert/strict';
import { join } from 'node:path';
import { PYTHON_RECORD_PATH, scanPythonCorpus } from '../../bench/corpus/python-scan';
import { describeFinding, diffRecord, JUSTIFIED } from '../../bench/corpus/scan';
import { comparableFindings, comparableSources, readSecretsRecord, type Comparable, type SecretsCorpusScan, type SecretsRecord } from '../../bench/corpus/secrets-scan';

const ROOT = join(__dirname, '..', '..');
const HOW_TO =
  'Fix the rule, or run `npm run bench:python -- --write` and write a justification ("true positive: …" or "accepted: …") ' +
  `for each new finding in ${PYTHON_RECORD_PATH}.`;

// Scans the Python files of Debian's Flask, Django, FastAPI, Starlette, aiohttp, Tornado, requests, httpx,
// SQLAlchemy, Jinja2, … (bench/corpus/python-scan.ts) with every rule that reads Python. Packages not
// installed are left out (scripts/corpus/install-debian.sh, run by .ci/run, installs them).
describe('Python precision corpus', function () {
  let scan: SecretsCorpusScan;
  let record: SecretsRecord;
  let comparable: Comparable;

  before(async function () {
    this.timeout(300_000);
    scan = await scanPythonCorpus(ROOT);
    if (scan.files === 0) this.skip();
    record = readSecretsRecord(ROOT, PYTHON_RECORD_PATH);
    comparable = comparableSources(scan, record);
  });

  it('analyses every file without a rule failure', () => {
    // Parser errors would be the corpus's own; rule failures are ours.
    assert.deepEqual(scan.errors.filter((e) => e.source !== 'parser').map((e) => `${e.file} [${e.source}]: ${e.message}`), []);
  });

  it('finds exactly the recorded findings (ignoring line shifts)', () => {
    const both = comparableFindings(scan, record, comparable);
    const diff = diffRecord(both.scanned, both.recorded);
    assert.deepEqual({ unexpected: diff.unexpected.map(describeFinding), missing: diff.missing.map(describeFinding) }, { unexpected: [], missing: [] }, HOW_TO);
  });

  it('has a justification for every recorded finding', () => {
    const open = record.findings.filter((f) => !JUSTIFIED.test(f.justification.trim())).map(describeFinding);
    assert.deepEqual(open, [], `justifications must start with "true positive: " or "accepted: ". ${HOW_TO}`);
  });
});

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { IAC_RECORD_PATH, scanIacCorpus } from '../../bench/corpus/iac-scan';
import { describeFinding, diffRecord, JUSTIFIED } from '../../bench/corpus/scan';
import { comparableFindings, comparableSources, readSecretsRecord, type Comparable, type SecretsCorpusScan, type SecretsRecord } from '../../bench/corpus/secrets-scan';

const ROOT = join(__dirname, '..', '..');
const HOW_TO =
  'Fix the rule, or run `npm run bench:iac -- --write` and write a justification ("true positive: …" or "accepted: …") ' +
  `for each new finding in ${IAC_RECORD_PATH}.`;

// Scans real infrastructure code (bench/corpus/iac-scan.ts): the @cfn-modules CloudFormation modules, the CDK
// bootstrap stack, AWS's sample templates, GitHub workflows, Dockerfiles, compose files and Terraform from npm
// packages (dev dependencies) and Debian packages, with every built-in rule. Debian sources not installed are left
// out (scripts/corpus/install-debian.sh, run by .ci/run, installs them).
describe('IaC precision corpus', function () {
  let scan: SecretsCorpusScan;
  let record: SecretsRecord;
  let comparable: Comparable;

  before(async function () {
    this.timeout(300_000);
    scan = await scanIacCorpus(ROOT);
    if (scan.files === 0) this.skip();
    record = readSecretsRecord(ROOT, IAC_RECORD_PATH);
    comparable = comparableSources(scan, record);
  });

  it('analyses every file without a rule failure', () => {
    // Parser errors would be the corpus's own; rule failures are ours.
    assert.deepEqual(scan.errors.filter((e) => e.source !== 'parser').map((e) => `${e.file} [${e.source}]: ${e.message}`), []);
  });

  it('records the installed version of every npm source (locked by package-lock.json)', () => {
    const stale = comparable.differing.filter((d) => d.kind === 'npm').map((d) => `${d.package}: ${d.installed} installed, ${d.recorded ?? 'not'} recorded`);
    assert.deepEqual(stale, [], 'packages were upgraded or added: re-run `npm run bench:iac -- --write` and review the findings');
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

/**
 * Python precision on real code: scans the Python corpus (bench/corpus/python-scan.ts: Debian's packages of
 * Flask, Django, FastAPI, requests, SQLAlchemy, Jinja2, …) with every rule that reads Python and prints files,
 * lines and time, findings per rule and per package, then how the scan differs from the record.
 *
 *   npm run bench:python                 print figures and the difference from the record
 *   npm run bench:python -- --write      rewrite bench/corpus/python-findings.json, keeping justifications
 *   npm run bench:python -- --list       also print every finding
 *
 * After `--write`, fill in the empty justifications by hand ("true positive: …" or "accepted: …") or fix the
 * rule; test/corpus/python-precision.test.ts fails until then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { PYTHON_RECORD_COMMENT, PYTHON_RECORD_PATH, PYTHON_RULES, scanPythonCorpus } from './corpus/python-scan';
import { describeFinding, diffRecord, mergeJustifications } from './corpus/scan';
import { comparableFindings, comparableSources, formatSecretsRecord, readSecretsRecord } from './corpus/secrets-scan';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
  const scan = await scanPythonCorpus(ROOT);
  const record = readSecretsRecord(ROOT, PYTHON_RECORD_PATH);
  console.log(`packages    ${scan.sources.map((s) => `${s.package}=${s.version}`).join(', ')}`);
  if (scan.absent.length > 0) console.log(`absent      ${scan.absent.map((s) => s.package).join(', ')} (scripts/corpus/install-debian.sh installs them)`);
  console.log(`scanned     ${scan.files} Python files, ${scan.lines} lines, ${(scan.bytes / 1e6).toFixed(1)} MB in ${(scan.ms / 1000).toFixed(2)} s (node ${process.version})`);
  for (const s of scan.skipped) console.log(`skipped     ${s.file}: ${s.reason}`);
  for (const e of scan.errors) console.log(`error       ${e.file} [${e.source}]: ${e.message}`);
  console.log(`findings    ${scan.findings.length} (${PYTHON_RULES.length} rules read Python)`);
  const perRule = new Map<string, number>();
  for (const f of scan.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1])) console.log(`  ${rule.padEnd(48)}${String(n).padStart(5)}`);
  if (values.list) for (const f of scan.findings) console.log(describeFinding(f));

  const comparable = comparableSources(scan, record);
  const both = comparableFindings(scan, record, comparable);
  const diff = diffRecord(both.scanned, both.recorded);
  console.log(`record      ${PYTHON_RECORD_PATH}: ${record.findings.length} findings, ${diff.unexpected.length} new, ${diff.missing.length} gone`);
  for (const d of comparable.differing) console.log(`  not compared: ${d.package} is ${d.installed} here, ${d.recorded ?? 'not'} in the record`);
  for (const f of diff.unexpected) console.log(`  new   ${describeFinding(f)}`);
  for (const f of diff.missing) console.log(`  gone  ${describeFinding(f)}`);
  if (values.write) {
    const merged = mergeJustifications(scan.findings, record.findings);
    writeFileSync(join(ROOT, PYTHON_RECORD_PATH), formatSecretsRecord(scan.sources, merged, PYTHON_RECORD_COMMENT));
    console.log(`wrote       ${PYTHON_RECORD_PATH}: ${merged.length} findings, ${merged.filter((f) => f.justification.trim() === '').length} still need a justification`);
  }
}

main().catch((e: unknown) => {
  console.error(`bench:python: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

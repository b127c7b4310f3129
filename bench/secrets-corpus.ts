/**
 * Secrets precision on real files: scans the fixed secrets corpus (see bench/corpus/secrets-scan.ts:
 * installed npm packages, Debian Python libraries, `/etc` configuration and package examples) with the
 * secrets rules and prints files, lines and time, findings per rule and per kind of secret, the rate of
 * generic (name and entropy) findings per 10,000 lines, then how the scan differs from the record.
 *
 *   npm run bench:secrets                 print figures and the difference from the record
 *   npm run bench:secrets -- --write      rewrite bench/corpus/secrets-findings.json, keeping justifications
 *   npm run bench:secrets -- --list       also print every finding
 *
 * After `--write`, fill in the empty justifications by hand ("true positive: …" or "accepted: …") or
 * fix the rule; test/corpus/secrets-precision.test.ts fails until then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeFinding, diffRecord, mergeJustifications } from './corpus/scan';
import {
  comparableFindings,
  comparableSources,
  formatSecretsRecord,
  genericRate,
  readSecretsRecord,
  scanSecretsCorpus,
  SECRETS_RECORD_PATH,
  SECRETS_RULES,
  type SecretsFinding,
} from './corpus/secrets-scan';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
  const scan = await scanSecretsCorpus(ROOT);
  const record = readSecretsRecord(ROOT);

  const npm = scan.sources.filter((s) => s.kind === 'npm');
  const debian = scan.sources.filter((s) => s.kind === 'debian');
  console.log(`npm         ${npm.map((s) => `${s.package}@${s.version}`).join(', ')}`);
  console.log(`debian      ${debian.map((s) => `${s.package}=${s.version}`).join(', ')}`);
  if (scan.absent.length > 0) console.log(`absent      ${scan.absent.map((s) => s.package).join(', ')}`);
  for (const [label, part] of [['npm', npm], ['debian', debian]] as const) {
    console.log(`  ${label.padEnd(10)}${part.reduce((n, s) => n + s.files, 0)} files, ${part.reduce((n, s) => n + s.lines, 0)} lines`);
  }
  console.log(
    `scanned     ${scan.files} files, ${scan.lines} lines, ${(scan.bytes / 1e6).toFixed(1)} MB in ${(scan.ms / 1000).toFixed(2)} s (node ${process.version})`,
  );
  const skipped = count(scan.skipped, (s) => s.reason.replace(/\d+/g, 'N'));
  for (const [reason, n] of skipped) console.log(`skipped     ${n} files: ${reason}`);
  for (const e of scan.errors) console.log(`error       ${e.file} [${e.source}]: ${e.message}`);
  const generic = scan.findings.filter((f) => f.generic).length;
  console.log(`findings    ${scan.findings.length}, of which ${generic} generic (name and entropy): ${genericRate(scan).toFixed(3)} per 10,000 lines (target < 1)`);
  console.log('');
  printCounts(scan.findings);

  if (values.list) {
    console.log('');
    for (const f of scan.findings) console.log(`${describeFinding(f)} [${f.secretType}]`);
  }

  const comparable = comparableSources(scan, record);
  const both = comparableFindings(scan, record, comparable);
  const diff = diffRecord(both.scanned, both.recorded);
  console.log('');
  console.log(`record      ${SECRETS_RECORD_PATH}: ${record.findings.length} findings, ${diff.unexpected.length} new, ${diff.missing.length} gone`);
  for (const d of comparable.differing) console.log(`  not compared: ${d.package} is ${d.installed} here, ${d.recorded ?? 'not'} in the record`);
  for (const f of diff.unexpected) console.log(`  new   ${describeFinding(f)}`);
  for (const f of diff.missing) console.log(`  gone  ${describeFinding(f)}`);

  if (values.write) {
    if (scan.absent.length > 0) console.log(`note        writing a record without the absent sources: ${scan.absent.map((s) => s.package).join(', ')}`);
    const merged = mergeJustifications(scan.findings, record.findings);
    writeFileSync(join(ROOT, SECRETS_RECORD_PATH), formatSecretsRecord(scan.sources, merged));
    const open = merged.filter((f) => f.justification.trim() === '').length;
    console.log(`wrote       ${SECRETS_RECORD_PATH}: ${merged.length} findings, ${open} still need a justification`);
  }
}

/** Findings per rule (every secrets rule listed, zero included), per kind of secret, per package. */
function printCounts(findings: readonly SecretsFinding[]): void {
  const width = Math.max(...SECRETS_RULES.map((r) => r.length)) + 2;
  const row = (label: string, n: number) => console.log(`${label.padEnd(width)}${String(n).padStart(5)}`);
  const perRule = count(findings, (f) => f.ruleId);
  for (const id of SECRETS_RULES) row(id, perRule.get(id) ?? 0);
  for (const [label, map] of [
    ['per kind of secret', count(findings, (f) => f.secretType)],
    ['per package', count(findings, (f) => f.package)],
  ] as const) {
    if (map.size === 0) continue;
    console.log('');
    console.log(label);
    for (const [key, n] of [...map].sort((a, b) => b[1] - a[1])) row(`  ${key}`, n);
  }
}

function count<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

main().catch((e: unknown) => {
  console.error(`bench:secrets: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

/**
 * IaC precision on real infrastructure code: scans the IaC corpus (bench/corpus/iac-scan.ts: the `@cfn-modules`
 * CloudFormation modules, the CDK bootstrap stack, AWS's sample templates, GitHub workflows, Dockerfiles, compose
 * files, Kubernetes manifests and Terraform from npm and Debian packages) with every built-in rule and prints
 * files, lines and time per platform, findings per rule and per source, then how the scan differs from the record.
 *
 *   npm run bench:iac                 print figures and the difference from the record
 *   npm run bench:iac -- --write      rewrite bench/corpus/iac-findings.json, keeping justifications
 *   npm run bench:iac -- --list       also print every finding
 *
 * After `--write`, fill in the empty justifications by hand ("true positive: …" or "accepted: …") or fix the
 * rule; test/corpus/iac-precision.test.ts fails until then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { IAC_LANGUAGES, IAC_RECORD_COMMENT, IAC_RECORD_PATH, IAC_RULES, IAC_SOURCES, iacPlatform, scanIacCorpus } from './corpus/iac-scan';
import { countLines, describeFinding, diffRecord, mergeJustifications } from './corpus/scan';
import {
  comparableFindings,
  comparableSources,
  formatSecretsRecord,
  listSecretsCorpusFiles,
  locateSources,
  readCorpusFile,
  readSecretsRecord,
} from './corpus/secrets-scan';

const ROOT = join(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
  const scan = await scanIacCorpus(ROOT);
  const record = readSecretsRecord(ROOT, IAC_RECORD_PATH);
  console.log(`sources     ${scan.sources.length}: ${scan.sources.map((s) => `${s.package}=${s.version}`).join(', ')}`);
  if (scan.absent.length > 0) console.log(`absent      ${scan.absent.map((s) => s.package).join(', ')} (scripts/corpus/install-debian.sh installs the Debian ones)`);
  console.log(`scanned     ${scan.files} files, ${scan.lines} lines, ${(scan.bytes / 1e6).toFixed(2)} MB in ${(scan.ms / 1000).toFixed(2)} s (node ${process.version})`);
  for (const [platform, { files, lines }] of platforms()) console.log(`  ${platform.padEnd(20)}${String(files).padStart(5)} files${String(lines).padStart(8)} lines`);
  for (const s of scan.skipped) console.log(`skipped     ${s.file}: ${s.reason}`);
  for (const e of scan.errors) console.log(`error       ${e.file} [${e.source}]: ${e.message}`);
  console.log(`findings    ${scan.findings.length} (${IAC_RULES.length} rules)`);
  const perRule = new Map<string, number>();
  for (const f of scan.findings) perRule.set(f.ruleId, (perRule.get(f.ruleId) ?? 0) + 1);
  for (const [rule, n] of [...perRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${rule.padEnd(52)}${String(n).padStart(5)}`);
  const perSource = new Map<string, number>();
  for (const f of scan.findings) perSource.set(f.package, (perSource.get(f.package) ?? 0) + 1);
  console.log('per source');
  for (const [pkg, n] of [...perSource].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) console.log(`  ${pkg.padEnd(52)}${String(n).padStart(5)}`);
  if (values.list) for (const f of scan.findings) console.log(describeFinding(f));

  const comparable = comparableSources(scan, record);
  const both = comparableFindings(scan, record, comparable);
  const diff = diffRecord(both.scanned, both.recorded);
  const verdicts = { 'true positive': 0, accepted: 0, open: 0 };
  for (const f of record.findings) {
    if (f.justification.startsWith('true positive:')) verdicts['true positive']++;
    else if (f.justification.startsWith('accepted:')) verdicts.accepted++;
    else verdicts.open++;
  }
  console.log(
    `record      ${IAC_RECORD_PATH}: ${record.findings.length} findings (${verdicts['true positive']} true positives, ${verdicts.accepted} accepted, ` +
      `${verdicts.open} without a justification), ${diff.unexpected.length} new, ${diff.missing.length} gone`,
  );
  for (const d of comparable.differing) console.log(`  not compared: ${d.package} is ${d.installed} here, ${d.recorded ?? 'not'} in the record`);
  for (const f of diff.unexpected) console.log(`  new   ${describeFinding(f)}`);
  for (const f of diff.missing) console.log(`  gone  ${describeFinding(f)}`);
  if (values.write) {
    const merged = mergeJustifications(scan.findings, record.findings);
    writeFileSync(join(ROOT, IAC_RECORD_PATH), formatSecretsRecord(scan.sources, merged, IAC_RECORD_COMMENT));
    console.log(`wrote       ${IAC_RECORD_PATH}: ${merged.length} findings, ${merged.filter((f) => f.justification.trim() === '').length} still need a justification`);
  }
}

/** Files and lines per platform (a heuristic on each file's name and text; the rules decide on their own). */
function platforms(): Map<string, { files: number; lines: number }> {
  const counts = new Map<string, { files: number; lines: number }>();
  for (const file of listSecretsCorpusFiles(locateSources(ROOT, IAC_SOURCES).present)) {
    if (!IAC_LANGUAGES.includes(file.classification.language)) continue;
    const read = readCorpusFile(file);
    if (!read.ok) continue;
    const platform = iacPlatform(file.classification, read.text);
    const entry = counts.get(platform) ?? { files: 0, lines: 0 };
    entry.files++;
    entry.lines += countLines(read.text);
    counts.set(platform, entry);
  }
  return new Map([...counts].sort((a, b) => b[1].files - a[1].files));
}

main().catch((e: unknown) => {
  console.error(`bench:iac: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

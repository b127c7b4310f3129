/**
 * Precision on real code: scans the fixed corpus of installed open-source packages (see
 * bench/corpus/scan.ts) with every built-in rule at its default severity and prints findings per rule,
 * files and lines scanned and the time taken, then how the scan differs from the checked-in record.
 *
 *   npm run bench:corpus                 print figures and the difference from the record
 *   npm run bench:corpus -- --write      rewrite bench/corpus/findings.json, keeping justifications
 *   npm run bench:corpus -- --list       also print every finding
 *
 * After `--write`, fill in the empty justifications by hand ("true positive: …" or "accepted: …") or
 * fix the rule; test/corpus/precision.test.ts fails until then.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules } from '../src/index';
import {
  describeFinding,
  diffRecord,
  formatRecord,
  mergeJustifications,
  readRecord,
  RECORD_PATH,
  scanCorpus,
  type CorpusFinding,
} from './corpus/scan';

const ROOT = join(__dirname, '..');

function main(): void {
  const { values } = parseArgs({ options: { write: { type: 'boolean', default: false }, list: { type: 'boolean', default: false } } });
  const scan = scanCorpus(ROOT);
  const recorded = readRecord(ROOT);

  console.log(`packages    ${scan.packages.map((p) => `${p.name}@${p.version}`).join(', ')}`);
  console.log(`scanned     ${scan.files} files, ${scan.lines} lines in ${(scan.ms / 1000).toFixed(2)} s (node ${process.version})`);
  if (scan.minified.length > 0) console.log(`minified    ${scan.minified.length} left out: ${scan.minified.join(', ')}`);
  for (const s of scan.skipped) console.log(`skipped     ${s.file}: ${s.reason}`);
  for (const e of scan.errors) console.log(`error       ${e.file} [${e.source}]: ${e.message}`);
  console.log(`findings    ${scan.findings.length}`);
  console.log('');
  printCounts(scan.findings);

  if (values.list) {
    console.log('');
    for (const f of scan.findings) console.log(describeFinding(f));
  }

  const diff = diffRecord(scan.findings, recorded);
  console.log('');
  console.log(`record      ${RECORD_PATH}: ${recorded.length} findings, ${diff.unexpected.length} new, ${diff.missing.length} gone`);
  for (const f of diff.unexpected) console.log(`  new   ${describeFinding(f)}`);
  for (const f of diff.missing) console.log(`  gone  ${describeFinding(f)}`);

  if (values.write) {
    const merged = mergeJustifications(scan.findings, recorded);
    writeFileSync(join(ROOT, RECORD_PATH), formatRecord(merged));
    const open = merged.filter((f) => f.justification.trim() === '').length;
    console.log(`wrote       ${RECORD_PATH}: ${merged.length} findings, ${open} still need a justification`);
  }
}

/** Findings per rule, every built-in rule listed (zero included), then per package. */
function printCounts(findings: readonly CorpusFinding[]): void {
  const perRule = count(findings, (f) => f.ruleId);
  const width = Math.max(...builtinRules.map((r) => r.id.length)) + 2;
  for (const rule of builtinRules) console.log(`${rule.id.padEnd(width)}${String(perRule.get(rule.id) ?? 0).padStart(5)}`);
  for (const [id, n] of perRule) {
    if (!builtinRules.some((r) => r.id === id)) console.log(`${id.padEnd(width)}${String(n).padStart(5)}`);
  }
  const perPackage = count(findings, (f) => f.package);
  if (perPackage.size > 0) {
    console.log('');
    for (const [name, n] of perPackage) console.log(`${name.padEnd(width)}${String(n).padStart(5)}`);
  }
}

function count<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

try {
  main();
} catch (e) {
  console.error(`bench:corpus: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
}

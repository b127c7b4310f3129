/**
 * Precision of the instruction-file rules on ordinary text in many languages: every `*.md` file under
 * `node_modules/` and the translated compiler messages of TypeScript (`typescript/lib/<locale>/
 * diagnosticMessages.generated.json`: Chinese, Czech, German, French, Italian, Japanese, Korean, Polish,
 * Portuguese, Russian, Spanish, Turkish), each read as if it were an `AGENTS.md`. Prints files, characters
 * and findings per rule; every finding must be justified in ACCEPTED below or fixed in the rule.
 *
 *   npx tsx bench/hidden-unicode-corpus.ts           figures
 *   npx tsx bench/hidden-unicode-corpus.ts --list    also every finding
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Analyzer, type RuleSetting } from '../src/engine/analyzer';
import type { Finding } from '../src/engine/types';
import { builtinAdapters } from '../src/languages';
import { rules } from '../src/rules/agent/packs/instructions';

/** One finding of the corpus scan. */
export interface CorpusHit {
  file: string;
  line: number;
  ruleId: string;
  message: string;
}

/** What the scan saw. */
export interface CorpusScan {
  files: number;
  chars: number;
  nonAscii: number;
  hits: CorpusHit[];
  ms: number;
}

/**
 * Findings in the corpus that are right. Key: `<file relative to the root>:<line> <rule id>`. None so far:
 * the corpus has no hidden characters or hidden instructions, so any finding is a false positive.
 */
export const ACCEPTED: Readonly<Record<string, string>> = {};

function* markdownFiles(dir: string): Generator<string> {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names.sort()) {
    const p = join(dir, name);
    let stat;
    try {
      stat = statSync(p);
    } catch {
      continue;
    }
    if (stat.isDirectory()) yield* markdownFiles(p);
    else if (name.toLowerCase().endsWith('.md') && stat.size < 2_000_000) yield p;
  }
}

/** The translated TypeScript messages of one locale as Markdown-ish text, one message per line. */
function diagnosticMessages(file: string): string {
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  return Object.values(data).join('\n');
}

function corpusFiles(root: string): Array<{ file: string; read: () => string }> {
  const nm = join(root, 'node_modules');
  const out: Array<{ file: string; read: () => string }> = [];
  for (const file of markdownFiles(nm)) out.push({ file, read: () => readFileSync(file, 'utf8') });
  const tsLib = join(nm, 'typescript', 'lib');
  let locales: string[] = [];
  try {
    locales = readdirSync(tsLib).filter((d) => statSync(join(tsLib, d)).isDirectory()).sort();
  } catch {
    // TypeScript not installed: Markdown only.
  }
  for (const locale of locales) {
    const file = join(tsLib, locale, 'diagnosticMessages.generated.json');
    out.push({ file, read: () => diagnosticMessages(file) });
  }
  return out;
}

function countNonAscii(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) n++;
  return n;
}

/** Scans the corpus under `root` with the instruction-file rules, each file read as `AGENTS.md`. */
export function scanHiddenUnicodeCorpus(root: string): CorpusScan {
  const analyzer = new Analyzer({ rules, adapters: builtinAdapters });
  const settings = new Map<string, RuleSetting>(rules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const scan: CorpusScan = { files: 0, chars: 0, nonAscii: 0, hits: [], ms: 0 };
  const started = Date.now();
  for (const { file, read } of corpusFiles(root)) {
    const text = read();
    scan.files++;
    scan.chars += text.length;
    scan.nonAscii += countNonAscii(text);
    const result = analyzer.analyze({ file: `${relative(root, file)}/AGENTS.md`, text, settings });
    if (result.errors.length > 0) throw new Error(`${file}: ${result.errors.map((e) => e.message).join('; ')}`);
    scan.hits.push(...result.findings.map((f: Finding) => ({ file: relative(root, file), line: f.start.line, ruleId: f.ruleId, message: f.message })));
  }
  scan.ms = Date.now() - started;
  return scan;
}

/** Findings not justified in {@link ACCEPTED}. */
export function unexpectedHits(scan: CorpusScan): CorpusHit[] {
  return scan.hits.filter((h) => !(`${h.file}:${h.line} ${h.ruleId}` in ACCEPTED));
}

function main(): void {
  const scan = scanHiddenUnicodeCorpus(join(__dirname, '..'));
  console.log(`scanned     ${scan.files} files, ${scan.chars.toLocaleString('en')} characters (${scan.nonAscii.toLocaleString('en')} non-ASCII) in ${(scan.ms / 1000).toFixed(2)} s`);
  for (const rule of rules) console.log(`${rule.id.padEnd(32)} ${scan.hits.filter((h) => h.ruleId === rule.id).length} findings`);
  const open = unexpectedHits(scan);
  console.log(`unjustified ${open.length}`);
  if (process.argv.includes('--list') || open.length > 0) for (const h of scan.hits) console.log(`${h.file}:${h.line} ${h.ruleId}: ${h.message}`);
}

if (require.main === module) main();

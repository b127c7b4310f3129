/**
 * Rampart next to the ESLint security plugins people already use: on the precision corpus (see
 * bench/corpus/scan.ts) plus `examples/express-llm-app` and `test/fixtures/js`, runs
 *   (a) Rampart's full rule set through createAnalyzer(), and
 *   (b) ESLint 9 through its `ESLint` class with an inline flat config enabling every rule of
 *       eslint-plugin-security and @microsoft/eslint-plugin-sdl (typescript-eslint's parser for
 *       TypeScript, without type information),
 * in the same process, each after a warm-up pass. Prints time per file (median, p95, total) for each,
 * the findings per rule on the corpus, and on the fixtures and examples what each finds that the other
 * does not, by file:line and a coarse category (see CATEGORY_BY_ESLINT_RULE and rampartCategory).
 * Prints figures only; never fails on slowness.
 *
 *   npm run bench:eslint [-- --list]     --list prints every fixture/example difference, not only counts
 *
 * Inline `eslint-disable` comments are ignored (noInlineConfig) so both tools see all the code.
 */
import { ESLint, type Linter } from 'eslint';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parseArgs } from 'node:util';
import tseslint from 'typescript-eslint';
import { builtinRules, createAnalyzer } from '../src/index';
import { defaultSettings, isSourceFile, listCorpusFiles, looksMinified } from './corpus/scan';

// Neither plugin ships type declarations.
const security = require('eslint-plugin-security') as ESLint.Plugin;
const sdl = require('@microsoft/eslint-plugin-sdl') as ESLint.Plugin;

const ROOT = join(__dirname, '..');
/** Folders of deliberately vulnerable code where both tools should find things. */
const FIXTURE_DIRS = ['examples/express-llm-app', 'test/fixtures/js'];
/** Findings of the two tools in one category count as the same finding when this many lines apart. */
const LINE_TOLERANCE = 2;
const WARMUP_CORPUS_FILES = 100;

/** One file both tools read. */
interface BenchFile {
  /** Relative to the repository root, `/`-separated (corpus files: `node_modules/...`). */
  path: string;
  absolute: string;
  text: string;
  kind: 'corpus' | 'fixture';
}

/** One finding of either tool, reduced to what the comparison needs. */
interface Hit {
  path: string;
  line: number;
  rule: string;
  category: string;
}

/** What one pass of one tool produced. */
interface Pass {
  hits: Hit[];
  /** Milliseconds per file, in file order. */
  times: number[];
  /** Files the tool could not parse or analyse, with the reason. */
  failures: string[];
}

/** Coarse categories of the ESLint rules, so that their findings can be set against Rampart's. */
const CATEGORY_BY_ESLINT_RULE: Record<string, string> = {
  'security/detect-child-process': 'shell-injection',
  'security/detect-eval-with-expression': 'code-injection',
  'security/detect-non-literal-require': 'code-injection',
  'security/detect-non-literal-fs-filename': 'path-traversal',
  'security/detect-unsafe-regex': 'redos',
  'security/detect-non-literal-regexp': 'redos',
  'security/detect-object-injection': 'prototype-pollution',
  'security/detect-possible-timing-attacks': 'timing-attack',
  'security/detect-pseudoRandomBytes': 'weak-crypto',
  'security/detect-no-csrf-before-method-override': 'csrf',
  'security/detect-buffer-noassert': 'unsafe-buffer',
  'security/detect-new-buffer': 'unsafe-buffer',
  'security/detect-disable-mustache-escape': 'xss',
  'security/detect-bidi-characters': 'trojan-source',
  'security/detect-invisible-characters': 'trojan-source',
  '@microsoft/sdl/no-angular-bypass-sanitizer': 'xss',
  '@microsoft/sdl/no-angular-sanitization-trusted-urls': 'xss',
  '@microsoft/sdl/no-angularjs-bypass-sce': 'xss',
  '@microsoft/sdl/no-angularjs-enable-svg': 'xss',
  '@microsoft/sdl/no-angularjs-sanitization-whitelist': 'xss',
  '@microsoft/sdl/no-cookies': 'cookies',
  '@microsoft/sdl/no-document-domain': 'same-origin',
  '@microsoft/sdl/no-document-write': 'xss',
  '@microsoft/sdl/no-electron-node-integration': 'electron-config',
  '@microsoft/sdl/no-html-method': 'xss',
  '@microsoft/sdl/no-inner-html': 'xss',
  '@microsoft/sdl/no-insecure-random': 'weak-crypto',
  '@microsoft/sdl/no-insecure-url': 'transport',
  '@microsoft/sdl/no-msapp-exec-unsafe': 'code-injection',
  '@microsoft/sdl/no-postmessage-star-origin': 'same-origin',
  '@microsoft/sdl/no-unsafe-alloc': 'unsafe-buffer',
  '@microsoft/sdl/no-winjs-html-unsafe': 'xss',
};

/** Words in a Rampart rule id that put it in one of the categories above; checked in order. */
const RAMPART_ID_CATEGORIES: Array<[RegExp, string]> = [
  [/shell|command|exec/, 'shell-injection'],
  [/eval|code-injection|vm-/, 'code-injection'],
  [/path-traversal|file-path|zip-slip/, 'path-traversal'],
  [/sql|nosql|query-injection/, 'sql-injection'],
  [/xss|html|dangerously/, 'xss'],
  [/redirect/, 'open-redirect'],
  [/ssrf/, 'ssrf'],
  [/regex|redos/, 'redos'],
  [/prototype|mass-assignment/, 'prototype-pollution'],
  [/timing/, 'timing-attack'],
  [/random|hash|cipher|ecb|static-iv|crypto/, 'weak-crypto'],
  [/tls|insecure-url|http-url|helmet/, 'transport'],
  [/cookie/, 'cookies'],
  [/cors|postmessage/, 'same-origin'],
  [/secret|key|token|credential/, 'secrets'],
  [/jwt/, 'jwt'],
];

/** The coarse category of a Rampart rule: by words in its id, else its metadata category. */
function rampartCategory(ruleId: string): string {
  const name = ruleId.slice(ruleId.indexOf('/') + 1);
  for (const [pattern, category] of RAMPART_ID_CATEGORIES) if (pattern.test(name)) return category;
  return builtinRules.find((r) => r.id === ruleId)?.meta.category ?? 'other';
}

/** Every rule both plugins export, prefixed as the config names them. */
function eslintRuleIds(): string[] {
  const ids = (prefix: string, plugin: ESLint.Plugin) => Object.keys(plugin.rules ?? {}).map((name) => `${prefix}/${name}`);
  return [...ids('security', security), ...ids('@microsoft/sdl', sdl)];
}

function eslintCategory(ruleId: string): string {
  return CATEGORY_BY_ESLINT_RULE[ruleId] ?? 'other';
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { list: { type: 'boolean', default: false } } });
  const files = collectFiles();
  const corpus = files.filter((f) => f.kind === 'corpus');
  const fixtures = files.filter((f) => f.kind === 'fixture');
  const warmup = [...fixtures, ...corpus.slice(0, WARMUP_CORPUS_FILES)];

  const eslint = createEslint();
  runRampart(warmup);
  await runEslint(eslint, warmup);
  const rampart = runRampart(files);
  const other = await runEslint(eslint, files);

  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  console.log(`files       ${files.length} (${corpus.length} corpus, ${fixtures.length} fixtures/examples), ${lines} lines`);
  console.log(`runtime     node ${process.version}, eslint ${ESLint.version}, one measured pass each after a warm-up of ${warmup.length} files`);
  console.log(`rampart     ${builtinRules.length} rules`);
  console.log(`eslint      ${eslintRuleIds().length} rules (eslint-plugin-security, @microsoft/eslint-plugin-sdl)`);
  console.log('');
  printTimes(files, rampart, other);
  printFailures('rampart', rampart.failures);
  printFailures('eslint', other.failures);
  console.log('');
  printCorpusCounts(corpus, rampart, other);
  console.log('');
  printFixtureComparison(fixtures, rampart, other, values.list ?? false);
}

/** Corpus files (minified ones left out, as the precision benchmark does) then fixtures and examples. */
function collectFiles(): BenchFile[] {
  const files: BenchFile[] = [];
  for (const f of listCorpusFiles(ROOT)) {
    const text = readFileSync(f.absolute, 'utf8');
    if (!looksMinified(text)) files.push({ path: toPath(f.absolute), absolute: f.absolute, text, kind: 'corpus' });
  }
  for (const dir of FIXTURE_DIRS) {
    for (const absolute of walk(join(ROOT, dir))) {
      const text = readFileSync(absolute, 'utf8');
      if (!looksMinified(text)) files.push({ path: toPath(absolute), absolute, text, kind: 'fixture' });
    }
  }
  return files;
}

function toPath(absolute: string): string {
  return relative(ROOT, absolute).split(sep).join('/');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules') out.push(...walk(path));
    else if (entry.isFile() && isSourceFile(entry.name)) out.push(path);
  }
  return out;
}

function runRampart(files: readonly BenchFile[]): Pass {
  const analyzer = createAnalyzer();
  const settings = defaultSettings();
  const pass: Pass = { hits: [], times: [], failures: [] };
  for (const file of files) {
    const start = process.hrtime.bigint();
    const result = analyzer.analyze({ file: file.path, text: file.text, settings });
    pass.times.push(elapsed(start));
    for (const e of result.errors) pass.failures.push(`${file.path} [${e.source}]: ${e.message}`);
    for (const f of result.findings) {
      if (!f.suppressed) pass.hits.push({ path: file.path, line: f.start.line, rule: f.ruleId, category: rampartCategory(f.ruleId) });
    }
  }
  return pass;
}

/** ESLint with every rule of both plugins at `warn`, and no configuration file of the repository. */
function createEslint(): ESLint {
  const rules: Linter.RulesRecord = {};
  for (const id of eslintRuleIds()) rules[id] = 'warn';
  const config: Linter.Config[] = [
    // The corpus lives in node_modules, which flat config ignores by default.
    { ignores: ['!**/node_modules/'] },
    {
      files: ['**/*.{js,cjs,mjs,jsx}'],
      languageOptions: { ecmaVersion: 'latest', sourceType: 'module', parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    {
      files: ['**/*.{ts,cts,mts,tsx}'],
      languageOptions: { parser: tseslint.parser as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    },
    {
      files: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
      plugins: { security, '@microsoft/sdl': sdl },
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off' },
      rules,
    },
  ];
  return new ESLint({ cwd: ROOT, overrideConfigFile: true, overrideConfig: config });
}

async function runEslint(eslint: ESLint, files: readonly BenchFile[]): Promise<Pass> {
  const pass: Pass = { hits: [], times: [], failures: [] };
  for (const file of files) {
    const start = process.hrtime.bigint();
    let results: ESLint.LintResult[];
    try {
      results = await eslint.lintText(file.text, { filePath: file.absolute });
    } catch (e) {
      pass.times.push(elapsed(start));
      pass.failures.push(`${file.path}: ${describeCrash(e)}`);
      continue;
    }
    pass.times.push(elapsed(start));
    for (const m of results.flatMap((r) => r.messages)) {
      if (m.fatal || m.message.startsWith('File ignored')) pass.failures.push(`${file.path}:${m.line ?? 0}: ${m.message}`);
      else if (m.ruleId) pass.hits.push({ path: file.path, line: m.line, rule: m.ruleId, category: eslintCategory(m.ruleId) });
    }
  }
  return pass;
}

/** First line of a thrown error plus the `Rule: "…"` line ESLint adds when a rule crashed. */
function describeCrash(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const rule = /^Rule: "([^"]+)"/m.exec(e.message);
  return `${e.message.split('\n')[0]}${rule ? ` (rule ${rule[1]} crashed; the file gets no ESLint findings)` : ''}`;
}

function elapsed(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function printTimes(files: readonly BenchFile[], rampart: Pass, other: Pass): void {
  const groups: Array<[string, (f: BenchFile) => boolean]> = [
    ['all files', () => true],
    ['corpus', (f) => f.kind === 'corpus'],
    ['fixtures', (f) => f.kind === 'fixture'],
  ];
  console.log(row('time per file', 'median', 'p95', 'total'));
  for (const [label, keep] of groups) {
    for (const [tool, pass] of [['rampart', rampart], ['eslint', other]] as const) {
      const times = pass.times.filter((_, i) => keep(files[i]));
      const sorted = [...times].sort((a, b) => a - b);
      const total = times.reduce((s, t) => s + t, 0);
      console.log(row(`${label}: ${tool}`, ms(quantile(sorted, 0.5)), ms(quantile(sorted, 0.95)), ms(total)));
    }
  }
  const total = (p: Pass) => p.times.reduce((s, t) => s + t, 0);
  console.log(`ratio       eslint / rampart total = ${(total(other) / total(rampart)).toFixed(2)}×`);
}

function printFailures(tool: string, failures: readonly string[]): void {
  if (failures.length === 0) return;
  console.log(`${tool} could not read ${failures.length} file(s):`);
  for (const f of failures.slice(0, 10)) console.log(`  ${f}`);
  if (failures.length > 10) console.log(`  … and ${failures.length - 10} more`);
}

/** On the corpus every finding is presumed noise until justified: findings per rule of each tool. */
function printCorpusCounts(corpus: readonly BenchFile[], rampart: Pass, other: Pass): void {
  const inCorpus = new Set(corpus.map((f) => f.path));
  const count = (pass: Pass) => {
    const counts = new Map<string, number>();
    for (const h of pass.hits) if (inCorpus.has(h.path)) counts.set(h.rule, (counts.get(h.rule) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]);
  };
  for (const [tool, pass] of [['rampart', rampart], ['eslint', other]] as const) {
    const counts = count(pass);
    const total = counts.reduce((s, [, n]) => s + n, 0);
    console.log(`corpus findings, ${tool}: ${total} (presumed false positives until justified)`);
    for (const [rule, n] of counts) console.log(`  ${rule.padEnd(52)}${String(n).padStart(6)}`);
  }
}

/**
 * On the deliberately vulnerable fixtures and examples: per category, findings both tools have (same
 * file and category within LINE_TOLERANCE lines), and those only one of them has.
 */
function printFixtureComparison(fixtures: readonly BenchFile[], rampart: Pass, other: Pass, list: boolean): void {
  const inFixtures = new Set(fixtures.map((f) => f.path));
  const ours = rampart.hits.filter((h) => inFixtures.has(h.path));
  const theirs = other.hits.filter((h) => inFixtures.has(h.path));
  const onlyOurs = ours.filter((h) => !theirs.some((o) => near(h, o)));
  const onlyTheirs = theirs.filter((h) => !ours.some((o) => near(h, o)));
  const categories = [...new Set([...ours, ...theirs].map((h) => h.category))].sort();

  console.log(`fixtures and examples (${fixtures.length} files): findings by category, matched within ±${LINE_TOLERANCE} lines`);
  console.log(row('category', 'rampart', 'eslint', 'both', 'only rampart', 'only eslint'));
  for (const c of categories) {
    const n = (hits: Hit[]) => hits.filter((h) => h.category === c).length;
    const both = ours.filter((h) => h.category === c && theirs.some((o) => near(h, o))).length;
    console.log(row(c, String(n(ours)), String(n(theirs)), String(both), String(n(onlyOurs)), String(n(onlyTheirs))));
  }
  const byLocation = (a: Hit, b: Hit) => a.path.localeCompare(b.path) || a.line - b.line;
  if (list) {
    console.log('');
    for (const h of [...onlyOurs].sort(byLocation)) console.log(`only rampart  ${h.path}:${h.line}  ${h.category}  (${h.rule})`);
    for (const h of [...onlyTheirs].sort(byLocation)) console.log(`only eslint   ${h.path}:${h.line}  ${h.category}  (${h.rule})`);
  } else {
    console.log(`(run with --list for every file:line that only one tool reports)`);
  }
}

function near(a: Hit, b: Hit): boolean {
  return a.path === b.path && a.category === b.category && Math.abs(a.line - b.line) <= LINE_TOLERANCE;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(2)} ms`;
}

function row(label: string, ...cells: string[]): string {
  return label.padEnd(26) + cells.map((c) => c.padStart(13)).join('');
}

main().catch((e: unknown) => {
  console.error(`bench:eslint: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});

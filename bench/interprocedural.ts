/**
 * What following calls across functions and files costs, for JS/TS and for Python. Scans each corpus three
 * ways, one file after another as the CLI does, and prints the time of each:
 *
 * - the parse floor: the bare parser for every file (@babel/parser with the adapter's options; tree-sitter);
 * - every built-in rule, value flow within each file (helpers in the same file included), no module service;
 * - the same with the module service, as the CLI runs it: calls into the package's own modules are followed
 *   (and, through summaries, the modules those call in turn), each module analysed once per version.
 *
 * The difference of the last two is the cost of the cross-file step; the module analyses are counted.
 * Corpora: the JS/TS precision corpus (express, fastify, koa, axios, hono, the OpenAI and Anthropic SDKs;
 * see bench/corpus/scan.ts), and the Python sources of Debian's Flask, Werkzeug, Jinja, Click and Requests
 * packages when installed (`scripts/corpus/install-debian.sh`), whose modules import each other by relative
 * imports. Prints figures only; never fails on slowness.
 *
 *   npm run bench:interprocedural -- [--rounds 3]    (on the bundled code, see scripts/bench.mjs)
 */
import { parse } from '@babel/parser';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules, createAnalyzer, type RuleSetting } from '../src/index';
import { BASE_OPTIONS, PLUGINS } from '../src/languages/js/parse';
import { pythonRuntime } from '../src/languages/python/runtime';
import { parseWithDeadline } from '../src/languages/tree-sitter/parse';
import { DEFAULT_MAX_ANALYSES, ModuleService, moduleRuleSettings } from '../src/services/modules';
import { listCorpusFiles } from './corpus/scan';

/** The Debian Python packages read, as folders of dist-packages. */
const PYTHON_PACKAGES = ['flask', 'werkzeug', 'jinja2', 'click', 'requests'];
const DIST_PACKAGES = '/usr/lib/python3/dist-packages';

interface Corpus {
  name: string;
  root: string;
  files: Array<{ path: string; text: string }>;
  floor(text: string, path: string): void;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Math.max(1, Number(values.rounds));
  const repo = join(__dirname, '..');
  const analyzer = createAnalyzer();
  await analyzer.prepare();
  const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));

  const corpora: Corpus[] = [
    {
      name: 'JS/TS',
      root: repo,
      files: listCorpusFiles(repo)
        .filter((f) => /\.[cm]?[jt]sx?$/.test(f.absolute))
        .map((f) => ({ path: f.absolute, text: readFileSync(f.absolute, 'utf8') })),
      floor: (text, path) => parse(text, { ...BASE_OPTIONS, sourceType: 'unambiguous', plugins: /\.[cm]?tsx?$/.test(path) ? PLUGINS.ts : PLUGINS.js }),
    },
    {
      name: 'Python',
      root: DIST_PACKAGES,
      files: PYTHON_PACKAGES.flatMap((p) => pythonFiles(join(DIST_PACKAGES, p))).map((path) => ({ path, text: readFileSync(path, 'utf8') })),
      floor: (text) => parseWithDeadline(pythonRuntime().parser, text).delete(),
    },
  ];

  for (const corpus of corpora) {
    if (corpus.files.length === 0) {
      console.log(`${corpus.name.padEnd(6)} not installed here; skipped`);
      continue;
    }
    const { files, root } = corpus;
    const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
    const floor = () => {
      for (const f of files) corpus.floor(f.text, f.path);
    };
    const within = async () => {
      for (const f of files) await analyzer.analyzeAsync({ file: f.path, text: f.text, settings }, { services: {} });
    };
    let analysed = 0;
    let findings = 0;
    const across = async () => {
      const modules = new ModuleService({
        root,
        resolvePath: (file) => file,
        // As the CLI does (src/cli/scan.ts): summaries, with the module's own calls into modules answered.
        analyze: (file, text, { services, signal }) => {
          analysed++;
          return analyzer.analyzeAsync({ file, text, settings: moduleRuleSettings(settings, builtinRules), summaries: true }, { services, signal });
        },
        maxAnalyses: DEFAULT_MAX_ANALYSES,
      });
      for (const f of files) {
        const result = await analyzer.analyzeAsync({ file: f.path, text: f.text, settings }, { services: { modules } });
        findings += result.findings.length;
      }
    };
    const time = async (fn: () => unknown) => {
      const started = performance.now();
      await fn();
      return performance.now() - started;
    };
    const best = { floor: Infinity, within: Infinity, across: Infinity };
    for (let round = 0; round < rounds; round++) {
      best.floor = Math.min(best.floor, await time(floor));
      best.within = Math.min(best.within, await time(within));
      analysed = 0;
      findings = 0;
      best.across = Math.min(best.across, await time(across));
    }
    const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(9);
    console.log(`${corpus.name} corpus: ${files.length} files, ${lines} lines (node ${process.version}), best of ${rounds} rounds`);
    console.log(`  parse floor ${ms(best.floor)}`);
    console.log(`  in-file     ${ms(best.within)}  ${(best.within / best.floor).toFixed(2)}× the floor (every rule, flow within each file)`);
    console.log(`  cross-file  ${ms(best.across)}  ${(best.across / best.floor).toFixed(2)}× the floor; ${analysed} module analyses; ${findings} findings`);
    console.log(`  cost        ${ms(best.across - best.within)}  of following calls into the packages' own modules`);
  }
}

/** The `.py` files under a folder (none when it does not exist). */
function pythonFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...pythonFiles(full));
    else if (name.endsWith('.py')) out.push(full);
  }
  return out.sort();
}

void main();

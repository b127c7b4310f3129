/**
 * What following calls across functions and files costs. Scans the JS/TS precision corpus (express,
 * fastify, koa, axios, hono, the OpenAI and Anthropic SDKs; see bench/corpus/scan.ts) three ways, one file
 * after another as the CLI does, and prints the time of each:
 *
 * - the parse floor: bare @babel/parser with the adapter's options for every file;
 * - every built-in rule, value flow within each file (helpers in the same file included), no module service;
 * - the same with the module service, so that calls into the package's own modules (relative imports) are
 *   followed: each imported module is read and analysed once per version, as in the CLI and the editor.
 *
 * The difference of the last two is the cost of the cross-file step; the module analyses are counted.
 * Prints figures only; never fails on slowness.
 *
 *   npx tsx bench/interprocedural.ts [--rounds 3]
 */
import { parse } from '@babel/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { builtinRules, createAnalyzer, type RuleSetting } from '../src/index';
import { BASE_OPTIONS, PLUGINS } from '../src/languages/js/parse';
import { ModuleService, moduleRuleSettings } from '../src/services/modules';
import { listCorpusFiles } from './corpus/scan';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
  const rounds = Math.max(1, Number(values.rounds));
  const root = join(__dirname, '..');
  const files = listCorpusFiles(root)
    .filter((f) => /\.[cm]?[jt]sx?$/.test(f.absolute))
    .map((f) => ({ path: f.absolute, text: readFileSync(f.absolute, 'utf8') }));
  const lines = files.reduce((n, f) => n + f.text.split('\n').length, 0);
  const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const analyzer = createAnalyzer();
  await analyzer.prepare();

  const floor = () => {
    for (const f of files) {
      const ts = /\.[cm]?tsx?$/.test(f.path);
      parse(f.text, { ...BASE_OPTIONS, sourceType: 'unambiguous', plugins: ts ? PLUGINS.ts : PLUGINS.js });
    }
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
      analyze: (file, text) => {
        analysed++;
        return analyzer.analyze({ file, text, settings: moduleRuleSettings(settings, builtinRules), summaries: true });
      },
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
  console.log(`corpus      ${files.length} JS/TS files, ${lines} lines (node ${process.version}), best of ${rounds} rounds`);
  console.log(`parse floor ${ms(best.floor)}`);
  console.log(`in-file     ${ms(best.within)}  ${(best.within / best.floor).toFixed(2)}× the floor (every rule, flow within each file)`);
  console.log(`cross-file  ${ms(best.across)}  ${(best.across / best.floor).toFixed(2)}× the floor; ${analysed} module analyses; ${findings} findings`);
  console.log(`cost        ${ms(best.across - best.within)}  of following calls into the packages' own modules`);
}

void main();

/** Worker side of {@link lintWithDeadline}: lints one snippet with one rule and posts the findings and the time. */
import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer } from '../../src/engine/analyzer';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { lint } from './rule-tester';

const { ruleId, code, filename } = workerData as { ruleId: string; code: string; filename: string };

async function main(): Promise<void> {
  const rule = builtinRules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  // As the mocha root hooks do: load the WASM parsers before a synchronous lint.
  await new Analyzer({ rules: [], adapters: builtinAdapters }).prepare();
  parentPort!.postMessage({ ready: true });
  const started = performance.now();
  const findings = lint(rule, code, filename);
  const ms = performance.now() - started;
  parentPort!.postMessage({ findings: findings.map((f) => `${f.start.line}:${f.start.column} ${f.messageId}`), ms });
}

main().catch((e: unknown) => parentPort!.postMessage({ thrown: e instanceof Error ? (e.stack ?? e.message) : String(e) }));

/**
 * Worker side of {@link IsolatedAnalyzer}: loads the tree-sitter grammars, analyses the warm-up files
 * (`workerData.warmUp`), says `ready`, then analyses
 * each text it receives with every built-in rule and posts back the result (or, for a `check` request,
 * a summary with what is wrong with it), the time taken and the memory held, or the exception if
 * `analyze` threw (which is a bug).
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { describeError } from '../../src/engine/analyzer';
import type { FileResult } from '../../src/engine/types';
import { createAnalyzer } from '../../src/index';
import { wasmMemoryBytes } from '../../src/languages/tree-sitter/runtime';
import { problemsIn } from '../fuzz/check';
import { allRuleSettings } from './all-rules';
import type { AnalysisMemory, WorkerReply, WorkerRequest } from './isolated-analyzer';

const analyzer = createAnalyzer();
const templates = (ruleId: string, messageId: string) => analyzer.getRule(ruleId)?.meta.messages[messageId];
const settings = allRuleSettings();
const MB = 1024 * 1024;

function memory(): AnalysisMemory {
  return { heapUsedMb: Math.round(getHeapStatistics().used_heap_size / MB), wasmMb: Math.round(wasmMemoryBytes() / MB) };
}

function handle(request: WorkerRequest): WorkerReply {
  const started = performance.now();
  let result: FileResult;
  try {
    result = analyzer.analyze({ file: request.file, text: request.text, settings });
  } catch (e) {
    return { id: request.id, thrown: `${describeError(e)}\n${e instanceof Error ? e.stack : ''}` };
  }
  const ms = performance.now() - started;
  if (!request.check) return { id: request.id, result, ms, memory: memory() };
  const summary = {
    findings: result.findings.length,
    errors: result.errors.length,
    ...(result.skipped ? { skipped: result.skipped.reason } : {}),
    problems: problemsIn(result, request.text, templates),
  };
  return { id: request.id, summary, ms, memory: memory() };
}

void analyzer.prepare().then(() => {
  const warmUp = (workerData as { warmUp?: Array<{ file: string; text: string }> } | undefined)?.warmUp ?? [];
  for (const { file, text } of warmUp) {
    try {
      analyzer.analyze({ file, text, settings });
    } catch {
      // Reported when the same kind of input is analysed for real.
    }
  }
  parentPort!.on('message', (request: WorkerRequest) => parentPort!.postMessage(handle(request)));
  parentPort!.postMessage({ ready: true });
});

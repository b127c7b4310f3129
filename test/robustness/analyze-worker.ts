/**
 * Worker side of {@link IsolatedAnalyzer}: analyses each text it receives with every built-in rule and
 * posts back the result and the time taken, or the exception if `analyze` threw (which is a bug).
 */
import { parentPort } from 'node:worker_threads';
import { describeError } from '../../src/engine/analyzer';
import { createAnalyzer } from '../../src/index';
import { allRuleSettings } from './all-rules';
import type { WorkerReply, WorkerRequest } from './isolated-analyzer';

const analyzer = createAnalyzer();
const settings = allRuleSettings();

parentPort!.on('message', (request: WorkerRequest) => {
  const started = performance.now();
  let reply: WorkerReply;
  try {
    const result = analyzer.analyze({ file: request.file, text: request.text, settings });
    reply = { id: request.id, result, ms: performance.now() - started };
  } catch (e) {
    reply = { id: request.id, thrown: `${describeError(e)}\n${e instanceof Error ? e.stack : ''}` };
  }
  parentPort!.postMessage(reply);
});

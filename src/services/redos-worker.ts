/**
 * The worker thread of the ReDoS service (see {@link RedosService}): checks one pattern at a time with
 * recheck's pure JavaScript checker and posts the answer. Bundled as `dist/redos-worker.js`.
 */
import { parentPort } from 'node:worker_threads';
import { checkSync } from 'recheck/lib/browser.js';
import { RECHECK_PARAMETERS, toAnswer, type RecheckDiagnostics, type RedosAnswer, type WorkerReply, type WorkerRequest } from './redos';

/**
 * Patterns checked once at start, so that the first real checks do not pay for compiling recheck and for
 * its case-folding and Unicode tables (the first `i` pattern alone takes 400 ms), which would time them out.
 */
const WARM_UP: ReadonlyArray<[source: string, flags: string]> = [
  ['^(a+)+$', ''],
  ['^[a-z]+@[a-z]+$', ''],
  ['^(\\w+\\s?)*$', 'i'],
  ['^(\\w+\\s?)*$', 'iu'],
  ['^(\\w+\\s?)*$', 'm'],
];

function check(request: WorkerRequest): RedosAnswer {
  try {
    // `d` (match indices) does not change matching, and recheck rejects it.
    const flags = request.flags.replace(/d/g, '');
    return toAnswer(checkSync(request.source, flags, { ...RECHECK_PARAMETERS, timeout: request.timeoutMs }) as RecheckDiagnostics);
  } catch (e) {
    return { status: 'unknown', reason: `recheck failed: ${e instanceof Error ? e.message : String(e)}` };
  }
}

const port = parentPort;
if (port) {
  for (const [source, flags] of WARM_UP) check({ id: -1, source, flags, timeoutMs: 2000 });
  port.postMessage({ ready: true } satisfies WorkerReply);
  port.on('message', (request: WorkerRequest) => {
    port.postMessage({ id: request.id, answer: check(request) } satisfies WorkerReply);
  });
}

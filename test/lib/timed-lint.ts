import { Worker } from 'node:worker_threads';
import { join } from 'node:path';

/** What {@link lintWithDeadline} reports: the rule's findings (as `line:column messageId`) and the time taken. */
export interface TimedLint {
  findings: string[];
  /** Time spent inside `lint`, in milliseconds. */
  ms: number;
}

const WORKER_FILE = join(__dirname, 'timed-lint-worker.ts');

/**
 * Lints `code` with only the rule `ruleId` (as RuleTester's `lint` does) in a worker thread, and rejects
 * when it takes longer than `limitMs`: a catastrophic regex then fails the test after `limitMs` instead
 * of blocking mocha for minutes, which an in-process synchronous call would do.
 */
export async function lintWithDeadline(ruleId: string, code: string, filename: string, limitMs: number): Promise<TimedLint> {
  const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, { eval: true, workerData: { ruleId, code, filename } });
  try {
    return await new Promise<TimedLint>((resolve, reject) => {
      let started = false;
      let timer: NodeJS.Timeout | undefined;
      worker.on('message', (m: { ready: true } | TimedLint | { thrown: string }) => {
        if ('ready' in m) {
          // The deadline starts once the worker has loaded the engine, so that tsx's compile time does not count.
          started = true;
          timer = setTimeout(() => reject(new Error(`${ruleId} on ${filename} (${code.length} characters) did not finish within ${limitMs} ms`)), limitMs);
        } else if ('thrown' in m) reject(new Error(`${ruleId} threw: ${m.thrown}`));
        else resolve(m);
      });
      worker.on('error', reject);
      worker.on('exit', (exitCode) => {
        clearTimeout(timer);
        reject(new Error(`the lint worker exited with code ${exitCode}${started ? '' : ' before it was ready'}`));
      });
    });
  } finally {
    await worker.terminate();
  }
}

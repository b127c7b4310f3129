import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { FileResult } from '../../src/engine/types';

/** A text to analyse in the worker. */
export interface WorkerRequest {
  id: number;
  file: string;
  text: string;
}

/** The worker's answer: the result and its wall-clock time, or what `analyze` threw. */
export type WorkerReply = { id: number; result: FileResult; ms: number } | { id: number; thrown: string };

/** The outcome of one isolated analysis. */
export interface IsolatedOutcome {
  result: FileResult;
  /** Time spent inside `analyze`, in milliseconds. */
  ms: number;
}

const WORKER_FILE = join(__dirname, 'analyze-worker.ts');

/**
 * Runs `createAnalyzer().analyze` with every built-in rule in a worker thread, so that a hang in the
 * parser or a rule fails the test after `limitMs` (the worker is terminated and replaced) instead of
 * blocking mocha forever, which an in-process synchronous call would do.
 */
export class IsolatedAnalyzer {
  private worker: Worker | undefined;
  private nextId = 1;

  /** Analyses `text` as `file`; rejects when `analyze` throws or takes longer than `limitMs`. */
  async analyze(file: string, text: string, limitMs: number): Promise<IsolatedOutcome> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        this.worker = undefined;
        void worker.terminate();
        reject(new Error(`analyze(${file}) did not return within ${limitMs} ms (${text.length} characters)`));
      }, limitMs);
      const onMessage = (m: WorkerReply) => {
        if (m.id !== id) return;
        cleanup();
        resolve(m);
      };
      const onError = (e: Error) => {
        cleanup();
        this.worker = undefined;
        reject(new Error(`the analysis worker died on ${file}: ${e.message}`));
      };
      const onExit = (code: number) => {
        cleanup();
        this.worker = undefined;
        reject(new Error(`the analysis worker exited with code ${code} on ${file}`));
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, file, text } satisfies WorkerRequest);
    });
    if ('thrown' in reply) throw new Error(`analyze(${file}) threw: ${reply.thrown}`);
    return { result: reply.result, ms: reply.ms };
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker {
    this.worker ??= new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, {
      eval: true,
      // About the stack the main thread of node (and so the editor's extension host) has; a worker's
      // default is 4 MB, which would let deep nesting pass here and overflow there.
      resourceLimits: { stackSizeMb: 1 },
    });
    return this.worker;
  }
}

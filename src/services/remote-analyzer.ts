import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AnalyzeRequest, Analyzer, AsyncAnalysisOptions } from '../engine/analyzer';
import type { FileResult } from '../engine/types';

/** A message to the analysis thread (src/services/analysis-worker.ts). */
export type ToWorker =
  | { type: 'analyze'; id: number; request: AnalyzeRequest; services: string[]; timeoutMs?: number }
  | { type: 'answer'; question: number; ok: true; answer: unknown }
  | { type: 'answer'; question: number; ok: false }
  | { type: 'cancel'; id: number };

/** A message from the analysis thread. */
export type FromWorker =
  | { type: 'ask'; id: number; question: number; service: string; query: unknown }
  | { type: 'partial'; id: number; result: FileResult }
  | { type: 'done'; id: number; result: FileResult }
  | { type: 'failed'; id: number; message: string };

/** What runs `analyzeAsync` for the editor: the engine in this thread, or {@link RemoteAnalyzer}. */
export interface AnalysisRunner {
  analyzeAsync(request: AnalyzeRequest, options: AsyncAnalysisOptions): Promise<FileResult>;
}

/**
 * The analysis thread's heap: a young generation large enough that the garbage of analysing a 2,000-line file
 * (≈12 MB for TypeScript) rarely meets a collection mid-analysis, which would copy the whole live syntax tree;
 * the old generation as the process's default would be.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 192, maxOldGenerationSizeMb: 4096 };

/** Options of {@link RemoteAnalyzer}. */
export interface RemoteAnalyzerOptions {
  /** Starts the thread; tests replace it. Default: `dist/analysis-worker.js` next to the bundle, or the source through tsx. */
  createWorker?: () => Worker;
  /** Told once when the thread cannot be used and analyses run in this thread instead. */
  onFallback?: (reason: string) => void;
}

interface Run {
  options: AsyncAnalysisOptions;
  resolve(result: FileResult): void;
  reject(e: Error): void;
  stopListening(): void;
}

/**
 * `Analyzer.analyzeAsync` in a worker thread: the same request and result, the rules' questions answered by the
 * services given here (they stay in this thread; an answer that cannot be sent to the thread counts as none),
 * partial results and cancellation passed through. When the thread cannot start or stops, that analysis and every
 * later one run on `local`, the engine in this thread, so the editor keeps working.
 */
export class RemoteAnalyzer implements AnalysisRunner {
  private worker: Worker | null = null;
  private broken = false;
  private readonly runs = new Map<number, Run>();
  private nextId = 1;
  private readonly createWorker: () => Worker;

  constructor(
    private readonly local: Analyzer,
    private readonly options: RemoteAnalyzerOptions = {},
  ) {
    this.createWorker = options.createWorker ?? createAnalysisWorker;
  }

  async analyzeAsync(request: AnalyzeRequest, options: AsyncAnalysisOptions): Promise<FileResult> {
    const worker = this.ensureWorker();
    if (!worker) return this.local.analyzeAsync(request, options);
    try {
      return await this.remote(worker, request, options);
    } catch {
      // The thread stopped during this analysis (see `stop`): this one runs here, as later ones will.
      return this.local.analyzeAsync(request, options);
    }
  }

  /** Starts the thread ahead of the first analysis (it loads the engine and its parsers meanwhile). */
  start(): void {
    this.ensureWorker();
  }

  /** Stops the thread; later analyses start a new one. */
  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('disposed'));
    await worker?.terminate();
  }

  private remote(worker: Worker, request: AnalyzeRequest, options: AsyncAnalysisOptions): Promise<FileResult> {
    const id = this.nextId++;
    return new Promise<FileResult>((resolve, reject) => {
      const cancel = () => worker.postMessage({ type: 'cancel', id } satisfies ToWorker);
      options.signal?.addEventListener('abort', cancel, { once: true });
      this.runs.set(id, { options, resolve, reject, stopListening: () => options.signal?.removeEventListener('abort', cancel) });
      worker.ref();
      const services = Object.entries(options.services)
        .filter(([, service]) => service !== undefined)
        .map(([name]) => name);
      worker.postMessage({ type: 'analyze', id, request, services, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) } satisfies ToWorker);
      if (options.signal?.aborted) cancel();
    });
  }

  private ensureWorker(): Worker | null {
    if (this.broken) return null;
    if (this.worker) return this.worker;
    let worker: Worker;
    try {
      worker = this.createWorker();
    } catch (e) {
      this.fallBack(`the analysis thread could not start: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
    worker.on('message', (message: FromWorker) => this.receive(worker, message));
    worker.on('error', (e) => this.stop(worker, `the analysis thread failed: ${e.message}`));
    worker.on('exit', (code) => this.stop(worker, `the analysis thread exited (code ${code})`));
    // An idle thread must not keep a process alive on its own; one with analyses in progress does (see `remote`).
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private receive(worker: Worker, message: FromWorker): void {
    const run = this.runs.get(message.id);
    if (!run) return;
    switch (message.type) {
      case 'ask':
        void this.answer(worker, run, message);
        break;
      case 'partial':
        run.options.onPartial?.(message.result);
        break;
      case 'done':
      case 'failed':
        this.runs.delete(message.id);
        if (this.runs.size === 0) worker.unref();
        run.stopListening();
        if (message.type === 'done') run.resolve(message.result);
        else run.reject(new Error(message.message));
        break;
    }
  }

  /** Asks the service in this thread and sends the answer, or "no answer" when there is none or it cannot be sent. */
  private async answer(worker: Worker, run: Run, message: Extract<FromWorker, { type: 'ask' }>): Promise<void> {
    const service = run.options.services[message.service];
    const signal = run.options.signal ?? new AbortController().signal;
    let reply: ToWorker = { type: 'answer', question: message.question, ok: false };
    try {
      if (service && !signal.aborted) reply = { type: 'answer', question: message.question, ok: true, answer: await service.answer(message.query, signal) };
    } catch {
      // A service that throws answers nothing.
    }
    try {
      worker.postMessage(reply);
    } catch {
      // An answer that cannot be copied to the thread (a function in it): none.
      worker.postMessage({ type: 'answer', question: message.question, ok: false } satisfies ToWorker);
    }
  }

  /** The thread is gone: its analyses fail over to this thread, and so do later ones. */
  private stop(worker: Worker, reason: string): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.fallBack(reason);
    this.failAll(new Error(reason));
  }

  private fallBack(reason: string): void {
    if (this.broken) return;
    this.broken = true;
    this.options.onFallback?.(reason);
  }

  private failAll(e: Error): void {
    const runs = [...this.runs.values()];
    this.runs.clear();
    for (const run of runs) {
      run.stopListening();
      run.reject(e);
    }
  }
}

/** The thread: `dist/analysis-worker.js` next to the bundle (scripts/build.mjs builds it), or the source through tsx (tests). */
function createAnalysisWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const file = path.join(__dirname, 'analysis-worker.ts');
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, resourceLimits: WORKER_LIMITS });
  }
  return new Worker(path.join(__dirname, 'analysis-worker.js'), { resourceLimits: WORKER_LIMITS });
}

import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import type { FileResult } from '../../src/engine/types';

/** A text to analyse in the worker; with `check`, the worker validates the result and returns a summary. */
export interface WorkerRequest {
  id: number;
  file: string;
  text: string;
  check?: boolean;
}

/** Memory the worker held right after an analysis. */
export interface AnalysisMemory {
  /** V8 heap in use (live objects and garbage not yet collected), in MB. */
  heapUsedMb: number;
  /** tree-sitter's WASM linear memory (outside the V8 heap; it grows and never shrinks), in MB. */
  wasmMb: number;
}

/** What the worker reports instead of the whole result for a `check` request. */
export interface CheckSummary {
  findings: number;
  errors: number;
  skipped?: string;
  /** What is wrong with the result (see `problemsIn` in test/fuzz/check.ts); empty when sound. */
  problems: string[];
}

/** The worker's answer: the result (or its summary), time and memory, or what `analyze` threw. */
export type WorkerReply =
  | { id: number; ms: number; memory: AnalysisMemory; result?: FileResult; summary?: CheckSummary }
  | { id: number; thrown: string };

/** The outcome of one isolated analysis. */
export interface IsolatedOutcome {
  result: FileResult;
  /** Time spent inside `analyze`, in milliseconds. */
  ms: number;
  memory: AnalysisMemory;
}

/** The outcome of one isolated analysis validated in the worker. */
export interface CheckedOutcome {
  summary: CheckSummary;
  ms: number;
  memory: AnalysisMemory;
}

/** Bounds of the worker. Exceeding the heap bound kills the worker; the WASM bound is checked after each analysis. */
export interface IsolatedAnalyzerOptions {
  /** V8 `resourceLimits.maxOldGenerationSizeMb` of the worker. Default 1024. */
  maxOldGenerationSizeMb?: number;
  /** V8 `resourceLimits.maxYoungGenerationSizeMb`; V8's default when absent. */
  maxYoungGenerationSizeMb?: number;
  /** Most tree-sitter WASM memory allowed after an analysis, in MB. Default 1024. */
  maxWasmMb?: number;
  /**
   * Files the worker analyses before it says it is ready, so that lazily built tables and JIT warm-up
   * are not timed as part of the first real input.
   */
  warmUp?: ReadonlyArray<{ file: string; text: string }>;
}

/** How an isolated analysis broke. */
export type IsolationFailure = 'threw' | 'timeout' | 'memory' | 'died';

/**
 * An analysis that broke, with the input that broke it: `analyze` threw, did not return within the
 * limit, went over a memory bound, or the worker died. The message names the file, the length, a hash
 * and the start of the text, so a failing test says which input it was.
 */
export class IsolatedAnalysisError extends Error {
  constructor(
    readonly kind: IsolationFailure,
    readonly file: string,
    readonly text: string,
    detail: string,
  ) {
    super(`${describeInput(file, text)}: ${detail}`);
    this.name = 'IsolatedAnalysisError';
  }
}

/** `file (N characters, sha1 …, "start…")`: enough to recognise an input in a failure message. */
export function describeInput(file: string, text: string): string {
  const sha1 = createHash('sha1').update(text, 'utf16le').digest('hex').slice(0, 12);
  return `${file} (${text.length} characters, sha1 ${sha1}, ${JSON.stringify(text.slice(0, 40))}${text.length > 40 ? '…' : ''})`;
}

const WORKER_FILE = join(__dirname, 'analyze-worker.ts');
const DEFAULT_MAX_OLD_GENERATION_MB = 1024;
const DEFAULT_MAX_WASM_MB = 1024;

/**
 * Runs `createAnalyzer().analyze` with every built-in rule in a worker thread (tree-sitter grammars
 * loaded), so that a hang in the parser or a rule fails the test after `limitMs` (the worker is
 * terminated and replaced) instead of blocking mocha forever, which an in-process synchronous call
 * would do. The worker's heap is bounded (`resourceLimits`), so a memory blow-up kills the worker
 * rather than the test process; either way the rejection is an {@link IsolatedAnalysisError} naming the
 * input. The time limit counts from when the worker is ready (rules and grammars loaded, warm-up files
 * analysed), not from its start-up.
 */
export class IsolatedAnalyzer {
  private worker: Worker | undefined;
  private ready: Promise<Worker> | undefined;
  private nextId = 1;

  constructor(private readonly options: IsolatedAnalyzerOptions = {}) {}

  /** Analyses `text` as `file`; rejects when `analyze` throws, takes longer than `limitMs` or breaks a bound. */
  async analyze(file: string, text: string, limitMs: number): Promise<IsolatedOutcome> {
    const reply = await this.request(file, text, limitMs, false);
    return { result: reply.result!, ms: reply.ms, memory: reply.memory };
  }

  /**
   * Like {@link analyze}, but the worker validates the result (ranges, positions, fixes, rule failures)
   * and sends back only a summary with the problems found, which stays small for any number of findings.
   */
  async check(file: string, text: string, limitMs: number): Promise<CheckedOutcome> {
    const reply = await this.request(file, text, limitMs, true);
    return { summary: reply.summary!, ms: reply.ms, memory: reply.memory };
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.ready = undefined;
    if (worker) await worker.terminate();
  }

  private async request(file: string, text: string, limitMs: number, check: boolean) {
    const worker = await this.ensureWorker(file, text);
    const id = this.nextId++;
    const reply = await new Promise<WorkerReply>((resolve, reject) => {
      const fail = (kind: IsolationFailure, detail: string) => {
        cleanup();
        this.forget(worker);
        void worker.terminate();
        reject(new IsolatedAnalysisError(kind, file, text, detail));
      };
      const timer = setTimeout(() => fail('timeout', `analyze did not return within ${limitMs} ms`), limitMs);
      const onMessage = (m: WorkerReply) => {
        if (m.id !== id) return;
        cleanup();
        resolve(m);
      };
      const onError = (e: Error & { code?: string }) =>
        e.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? fail('memory', `the analysis worker ran out of its ${this.maxOldGenerationSizeMb} MB heap: ${e.message}`)
          : fail('died', `the analysis worker died: ${e.message}`);
      const onExit = (code: number) => fail('died', `the analysis worker exited with code ${code}`);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ id, file, text, check } satisfies WorkerRequest);
    });
    if ('thrown' in reply) throw new IsolatedAnalysisError('threw', file, text, `analyze threw: ${reply.thrown}`);
    const maxWasmMb = this.options.maxWasmMb ?? DEFAULT_MAX_WASM_MB;
    if (reply.memory.wasmMb > maxWasmMb) {
      // The WASM module never gives memory back: start afresh for the next input.
      await this.close();
      throw new IsolatedAnalysisError('memory', file, text, `tree-sitter's WASM memory grew to ${reply.memory.wasmMb} MB (bound ${maxWasmMb} MB)`);
    }
    return reply;
  }

  private get maxOldGenerationSizeMb(): number {
    return this.options.maxOldGenerationSizeMb ?? DEFAULT_MAX_OLD_GENERATION_MB;
  }

  private forget(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    this.ready = undefined;
  }

  /** The worker, once it has loaded the rules and grammars (it says so with a `ready` message). */
  private ensureWorker(file: string, text: string): Promise<Worker> {
    if (this.ready) return this.ready;
    const worker = new Worker(`require('tsx/cjs'); require(${JSON.stringify(WORKER_FILE)});`, {
      eval: true,
      workerData: { warmUp: this.options.warmUp ?? [] },
      resourceLimits: {
        // About the stack the main thread of node (and so the editor's extension host) has; a worker's
        // default is 4 MB, which would let deep nesting pass here and overflow there.
        stackSizeMb: 1,
        maxOldGenerationSizeMb: this.maxOldGenerationSizeMb,
        ...(this.options.maxYoungGenerationSizeMb ? { maxYoungGenerationSizeMb: this.options.maxYoungGenerationSizeMb } : {}),
      },
    });
    this.worker = worker;
    this.ready = new Promise<Worker>((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        cleanup();
        resolve(worker);
      };
      const onFailure = (e: Error | number) => {
        cleanup();
        this.forget(worker);
        reject(new IsolatedAnalysisError('died', file, text, `the analysis worker did not start: ${e instanceof Error ? e.message : `exit code ${e}`}`));
      };
      const cleanup = () => worker.off('message', onMessage).off('error', onFailure).off('exit', onFailure);
      worker.on('message', onMessage).on('error', onFailure).on('exit', onFailure);
    });
    return this.ready;
  }
}

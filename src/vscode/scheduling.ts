/**
 * Scheduling for the editor glue that needs no editor: one analysis per document version, and file events
 * gathered into batches. Kept free of `vscode` imports so plain mocha tests cover it.
 */

interface Run<T> {
  version: string;
  controller: AbortController;
  promise: Promise<T>;
}

/**
 * At most one run per key (a document): asking again for the version already running returns that run's
 * promise instead of starting another; asking for another version aborts the older run and starts anew.
 */
export class LatestRuns<T> {
  private readonly runs = new Map<string, Run<T>>();

  /** The run of `key` at `version`: the one in flight for that version, else a new one from `start`. */
  run(key: string, version: string, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const running = this.runs.get(key);
    if (running && running.version === version && !running.controller.signal.aborted) return running.promise;
    running?.controller.abort();
    const controller = new AbortController();
    const run: Run<T> = { version, controller, promise: Promise.resolve(undefined as T) };
    this.runs.set(key, run);
    run.promise = (async () => {
      try {
        return await start(controller.signal);
      } finally {
        if (this.runs.get(key) === run) this.runs.delete(key);
      }
    })();
    return run.promise;
  }

  /** Whether `key` has a run in flight (for `version`, when given). */
  isRunning(key: string, version?: string): boolean {
    const running = this.runs.get(key);
    return running !== undefined && (version === undefined || running.version === version);
  }

  /** Aborts the run of `key`, if any; its promise still settles. */
  abort(key: string): void {
    this.runs.get(key)?.controller.abort();
    this.runs.delete(key);
  }

  abortAll(): void {
    for (const run of this.runs.values()) run.controller.abort();
    this.runs.clear();
  }
}

/**
 * Gathers keyed events and hands them over together once none has come for `delayMs`; a later event for a
 * key replaces an earlier one (a file changed, then deleted, is deleted). Caps the wait at `maxWaitMs` so a
 * steady stream of events (a long `git checkout`) still gets flushed.
 */
export class DebouncedBatch<V> {
  private pending = new Map<string, V>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private first = 0;

  constructor(
    private readonly flush: (batch: ReadonlyMap<string, V>) => void,
    private readonly delayMs: number,
    private readonly maxWaitMs = delayMs * 10,
    private readonly now: () => number = Date.now,
  ) {}

  add(key: string, value: V): void {
    if (this.pending.size === 0) this.first = this.now();
    this.pending.delete(key); // keeps the map in the order of the latest events
    this.pending.set(key, value);
    clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.delayMs, this.first + this.maxWaitMs - this.now()));
    this.timer = setTimeout(() => this.flushNow(), wait);
  }

  /** Hands over what is pending now. */
  flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flush(batch);
  }

  /** Drops what is pending. */
  dispose(): void {
    clearTimeout(this.timer);
    this.pending.clear();
  }
}

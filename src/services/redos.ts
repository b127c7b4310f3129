import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { onAbort } from '../engine/abort';
import type { Service } from '../engine/analyzer';

/** Name under which rules ask the ReDoS service (`meta.requires: ['redos']`). */
export const REDOS_SERVICE = 'redos';

/** A question to the ReDoS service: a pattern in JavaScript syntax and its flags. */
export interface RedosQuery {
  source: string;
  flags: string;
}

/** recheck's attack string: `prefix + pump × (base + bias)` for each pump, then `suffix`. */
export interface RedosAttack {
  pumps: Array<{ prefix: string; pump: string; bias: number }>;
  suffix: string;
  base: number;
}

/** How matching time grows with the length of the attack string. */
export type RedosComplexity = { type: 'exponential' } | { type: 'polynomial'; degree: number };

/**
 * The service's answer. `unknown` (recheck timed out, cannot read the pattern, the worker died or is
 * busy) must never be reported.
 */
export type RedosAnswer =
  | { status: 'safe' }
  | { status: 'vulnerable'; complexity: RedosComplexity; attack: RedosAttack; checker: 'automaton' | 'fuzz' }
  | { status: 'unknown'; reason: string };

/** Options of {@link RedosService}; the defaults suit the CLI and the editor. */
export interface RedosServiceOptions {
  /** recheck's own time limit per pattern, in ms; past it the answer is `unknown`. Default 200. */
  timeoutMs?: number;
  /** The worker is terminated when a check has not answered this long after its time limit. Default 1000. */
  graceMs?: number;
  /** Verdicts kept (least recently used dropped). Default 2000. */
  cacheSize?: number;
  /** Checks waiting beyond this many are answered `unknown` at once. Default 200. */
  maxQueue?: number;
  /** The worker is stopped after this long without work; the verdicts stay cached. Default 30 s. */
  idleMs?: number;
  /** Time the worker may take to load before its first check's deadline starts. Default 15 s. */
  startupMs?: number;
  /** Starts the worker; tests replace it. Default: the recheck worker (see {@link createWorker}). */
  createWorker?: () => Worker;
}

/** Patterns longer than this are not checked. */
export const MAX_PATTERN_LENGTH = 1000;

/**
 * recheck's parameters besides `timeout` (the same idea as the self-audit in test/security/redos-audit.ts):
 * fuzzing without wall-clock limits inside an attempt, so that a loaded machine turns a slow check into
 * `unknown`, never into a false "vulnerable"; and fewer, smaller generations than the defaults.
 */
export const RECHECK_PARAMETERS = Object.freeze({
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  maxIteration: 3,
  maxInitialGenerationSize: 100,
  maxGenerationSize: 50,
  attackLimit: 100_000_000,
});

/** A message to the worker. */
export interface WorkerRequest {
  id: number;
  source: string;
  flags: string;
  timeoutMs: number;
}

/** A message from the worker: ready after loading, or one answer. */
export type WorkerReply = { ready: true } | { id: number; answer: RedosAnswer };

/** The part of recheck's `Diagnostics` the answer is built from. */
export interface RecheckDiagnostics {
  status: 'safe' | 'vulnerable' | 'unknown';
  checker?: 'automaton' | 'fuzz';
  complexity?: { type: string; degree?: number };
  attack?: RedosAttack;
  error?: { kind: string; message?: string };
}

/** recheck's diagnostics as a small, serialisable answer. */
export function toAnswer(d: RecheckDiagnostics): RedosAnswer {
  if (d.status === 'safe') return { status: 'safe' };
  if (d.status === 'vulnerable' && d.attack && d.complexity) {
    const complexity: RedosComplexity | null =
      d.complexity.type === 'exponential' ? { type: 'exponential' }
      : d.complexity.type === 'polynomial' && typeof d.complexity.degree === 'number' ? { type: 'polynomial', degree: d.complexity.degree }
      : null;
    if (complexity) {
      const attack = { pumps: d.attack.pumps.map((p) => ({ prefix: p.prefix, pump: p.pump, bias: p.bias })), suffix: d.attack.suffix, base: d.attack.base };
      return { status: 'vulnerable', complexity, attack, checker: d.checker ?? 'automaton' };
    }
  }
  const error = d.error ? `${d.error.kind}${d.error.message ? `: ${d.error.message}` : ''}` : 'no verdict';
  return { status: 'unknown', reason: error };
}

interface Frame {
  repeats: boolean;
  alternates: boolean;
}

/** A character, class or escape: nothing repeated or alternated inside it. */
const ATOM: Frame = Object.freeze({ repeats: false, alternates: false });
/** `{n}`, `{n,}`, `{n,m}` at the start of a slice. */
const BRACE_QUANTIFIER = /^\{(\d+)(,(\d*))?\}/;
/** The prefix of a non-capturing, lookaround or named group after `(`. */
const GROUP_PREFIX = /^\?(?:<[=!]|[:=!]|<[A-Za-z_$][\w$]*>)/;

/**
 * Whether a pattern (JavaScript syntax) has the shape that catastrophic backtracking needs: a part
 * repeated more than once (`*`, `+`, `{n,}`, `{n,m}` with m > 1) that itself contains a repetition or an
 * alternation (`(a+)+`, `(\w+\s?)*`, `(a|ab)*`). A pattern without one matches each start position in
 * linear time, so only these are worth asking recheck about. (A single repetition searched from every
 * start, `/a+b/`, is quadratic too; so is nearly every regex, and Rampart does not report it.)
 */
export function mayBacktrack(source: string): boolean {
  const stack: Frame[] = [{ repeats: false, alternates: false }];
  let last: Frame | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    const top = stack[stack.length - 1];
    if (c === '\\') {
      i++;
      last = ATOM;
    } else if (c === '[') {
      // In JavaScript the first `]` closes the class, even right after `[` or `[^`.
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      last = ATOM;
    } else if (c === '(') {
      stack.push({ repeats: false, alternates: false });
      const prefix = GROUP_PREFIX.exec(source.slice(i + 1, i + 64));
      if (prefix) i += prefix[0].length;
      last = null;
    } else if (c === ')') {
      const group = stack.length > 1 ? stack.pop()! : { ...ATOM };
      const parent = stack[stack.length - 1];
      parent.repeats ||= group.repeats;
      parent.alternates ||= group.alternates;
      last = group;
    } else if (c === '|') {
      top.alternates = true;
      last = null;
    } else {
      const max = quantifierMax(source, i);
      if (max === null || last === null) {
        last = ATOM;
        continue;
      }
      if (max > 1) {
        if (last.repeats || last.alternates) return true;
        top.repeats = true;
      }
      if (c === '{') i = source.indexOf('}', i);
      if (source[i + 1] === '?') i++;
      last = null;
    }
  }
  return false;
}

/** The most repetitions the quantifier at `i` allows, or null when there is none. */
function quantifierMax(source: string, i: number): number | null {
  const c = source[i];
  if (c === '*' || c === '+') return Infinity;
  if (c === '?') return 1;
  if (c !== '{') return null;
  const m = BRACE_QUANTIFIER.exec(source.slice(i, i + 24));
  if (!m) return null;
  if (m[2] === undefined) return Number(m[1]);
  return m[3] === '' ? Infinity : Number(m[3]);
}

/** Characters of one literal shown in a message. */
const MAX_SHOWN = 40;

/**
 * recheck's attack string for a message: each part quoted and escaped, long parts shortened, the pumped
 * part with its repetition count: `'a' + 'a'×31 + '\x00'`.
 */
export function describeAttack(attack: RedosAttack): string {
  const parts: string[] = [];
  for (const p of attack.pumps) {
    if (p.prefix) parts.push(quote(p.prefix));
    parts.push(`${quote(p.pump)}×${Math.max(1, attack.base + p.bias)}`);
  }
  if (attack.suffix) parts.push(quote(attack.suffix));
  return parts.join(' + ');
}

/** A single-quoted, escaped, shortened literal. */
function quote(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '\\' || ch === "'") out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code > 0x7e) out += code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
    if (out.length > MAX_SHOWN) return `'${out.slice(0, MAX_SHOWN)}…'`;
  }
  return `'${out}'`;
}

/** The growth for a message: "exponentially", "in quadratic time", "in polynomial time (degree 4)". */
export function describeComplexity(complexity: RedosComplexity): string {
  if (complexity.type === 'exponential') return 'exponentially';
  if (complexity.degree === 2) return 'in quadratic time';
  if (complexity.degree === 3) return 'in cubic time';
  return `in polynomial time (degree ${complexity.degree})`;
}

/** A pattern for a message: at most 60 characters, without backticks. */
export function describePattern(source: string): string {
  const text = source.replace(/`/g, "'");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

interface Job {
  key: string;
  query: RedosQuery;
  /** Callers still waiting; a job nobody waits for is dropped before it runs. */
  waiters: number;
  resolve(answer: RedosAnswer | null): void;
  promise: Promise<RedosAnswer | null>;
}

/**
 * The `redos` service: answers "can this regex backtrack catastrophically, and on which input?" with
 * recheck's pure JavaScript checker (`recheck/lib/browser.js`, never its native or Java back end) in one
 * worker thread, so the editor never waits for it. Checks run one at a time with recheck's time limit,
 * and a worker that overruns it is terminated; every failure answers `unknown`. Verdicts are cached by
 * pattern and flags for the life of the process (least recently used dropped).
 */
export class RedosService implements Service {
  private readonly timeoutMs: number;
  private readonly graceMs: number;
  private readonly cacheSize: number;
  private readonly maxQueue: number;
  private readonly idleMs: number;
  private readonly startupMs: number;
  private readonly createWorker: () => Worker;
  private readonly cache = new Map<string, RedosAnswer>();
  private readonly inFlight = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private worker: Worker | null = null;
  private ready = false;
  private running: { job: Job; id: number; timer: NodeJS.Timeout } | null = null;
  private nextId = 0;
  private idleTimer: NodeJS.Timeout | null = null;
  /** Checks run by recheck (cache misses), for tests and logs. */
  checks = 0;

  constructor(options: RedosServiceOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 200;
    this.graceMs = options.graceMs ?? 1000;
    this.cacheSize = options.cacheSize ?? 2000;
    this.maxQueue = options.maxQueue ?? 200;
    this.idleMs = options.idleMs ?? 30_000;
    this.startupMs = options.startupMs ?? 15_000;
    this.createWorker = options.createWorker ?? createWorker;
  }

  async answer(query: unknown, signal: AbortSignal): Promise<RedosAnswer> {
    if (!isQuery(query)) throw new Error('a redos query is { source, flags }');
    if (query.source.length > MAX_PATTERN_LENGTH) return { status: 'unknown', reason: 'pattern too long' };
    const key = `${query.flags}/${query.source}`;
    const cached = this.cache.get(key);
    if (cached) {
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    if (signal.aborted) return { status: 'unknown', reason: 'cancelled' };
    let job = this.inFlight.get(key);
    if (job) {
      job.waiters++;
    } else {
      if (this.queue.length >= this.maxQueue) return { status: 'unknown', reason: 'busy' };
      let resolve!: (answer: RedosAnswer | null) => void;
      const promise = new Promise<RedosAnswer | null>((r) => (resolve = r));
      job = { key, query: { source: query.source, flags: query.flags }, waiters: 1, resolve, promise };
      this.inFlight.set(key, job);
      this.queue.push(job);
      this.pump();
    }
    const waiting = job;
    const stop = onAbort(signal, () => waiting.waiters--);
    try {
      return (await waiting.promise) ?? { status: 'unknown', reason: 'cancelled' };
    } finally {
      stop();
    }
  }

  /** Number of verdicts cached. */
  get cached(): number {
    return this.cache.size;
  }

  /** Stops the worker; queued checks answer `unknown`. The service can still be used afterwards. */
  async dispose(): Promise<void> {
    for (const job of this.queue.splice(0)) this.settle(job, null);
    if (this.running) {
      clearTimeout(this.running.timer);
      this.settle(this.running.job, null);
      this.running = null;
    }
    await this.stopWorker();
  }

  /** Starts the next queued check when the worker is free. */
  private pump(): void {
    if (this.running) return;
    let job = this.queue.shift();
    while (job && job.waiters <= 0) {
      // Nobody waits any more (the file was edited again, the scan was cancelled): dropped, not cached.
      this.settle(job, null);
      job = this.queue.shift();
    }
    if (!job) {
      this.scheduleIdle();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const limit = this.timeoutMs + this.graceMs + (this.ready ? 0 : this.startupMs);
    const timer = setTimeout(() => this.overran(), limit);
    this.running = { job, id, timer };
    this.checks++;
    worker.ref();
    const request: WorkerRequest = { id, source: job.query.source, flags: job.query.flags, timeoutMs: this.timeoutMs };
    worker.postMessage(request);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    this.worker = worker;
    this.ready = false;
    worker.on('message', (reply: WorkerReply) => {
      if (this.worker !== worker) return;
      if ('ready' in reply) {
        this.ready = true;
        return;
      }
      const running = this.running;
      if (!running || running.id !== reply.id) return;
      clearTimeout(running.timer);
      this.running = null;
      this.remember(running.job.key, reply.answer);
      this.settle(running.job, reply.answer);
      worker.unref();
      this.pump();
    });
    const lost = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      const running = this.running;
      if (running) {
        clearTimeout(running.timer);
        this.running = null;
        const answer: RedosAnswer = { status: 'unknown', reason };
        this.remember(running.job.key, answer);
        this.settle(running.job, answer);
      }
      this.pump();
    };
    worker.on('error', (e) => lost(`worker failed: ${e.message}`));
    worker.on('exit', (code) => lost(`worker exited with code ${code}`));
    worker.unref();
    return worker;
  }

  /** The running check missed its deadline: the worker is terminated and the pattern is remembered as unknown. */
  private overran(): void {
    const running = this.running;
    if (!running) return;
    this.running = null;
    const answer: RedosAnswer = { status: 'unknown', reason: 'timeout (worker terminated)' };
    this.remember(running.job.key, answer);
    this.settle(running.job, answer);
    void this.stopWorker().then(() => this.pump());
  }

  private settle(job: Job, answer: RedosAnswer | null): void {
    if (this.inFlight.get(job.key) === job) this.inFlight.delete(job.key);
    job.resolve(answer);
  }

  private remember(key: string, answer: RedosAnswer): void {
    this.cache.set(key, answer);
    if (this.cache.size > this.cacheSize) this.cache.delete(this.cache.keys().next().value!);
  }

  private scheduleIdle(): void {
    if (!this.worker || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.running && this.queue.length === 0) void this.stopWorker();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.ready = false;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
    if (worker) await worker.terminate();
  }
}

function isQuery(query: unknown): query is RedosQuery {
  const q = query as RedosQuery | null;
  return typeof q === 'object' && q !== null && typeof q.source === 'string' && typeof q.flags === 'string';
}

/** Memory the worker may use; a check that needs more ends the worker and answers `unknown`. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/**
 * The worker: `dist/redos-worker.js` next to the bundle (scripts/build.mjs builds it), or the TypeScript
 * source through tsx when running from source (tests).
 */
function createWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const file = path.join(__dirname, 'redos-worker.ts');
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, resourceLimits: WORKER_LIMITS });
  }
  return new Worker(path.join(__dirname, 'redos-worker.js'), { resourceLimits: WORKER_LIMITS });
}

let shared: RedosService | undefined;

/** The process-wide service (one worker, one cache) the CLI, the editor and the tests use. */
export function sharedRedosService(): RedosService {
  shared ??= new RedosService();
  return shared;
}

/**
 * The fuzz harness: runs inputs through the whole engine (every rule) in a bounded worker, judges the
 * outcome, minimises inputs that break something and runs seeded campaigns of generated cases.
 */
import { IsolatedAnalysisError, IsolatedAnalyzer } from '../robustness/isolated-analyzer';
import { caseSeed, generateCase, materialise, type FuzzCase, type FuzzInput } from './mutators';
import type { Seed } from './seeds';

/** Bounds of one analysis. */
export interface Bounds {
  /** Time allowed for any input, in ms ... */
  baseMs: number;
  /** ... plus this much per character: linear work passes on a slow machine, super-linear work does not. */
  perCharMs: number;
  /** Heap of the worker (V8 old generation), in MB: past it the worker dies. */
  maxOldGenerationSizeMb: number;
  /** tree-sitter WASM memory after an analysis, in MB. */
  maxWasmMb: number;
}

/**
 * Default bounds. Measured on a busy 2-core machine, the whole engine with every rule takes up to about
 * 5 µs per character on the worst linear inputs (a megabyte of broken YAML: 3.5-4.6 s), and tree-sitter
 * parses are stopped at 1 s plus 10 µs per character (`parseDeadlineMs`); 1.5 s plus 20 µs per character
 * leaves room for both on a loaded machine, while a quadratic blow-up does not fit. The worker's heap
 * stayed under 200 MB (garbage included) on every input up to 1 MB, and tree-sitter's WASM memory under
 * 500 MB (a megabyte of nested Terraform lists), so 512 MB each only stops a blow-up.
 */
export const DEFAULT_BOUNDS: Bounds = { baseMs: 1_500, perCharMs: 0.02, maxOldGenerationSizeMb: 512, maxWasmMb: 512 };

/** How an input broke the engine. */
export type Symptom = 'threw' | 'timeout' | 'slow' | 'memory' | 'died' | 'invalid';

/** The judgement on one input. */
export type Verdict =
  | { ok: true; ms: number; findings: number; errors: number; heapUsedMb: number; wasmMb: number }
  | { ok: false; symptom: Symptom; detail: string; ms?: number };

/** A failing input with the case it came from (absent for corpus entries) and its verdict. */
export interface Failure {
  input: FuzzInput;
  verdict: Extract<Verdict, { ok: false }>;
  caseSeed?: number;
  fuzzCase?: FuzzCase;
}

/**
 * Causes found by the fuzzer, reported to their owners and not fixed yet, each with an over-approximating
 * test of the input. A campaign counts a time or memory failure whose input matches as `known` instead of
 * minimising and failing on it again; the corpus entries marked `open` stand for it. Delete an entry
 * once its cause is fixed.
 */
export const KNOWN_OPEN: ReadonlyArray<{ cause: string; matches(file: string, text: string): boolean }> = [];

/** Time symptoms are one failure for minimisation: an input that is slow may hang once cut, or the reverse. */
function family(symptom: Symptom): string {
  return symptom === 'slow' || symptom === 'timeout' ? 'time' : symptom;
}

/** What identifies a failure across minimisation steps: the symptom, and for others the detail without numbers and quoted text. */
export function signature(v: Extract<Verdict, { ok: false }>): string {
  if (family(v.symptom) === 'time' || v.symptom === 'memory' || v.symptom === 'died') return family(v.symptom);
  const first = v.detail.split(/\n|; /)[0].replace(/^.*?: (analyze threw: )?/, '');
  return `${v.symptom}: ${first.replace(/"[^"]*"/g, '"…"').replace(/\d+/g, 'N')}`;
}

export class FuzzHarness {
  private analyzer: IsolatedAnalyzer;

  /**
   * `warmUp`: files each new worker analyses before it is timed (the seeds), so that tables built on
   * first use and JIT compilation are not blamed on the first input of each kind.
   */
  constructor(
    readonly bounds: Bounds = DEFAULT_BOUNDS,
    private readonly warmUp: ReadonlyArray<{ file: string; text: string }> = [],
  ) {
    this.analyzer = this.createAnalyzer();
  }

  /** The time bound for a text of this length, in ms. */
  limitFor(length: number): number {
    return Math.round(this.bounds.baseMs + this.bounds.perCharMs * length);
  }

  /**
   * Judges one input. Time and memory failures are confirmed in a fresh worker (a busy machine or an
   * earlier input must not be blamed on this one): a time failure that does not repeat passes, a memory
   * failure or a death that does not repeat is still reported, with a note.
   */
  async judge(file: string, text: string): Promise<Verdict> {
    const first = await this.judgeOnce(file, text);
    if (first.ok || first.symptom === 'threw' || first.symptom === 'invalid') return first;
    await this.restart();
    const second = await this.judgeOnce(file, text);
    if (second.ok && family(first.symptom) === 'time') return second;
    if (second.ok) return { ...first, detail: `${first.detail} (not repeated in a fresh worker: earlier inputs contributed)` };
    return second;
  }

  /** One analysis, without confirmation. */
  async judgeOnce(file: string, text: string): Promise<Verdict> {
    const limit = this.limitFor(text.length);
    // Past the bound the input has failed already; the watchdog only has to tell a hang from slowness.
    const watchdog = 2 * limit + 2_000;
    try {
      const { summary, ms, memory } = await this.analyzer.check(file, text, watchdog);
      if (summary.problems.length > 0) return { ok: false, symptom: 'invalid', detail: summary.problems.join('; '), ms };
      if (ms > limit) return { ok: false, symptom: 'slow', detail: `took ${Math.round(ms)} ms (bound ${limit} ms for ${text.length} characters)`, ms };
      return { ok: true, ms, findings: summary.findings, errors: summary.errors, heapUsedMb: memory.heapUsedMb, wasmMb: memory.wasmMb };
    } catch (e) {
      if (!(e instanceof IsolatedAnalysisError)) throw e;
      const detail = e.kind === 'timeout' ? `no answer within ${watchdog} ms (bound ${limit} ms for ${text.length} characters)` : e.message;
      return { ok: false, symptom: e.kind, detail, ...(e.kind === 'timeout' ? { ms: watchdog } : {}) };
    }
  }

  /**
   * Shrinks a failing input while it fails the same way (see {@link signature}): first whole lines, then
   * characters, removing ever smaller chunks (delta debugging). Stops after `maxAttempts` analyses or at
   * `deadline` (ms since the epoch) and returns the smallest failing text found.
   */
  async minimise(file: string, text: string, verdict: Extract<Verdict, { ok: false }>, maxAttempts = 300, deadline = Date.now() + 120_000): Promise<string> {
    const wanted = signature(verdict);
    // A time failure must stay clearly over the bound, or noise would steer the search to inputs that pass
    // when judged again: at least 1.25 times the bound, more when the original was far over it.
    const originalRatio = verdict.ms === undefined ? 2 : verdict.ms / this.limitFor(text.length);
    const timeRatio = Math.max(1.25, Math.min(2, 0.75 * originalRatio));
    let attempts = 0;
    const fails = async (candidate: string): Promise<boolean> => {
      attempts++;
      const v = await this.judgeOnce(file, candidate);
      if (!v.ok && (v.symptom === 'timeout' || v.symptom === 'memory' || v.symptom === 'died')) await this.restart();
      if (v.ok || signature(v) !== wanted) return false;
      return v.symptom !== 'slow' || v.ms! > timeRatio * this.limitFor(candidate.length);
    };
    const exhausted = () => attempts >= maxAttempts || Date.now() > deadline;
    let current = text;
    for (const split of [(t: string) => t.split(/(?<=\n)/), (t: string) => [...t]]) {
      let units = split(current);
      let chunks = 2;
      while (units.length > 1 && !exhausted()) {
        const size = Math.ceil(units.length / chunks);
        let reduced = false;
        for (let start = 0; start < units.length && !exhausted(); start += size) {
          const candidate = [...units.slice(0, start), ...units.slice(start + size)];
          if (await fails(candidate.join(''))) {
            units = candidate;
            chunks = Math.max(chunks - 1, 2);
            reduced = true;
            break;
          }
        }
        if (!reduced) {
          if (size === 1) break;
          chunks = Math.min(units.length, chunks * 2);
        }
      }
      current = units.join('');
    }
    return current;
  }

  /**
   * Runs `runs` generated cases (or until `deadline`), case `i` from `caseSeed(seed, i)`, and returns
   * the failures and the failures of {@link KNOWN_OPEN} causes. `onCase` hears about each case as it is judged.
   */
  async campaign(options: {
    seeds: readonly Seed[];
    seed: number;
    runs: number;
    maxLength: number;
    deadline?: number;
    onCase?: (index: number, input: FuzzInput, verdict: Verdict, origin: { caseSeed: number; fuzzCase: FuzzCase; known: boolean }) => void | Promise<void>;
  }): Promise<{ failures: Failure[]; known: Failure[]; ran: number }> {
    const failures: Failure[] = [];
    const known: Failure[] = [];
    let ran = 0;
    for (let i = 0; i < options.runs && (options.deadline === undefined || Date.now() < options.deadline); i++) {
      const seed = caseSeed(options.seed, i);
      const fuzzCase = generateCase(seed);
      const input = materialise(fuzzCase, options.seeds, options.maxLength);
      const verdict = await this.judge(input.file, input.text);
      ran++;
      const open = !verdict.ok && (family(verdict.symptom) === 'time' || verdict.symptom === 'memory') ? KNOWN_OPEN.find((k) => k.matches(input.file, input.text)) : undefined;
      if (!verdict.ok && open) known.push({ input, verdict: { ...verdict, detail: `${verdict.detail} [known: ${open.cause}]` }, caseSeed: seed, fuzzCase });
      else if (!verdict.ok) failures.push({ input, verdict, caseSeed: seed, fuzzCase });
      await options.onCase?.(i, input, verdict, { caseSeed: seed, fuzzCase, known: open !== undefined });
    }
    return { failures, known, ran };
  }

  /** Replaces the worker (after a hang or a death, and to measure an input alone). */
  async restart(): Promise<void> {
    await this.analyzer.close();
    this.analyzer = this.createAnalyzer();
  }

  async close(): Promise<void> {
    await this.analyzer.close();
  }

  private createAnalyzer(): IsolatedAnalyzer {
    return new IsolatedAnalyzer({ maxOldGenerationSizeMb: this.bounds.maxOldGenerationSizeMb, maxWasmMb: this.bounds.maxWasmMb, warmUp: this.warmUp });
  }
}

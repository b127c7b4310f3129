/**
 * The ReDoS audit behind `redos.test.ts`: every regex of the inventory is checked with recheck, and each
 * finding is either a violation or covered by an exemption whose input bound is then verified.
 */
import { Worker } from 'node:worker_threads';
import { check, type Diagnostics, type Parameters } from 'recheck';
import { inventory, type Exemption, type RegexSite, type SourceFile } from './regex-inventory';

/** recheck's verdict on one pattern, with the pass that gave it. */
export interface Verdict {
  source: string;
  flags: string;
  diagnostics: Diagnostics;
  /**
   * `static` when the pattern has no repetition at all (see {@link withoutRepetition}) and recheck is not
   * asked; `auto` (automaton when the pattern allows it, else fuzzing); `fuzz`, the retry after a timeout.
   */
  pass: 'static' | 'auto' | 'fuzz';
  ms: number;
}

/** What an audit found. */
export interface AuditReport {
  sites: RegexSite[];
  exemptions: Exemption[];
  /** One per distinct pattern and flags. */
  verdicts: Verdict[];
  /** Human-readable problems; the audit passes when there are none. */
  violations: string[];
  /** Exempted findings, with how each bound was checked. */
  exempted: string[];
}

/**
 * recheck's parameters. The automaton (a proof) is allowed for patterns with many bounded repetitions
 * (`{0,200}`), which it then decides in milliseconds where fuzzing takes seconds. Fuzzing runs without
 * wall-clock limits inside an attempt, so a loaded machine cannot turn a slow check into a false
 * "vulnerable", and with fewer, smaller generations than the defaults, cheap enough for CI; it still
 * finds every known-bad pattern of the self-test and of the history of this repository.
 */
const FUZZ_LIMITS: Parameters = {
  maxRepeatCount: 2_000,
  maxNFASize: 200_000,
  attackTimeout: null,
  incubationTimeout: null,
  seedingTimeout: null,
  maxIteration: 3,
  maxInitialGenerationSize: 100,
  maxGenerationSize: 50,
  attackLimit: 100_000_000,
};
/** The first pass stops here; patterns whose automaton is that slow are fuzzed instead. */
const AUTO_TIMEOUT_MS = 2_000;
/** The fuzzing pass stops here and the pattern is reported as unknown. */
const FUZZ_TIMEOUT_MS = 10_000;
/** The same for an exempted pattern: the pass only has to show that it still needs its exemption. */
const EXEMPT_FUZZ_TIMEOUT_MS = 3_000;
/** recheck's agent runs checks in parallel threads; two at a time keep a two-core machine busy without starving either. */
const CONCURRENCY = 2;
/** An exempted regex must match its attack string, cut to the exemption's bound, within this time. */
export const ATTACK_BUDGET_MS = 100;
/** A reason shorter than this names no bound and no enforcement. */
const MIN_REASON = 30;

/** Runs the audit over `files`. */
export async function audit(files: readonly SourceFile[]): Promise<AuditReport> {
  const { sites, exemptions } = inventory(files);
  const coverOf = (site: RegexSite): Exemption | undefined =>
    exemptions.find((e) => e.file === site.file && e.covers && e.covers[0] <= site.offset && site.offset < e.covers[1]);
  const patterns = new Map<string, { source: string; flags: string }>();
  for (const site of sites) for (const i of site.instances) patterns.set(key(i.source, i.flags), { source: i.source, flags: i.flags });
  const exemptKeys = new Set(sites.filter((s) => coverOf(s)).flatMap((s) => s.instances.map((i) => key(i.source, i.flags))));
  const verdicts = await checkAll([...patterns.values()].map((p) => ({ ...p, exempt: exemptKeys.has(key(p.source, p.flags)) })));
  const verdictOf = new Map(verdicts.map((v) => [key(v.source, v.flags), v]));

  const violations: string[] = [];
  const exempted: string[] = [];
  const needed = new Set<Exemption>();
  for (const site of sites) {
    const where = `${site.file}:${site.line}:${site.column}`;
    const exemption = coverOf(site);
    if (site.dynamic !== undefined) {
      if (exemption) {
        needed.add(exemption);
        exempted.push(`${where} dynamic pattern (${site.dynamic}); bound ${exemption.maxInput} characters, not verifiable: ${exemption.reason}`);
      } else violations.push(`${where} builds a regex the audit cannot fold to constants (${site.dynamic}): make its parts constant or escaped, or add a redos-exempt comment with the bound of its input`);
      continue;
    }
    for (const instance of site.instances) {
      const verdict = verdictOf.get(key(instance.source, instance.flags))!;
      const d = verdict.diagnostics;
      if (d.status === 'safe') continue;
      const via = instance.via ? ` (${instance.via})` : '';
      const what = describe(verdict);
      if (!exemption) {
        violations.push(`${where}${via} /${instance.source}/${instance.flags} is ${what}: rewrite it to be linear, or add a redos-exempt comment with the bound of its input`);
        continue;
      }
      needed.add(exemption);
      if (exemption.maxInput === undefined) continue; // reported with the malformed exemption below
      if (d.status === 'vulnerable') {
        const attack = attackString(d.attack, exemption.maxInput);
        const ms = await timeMatch(instance.source, instance.flags, attack, 20 * ATTACK_BUDGET_MS);
        if (ms === undefined || ms > ATTACK_BUDGET_MS) {
          violations.push(`${where}${via} /${instance.source}/${instance.flags} is ${what} and its exemption's bound is too loose: an attack of ${attack.length} characters takes ${ms === undefined ? 'too long' : `${Math.round(ms)} ms`}`);
        } else exempted.push(`${where}${via} ${what}; at the bound (${attack.length} characters) the attack takes ${ms.toFixed(1)} ms: ${exemption.reason}`);
      } else {
        exempted.push(`${where}${via} ${what}; bound ${exemption.maxInput} characters, no attack string to verify it: ${exemption.reason}`);
      }
    }
  }
  for (const e of exemptions) {
    const where = `${e.file}:${e.line}`;
    if (e.maxInput === undefined || e.reason.length < MIN_REASON) {
      violations.push(`${where} malformed exemption "${e.text}": write \`// redos-exempt(max-input <N>): <what bounds the input to N characters, and why the regex is then fast>\``);
    } else if (!sites.some((s) => coverOf(s) === e)) {
      violations.push(`${where} exemption covers no regex (it applies to the construct on the next code line)`);
    } else if (!needed.has(e)) {
      violations.push(`${where} exemption is no longer needed: every regex it covers is reported safe; remove it`);
    }
  }
  return { sites, exemptions, verdicts, violations, exempted };
}

function key(source: string, flags: string): string {
  return `${flags}/${source}`;
}

/** A one-phrase description of a non-safe verdict. */
function describe(verdict: Verdict): string {
  const d = verdict.diagnostics;
  if (d.status === 'vulnerable') return `vulnerable (${d.complexity.summary}, ${d.checker}; attack ${d.attack.pattern.slice(0, 80)})`;
  if (d.status === 'unknown') return `unknown to recheck (${d.error.kind}${'message' in d.error ? `: ${d.error.message}` : ''}, after the ${verdict.pass} pass)`;
  return 'safe';
}

/** Checks every pattern, {@link CONCURRENCY} at a time: automaton first, fuzzing when that times out. */
async function checkAll(patterns: Array<{ source: string; flags: string; exempt: boolean }>): Promise<Verdict[]> {
  const verdicts: Verdict[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < patterns.length) {
      const { source, flags, exempt } = patterns[next++];
      verdicts.push(await checkOne(source, flags, exempt ? EXEMPT_FUZZ_TIMEOUT_MS : FUZZ_TIMEOUT_MS));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  return verdicts;
}

/** Most match paths per start position a pattern without repetition may have to be passed without recheck. */
const MAX_STATIC_PATHS = 4096;

/**
 * Whether a pattern has no repetition (`*`, `+`, `{n,m}`) and no backreference, and few enough paths
 * (the product of its alternatives and optional parts, an over-estimate) that each match attempt costs a
 * bounded number of steps: matching is then linear whatever the input, and recheck has nothing to find.
 */
export function withoutRepetition(source: string): boolean {
  const branches: number[] = [1];
  let paths = 1;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      if (/[1-9k]/.test(source[i + 1] ?? '')) return false;
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      branches.push(1);
      const type = /^\?(?:<[=!]|[:=!]|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1, i + 64));
      if (type) i += type[0].length;
      continue;
    } else if (c === '|') {
      branches[branches.length - 1]++;
      continue;
    } else if (c === ')') {
      paths *= branches.pop() ?? 1;
    } else if (c === '*' || c === '+' || (c === '{' && /^\{\d+(?:,\d*)?\}/.test(source.slice(i, i + 24)))) {
      return false;
    }
    if (source[i + 1] === '?') {
      paths *= 2;
      i += source[i + 2] === '?' ? 2 : 1;
    }
  }
  return paths * branches[0] <= MAX_STATIC_PATHS;
}

async function checkOne(source: string, flags: string, fuzzTimeout: number): Promise<Verdict> {
  // `d` (match indices) does not change matching, and recheck rejects it.
  const checked = flags.replace(/d/g, '');
  const started = performance.now();
  if (withoutRepetition(source)) {
    const diagnostics: Diagnostics = { source, flags, status: 'safe', checker: 'automaton', complexity: { type: 'constant', summary: 'no repetition', isFuzz: false } };
    return { source, flags, diagnostics, pass: 'static', ms: performance.now() - started };
  }
  let diagnostics = await check(source, checked, { ...FUZZ_LIMITS, timeout: AUTO_TIMEOUT_MS });
  let pass: Verdict['pass'] = 'auto';
  if (diagnostics.status === 'unknown' && diagnostics.error.kind === 'timeout') {
    diagnostics = await check(source, checked, { ...FUZZ_LIMITS, checker: 'fuzz', timeout: fuzzTimeout });
    pass = 'fuzz';
  }
  return { source, flags, diagnostics, pass, ms: performance.now() - started };
}

/** recheck's attack, pumped to the longest string of at most `max` characters (at least one pump). */
export function attackString(attack: { pumps: Array<{ prefix: string; pump: string; bias: number }>; suffix: string }, max: number): string {
  const build = (n: number): string => attack.pumps.map((p) => p.prefix + p.pump.repeat(Math.max(0, n + p.bias))).join('') + attack.suffix;
  let low = 1;
  let high = max;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (build(mid).length <= max) low = mid;
    else high = mid - 1;
  }
  return build(low);
}

const TIMER = `
const { parentPort, workerData } = require('node:worker_threads');
const { source, flags, input } = workerData;
const regex = new RegExp(source, flags.replace(/[gy]/g, ''));
const started = performance.now();
regex.exec(input);
parentPort.postMessage(performance.now() - started);
`;

/**
 * Milliseconds `new RegExp(source, flags).exec(input)` takes, measured in a worker that is killed after
 * `limitMs` (then undefined): a bound that is too loose must fail the test, not hang it.
 */
export async function timeMatch(source: string, flags: string, input: string, limitMs: number): Promise<number | undefined> {
  const worker = new Worker(TIMER, { eval: true, workerData: { source, flags, input } });
  try {
    return await new Promise<number | undefined>((resolve, reject) => {
      const timer = setTimeout(() => resolve(undefined), limitMs + 1_000);
      worker.on('message', (ms: number) => {
        clearTimeout(timer);
        resolve(ms);
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  } finally {
    await worker.terminate();
  }
}

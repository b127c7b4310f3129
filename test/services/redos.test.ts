import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  describeAttack,
  describeComplexity,
  describePattern,
  MAX_PATTERN_LENGTH,
  mayBacktrack,
  RedosService,
  toAnswer,
  type RedosAnswer,
} from '../../src/services/redos';

const ROOT = join(__dirname, '..', '..');
const never = new AbortController().signal;

describe('mayBacktrack (the static pre-filter)', () => {
  const backtracking = ['(a+)+', '^(a+)+$', '(\\w+\\s?)*', '(a|ab)*', '(a|a)*b', '((a)+)*', '(?:a+){2,}', '(a+){2}', '(a*)*', '(?<n>a+)+', '(?:x(?:a|b)y)+', '((a+)?b)*', '(a+)+?'];
  const linear = ['', 'a+b', '\\s+$', '^[a-z]+@[a-z]+\\.com$', '(abc)+', '(a+)?', '(a|b)?', '[(a+)+]', '\\(a+\\)+', 'a{2}', '(?:a+)b{1}', '(a+){1}', '(a+){0,1}', '(a|b)c+', '[]a+]+', 'a{,5}+', '(?=a+)b', '\\d+\\.\\d+'];
  for (const p of backtracking) it(`checks /${p}/`, () => assert.equal(mayBacktrack(p), true));
  for (const p of linear) it(`skips /${p}/`, () => assert.equal(mayBacktrack(p), false));
});

describe('redos messages', () => {
  it('shows the attack string quoted, escaped and shortened, with its pumped part', () => {
    assert.equal(describeAttack({ pumps: [{ prefix: 'a', pump: 'a', bias: 0 }], suffix: '\u0000', base: 31 }), "'a' + 'a'×31 + '\\x00'");
    assert.equal(describeAttack({ pumps: [{ prefix: '', pump: "\t'\\", bias: -1 }], suffix: '', base: 5 }), "'\\t\\'\\\\'×4");
    assert.equal(describeAttack({ pumps: [{ prefix: 'é😀', pump: 'b'.repeat(100), bias: 0 }], suffix: '', base: 2 }), `'\\u00e9\\u{1f600}' + '${'b'.repeat(40)}…'×2`);
  });
  it('names the growth', () => {
    assert.equal(describeComplexity({ type: 'exponential' }), 'exponentially');
    assert.equal(describeComplexity({ type: 'polynomial', degree: 2 }), 'in quadratic time');
    assert.equal(describeComplexity({ type: 'polynomial', degree: 3 }), 'in cubic time');
    assert.equal(describeComplexity({ type: 'polynomial', degree: 5 }), 'in polynomial time (degree 5)');
  });
  it('shortens patterns and keeps backticks out of the message', () => {
    assert.equal(describePattern('`(a+)+`'), "'(a+)+'");
    assert.equal(describePattern('x'.repeat(100)), `${'x'.repeat(57)}…`);
  });
  it('turns recheck diagnostics into answers', () => {
    assert.deepEqual(toAnswer({ status: 'safe' }), { status: 'safe' });
    const attack = { pumps: [{ prefix: '', pump: 'a', bias: 0 }], suffix: '!', base: 30 };
    assert.deepEqual(toAnswer({ status: 'vulnerable', checker: 'fuzz', complexity: { type: 'polynomial', degree: 3 }, attack }), {
      status: 'vulnerable',
      complexity: { type: 'polynomial', degree: 3 },
      attack,
      checker: 'fuzz',
    });
    assert.deepEqual(toAnswer({ status: 'unknown', error: { kind: 'timeout' } }), { status: 'unknown', reason: 'timeout' });
    assert.deepEqual(toAnswer({ status: 'unknown', error: { kind: 'invalid', message: 'unknown flag' } }), { status: 'unknown', reason: 'invalid: unknown flag' });
    assert.equal(toAnswer({ status: 'vulnerable' }).status, 'unknown');
  });
});

describe('RedosService', function () {
  this.timeout(60_000);
  let service: RedosService;
  beforeEach(() => (service = new RedosService({ timeoutMs: 3000 })));
  afterEach(() => service.dispose());

  it('finds an exponential regex with its attack string, and a linear one safe', async () => {
    const bad = await service.answer({ source: '^(a+)+$', flags: '' }, never);
    assert.equal(bad.status, 'vulnerable');
    if (bad.status !== 'vulnerable') return;
    assert.deepEqual(bad.complexity, { type: 'exponential' });
    assert.equal(describeAttack(bad.attack), "'a' + 'a'×31 + '\\x00'");
    assert.deepEqual(await service.answer({ source: '^[a-z]+$', flags: 'i' }, never), { status: 'safe' });
  });

  it('caches verdicts by pattern and flags, and checks a pattern asked twice at once only once', async () => {
    const [a, b] = await Promise.all([service.answer({ source: '(a|a)*b', flags: '' }, never), service.answer({ source: '(a|a)*b', flags: '' }, never)]);
    assert.deepEqual(a, b);
    assert.equal(service.checks, 1);
    await service.answer({ source: '(a|a)*b', flags: '' }, never);
    assert.equal(service.checks, 1);
    await service.answer({ source: '(a|a)*b', flags: 'i' }, never);
    assert.equal(service.checks, 2);
    assert.equal(service.cached, 2);
  });

  it('keeps at most cacheSize verdicts, dropping the least recently used', async () => {
    const small = new RedosService({ timeoutMs: 3000, cacheSize: 2 });
    try {
      for (const source of ['a', 'b', 'a', 'c', 'a']) await small.answer({ source, flags: '' }, never);
      assert.equal(small.cached, 2);
      assert.equal(small.checks, 3, 'a stayed cached as the most recently used');
      await small.answer({ source: 'b', flags: '' }, never);
      assert.equal(small.checks, 4, 'b was dropped');
    } finally {
      await small.dispose();
    }
  });

  it('answers unknown when recheck runs out of time, and remembers it', async () => {
    const hasty = new RedosService({ timeoutMs: 1 });
    try {
      const answer = await hasty.answer({ source: '^(https?:\\/\\/)?([\\da-z.-]+)\\.([a-z.]{2,6})([\\/\\w .-]*)*\\/?$', flags: '' }, never);
      assert.deepEqual(answer, { status: 'unknown', reason: 'timeout' });
      await hasty.answer({ source: '^(https?:\\/\\/)?([\\da-z.-]+)\\.([a-z.]{2,6})([\\/\\w .-]*)*\\/?$', flags: '' }, never);
      assert.equal(hasty.checks, 1);
    } finally {
      await hasty.dispose();
    }
  });

  it('terminates a worker that overruns the limit and answers unknown', async () => {
    const hanging = () => new Worker("require('node:worker_threads').parentPort.on('message', () => { for (;;); });", { eval: true });
    const stuck = new RedosService({ timeoutMs: 10, graceMs: 50, startupMs: 0, createWorker: hanging });
    const started = performance.now();
    assert.deepEqual(await stuck.answer({ source: '(a+)+', flags: '' }, never), { status: 'unknown', reason: 'timeout (worker terminated)' });
    assert.ok(performance.now() - started < 5_000);
    await stuck.dispose();
  });

  it('answers unknown without checking for an over-long pattern, an invalid one or a cancelled question', async () => {
    assert.deepEqual(await service.answer({ source: 'a'.repeat(MAX_PATTERN_LENGTH + 1), flags: '' }, never), { status: 'unknown', reason: 'pattern too long' });
    assert.equal(service.checks, 0);
    const aborted = AbortSignal.abort();
    assert.deepEqual(await service.answer({ source: '(a+)+', flags: '' }, aborted), { status: 'unknown', reason: 'cancelled' });
    assert.equal(service.checks, 0);
    const invalid = await service.answer({ source: '(a+)+', flags: 'v' }, never);
    assert.equal(invalid.status, 'unknown');
    await assert.rejects(service.answer({ pattern: 'x' }, never), /redos query/);
  });

  it('drops a queued check nobody waits for any more', async () => {
    const first = service.answer({ source: '(x+)+y', flags: '' }, never);
    const controller = new AbortController();
    const second = service.answer({ source: '(z+)+y', flags: '' }, controller.signal);
    controller.abort();
    await first;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(service.checks, 1);
    void second;
  });

  it('uses the pure JavaScript checker only: the native and Java back ends cannot be selected', async () => {
    // recheck's main entry obeys these variables (and would spawn a binary); its browser build never reads them.
    const saved = { backend: process.env.RECHECK_BACKEND, bin: process.env.RECHECK_BIN, jar: process.env.RECHECK_JAR };
    process.env.RECHECK_BACKEND = 'native';
    process.env.RECHECK_BIN = '/nonexistent/recheck';
    process.env.RECHECK_JAR = '/nonexistent/recheck.jar';
    let answer: Promise<RedosAnswer>;
    try {
      answer = service.answer({ source: '(b+)+$', flags: '' }, never);
    } finally {
      for (const [name, value] of [['RECHECK_BACKEND', saved.backend], ['RECHECK_BIN', saved.bin], ['RECHECK_JAR', saved.jar]] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    assert.equal((await answer).status, 'vulnerable');
    const worker = readFileSync(join(ROOT, 'src', 'services', 'redos-worker.ts'), 'utf8');
    assert.deepEqual([...worker.matchAll(/from '(recheck[^']*)'/g)].map((m) => m[1]), ['recheck/lib/browser.js']);
    const browser = readFileSync(require.resolve('recheck/lib/browser.js'), 'utf8');
    assert.ok(!/\brequire\(|child_process|recheck-(?:linux|macos|windows|jar)/.test(browser), 'the browser build loads no module and no binary');
  });
});

import * as assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '../../src/engine/types';
import { builtinRules, createAnalyzer, type RuleSetting } from '../../src/index';
import { RemoteAnalyzer } from '../../src/services/remote-analyzer';
import { startPackageEnvironment, type PackageEnvironment } from '../lib/registry-fixture';

const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));

/** What a result says, without what may differ from run to run. */
const summary = (r: FileResult) => ({
  findings: r.findings.map((f) => ({ ruleId: f.ruleId, range: f.range, message: f.message, suggestions: f.suggestions.map((s) => s.title) })),
  errors: r.errors,
  unanswered: r.unanswered,
});

const SERVER = [
  "import { exec } from 'node:child_process';",
  "import express from 'express';",
  'const app = express();',
  "app.get('/run', (req, res) => exec(`ls ${req.query.dir}`, () => res.end()));",
  '',
].join('\n');

describe('RemoteAnalyzer: the editor analysis in a worker thread', function () {
  this.timeout(60_000);
  let env: PackageEnvironment;
  let remote: RemoteAnalyzer;
  const local = createAnalyzer({ maxFileSize: Number.MAX_SAFE_INTEGER });
  const fallbacks: string[] = [];

  before(async () => {
    env = await startPackageEnvironment();
    remote = new RemoteAnalyzer(local, { onFallback: (reason) => fallbacks.push(reason) });
  });
  after(async () => {
    await remote.dispose();
    await env.close();
  });

  it('finds what the engine in this thread finds, with the same messages, ranges and fixes', async () => {
    const request = { file: 'src/server.ts', text: SERVER, settings };
    const here = await local.analyzeAsync(request, { services: env.services });
    const there = await remote.analyzeAsync(request, { services: env.services });
    assert.ok(here.findings.some((f) => f.ruleId === 'js/no-shell-injection'), 'the fixture has a finding');
    assert.deepEqual(summary(there), summary(here));
    assert.deepEqual(fallbacks, []);
  });

  it("answers the rules' questions with the services of this thread (project and registry)", async () => {
    const manifest = `${JSON.stringify({ name: 'app', dependencies: { 'reqeusts-pro-utils-ai': '^1.0.0' } }, null, 2)}\n`;
    const request = { file: 'package.json', text: manifest, settings };
    let asked = 0;
    const counted = Object.fromEntries(
      Object.entries(env.services).map(([name, service]) => [name, { answer: (q: unknown, s: AbortSignal) => (asked++, service.answer(q, s)) }]),
    );
    const there = await remote.analyzeAsync(request, { services: counted });
    const here = await local.analyzeAsync(request, { services: env.services });
    assert.ok(asked > 0, 'the worker asked the services here');
    assert.ok(there.findings.some((f) => f.ruleId === 'packages/no-nonexistent-package'), 'the registry answer made the finding');
    assert.deepEqual(summary(there), summary(here));
  });

  it('passes partial results through, before the services answer', async () => {
    const partials: FileResult[] = [];
    const slow = Object.fromEntries(
      Object.entries(env.services).map(([name, service]) => [
        name,
        { answer: async (q: unknown, s: AbortSignal) => (await new Promise((r) => setTimeout(r, 50)), service.answer(q, s)) },
      ]),
    );
    const result = await remote.analyzeAsync({ file: 'src/server.ts', text: SERVER, settings }, { services: slow, onPartial: (p) => partials.push(p) });
    assert.equal(partials.length, 1);
    assert.ok(partials[0].findings.some((f) => f.ruleId === 'js/no-shell-injection'));
    assert.ok(result.findings.length >= partials[0].findings.length);
  });

  it('cancels: the questions still open go unanswered and the findings so far come back', async () => {
    const controller = new AbortController();
    const never = Object.fromEntries(Object.keys(env.services).map((name) => [name, { answer: () => new Promise<never>(() => undefined) }]));
    const started = Date.now();
    const result = await remote.analyzeAsync({ file: 'src/server.ts', text: SERVER, settings }, { services: never, signal: controller.signal, onPartial: () => controller.abort() });
    assert.ok(Date.now() - started < 10_000, 'the cancellation reached the thread (not the 20 s deadline)');
    assert.ok(result.findings.some((f) => f.ruleId === 'js/no-shell-injection'));
    assert.ok((result.unanswered ?? 0) > 0, 'the open questions are counted as unanswered');
  });

  it('an answer that cannot be copied to the thread counts as none', async () => {
    const withFunction = { ...env.services, project: { answer: async () => ({ status: 'none', allowed: false, extra: () => 1 }) } };
    const started = Date.now();
    const result = await remote.analyzeAsync({ file: 'src/server.ts', text: SERVER, settings }, { services: withFunction });
    assert.ok(Date.now() - started < 10_000, 'the thread was told at once (not after the 20 s deadline)');
    assert.ok(result.findings.some((f) => f.ruleId === 'js/no-shell-injection'));
    assert.ok((result.unanswered ?? 0) > 0, 'the project questions went unanswered');
  });

  it('runs in this thread when the worker cannot start or stops, and says so once', async () => {
    const reasons: string[] = [];
    const failing = new RemoteAnalyzer(local, {
      createWorker: () => {
        throw new Error('no threads here');
      },
      onFallback: (r) => reasons.push(r),
    });
    const request = { file: 'src/server.ts', text: SERVER, settings };
    const first = await failing.analyzeAsync(request, { services: {} });
    await failing.analyzeAsync(request, { services: {} });
    assert.ok(first.findings.some((f) => f.ruleId === 'js/no-shell-injection'));
    assert.deepEqual(reasons, ['the analysis thread could not start: no threads here']);

    const exiting = new RemoteAnalyzer(local, { createWorker: () => new Worker('process.exit(3)', { eval: true }), onFallback: (r) => reasons.push(r) });
    const result = await exiting.analyzeAsync(request, { services: {} });
    assert.ok(result.findings.some((f) => f.ruleId === 'js/no-shell-injection'), 'the analysis the thread dropped ran here');
    assert.match(reasons[1], /exited \(code 3\)/);
    await exiting.dispose();
  });
});

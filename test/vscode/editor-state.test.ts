import assert from 'node:assert/strict';
import type { FileResult, Finding } from '../../src/engine/types';
import { countFindings, describeCounts, notReportedBy, type LineRange } from '../../src/vscode/model';
import { DebouncedBatch, LatestRuns } from '../../src/vscode/scheduling';

function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'js/no-disabled-tls', messageId: 'm', message: 'm', severity: 'error', file: 'a.ts',
    range: [0, 1], start: { line: 1, column: 1 }, end: { line: 1, column: 2 }, suggestions: [], related: [], ...over,
  };
}

function result(findings: Finding[]): FileResult {
  return { file: 'a.ts', language: 'js', findings, errors: [] };
}

/** A promise and the functions that settle it. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function range(line: number, from: number, to: number, endLine = line): { range: LineRange } {
  return { range: { start: { line, character: from }, end: { line: endLine, character: to } } };
}

describe('editor state (no VS Code needed)', () => {
  describe('LatestRuns: one analysis per document version', () => {
    it('shares the run of a version while it is in flight', async () => {
      const runs = new LatestRuns<string>();
      let started = 0;
      const gate = deferred<string>();
      const start = () => {
        started++;
        return gate.promise;
      };
      const first = runs.run('file:///a.js', '1:0', start);
      const second = runs.run('file:///a.js', '1:0', start);
      assert.equal(started, 1, 'asking again for the same version must not start a second analysis');
      assert.equal(first, second);
      assert.ok(runs.isRunning('file:///a.js', '1:0'));
      gate.resolve('done');
      assert.equal(await second, 'done');
      assert.ok(!runs.isRunning('file:///a.js'), 'a settled run is no longer in flight');
      await runs.run('file:///a.js', '1:0', async () => 'again');
      assert.equal(started, 1);
    });

    it('aborts the older version when a newer one is asked for, and keeps other documents apart', async () => {
      const runs = new LatestRuns<string>();
      const signals: AbortSignal[] = [];
      const start = (signal: AbortSignal) => {
        signals.push(signal);
        return new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('aborted')));
      };
      const old = runs.run('file:///a.js', '1:0', start);
      void runs.run('file:///b.js', '1:0', start);
      void runs.run('file:///a.js', '2:0', start);
      assert.equal(await old, 'aborted');
      assert.deepEqual(signals.map((s) => s.aborted), [true, false, false]);
      assert.ok(runs.isRunning('file:///a.js', '2:0'));
      runs.abortAll();
      assert.ok(signals.every((s) => s.aborted));
      assert.ok(!runs.isRunning('file:///b.js'));
    });

    it('a run whose start throws rejects and leaves nothing in flight', async () => {
      const runs = new LatestRuns<string>();
      await assert.rejects(runs.run('k', '1', () => Promise.reject(new Error('parse failed'))), /parse failed/);
      assert.ok(!runs.isRunning('k'));
    });
  });

  describe('DebouncedBatch: file events gathered', () => {
    it('hands over one batch after the events stop, the latest event per file winning', async () => {
      const batches: Array<Array<[string, string]>> = [];
      const batch = new DebouncedBatch<string>((b) => batches.push([...b]), 20);
      batch.add('a.js', 'changed');
      batch.add('b.js', 'changed');
      batch.add('a.js', 'deleted');
      await sleep(5);
      assert.deepEqual(batches, [], 'nothing before the delay');
      await sleep(60);
      assert.deepEqual(batches, [[['b.js', 'changed'], ['a.js', 'deleted']]]);
      batch.dispose();
    });

    it('flushes a steady stream of events after the longest wait', async () => {
      let now = 0;
      const batches: number[] = [];
      const batch = new DebouncedBatch<string>((b) => batches.push(b.size), 20, 50, () => now);
      for (let i = 0; i < 10; i++) {
        batch.add(`f${i}.js`, 'changed');
        now += 10;
        await sleep(12);
      }
      assert.ok(batches.length >= 1, 'a batch must come before the stream ends');
      batch.flushNow();
      assert.equal(batches.reduce((a, b) => a + b, 0), 10, 'every file is handed over exactly once');
      batch.dispose();
    });

    it('dispose drops what is pending', async () => {
      const batches: number[] = [];
      const batch = new DebouncedBatch<string>((b) => batches.push(b.size), 10);
      batch.add('a.js', 'changed');
      batch.dispose();
      await sleep(30);
      assert.deepEqual(batches, []);
    });
  });

  describe('counts: one way of counting for the status bar, the scan summary and SARIF export', () => {
    it('counts suppressed findings apart', () => {
      const counts = countFindings([result([finding(), finding({ suppressed: { kind: 'inline', reason: 'test data' } })]), result([finding()])]);
      assert.deepEqual(counts, { problems: 2, suppressed: 1 });
    });

    it('says so when some are suppressed', () => {
      assert.equal(describeCounts({ problems: 50, suppressed: 2 }), '50 problems, 2 suppressed');
      assert.equal(describeCounts({ problems: 1, suppressed: 0 }), '1 problem');
      assert.equal(describeCounts({ problems: 0, suppressed: 0 }), 'no problems');
      assert.equal(describeCounts({ problems: 0, suppressed: 3 }), 'no problems, 3 suppressed');
    });
  });

  describe('notReportedBy: a config problem shown once', () => {
    it('leaves out problems whose range meets a diagnostic of the JSON language server', () => {
      const unknownRule = { ...range(4, 4, 28), message: 'Unknown rule "js/no-shell-injectoin". Did you mean "js/no-shell-injection"?' };
      const badDate = { ...range(9, 16, 28), message: 'The expiry must be a real date.' };
      const syntax = { ...range(6, 2, 3), message: 'Syntax error: comma expected.' };
      const schema = [range(4, 4, 28)]; // "Property js/no-shell-injectoin is not allowed."
      const parser = [range(6, 2, 2)]; // "Expected comma" at an empty range where Rampart's starts
      assert.deepEqual(notReportedBy([unknownRule, syntax, badDate], [...schema, ...parser]), [badDate]);
    });

    it('keeps everything when nothing else reports, and problems on other lines', () => {
      const a = range(1, 0, 5);
      const b = range(2, 0, 5, 3);
      assert.deepEqual(notReportedBy([a, b], []), [a, b]);
      assert.deepEqual(notReportedBy([a, b], [range(5, 0, 1), range(1, 6, 9)]), [a, b]);
      assert.deepEqual(notReportedBy([a, b], [range(3, 1, 2)]), [a], 'a diagnostic inside a multi-line problem meets it');
    });
  });
});

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  corpusInstalled,
  diffRecord,
  formatRecord,
  isSourceFile,
  locatePackages,
  looksMinified,
  mergeJustifications,
  parseRecord,
  type CorpusFinding,
} from '../../bench/corpus/scan';

function finding(over: Partial<CorpusFinding> = {}): CorpusFinding {
  return {
    package: 'express',
    version: '5.0.0',
    file: 'lib/router.js',
    line: 10,
    ruleId: 'js/no-dynamic-eval',
    message: 'eval runs a string',
    justification: '',
    ...over,
  };
}

describe('corpus scan helpers', () => {
  describe('isSourceFile', () => {
    it('accepts JS and TS sources', () => {
      for (const name of ['a.js', 'a.cjs', 'a.mjs', 'a.ts', 'a.mts', 'a.tsx']) assert.equal(isSourceFile(name), true, name);
    });
    it('rejects declarations, maps, minified bundles and other files', () => {
      for (const name of ['a.d.ts', 'a.d.mts', 'a.js.map', 'a.min.js', 'a.json', 'README.md']) assert.equal(isSourceFile(name), false, name);
    });
  });

  describe('looksMinified', () => {
    it('flags a bundle on one long line', () => {
      assert.equal(looksMinified('var a=1;'.repeat(1000)), true);
    });
    it('does not flag ordinary code', () => {
      assert.equal(looksMinified('const a = 1;\nfunction f() {\n  return a;\n}\n'.repeat(50)), false);
    });
  });

  describe('diffRecord', () => {
    it('matches findings whose line moved', () => {
      assert.deepEqual(diffRecord([finding({ line: 12 })], [finding({ line: 10 })]), { unexpected: [], missing: [] });
    });
    it('reports a new finding and a gone one', () => {
      const diff = diffRecord([finding({ ruleId: 'js/no-shell-injection' })], [finding()]);
      assert.deepEqual(diff.unexpected.map((f) => f.ruleId), ['js/no-shell-injection']);
      assert.deepEqual(diff.missing.map((f) => f.ruleId), ['js/no-dynamic-eval']);
    });
    it('counts duplicates: a second identical finding is new', () => {
      const diff = diffRecord([finding({ line: 1 }), finding({ line: 2 })], [finding({ line: 1 })]);
      assert.equal(diff.unexpected.length, 1);
      assert.equal(diff.missing.length, 0);
    });
    it('tells findings in different packages or messages apart', () => {
      const diff = diffRecord([finding({ package: 'koa' }), finding({ message: 'other' })], [finding()]);
      assert.equal(diff.unexpected.length, 2);
      assert.equal(diff.missing.length, 1);
    });
  });

  describe('mergeJustifications', () => {
    it('keeps the justification of a finding that still matches, at its new line', () => {
      const merged = mergeJustifications([finding({ line: 20 })], [finding({ justification: 'accepted: test' })]);
      assert.deepEqual(merged, [finding({ line: 20, justification: 'accepted: test' })]);
    });
    it('gives a new finding an empty justification', () => {
      const merged = mergeJustifications([finding({ ruleId: 'js/no-shell-injection' })], [finding({ justification: 'accepted: x' })]);
      assert.equal(merged[0].justification, '');
    });
    it('pairs duplicates by the nearest line', () => {
      const recorded = [finding({ line: 10, justification: 'accepted: first' }), finding({ line: 50, justification: 'accepted: second' })];
      const merged = mergeJustifications([finding({ line: 52 }), finding({ line: 11 })], recorded);
      assert.deepEqual(merged.map((f) => f.justification), ['accepted: second', 'accepted: first']);
    });
  });

  describe('parseRecord', () => {
    it('reads what formatRecord writes', () => {
      const findings = [finding({ justification: 'true positive: eval of a request field' })];
      assert.deepEqual(parseRecord(formatRecord(findings)), findings);
    });
    it('rejects malformed JSON with the file name', () => {
      assert.throws(() => parseRecord('{', 'x.json'), /x\.json: not valid JSON/);
    });
    it('rejects a record without a findings array', () => {
      assert.throws(() => parseRecord('[]', 'x.json'), /expected an object with a "findings" array/);
      assert.throws(() => parseRecord('null', 'x.json'), /expected an object/);
    });
    it('names the first entry with a missing or mistyped field', () => {
      const missing = JSON.stringify({ findings: [finding(), { ...finding(), justification: undefined }] });
      assert.throws(() => parseRecord(missing, 'x.json'), /x\.json: findings\[1\]\.justification must be a string/);
      const badLine = JSON.stringify({ findings: [{ ...finding(), line: 0 }] });
      assert.throws(() => parseRecord(badLine, 'x.json'), /findings\[0\]\.line must be a positive integer/);
    });
  });

  describe('locatePackages', () => {
    it('names every missing package', () => {
      const empty = mkdtempSync(join(tmpdir(), 'rampart-corpus-'));
      try {
        assert.throws(() => locatePackages(empty), /not installed: express, fastify, koa, axios, openai, @anthropic-ai\/sdk, hono/);
        assert.equal(corpusInstalled(empty), false);
      } finally {
        rmSync(empty, { recursive: true, force: true });
      }
    });
  });
});

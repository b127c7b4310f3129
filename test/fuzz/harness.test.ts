import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileResult, Finding } from '../../src/engine/types';
import { problemsIn } from './check';
import { loadCorpus, saveToCorpus } from './corpus';
import { caseSeed, generateCase, materialise } from './mutators';
import { loadSeeds } from './seeds';
import { STRUCTURES } from './structures';

/** The fuzzer's own parts: a checker that misses nothing, deterministic cases, a faithful corpus. */
describe('fuzz harness', () => {
  const text = 'line one\r\nline two\rline three\n';
  const finding = (over: Partial<Finding>): Finding => ({
    ruleId: 'js/x',
    messageId: 'm',
    message: 'a message',
    severity: 'error',
    file: 'a.js',
    range: [10, 14],
    start: { line: 2, column: 1 },
    end: { line: 2, column: 5 },
    suggestions: [],
    related: [],
    ...over,
  });
  const result = (findings: Finding[], errors: FileResult['errors'] = []): FileResult => ({ file: 'a.js', language: 'js', findings, errors });

  describe('problemsIn', () => {
    it('accepts a sound finding (CRLF and lone CR line breaks counted as VS Code does)', () => {
      const lastLine = finding({ range: [19, 23], start: { line: 3, column: 1 }, end: { line: 3, column: 5 } });
      assert.deepEqual(problemsIn(result([finding({}), lastLine]), text), []);
    });

    it('reports reversed ranges, ranges past the end and positions that do not match the offsets', () => {
      const problems = problemsIn(
        result([
          finding({ range: [14, 10] }),
          finding({ range: [10, 99] }),
          finding({ start: { line: 1, column: 11 } }),
          finding({ related: [{ message: 'r', range: [0, 1], start: { line: 2, column: 1 }, end: { line: 1, column: 2 } }] }),
        ]),
        text,
      );
      assert.equal(problems.length, 4, problems.join('\n'));
      assert.match(problems[0], /reversed/);
      assert.match(problems[1], /outside the text/);
      assert.match(problems[2], /do not match/);
      assert.match(problems[3], /related location/);
    });

    it('reports fixes and suggestions whose edits overlap or fall outside the text', () => {
      const problems = problemsIn(
        result([
          finding({ fix: { title: 'Fix', edits: [{ range: [0, 4], text: 'a' }, { range: [3, 5], text: 'b' }] } }),
          finding({ suggestions: [{ messageId: 's', title: 'Do', edits: [{ range: [2, 2], text: 'a' }, { range: [2, 2], text: 'b' }] }] }),
          finding({ suggestions: [{ messageId: 's', title: 'Do', edits: [{ range: [0, text.length + 1], text: '' }] }] }),
        ]),
        text,
      );
      assert.equal(problems.length, 3, problems.join('\n'));
      assert.match(problems[0], /fix "Fix" edits 0-4 and 3-5 overlap/);
      assert.match(problems[1], /suggestion "Do" edits 2-2 and 2-2 overlap/);
      assert.match(problems[2], /outside the text/);
    });

    it('reports a rule that threw, but not one that ran out of stack on deep nesting, nor a parse error', () => {
      const problems = problemsIn(
        result([], [
          { file: 'a.js', source: 'js/x', message: 'rule js/x failed: TypeError: cannot read x of undefined' },
          { file: 'a.js', source: 'js/y', message: 'rule js/y failed: RangeError: Maximum call stack size exceeded' },
          { file: 'a.js', source: 'parser', message: 'could not parse the file: SyntaxError: Unexpected token (1:2)' },
        ]),
        text,
      );
      assert.deepEqual(problems, ['rule js/x threw: rule js/x failed: TypeError: cannot read x of undefined']);
    });

    it('reports a parser that broke (a WASM trap disables tree-sitter for every later file), not an ordinary parse error', () => {
      const problems = problemsIn(
        result([], [
          { file: 'a.py', source: 'parser', message: 'could not parse the file: RuntimeError: memory access out of bounds' },
          { file: 'b.py', source: 'parser', message: 'could not parse the file: Error: parsing took longer than 1010 ms' },
        ]),
        text,
      );
      assert.deepEqual(problems, ['the parser broke: could not parse the file: RuntimeError: memory access out of bounds']);
    });

    it('reports a placeholder of the template left in the message, not `{{` quoted from the file', () => {
      const templates = () => 'Do not use {{name}} here';
      const problems = problemsIn(result([finding({ message: 'Do not use {{name}} here' }), finding({ message: 'Do not use ${{ x }} here' })]), text, templates);
      assert.equal(problems.length, 1);
      assert.match(problems[0], /placeholder \{\{name\}\} not filled/);
    });
  });

  describe('cases', () => {
    const seeds = loadSeeds();

    it('seeds cover every file kind', () => {
      assert.deepEqual([...new Set(seeds.map((s) => s.kind))].sort(), ['dockerfile', 'js', 'json', 'python', 'terraform', 'text', 'toml', 'yaml']);
    });

    it('a case seed always gives the same case and the same input', () => {
      for (let i = 0; i < 20; i++) {
        const seed = caseSeed(7, i);
        assert.deepEqual(generateCase(seed), generateCase(seed));
        assert.deepEqual(materialise(generateCase(seed), seeds, 10_000), materialise(generateCase(seed), seeds, 10_000));
      }
    });

    it('inputs stay within the maximum length', () => {
      for (let i = 0; i < 200; i++) assert.ok(materialise(generateCase(caseSeed(3, i)), seeds, 5_000).text.length <= 5_000);
      for (const s of STRUCTURES) assert.ok(s.make(100_000, 5_000).length <= 5_000 + 200, `${s.name} ignores its budget`);
    });
  });

  describe('corpus', () => {
    it('stores and reads back texts exactly: BOM, invalid UTF-8 already replaced, lone surrogates (as UTF-16)', () => {
      const dir = mkdtempSync(join(tmpdir(), 'rampart-fuzz-corpus-'));
      try {
        const texts = ['\uFEFFa: 1\r\n\uFFFD', 'const s = "\uD800";\n'];
        const names = texts.map((t) => saveToCorpus('yaml', t, { file: 'x.yaml', symptom: 'threw', detail: 'd', found: 'f' }, dir));
        const entries = loadCorpus(dir);
        assert.deepEqual(entries.map((e) => e.name), [...names].sort());
        for (const [i, t] of texts.entries()) assert.equal(entries.find((e) => e.name === names[i])!.text, t);
        const meta = JSON.parse(readFileSync(join(dir, `${names[1]}.json`), 'utf8')) as { encoding: string };
        assert.equal(meta.encoding, 'utf-16le');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('every corpus entry says what it is analysed as, what it did and when it was found', () => {
      for (const entry of loadCorpus()) {
        assert.ok(entry.meta.file && entry.meta.symptom && entry.meta.detail && entry.meta.found, entry.name);
        assert.ok(!(entry.meta.open && entry.meta.fixed), `${entry.name} is both open and fixed`);
      }
    });
  });
});

import assert from 'node:assert/strict';
import { createAnalyzer } from '../../../src/index';
import { MAX_SYNTAX_ERRORS, parseJs } from '../../../src/languages/js/parse';
import { allRuleSettings } from '../../robustness/all-rules';

const SINK = 'exec(`ls ${req.query.dir}`);';

/** A handler whose shell injection sits after `body`, on the line this returns. */
function handler(body: string): { text: string; sinkLine: number } {
  const head = 'import { exec } from "child_process";\nexport function h(req) {\n';
  const text = `${head}${body}${SINK}\n}\n`;
  return { text, sinkLine: text.slice(0, text.indexOf(SINK)).split('\n').length };
}

describe('languages/js/parse: bounded error recovery', function () {
  this.timeout(20_000);
  const analyzer = createAnalyzer();

  for (const [name, body] of [
    ['2,000 nested labels on their own lines (6 KB took 33 s and 2 GB)', 'a:\n'.repeat(2000)],
    ['labels nested through blocks', `${'a: {\n'.repeat(300)}${'}\n'.repeat(300)}`],
    ['two names taking turns on one line', `${'a: b: '.repeat(1500)};\n`],
  ] as const) {
    it(`${name}: parsed quickly, the rest of the file still analysed`, () => {
      const { text, sinkLine } = handler(body);
      const started = performance.now();
      const result = analyzer.analyze({ file: 'handler.ts', text, settings: allRuleSettings() });
      const ms = performance.now() - started;
      assert.ok(ms < 3000, `took ${Math.round(ms)} ms`);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.start.line}`), [`js/no-shell-injection:${sinkLine}`]);
    });
  }

  it('says which labels it did not parse, and keeps every offset', () => {
    const { text } = handler('a:\n'.repeat(2000));
    const parsed = parseJs(text, 'handler.ts');
    assert.match(parsed.syntaxErrors[0], /^labels declared again and again \(a\)/);
    const call = parsed.root.program.body[1];
    assert.equal(text.slice(call.start!, call.end!).startsWith('export function h(req)'), true);
  });

  it('leaves an ordinary broken file alone: its errors are reported as Babel gives them', () => {
    const parsed = parseJs('const a;\nlet b = 1;\nlet b = 2;\nouter: outer: for (;;) {}\n', 'broken.js');
    assert.equal(parsed.syntaxErrors.length, 3);
    assert.match(parsed.syntaxErrors.join('\n'), /Label 'outer' is already declared/);
  });

  it('refuses, with a clear error, a file of more errors than the budget that are not labels', () => {
    const text = 'let x;\n'.repeat(MAX_SYNTAX_ERRORS + 10);
    assert.throws(() => parseJs(text, 'redeclared.js'), /more than 1000 syntax errors; the file is not analysed/);
    const result = analyzer.analyze({ file: 'redeclared.js', text, settings: allRuleSettings() });
    assert.match(result.errors.map((e) => e.message).join('\n'), /more than 1000 syntax errors/);
  });

  it('puts the global SyntaxError back, also after a refused parse', () => {
    const original = globalThis.SyntaxError;
    assert.throws(() => parseJs('let x;\n'.repeat(MAX_SYNTAX_ERRORS + 10), 'redeclared.js'));
    parseJs('a:\n'.repeat(500), 'labels.js');
    assert.equal(globalThis.SyntaxError, original);
  });
});

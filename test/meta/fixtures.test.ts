import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { Analyzer, type RuleSetting } from '../../src/engine/analyzer';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';

const FIXTURES = join(__dirname, '..', 'fixtures');
const ANNOTATION = /(?:\/\/|#|<!--|\/\*)\s*(ruleid|ok):\s*([a-z0-9-]+\/[a-z0-9-]+)/;
/** A line that holds nothing but an annotation comment. */
const ANNOTATION_LINE = /^\s*(?:\/\/|#|<!--|\/\*)\s*(?:ruleid|ok):/;

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else yield p;
  }
}

/** Annotated lines: the line after each `ruleid:`/`ok:` comment (skipping further annotation lines). */
function annotations(text: string): Array<{ kind: 'ruleid' | 'ok'; rule: string; target: number }> {
  const lines = text.split(/\r?\n/);
  const out: Array<{ kind: 'ruleid' | 'ok'; rule: string; target: number }> = [];
  lines.forEach((line, i) => {
    const m = ANNOTATION.exec(line);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && ANNOTATION_LINE.test(lines[target])) target++;
    out.push({ kind: m[1] as 'ruleid' | 'ok', rule: m[2], target: target + 1 });
  });
  return out;
}

describe('annotated fixture files', () => {
  const analyzer = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
  const settings = new Map<string, RuleSetting>(builtinRules.map((r) => [r.id, { severity: r.meta.severity, options: {} }]));
  const covered = new Set<string>();

  for (const file of files(FIXTURES)) {
    const name = relative(FIXTURES, file);
    it(name, () => {
      const text = readFileSync(file, 'utf8');
      const notes = annotations(text);
      assert.ok(notes.length > 0, 'fixture has no ruleid/ok annotations');
      const result = analyzer.analyze({ file: name, text, settings });
      assert.deepEqual(result.errors, []);
      for (const rule of new Set(notes.map((n) => n.rule))) {
        assert.ok(builtinRules.some((r) => r.id === rule), `unknown rule ${rule}`);
        covered.add(rule);
        const actual = [...new Set(result.findings.filter((f) => f.ruleId === rule && !f.suppressed).map((f) => f.start.line))].sort((a, b) => a - b);
        const expected = notes.filter((n) => n.rule === rule && n.kind === 'ruleid').map((n) => n.target).sort((a, b) => a - b);
        assert.deepEqual(actual, expected, `${rule}: lines with findings`);
        for (const ok of notes.filter((n) => n.rule === rule && n.kind === 'ok')) {
          assert.ok(!actual.includes(ok.target), `${rule}: line ${ok.target} is marked ok but has a finding`);
        }
      }
    });
  }

  it('every rule has an annotated fixture', () => {
    const missing = builtinRules.filter((r) => !covered.has(r.id)).map((r) => r.id);
    assert.deepEqual(missing, []);
  });
});

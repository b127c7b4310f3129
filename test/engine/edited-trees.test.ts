import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer, type AnalyzeRequest } from '../../src/engine/analyzer';
import type { LanguageAdapter, ParsedFile } from '../../src/engine/language';
import { builtinAdapters } from '../../src/languages';
import { builtinRules } from '../../src/rules';
import { defaultSettings } from '../../bench/corpus/scan';

const ROOT = path.join(__dirname, '..', '..');
const settings = defaultSettings();

/** The built-in adapters, the JS one counting its re-parses (and what they returned). */
function counting(): { adapters: LanguageAdapter[]; reparsed: () => number; fellBack: () => number } {
  let reparsed = 0;
  let fellBack = 0;
  const adapters = builtinAdapters.map((a) =>
    a.reparse
      ? {
          ...a,
          reparse: (previous: ParsedFile, before: string, after: string, file: string) => {
            const tree = a.reparse!(previous, before, after, file);
            if (tree) reparsed++;
            else fellBack++;
            return tree;
          },
        }
      : a,
  );
  return { adapters, reparsed: () => reparsed, fellBack: () => fellBack };
}

/** Findings as data, for comparing two analyses of the same text. */
const findingsOf = (analyzer: Analyzer, request: AnalyzeRequest) => JSON.stringify(analyzer.analyze(request).findings);

describe('Analyzer: files being edited (AnalyzeRequest.edited)', () => {
  it('finds exactly what a fresh analysis finds after each edit, re-parsing from the last tree', () => {
    const { adapters, reparsed } = counting();
    const edited = new Analyzer({ rules: builtinRules, adapters });
    const fresh = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
    const file = 'src/routes.ts';
    let text = fs.readFileSync(path.join(ROOT, 'test/fixtures/js/no-shell-injection.ts'), 'utf8');
    const typed = "\n  exec(`ls ${req.query.dir}`);";
    const afterSafeHandler = (t: string) => t.indexOf('\n', t.indexOf("app.get('/api/logs-safe'"));
    const edits: Array<(t: string) => string> = [
      (t) => t, // the same text again
      (t) => `// a note on top\n${t}`,
      // A new finding typed into a handler, then taken out again.
      (t) => t.slice(0, afterSafeHandler(t)) + typed + t.slice(afterSafeHandler(t)),
      (t) => t.replace(typed, ''),
      (t) => t.replace('journalctl -u ${service}', 'journalctl --unit ${service}'),
      (t) => `${t}\nexport function late(cmd: string) {\n  return cmd.trim();\n}\n`,
    ];
    let count = 0;
    const findings = new Set<number>();
    for (const edit of edits) {
      text = edit(text);
      const request = { file, text, settings };
      const found = findingsOf(edited, { ...request, edited: true });
      assert.equal(found, findingsOf(fresh, request), `after edit ${count}`);
      findings.add((JSON.parse(found) as unknown[]).length);
      count++;
    }
    assert.ok(findings.size > 1, 'the typed finding came and went');
    assert.ok(reparsed() >= 4, `${reparsed()} of ${edits.length} versions were re-parsed`);
  });

  it('keeps the findings of the large service identical over twenty typed lines', () => {
    const { adapters, reparsed } = counting();
    const edited = new Analyzer({ rules: builtinRules, adapters });
    const fresh = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
    let text = fs.readFileSync(path.join(ROOT, 'bench/fixtures/large-service.ts'), 'utf8');
    const lines = text.split('\n');
    for (let i = 0; i < 20; i++) {
      // Spread over the file: a comment line, as the e2e test types, or a statement after one that ends a line.
      let at = Math.floor((i / 20) * lines.length);
      if (i % 2 === 1) while (!/^\s+(?:const|return) .*;$/.test(lines[at])) at++;
      lines.splice(at, 0, i % 2 === 0 ? `// edit ${i}` : `${/^\s*/.exec(lines[at])![0]}void ${i};`);
      text = lines.join('\n');
      const request = { file: 'src/large-service.ts', text, settings };
      assert.equal(findingsOf(edited, { ...request, edited: true }), findingsOf(fresh, request), `after edit ${i}`);
    }
    assert.ok(reparsed() >= 15, `only ${reparsed()} of 20 versions were re-parsed`);
  });

  it('keeps no tree for a request that is not edited, and never shares one tree between two files', () => {
    const { adapters, reparsed, fellBack } = counting();
    const analyzer = new Analyzer({ rules: builtinRules, adapters });
    const text = 'import { exec } from "node:child_process";\nexport const run = (req: any) => exec(req.query.cmd);\n';
    analyzer.analyze({ file: 'a.ts', text, settings });
    analyzer.analyze({ file: 'a.ts', text, settings });
    assert.equal(reparsed() + fellBack(), 0, 'the CLI parses each file afresh');
    analyzer.analyze({ file: 'a.ts', text, settings, edited: true });
    const other = findingsOf(analyzer, { file: 'b.ts', text: text.replace('cmd', 'dir'), settings, edited: true });
    assert.equal(reparsed() + fellBack(), 0, 'b.ts is not parsed from the tree of a.ts');
    assert.match(other, /js\/no-shell-injection/);
  });

  it('parses afresh from a tree whose re-parse failed, and after more files than it keeps', () => {
    const { adapters, reparsed, fellBack } = counting();
    const analyzer = new Analyzer({ rules: builtinRules, adapters });
    const fresh = new Analyzer({ rules: builtinRules, adapters: builtinAdapters });
    const good = 'function f() {\n  a();\n}\n';
    const broken = 'function f() {\n  a(;\n}\n';
    for (const text of [good, broken, good]) {
      assert.equal(findingsOf(analyzer, { file: 'x.ts', text, settings, edited: true }), findingsOf(fresh, { file: 'x.ts', text, settings }));
    }
    assert.equal(reparsed(), 0);
    assert.equal(fellBack(), 1, 'the broken version fell back; the tree with errors was not re-parsed from');
    for (const name of ['1.ts', '2.ts', '3.ts', '4.ts', '5.ts']) analyzer.analyze({ file: name, text: good, settings, edited: true });
    analyzer.analyze({ file: 'x.ts', text: good, settings, edited: true });
    assert.equal(reparsed() + fellBack(), 1, 'x.ts was dropped after four other files');
    analyzer.analyze({ file: '5.ts', text: good, settings, edited: true });
    assert.equal(reparsed(), 1, 'the last file kept is re-parsed');
    // A tree takes ≈100 times its text: a file of more than a million characters is not held.
    const huge = `// ${'x'.repeat(1_000_000)}\na();\n`;
    analyzer.analyze({ file: 'huge.ts', text: huge, settings, edited: true });
    analyzer.analyze({ file: 'huge.ts', text: `${huge}b();\n`, settings, edited: true });
    assert.equal(reparsed() + fellBack(), 2, 'huge.ts was parsed afresh');
  });
});

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsAdapter } from '../../../src/languages/js';
import { parseJs, type JsParsedFile } from '../../../src/languages/js/parse';
import { reparseJs } from '../../../src/languages/js/reparse';
import { seededRandom } from '../../lib/seeded-random';

const ROOT = path.join(__dirname, '..', '..', '..');

/** As the analyzer leaves a tree: traversed, which sets the parent pointers and the node list a re-parse reads. */
function traversed(p: JsParsedFile): JsParsedFile {
  jsAdapter.traverse(p, { enter: new Map(), exit: new Map() });
  return p;
}

function parsed(text: string, file: string): JsParsedFile {
  return traversed(parseJs(text, file));
}

/** The tree as data: every enumerable field but the parent pointers and the errors, positions included. */
function shape(p: JsParsedFile): string {
  return JSON.stringify({ root: p.root, comments: p.comments }, (key, value: unknown) => (key === 'parent' || key === 'errors' ? undefined : value));
}

/** Errors Babel reports from the scope around the edit, which a re-parse of the edit alone does not see (the tree is the same). */
const SCOPE_ERRORS = new Set(['VarRedeclaration', 'DuplicateExport', 'LabelRedeclaration']);

/** Re-parses `before` → `after` from the tree of `before` and checks it against a fresh parse; returns whether it re-parsed. */
function check(file: string, before: string, after: string, previous = parsed(before, file)): { reparsed: boolean; tree: JsParsedFile | null } {
  let fresh: JsParsedFile;
  try {
    fresh = parseJs(after, file);
  } catch {
    // Beyond what error recovery takes: no tree at all, so the re-parse must not make one either.
    assert.equal(reparseJs(previous, before, after, file) === null, true, `re-parsed ${file} that does not parse after ${JSON.stringify(describeEdit(before, after))}`);
    return { reparsed: false, tree: null };
  }
  const again = reparseJs(previous, before, after, file);
  if (again === null) return { reparsed: false, tree: traversed(fresh) };
  const [got, want] = [shape(again), shape(fresh)];
  if (got !== want) {
    let i = 0;
    while (got[i] === want[i]) i++;
    assert.fail(`re-parse of ${file} differs from a fresh parse after ${JSON.stringify(describeEdit(before, after))}: …${got.slice(Math.max(0, i - 300), i + 100)}… instead of …${want.slice(Math.max(0, i - 300), i + 100)}…`);
  }
  const errors = (fresh.root as { errors?: Array<{ reasonCode?: string; message: string }> }).errors ?? [];
  assert.deepEqual(again.syntaxErrors, errors.filter((e) => !SCOPE_ERRORS.has(e.reasonCode ?? '')).map((e) => e.message));
  return { reparsed: true, tree: traversed(again) };
}

function describeEdit(before: string, after: string): { at: number; removed: string; inserted: string } {
  let start = 0;
  while (start < Math.min(before.length, after.length) && before[start] === after[start]) start++;
  let suffix = 0;
  while (suffix < Math.min(before.length, after.length) - start && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  return { at: start, removed: before.slice(start, before.length - suffix), inserted: after.slice(start, after.length - suffix) };
}


/**
 * An edit as people make them: most keep the file valid (a letter in a name, a digit, a line break or comment
 * between tokens, a statement line typed or deleted), some break it for a while (an opener without its closer).
 */
function randomEdit(text: string, next: () => number): string {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const at = Math.floor(next() * text.length);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  const kind = next();
  if (kind < 0.25) {
    // A letter typed into a name, or one deleted from it.
    const letter = text.slice(at).search(/[a-z]/i);
    if (letter < 0) return text;
    const i = at + letter;
    return next() < 0.7 ? text.slice(0, i) + pick(['x', 'Q', '_', '9']) + text.slice(i) : text.slice(0, i) + text.slice(i + 1);
  }
  if (kind < 0.35) {
    const digit = text.slice(at).search(/[0-9]/);
    return digit < 0 ? text : text.slice(0, at + digit) + pick(['0', '7', '42']) + text.slice(at + digit + 1);
  }
  if (kind < 0.5) {
    // Between tokens: a line break, a comment or spaces where there is already a space.
    const space = text.indexOf(' ', at);
    if (space < 0) return text;
    return text.slice(0, space) + pick(['\n', ' /* c */ ', '   ', ' // c\n']) + text.slice(space);
  }
  if (kind < 0.65) return text.slice(0, lineStart) + pick(['// note\n', 'foo();\n', 'const extra = 1;\n', '\n', 'return;\n']) + text.slice(lineStart);
  if (kind < 0.75) return text.slice(0, lineStart) + text.slice(Math.min(text.length, lineEnd + 1));
  if (kind < 0.85) return text.slice(0, at) + pick(['{', '}', '(', "'", '`', '/*', '//', '<', '#', '@', ';', '} else {']) + text.slice(at);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 12)));
}

describe('reparseJs (re-parsing an edited file from its previous tree)', () => {
  const large = fs.readFileSync(path.join(ROOT, 'bench/fixtures/large-service.ts'), 'utf8');
  const line = (text: string, n: number) => text.split('\n').slice(0, n - 1).join('\n').length + 1;

  it('re-parses a comment line typed between two statements, as the editor test does, and equals a fresh parse', () => {
    const at = line(large, 20);
    const { reparsed } = check('src/large-service.ts', large, large.slice(0, at) + '// edit 0\n' + large.slice(at));
    assert.equal(reparsed, true);
  });

  it('re-parses an edit inside a method body with only that statement, and moves everything after it', () => {
    const at = large.indexOf('return ', large.length / 2);
    const after = large.slice(0, at) + 'const probe = load(id);\n    ' + large.slice(at);
    assert.equal(check('src/large-service.ts', large, after).reparsed, true);
    assert.equal(check('src/large-service.ts', large, large.slice(0, at) + large.slice(at + 7)).reparsed, true, 'a deletion');
  });

  it('returns the same tree for the same text, and keeps the comments in order', () => {
    const text = 'a(); // one\n/* two */ b();\nfunction f() {\n  // three\n  c();\n}\n';
    const previous = parsed(text, 'x.ts');
    const same = reparseJs(previous, text, text, 'x.ts');
    assert.equal(same?.root, previous.root);
    const { tree } = check('x.ts', text, text.replace('c();', 'c(); // four\n  d();'));
    assert.deepEqual(tree!.comments.map((c) => c.value), [' one', ' two ', ' three', ' four']);
  });

  it('takes in the statement before the edit when the edit could continue it (no semicolon)', () => {
    const { reparsed, tree } = check('x.ts', 'function f() {\n  a()\n  b();\n}\n', 'function f() {\n  a()\n  (b)();\n}\n');
    assert.equal(reparsed, true);
    assert.equal(((tree!.root.program.body[0] as { body: { body: unknown[] } }).body.body).length, 1, 'a()(b)() is one call');
  });

  it('falls back where the context outside the edit could read differently', () => {
    const cases: Array<[string, string, string]> = [
      ['a private name outside its class', 'class A {\n  #x = 1;\n  m() {\n    a();\n  }\n}\n', 'class A {\n  #x = 1;\n  m() {\n    this.#x;\n  }\n}\n'],
      ['a label outside the edit', 'function f() {\n  a: for (;;) {\n    b();\n  }\n}\n', 'function f() {\n  a: for (;;) {\n    continue a;\n  }\n}\n'],
      ['a string at the top of a function body (a directive)', 'function f() {\n  a();\n}\n', 'function f() {\n  "use strict";\n  a();\n}\n'],
      ['yield outside a generator', 'function* f() {\n  a();\n}\n', 'function* f() {\n  yield a();\n}\n'],
      ['await in a function that is not async', 'function f() {\n  a();\n}\n', 'function f() {\n  await a();\n}\n'],
      ['an unterminated template', 'a();\nb();\n', 'a();\n`b();\n'],
      ['a file with a syntax error', 'let a = 1;\nlet a = 2;\nb();\n', 'let a = 1;\nlet a = 2;\nc();\n'],
    ];
    for (const [what, before, after] of cases) {
      const { reparsed } = check('x.ts', before, after);
      assert.equal(reparsed, false, what);
    }
  });

  it('counts line breaks as Babel does: \\r, \\r\\n and U+2028 in a template move the lines after them', () => {
    const before = 'function f() {\n  a(`x`);\n}\nb();\n';
    for (const inserted of ['\u2028', '\r', '\u2029\u2028', '\r\n']) {
      assert.equal(check('x.ts', before, before.replace('`x`', `\`x${inserted}\``)).reparsed, true, JSON.stringify(inserted));
    }
    const crlf = before.replace(/\n/g, '\r\n');
    assert.equal(check('x.ts', crlf, crlf.replace('a("x");', 'a("x");\r\n  c();')).reparsed, true, 'a line typed in a CRLF file');
  });

  it("re-parses a file that starts with a directive without a semicolon ('use client'), but not right after it", () => {
    const before = "'use client'\nimport { a } from './a';\n\nexport function f() {\n  a();\n}\n";
    assert.equal(check('x.tsx', before, before.replace('a();', 'a();\n  a();')).reparsed, true);
    assert.equal(check('x.tsx', before, before.replace("'use client'\n", "'use client'\n[1].map(a);\n")).reparsed, false);
  });

  it('re-parses await in an async function body, and a one-character change that keeps the length', () => {
    assert.equal(check('x.ts', 'async function f() {\n  a();\n}\n', 'async function f() {\n  await a();\n}\n').reparsed, true);
    assert.equal(check('x.ts', 'function f() {\n  a(1);\n  b();\n}\n', 'function f() {\n  a(2);\n  b();\n}\n').reparsed, true);
  });

  const fixtures = fs.readdirSync(path.join(ROOT, 'test/fixtures/js')).filter((f) => /\.(?:[cm]?[jt]sx?)$/.test(f)).map((f) => `test/fixtures/js/${f}`);
  for (const [i, file] of ['bench/fixtures/large-service.ts', ...fixtures].entries()) {
    const edits = i === 0 ? 40 : 100;
    it(`equals a fresh parse after each of ${edits} random edits in a row: ${path.basename(file)}`, () => {
      const next = seededRandom(i + 1);
      let text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      let tree: JsParsedFile | null = parsed(text, file);
      let previousText = text;
      let reparsed = 0;
      let cleanEdits = 0;
      for (let n = 0; n < edits; n++) {
        // An edit that breaks the file is undone by the next one (from a tree with errors, which is parsed afresh).
        const broken = tree === null || tree.syntaxErrors.length > 0;
        const after = broken ? previousText : randomEdit(text, next);
        const cleanBefore = tree !== null && tree.syntaxErrors.length === 0;
        const result: { reparsed: boolean; tree: JsParsedFile | null } = tree === null ? { reparsed: false, tree: parsed(after, file) } : check(file, text, after, tree);
        if (cleanBefore && result.tree !== null && result.tree.syntaxErrors.length === 0) cleanEdits++;
        if (result.reparsed) reparsed++;
        if (!broken) previousText = text;
        text = after;
        tree = result.tree;
      }
      // Most edits between two versions that parse are re-parsed, not parsed afresh.
      assert.ok(cleanEdits >= 10 && reparsed >= cleanEdits / 2, `${reparsed} of ${cleanEdits} edits between clean versions were re-parsed`);
    });
  }
});

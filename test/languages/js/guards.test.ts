import assert from 'node:assert/strict';
import type * as t from '@babel/types';
import {
  allowListValues,
  constInit,
  containedPath,
  enclosingFunction,
  guardScope,
  guardText,
  hostCheckedUrl,
  isBasenameCall,
  pathFunction,
  someBefore,
} from '../../../src/languages/js/guards';
import { JsHelpers } from '../../../src/languages/js/helpers';
import { parseJs, type JsNode } from '../../../src/languages/js/parse';
import { traverseJs } from '../../../src/languages/js/traverse';

/** Parses `code` (setting parents) and returns the helpers, the text and every node in source order. */
function setup(code: string): { lang: JsHelpers; text: string; nodes: JsNode[] } {
  const parsed = parseJs(code, 'app.ts');
  const nodes: JsNode[] = [];
  const all = (node: JsNode) => void nodes.push(node);
  const types = ['CallExpression', 'OptionalCallExpression', 'MemberExpression', 'Identifier', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ClassMethod'];
  traverseJs(parsed.root, { enter: new Map(types.map((ty) => [ty, [all]])), exit: new Map() });
  nodes.sort((a, b) => a.start! - b.start! || b.end! - a.end!);
  return { lang: new JsHelpers(parsed), text: code, nodes };
}

const src = (text: string, n: JsNode | null) => (n ? text.slice(n.start!, n.end!) : null);
const calls = (nodes: JsNode[]) => nodes.filter((n) => n.type === 'CallExpression' || n.type === 'OptionalCallExpression');

describe('JS guards', () => {
  it('allowListValues returns the looked-up values, through String(), and nothing for other calls', () => {
    const code = `LIST.includes(a); SET.has(String(b)); /^\\w+$/.test(c as string); a.startsWith(d); check(e); LIST?.includes(f);`;
    const { text, nodes } = setup(code);
    const values = calls(nodes).map((c) => allowListValues(c).map((v) => src(text, v)));
    assert.deepEqual(values, [['a'], ['b'], [], ['c'], [], [], ['f']]);
    const only = calls(nodes).map((c) => allowListValues(c, new Set(['has'])).length);
    assert.deepEqual(only, [0, 1, 0, 0, 0, 0, 0]);
  });

  it('containedPath finds startsWith, includes("..") and path.relative, but not other calls', () => {
    const code = `import path from 'path';
      full.startsWith(root); p.includes('..'); path.relative(root, target); p.includes('x'); relative(root, t2); path.join(a, b);`;
    const { lang, text, nodes } = setup(code);
    const found = calls(nodes).map((c) => src(text, containedPath(c, lang)));
    assert.deepEqual(found, ['full', 'p', 'target', null, null, null]);
  });

  it('pathFunction and isBasenameCall resolve the path module only', () => {
    const code = `import path from 'path'; import { basename } from 'node:path'; const upath = require('upath');
      path.posix.basename(a); basename(b); upath.join(c); other.basename(d); path.resolve(e);`;
    const { lang, nodes } = setup(code);
    const cs = calls(nodes).filter((c) => (c as t.CallExpression).callee.type !== 'Identifier' || (c as t.CallExpression).arguments[0]?.type !== 'StringLiteral');
    assert.deepEqual(cs.map((c) => pathFunction(c, lang)), ['basename', 'basename', 'join', null, 'resolve']);
    assert.deepEqual(cs.map((c) => isBasenameCall(c, lang)), [true, true, false, false, false]);
  });

  it('hostCheckedUrl accepts compared, looked-up and matched hosts only', () => {
    const code = `u.hostname === 'a'; ALLOWED.includes(v.host); w.origin.endsWith('.x.com'); switch (y.hostname) {}
      log(z.hostname); q.pathname === '/'; const h = r.host;`;
    const { text, nodes } = setup(code);
    const members = nodes.filter((n) => n.type === 'MemberExpression');
    const checked = members.map((m) => hostCheckedUrl(m)).filter((x) => x !== null).map((x) => src(text, x));
    assert.deepEqual(checked, ['u', 'v', 'w', 'y']);
  });

  it('someBefore visits only nodes before the given one and stops at the first match', () => {
    const code = `function f(x) { A.includes(x); B.includes(x); sink(x); C.includes(x); }`;
    const { lang, text, nodes } = setup(code);
    const sink = calls(nodes).find((c) => src(text, c)!.startsWith('sink'))!;
    const seen: string[] = [];
    const found = someBefore(guardScope(sink, lang), sink, (n) => {
      if (n.type === 'CallExpression') seen.push(src(text, n)!.slice(0, 1));
      return n.type === 'CallExpression' && allowListValues(n).length > 0;
    });
    assert.equal(found, true);
    assert.deepEqual(seen, ['A']);
    const none = someBefore(guardScope(sink, lang), sink, (n) => src(text, n) === 'C.includes(x)');
    assert.equal(none, false);
  });

  it('guardScope is the outermost function, enclosingFunction the innermost (or the program)', () => {
    const code = `function outer() { const inner = () => { class K { m() { sink(1); } } }; } sink(2);`;
    const { lang, text, nodes } = setup(code);
    const [first, second] = calls(nodes);
    assert.equal(src(text, guardScope(first, lang))!.slice(0, 14), 'function outer');
    assert.equal(enclosingFunction(first)!.type, 'ClassMethod');
    assert.equal(guardScope(second, lang).type, 'Program');
    assert.equal(enclosingFunction(second)!.type, 'Program');
  });

  it('constInit follows never-reassigned plain bindings only', () => {
    const code = `const a = x + 1; let b = y; b = z; const { c } = o; use(a, b, c, d);`;
    const { lang, text, nodes } = setup(code);
    const use = calls(nodes).at(-1) as t.CallExpression & JsNode;
    const inits = use.arguments.map((a) => src(text, constInit(a as t.Identifier, lang)));
    assert.deepEqual(inits, ['x + 1', null, null, null]);
  });

  it('guardText ignores whitespace', () => {
    const { text, nodes } = setup(`f( a . b ,\n c );`);
    assert.equal(guardText(calls(nodes)[0], text), 'f(a.b,c)');
  });
});

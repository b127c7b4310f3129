import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Node, Tree } from '@vscode/tree-sitter-wasm';
import { mirrorTree, type MirrorNode, type MirrorTree } from '../../../src/languages/python/mirror';
import { pythonRuntime } from '../../../src/languages/python/runtime';
import { parseWithDeadline } from '../../../src/languages/tree-sitter/parse';
import { preparePython, withPython } from './helpers';

const ROOT = join(__dirname, '..', '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'python');

/** Node identity for comparisons: kind and range. */
function key(n: { type: string; startIndex: number; endIndex: number } | null | undefined): string {
  return n ? `${n.type}@${n.startIndex}-${n.endIndex}` : 'null';
}

function withTree<T>(text: string, fn: (tree: Tree) => T): T {
  const tree = parseWithDeadline(pythonRuntime().parser, text);
  try {
    return fn(tree);
  } finally {
    tree.delete();
  }
}

/** A deterministic pseudo-random sequence. */
function random(seed: number): (n: number) => number {
  return (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
}

/**
 * Compares the mirror with the WASM tree node by node: kind, range, flags, text, parent, children, fields
 * (as tree-sitter answers them), plus some descendant searches. Returns the differences (empty: equal).
 */
function differences(tree: Tree, mirror: MirrorTree, seed = 1): string[] {
  const found: string[] = [];
  const rand = random(seed);
  const fields = tree.language.fields.filter((f): f is string => f !== null);
  const stack: Array<[Node, MirrorNode]> = [[tree.rootNode, mirror.root]];
  let count = 0;
  while (stack.length > 0 && found.length < 10) {
    const [w, m] = stack.pop()!;
    count++;
    const at = key(w);
    if (at !== key(m)) {
      found.push(`${at} mirrored as ${key(m)}`);
      continue;
    }
    const flags = (n: Node | MirrorNode) => [n.isNamed, n.isMissing, n.isError, n.hasError].join();
    if (flags(w) !== flags(m)) found.push(`${at}: flags ${flags(w)} mirrored as ${flags(m)}`);
    if (w.text !== m.text) found.push(`${at}: text`);
    if (key(w.parent) !== key(m.parent)) found.push(`${at}: parent ${key(w.parent)} mirrored as ${key(m.parent)}`);
    const wc = w.children as Node[];
    const mc = m.children;
    if (wc.map(key).join() !== mc.map(key).join() || w.childCount !== m.childCount) {
      found.push(`${at}: children`);
      continue;
    }
    if (w.namedChildren.map(key).join() !== m.namedChildren.map(key).join() || w.namedChildCount !== m.namedChildCount) found.push(`${at}: named children`);
    if (key(w.firstChild) !== key(m.firstChild) || key(w.lastChild) !== key(m.lastChild)) found.push(`${at}: first or last child`);
    const names = new Set<string>();
    for (let i = 0; i < wc.length; i++) {
      const name = w.fieldNameForChild(i);
      if (name !== m.fieldNameForChild(i)) found.push(`${at}: field of child ${i}: ${name} mirrored as ${m.fieldNameForChild(i)}`);
      if (key(w.child(i)) !== key(m.child(i))) found.push(`${at}: child ${i}`);
      if (name) names.add(name);
    }
    if (wc.length > 0) names.add(fields[rand(fields.length)]);
    for (const name of names) {
      if (key(w.childForFieldName(name)) !== key(m.childForFieldName(name))) found.push(`${at}: childForFieldName(${name})`);
      if (w.childrenForFieldName(name).map(key).join() !== m.childrenForFieldName(name).map(key).join()) found.push(`${at}: childrenForFieldName(${name})`);
    }
    if (rand(8) === 0 && m.endIndex > m.startIndex) {
      const a = m.startIndex + rand(m.endIndex - m.startIndex + 1);
      const b = a + rand(Math.min(20, m.endIndex - a + 2));
      if (key(w.descendantForIndex(a, b)) !== key(m.descendantForIndex(a, b))) found.push(`${at}: descendantForIndex(${a}, ${b})`);
      if (key(w.namedDescendantForIndex(a)) !== key(m.namedDescendantForIndex(a))) found.push(`${at}: namedDescendantForIndex(${a})`);
    }
    if (rand(50) === 0 && m.endIndex > 0) {
      for (const types of [['identifier'], ['call', 'attribute', 'string'], ['comment', 'lambda', 'print']]) {
        if (w.descendantsOfType(types).map(key).join() !== m.descendantsOfType(types).map(key).join()) found.push(`${at}: descendantsOfType(${types})`);
      }
    }
    for (let i = wc.length - 1; i >= 0; i--) stack.push([wc[i], mc[i]]);
  }
  if (found.length === 0 && count !== mirror.count) found.push(`${count} nodes, ${mirror.count} mirrored`);
  return found;
}

/** Texts that exercise the grammar: the rule fixtures, broken variants of them, and hostile snippets. */
function samples(): Array<[string, string]> {
  const texts: Array<[string, string]> = [];
  const rand = random(7);
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith('.py'))) {
    const text = readFileSync(join(FIXTURES, file), 'utf8');
    texts.push([file, text]);
    const a = rand(text.length);
    texts.push([`${file} cut at ${a}`, text.slice(0, a)]);
    texts.push([`${file} without ${a}-${a + 40}`, text.slice(0, a) + text.slice(a + 40)]);
  }
  texts.push(
    ['empty', ''],
    ['blank lines only', '\n\n  \n'],
    ['non-ASCII', 's = "é中😀\uD800"  # après\ncafé = f"{s!r:>{w}}"\n'],
    ['syntax errors', 'import os\nx = (\nimport json\ndef f(:\n    return 1\nprint(os.name\nclass C(:\n  x = [1, 2\n'],
    ['a MISSING token', 'def f(:\n  pass\n'],
    ['an ERROR leaf', 'x = 1 $ 2\ny = `a`\n'],
    ['deep nesting', `x = ${'['.repeat(300)}1${']'.repeat(300)}\n`],
    ['unclosed deep nesting', `x = ${'f('.repeat(200)}\n`],
    ['Python 3.12', 'type P = tuple[float, float]\ndef f[T](x: T) -> T: return x\nmatch c:\n    case {"a": [1, *r]}: pass\n    case _: pass\n'],
  );
  return texts;
}

describe('python adapter: the mirrored tree', () => {
  before(preparePython);

  for (const via of ['exports', 'public'] as const) {
    it(`copies every node, field and flag as tree-sitter gives them (${via} cursor path)`, function () {
      this.timeout(60_000);
      for (const [name, text] of samples()) {
        withTree(text, (tree) => assert.deepEqual(differences(tree, mirrorTree(tree, text, via)), [], name));
      }
    });
  }

  it('gives the same copy through both cursor paths, and through the default one', () => {
    for (const [name, text] of samples()) {
      withTree(text, (tree) => {
        const a = mirrorTree(tree, text, 'public');
        const b = mirrorTree(tree, text, 'exports');
        const c = mirrorTree(tree, text);
        for (const m of [b, c]) {
          assert.equal(m.count, a.count, name);
          for (const column of ['kinds', 'starts', 'ends', 'parents', 'lasts', 'bits'] as const) {
            assert.deepEqual(m[column].subarray(0, m.count), a[column].subarray(0, a.count), `${name}: ${column}`);
          }
        }
      });
    }
  });

  it('has one object per node: ===, equals and id agree', () => {
    withPython('def f(a, b):\n    return g(a)[b]\n', (parsed) => {
      const module = parsed.root.module;
      const call = module.descendantsOfType('call')[0];
      assert.equal(call.parent, call.parent);
      assert.ok(call.parent!.namedChildren.includes(call));
      assert.ok(call.equals(call.parent!.childForFieldName('value')));
      assert.equal(call.childForFieldName('function'), call.firstChild);
      assert.equal(module.tree.node(call.id), call);
      const ids = module.descendantsOfType(['identifier', 'call', 'subscript']).map((n) => n.id);
      assert.equal(new Set(ids).size, ids.length);
      assert.deepEqual(ids, [...ids].sort((x, y) => x - y), 'ids follow source order');
    });
  });

  it('keeps its nodes usable once the WASM tree is deleted', () => {
    const text = 'import os\nos.system(cmd)\n';
    const mirror = withTree(text, (tree) => mirrorTree(tree, text));
    const call = mirror.root.descendantsOfType('call')[0];
    assert.equal(call.text, 'os.system(cmd)');
    assert.equal(call.childForFieldName('arguments')?.namedChildren[0]?.text, 'cmd');
  });

  it('copies a 10,000-level nesting without overflowing the stack', function () {
    this.timeout(20_000);
    const text = `x = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`;
    withTree(text, (tree) => {
      const mirror = mirrorTree(tree, text);
      assert.equal(mirror.count, tree.rootNode.descendantCount);
      const deepest = mirror.root.descendantsOfType('integer')[0];
      let depth = 0;
      for (let n: MirrorNode | null = deepest; n; n = n.parent) depth++;
      assert.ok(depth > 10_000, `${depth}`);
    });
  });
});

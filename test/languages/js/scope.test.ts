import assert from 'node:assert/strict';
import { parseJs, type JsNode } from '../../../src/languages/js/parse';
import { isScopeNode, Scopes, type ScopeInfo } from '../../../src/languages/js/scope';
import { traverseJs } from '../../../src/languages/js/traverse';

/** Parses `code`, sets parents and returns every node in source order, as the adapter's traversal does. */
function nodesOf(code: string, file = 'app.ts'): JsNode[] {
  const nodes: JsNode[] = [];
  traverseJs(parseJs(code, file).root, { enter: new Map(), exit: new Map() }, nodes);
  return nodes;
}

/** A scope's bindings and assignments as comparable data: names, kinds, declaring and bound offsets, paths. */
function shape(info: ScopeInfo): unknown {
  return {
    bindings: [...info.bindings].map(([name, b]) => [name, b.kind, b.id.start, b.init?.start ?? null, b.path.join('.'), b.module ?? null, b.imported ?? null, b.paramIndex ?? null, b.scope.start]),
    assignments: [...info.assignments].map(([name, list]) => [name, list.map((a) => [a.start, a.value.start])]),
  };
}

const names = (info: ScopeInfo) => [...info.bindings.keys()];

/** A service module with most ways to declare and assign names, each scope's facts written out below. */
const SERVICE = `import express, { Router as R } from 'express';
import * as fs from 'node:fs';
import cp = require('child_process');
const { join, sep: separator } = require('path');
let count = 0;
export function handler(req, { user = 'anon', ...rest }, [first, , third] = []) {
  let body = req.body;
  for (const [key, value] of Object.entries(body)) count += value;
  for (const name in rest) body = name;
  try { fs.readFileSync(join(first, third)); } catch ({ message }) { body ||= message; }
  const inner = function named(x = (count = 1)) { body ??= x; return named; };
  class Store { [count = 2]() {} save(v) { count = v; } }
  return inner;
}
const arrow = async (a) => (count = a);
`;

describe('JS scopes', () => {
  it('collects every scope in one pass over the node list exactly as a walk per scope does', () => {
    const nodes = nodesOf(SERVICE);
    const onePass = new Scopes(() => nodes);
    const perScope = new Scopes();
    const scopes = nodes.filter(isScopeNode);
    assert.equal(scopes.length, 6);
    for (const scope of scopes) assert.deepEqual(shape(onePass.info(scope)), shape(perScope.info(scope)), `scope at ${scope.start}`);
    for (const node of nodes) assert.deepEqual(onePass.chainOf(node), perScope.chainOf(node));
  });

  it('records declarations in their own function and assignments in the function that makes them', () => {
    const nodes = nodesOf(SERVICE);
    const scopes = new Scopes(() => nodes);
    const [program, handler, inner, , save, arrow] = nodes.filter(isScopeNode);
    assert.deepEqual(names(scopes.info(program)), ['express', 'R', 'fs', 'cp', 'join', 'separator', 'count', 'handler', 'arrow']);
    assert.deepEqual(names(scopes.info(handler)), ['req', 'user', 'rest', 'first', 'third', 'body', 'key', 'value', 'name', 'message', 'inner', 'Store']);
    assert.deepEqual(names(scopes.info(inner)), ['x', 'named']);
    assert.deepEqual(names(scopes.info(save)), ['v']);
    // `count += value` and `count = v` are assignments where they are made; `count = 1` in a parameter default and
    // `[count = 2]` in a computed method key belong to no scope's walk.
    assert.deepEqual([...scopes.info(handler).assignments.keys()], ['count', 'body']);
    assert.equal(scopes.info(handler).assignments.get('body')!.length, 2);
    assert.deepEqual([...scopes.info(save).assignments.keys()], ['count']);
    assert.deepEqual([...scopes.info(inner).assignments.keys()], ['body']);
    assert.deepEqual([...scopes.info(arrow).assignments.keys()], ['count']);
    assert.deepEqual([...scopes.info(program).assignments.keys()], []);
    const key = scopes.info(handler).bindings.get('key')!;
    assert.equal(key.kind, 'for');
    assert.deepEqual(key.path, ['[]', '[]']);
  });

  it('keeps the info of a scope asked for before the traversal collected the nodes', () => {
    const parsed = parseJs(SERVICE, 'app.ts');
    let nodes: JsNode[] | null = null;
    const scopes = new Scopes(() => nodes);
    const program = parsed.root.program as JsNode;
    const early = scopes.info(program);
    nodes = [];
    traverseJs(parsed.root, { enter: new Map(), exit: new Map() }, nodes);
    const handler = nodes.find((n) => n.type === 'FunctionDeclaration')!;
    assert.deepEqual(names(scopes.info(handler)).slice(0, 2), ['req', 'user']);
    assert.equal(scopes.info(program), early);
    assert.equal(names(early).length, 9);
  });

  it('finds the scope chain of a node nested far deeper than the cached hops, the same from any start', () => {
    const depth = 300;
    const code = `function outer(a) { return ${'['.repeat(depth)}a${']'.repeat(depth)}; }\nconst g = (b) => b;`;
    const nodes = nodesOf(code, 'deep.js');
    const scopes = new Scopes(() => nodes);
    const [program, outer, arrow] = nodes.filter(isScopeNode);
    const ids = nodes.filter((n) => n.type === 'Identifier' && (n as { name?: string }).name === 'a');
    const deepest = ids[ids.length - 1];
    assert.deepEqual(scopes.chainOf(deepest), [outer, program]);
    for (const n of nodes.filter((x) => x.type === 'ArrayExpression')) assert.deepEqual(scopes.chainOf(n), [outer, program]);
    assert.deepEqual(scopes.chainOf(nodes.filter((n) => n.type === 'Identifier' && (n as { name?: string }).name === 'b').pop()!), [arrow, program]);
    assert.equal(scopes.lookup('a', scopes.chainOf(deepest))!.binding.kind, 'param');
    assert.equal(scopes.lookup('g', scopes.chainOf(deepest))!.depth, 1);
  });
});

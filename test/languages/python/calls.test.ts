import assert from 'node:assert/strict';
import type { ResolvedRef } from '../../../src/languages/python';
import { nodeAt, preparePython, withPython } from './helpers';

function fmt(ref: ResolvedRef | null): string | null {
  return ref ? `${ref.module ?? 'builtin'}:${ref.path.join('.')}` : null;
}

describe('python helpers: argument()', () => {
  before(preparePython);

  /** The text of the argument found in the first call of `code`, or null. */
  function arg(code: string, position: number | null, keyword?: string): string | null {
    return withPython(code, (parsed, h) => {
      const call = parsed.root.module.descendantsOfType('call')[0]!;
      return h.argument(call, position, keyword)?.text ?? null;
    });
  }

  it('positional arguments by position', () => {
    assert.equal(arg('f(a, b, c=1)\n', 0), 'a');
    assert.equal(arg('f(a, b, c=1)\n', 1), 'b');
    assert.equal(arg('f(a, b, c=1)\n', 2), null);
  });
  it('keyword arguments, and a position falling back to its keyword', () => {
    assert.equal(arg('f(a, shell=True)\n', null, 'shell'), 'True');
    assert.equal(arg('f(args=cmd, shell=True)\n', 0, 'args'), 'cmd');
    assert.equal(arg('f(a, shell=True)\n', null, 'cwd'), null);
  });
  it('keyword arguments before a later positional do not shift positions', () => {
    assert.equal(arg('f(a, k=1, *rest)\n', 0), 'a');
    assert.equal(arg('f(a, k=1, *rest)\n', 1), null);
    assert.equal(arg('f(k=1, *rest)\n', 0), null);
  });
  it('*args hides the positions after it; **kwargs hides missing keywords', () => {
    assert.equal(arg('f(a, *rest)\n', 0), 'a');
    assert.equal(arg('f(a, *rest)\n', 1), null);
    assert.equal(arg('f(*rest, shell=True)\n', 0, 'shell'), 'True');
    assert.equal(arg('f(**opts)\n', null, 'shell'), null);
  });
  it('comments between arguments are skipped', () => assert.equal(arg('f(\n  # the command\n  cmd,\n)\n', 0), 'cmd'));
  it('a bare generator argument is the first argument', () => assert.equal(arg('f(x for x in y)\n', 0), '(x for x in y)'));
  it('is null for a node that is not a call', () => {
    withPython('x = 1\n', (parsed, h) => assert.equal(h.argument(nodeAt(parsed, 'x = 1'), 0), null));
  });
});

describe('python helpers: decorators()', () => {
  before(preparePython);

  function decorators(code: string, name: string): Array<[string, string | null, string | null]> {
    return withPython(code, (parsed, h) => {
      const def = parsed.root.module
        .descendantsOfType(['function_definition', 'class_definition'])
        .find((d) => d?.childForFieldName('name')?.text === name);
      if (!def) throw new Error(`no definition ${name}`);
      return h.decorators(def).map((d) => [d.node.text, fmt(d.ref), d.call?.text ?? null]);
    });
  }

  it('Flask routes on an app instance', () => {
    const code = "from flask import Flask\napp = Flask(__name__)\n\n@app.route('/x', methods=['POST'])\ndef view():\n    pass\n";
    assert.deepEqual(decorators(code, 'view'), [["@app.route('/x', methods=['POST'])", 'flask:Flask.().route', "app.route('/x', methods=['POST'])"]]);
  });
  it('blueprints, FastAPI routers and bare decorators, in order', () => {
    const code = [
      'from fastapi import APIRouter',
      'from langchain_core.tools import tool',
      'router = APIRouter()',
      '@router.get("/items/{id}")',
      '@tool',
      'async def read(id: str):',
      '    pass',
      '',
    ].join('\n');
    assert.deepEqual(decorators(code, 'read'), [
      ['@router.get("/items/{id}")', 'fastapi:APIRouter.().get', 'router.get("/items/{id}")'],
      ['@tool', 'langchain_core.tools:tool', null],
    ]);
  });
  it('MCP tools', () => {
    const code = 'from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("x")\n@mcp.tool()\ndef run(cmd: str) -> str:\n    pass\n';
    assert.deepEqual(decorators(code, 'run'), [['@mcp.tool()', 'mcp.server.fastmcp:FastMCP.().tool', 'mcp.tool()']]);
  });
  it('class decorators and unresolved decorators', () => {
    const code = 'import dataclasses\n@dataclasses.dataclass\n@local\nclass C:\n    pass\n';
    assert.deepEqual(decorators(code, 'C'), [
      ['@dataclasses.dataclass', 'dataclasses:dataclass', null],
      ['@local', null, null],
    ]);
  });
  it('an undecorated definition has none', () => assert.deepEqual(decorators('def f():\n    pass\n', 'f'), []));
});

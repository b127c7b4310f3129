import assert from 'node:assert/strict';
import type { TaintKind } from '../../../src/languages/js/flow';
import type { PythonFlowOptions, SyntaxNode } from '../../../src/languages/python';
import { callArguments, withoutComments } from '../../../src/languages/python/calls';
import { refKey } from '../../../src/languages/python/sources';
import { argumentsOf, calleeName } from '../../../src/rules/python/call-helpers';
import { modelCall } from '../../../src/rules/python/model-calls';
import { nodeAt, preparePython, withPython } from './helpers';

/**
 * The per-file caches of the Python analyses (node texts and child lists, scope look-ups, guards, the flow's
 * per-node facts, model calls) give what computing afresh gives, and are shared per file.
 */

const lines = (...l: string[]) => l.join('\n') + '\n';

/** Every node of a tree in pre-order. */
function allNodes(root: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < root.tree.count; i++) out.push(root.tree.node(i));
  return out;
}

const SAMPLE = lines(
  'import os, subprocess as sp',
  'from flask import Flask, request',
  'from openai import OpenAI',
  'app = Flask(__name__)',
  'client = OpenAI()',
  'def helper(x, *rest, **kw):  # a comment',
  '    global counter',
  '    counter = x',
  '    return f"{x} {rest!r}"',
  '@app.route("/run/<name>")',
  'def run(name):',
  '    cmd = request.args.get("cmd")  # the command',
  '    if cmd not in ("ls", "pwd"):',
  '        return "no"',
  '    data = {"a": cmd, "b": [name, os.environ["HOME"]]}',
  '    out = sp.run(',
  '        cmd,  # what runs',
  '        shell=True,',
  '    )',
  '    reply = client.chat.completions.create(model="m", messages=[{"role": "user", "content": name}])',
  '    return helper(out, data["b"], reply)',
);

describe('python analyses: per-file caches', () => {
  before(preparePython);

  describe('mirrored nodes', () => {
    it('named children asked before or after the children are the named ones among them, the same objects', () => {
      withPython(SAMPLE, (parsed) => {
        for (const [i, node] of allNodes(parsed.root.module).entries()) {
          // Odd nodes: named children first; even nodes: children first.
          const named = i % 2 ? node.namedChildren : null;
          const children = node.children;
          const expected = children.filter((c) => c.isNamed);
          assert.deepEqual((named ?? node.namedChildren).map((c) => c.id), expected.map((c) => c.id));
          node.namedChildren.forEach((c, k) => assert.equal(c, expected[k]));
          assert.equal(node.namedChildCount, expected.length);
          assert.equal(node.namedChildren, node.namedChildren, 'kept');
        }
      });
    });

    it('texts are kept and equal to the slice of the source', () => {
      withPython(SAMPLE, (parsed) => {
        for (const node of allNodes(parsed.root.module)) {
          const first = node.text;
          assert.equal(first, SAMPLE.slice(node.startIndex, node.endIndex));
          assert.equal(node.text, first);
        }
      });
    });

    it('childrenForFieldName finds the same children, and an empty list when there is none', () => {
      withPython(SAMPLE, (parsed) => {
        for (const node of allNodes(parsed.root.module)) {
          for (const field of ['name', 'alternative', 'subscript', 'arguments']) {
            const expected = node.children.filter((c) => c.fieldName === field && !node.isError);
            const found = node.childrenForFieldName(field);
            if (node.isError) continue;
            assert.deepEqual(found.map((c) => c.id), expected.map((c) => c.id), `${node.type} ${field}`);
          }
        }
        assert.deepEqual(parsed.root.module.childrenForFieldName('no such field'), []);
      });
    });
  });

  describe('argument lists', () => {
    it('without comments: the same list when there are none, a filtered copy when there are', () => {
      withPython(SAMPLE, (parsed) => {
        const plain = nodeAt(parsed, 'client.chat.completions.create(model="m", messages=[{"role": "user", "content": name}])', 'call');
        const list = plain.childForFieldName('arguments')!;
        assert.equal(callArguments(plain), list.namedChildren);
        assert.equal(argumentsOf(plain), list.namedChildren);
        const commented = nodeAt(parsed, 'sp.run(\n        cmd,  # what runs\n        shell=True,\n    )', 'call');
        const args = callArguments(commented);
        assert.deepEqual(args.map((a) => a.type), ['identifier', 'keyword_argument']);
        assert.notEqual(args, commented.childForFieldName('arguments')!.namedChildren);
        assert.deepEqual(argumentsOf(commented), args);
        assert.deepEqual(withoutComments([]), []);
      });
    });
  });

  describe('scopes', () => {
    it('a look-up is made once per identifier and agrees with a look-up along its chain', () => {
      withPython(SAMPLE, (parsed, h) => {
        for (const id of parsed.root.module.descendantsOfType('identifier')) {
          const found = h.scopes.lookupNode(id);
          assert.equal(h.scopes.lookupNode(id), found);
          const fresh = h.scopes.lookup(id.text, h.scopes.chainOf(id));
          assert.equal(found?.scope, fresh?.scope);
          assert.equal(found?.sites, fresh?.sites);
        }
      });
    });

    it('global declarations still send writes to the module', () => {
      withPython(SAMPLE, (parsed, h) => {
        const use = nodeAt(parsed, 'counter', 'identifier', 1);
        assert.equal(h.scopes.lookupNode(use)?.scope, h.scopes.moduleScope);
        assert.equal(h.scopes.scopeOf(nodeAt(parsed, 'cmd', 'identifier')).globals.size, 0);
        assert.deepEqual([...h.scopes.scopeOf(use).globals], ['counter']);
      });
    });
  });

  describe('references and model calls', () => {
    it('keys and names of a resolved reference agree with the reference', () => {
      withPython(SAMPLE, (parsed, h) => {
        for (const call of h.nodes.ofType(['call'])) {
          const ref = h.callee(call);
          if (!ref) continue;
          assert.equal(refKey(ref), `${ref.module ?? ''}:${ref.path.join('.')}`);
          assert.equal(calleeName(h, call), ref.module ? [ref.module, ...ref.path].join('.') : null);
        }
      });
    });

    it('a model call is found once per call node, the same for every rule', () => {
      withPython(SAMPLE, (parsed, h) => {
        const call = nodeAt(parsed, 'client.chat.completions.create(model="m", messages=[{"role": "user", "content": name}])', 'call');
        const first = modelCall(h, call);
        assert.equal(first?.api, 'chat');
        assert.equal(modelCall(h, call), first);
        assert.equal(modelCall(h, nodeAt(parsed, 'helper(out, data["b"], reply)', 'call')), null);
      });
    });
  });

  describe('the flow', () => {
    const KINDS: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'env', 'model', 'tool']);

    it('different options objects get the same answers from the shared per-node facts', () => {
      withPython(SAMPLE, (parsed, h) => {
        const run = nodeAt(parsed, 'sp.run(\n        cmd,  # what runs\n        shell=True,\n    )', 'call');
        const nodes = [callArguments(run)[0], ...['data["b"]', 'reply', 'helper(out, data["b"], reply)', 'os.environ["HOME"]'].map((t) => nodeAt(parsed, t))];
        const answers = (opts: PythonFlowOptions) => nodes.map((n) => {
          const t = h.taint(n, opts);
          return t ? `${t.kind} ${t.node.startIndex} ${t.description} ${(t.steps ?? []).map((s) => s.startIndex).join(',')}` : null;
        });
        const first = answers({ kinds: KINDS });
        assert.deepEqual(answers({ kinds: KINDS }), first);
        assert.deepEqual(answers({ kinds: KINDS, sanitizers: new Set(['shell']) }), first);
        // A name bound once to a request read is that read to the flow, guard or not (the rules' `trusted` hook checks the guard).
        assert.match(first[0] ?? '', /^request /);
        assert.match(first[1] ?? '', /^request .*route run/);
        assert.match(first[2] ?? '', /^model /);
      });
    });

    it('shares one guard analysis between the flow and the rules', () => {
      withPython(SAMPLE, (parsed, h) => {
        assert.equal(h.guards, h.guards);
        const use = callArguments(nodeAt(parsed, 'sp.run(\n        cmd,  # what runs\n        shell=True,\n    )', 'call'))[0];
        assert.equal(use.text, 'cmd');
        assert.equal(h.guards.protecting(use, new Set(['allowlist']), 0)?.kind, 'allowlist');
        assert.equal(h.guards.protecting(use, new Set(['allowlist']), 0), h.guards.protecting(use, new Set(['allowlist']), 0));
      });
    });
  });
});

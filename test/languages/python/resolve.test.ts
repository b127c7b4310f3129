import assert from 'node:assert/strict';
import type { ResolvedRef } from '../../../src/languages/python';
import { nodeAt, preparePython, withPython } from './helpers';

/** `module:path.to.name`, `builtin:eval` for builtins, null when unresolved. */
function fmt(ref: ResolvedRef | null): string | null {
  return ref ? `${ref.module ?? 'builtin'}:${ref.path.join('.')}` : null;
}

/** What the n-th occurrence of `snippet` (an expression) resolves to. */
function resolveAt(code: string, snippet: string, n = 0, type?: string): string | null {
  return withPython(code, (parsed, h) => fmt(h.resolve(nodeAt(parsed, snippet, type, n))));
}

/** What the callee of the call spelled `snippet` resolves to. */
function calleeAt(code: string, snippet: string, n = 0): string | null {
  return withPython(code, (parsed, h) => fmt(h.callee(nodeAt(parsed, snippet, 'call', n))));
}

describe('python helpers: resolve() and callee()', () => {
  before(preparePython);

  describe('imports and aliases', () => {
    it('import m as a', () => assert.equal(resolveAt('import subprocess as sp\nsp.run(x)\n', 'sp.run'), 'subprocess:run'));
    it('from m import n as a', () => assert.equal(calleeAt('from os import system as s\ns(x)\n', 's(x)'), 'os:system'));
    it('import os.path binds os', () => assert.equal(resolveAt('import os.path\nos.path.join(a, b)\n', 'os.path.join'), 'os:path.join'));
    it('import a.b as c binds the submodule', () => assert.equal(resolveAt('import xml.etree.ElementTree as ET\nET.parse(f)\n', 'ET.parse'), 'xml.etree.ElementTree:parse'));
    it('from a.b import c', () => assert.equal(resolveAt('from a.b import c\nc.d\n', 'c.d'), 'a.b:c.d'));
    it('relative imports keep their dots', () => {
      assert.equal(resolveAt('from .utils import run\nrun()\n', 'run', 1), '.utils:run');
      assert.equal(resolveAt('from .. import helpers\nhelpers.x\n', 'helpers.x'), '..:helpers.x');
    });
    it('imports inside a function are local to it', () => {
      const code = 'def f():\n    import pickle\n    return pickle.loads(b)\n\ndef g():\n    return pickle.loads(b)\n';
      assert.equal(resolveAt(code, 'pickle.loads', 0), 'pickle:loads');
      assert.equal(resolveAt(code, 'pickle.loads', 1), null);
    });
    it('try/except ImportError with the same module, and the `= None` fallback', () => {
      assert.equal(resolveAt('try:\n    import yaml\nexcept ImportError:\n    yaml = None\nyaml.load(s)\n', 'yaml.load'), 'yaml:load');
      assert.equal(resolveAt('try:\n    import simplejson as json\nexcept ImportError:\n    import json\njson.loads(s)\n', 'json.loads'), null);
    });
    it('a wildcard import supplies unbound names', () => {
      assert.equal(resolveAt('from os import *\nsystem(cmd)\n', 'system'), 'os:system');
      assert.equal(resolveAt('from os import *\neval(cmd)\n', 'eval'), 'builtin:eval');
    });
    it('__import__ and importlib.import_module with a constant name', () => {
      assert.equal(resolveAt("__import__('os').system(c)\n", "__import__('os').system"), 'os:system');
      assert.equal(resolveAt("import importlib\nm = importlib.import_module('yaml')\nm.load(s)\n", 'm.load'), 'yaml:load');
      assert.equal(resolveAt('import importlib\nm = importlib.import_module(name)\nm.load(s)\n', 'm.load'), null);
    });
  });

  describe('builtins', () => {
    for (const name of ['eval', 'exec', 'open', 'input', 'compile', '__import__']) {
      it(`${name} unshadowed`, () => assert.equal(resolveAt(`${name}(x)\n`, name), `builtin:${name}`));
    }
    it('a local def shadows a builtin', () => assert.equal(resolveAt('def eval(x):\n    return x\neval(y)\n', 'eval', 1), null));
    it('a parameter shadows a builtin', () => assert.equal(resolveAt('def f(open):\n    open(p)\n', 'open', 1), null));
    it('an assignment shadows a builtin', () => assert.equal(resolveAt('input = lambda: "x"\ninput()\n', 'input', 1), null));
    it('an unbound name that is not a builtin is unresolved', () => assert.equal(resolveAt('request.args\n', 'request'), null));
    it('a shadowing in one function does not leak to another', () => {
      const code = 'def f():\n    eval = None\n\ndef g(x):\n    eval(x)\n';
      assert.equal(resolveAt(code, 'eval', 1), 'builtin:eval');
    });
  });

  describe('names bound once', () => {
    it('follows a module-level alias', () => assert.equal(calleeAt('import subprocess\nrun = subprocess.run\nrun(cmd)\n', 'run(cmd)'), 'subprocess:run'));
    it('follows a function-level alias', () => assert.equal(calleeAt('import pickle\ndef f(b):\n    loads = pickle.loads\n    return loads(b)\n', 'loads(b)'), 'pickle:loads'));
    it('a name bound twice to different things is unresolved', () => {
      assert.equal(calleeAt('import pickle, json\nloads = pickle.loads\nloads = json.loads\nloads(b)\n', 'loads(b)'), null);
    });
    it('augmented assignment and del make a name unknown', () => {
      assert.equal(calleeAt('import os\nf = os.system\nf += 1\nf(c)\n', 'f(c)'), null);
      assert.equal(calleeAt('import os\nf = os.system\ndel f\nf(c)\n', 'f(c)'), null);
    });
    it('a global write from a function counts as a second binding', () => {
      assert.equal(calleeAt('import os\nf = os.system\ndef g():\n    global f\n    f = print\nf(c)\n', 'f(c)'), null);
    });
    it('tuple unpacking is not followed', () => assert.equal(calleeAt('import os\na, b = os.system, print\na(c)\n', 'a(c)'), null));
    it('cycles end', () => assert.equal(resolveAt('a = b\nb = a\na.x\n', 'a.x'), null));
    it('a for target is unknown', () => assert.equal(calleeAt('import os\nfor f in [os.system]:\n    f(c)\n', 'f(c)'), null));
  });

  describe('instances', () => {
    it('a name bound to a call of a resolved callee', () => {
      const code = 'from openai import OpenAI\nclient = OpenAI()\nclient.chat.completions.create(model=m)\n';
      assert.equal(calleeAt(code, 'client.chat.completions.create(model=m)'), 'openai:OpenAI.().chat.completions.create');
    });
    it('a call resolves to its callee plus ()', () => assert.equal(resolveAt('import flask\napp = flask.Flask(__name__)\n', 'flask.Flask(__name__)'), 'flask:Flask.()'));
    it('self attributes assigned once in __init__', () => {
      const code = [
        'import anthropic',
        'class Bot:',
        '    def __init__(self):',
        '        self.client = anthropic.Anthropic()',
        '    def ask(self, q):',
        '        return self.client.messages.create(messages=q)',
        '',
      ].join('\n');
      assert.equal(calleeAt(code, 'self.client.messages.create(messages=q)'), 'anthropic:Anthropic.().messages.create');
    });
    it('self attributes assigned twice are unresolved', () => {
      const code = [
        'import anthropic, openai',
        'class Bot:',
        '    def __init__(self):',
        '        self.client = anthropic.Anthropic()',
        '    def reset(self):',
        '        self.client = openai.OpenAI()',
        '    def ask(self, q):',
        '        return self.client.messages.create(messages=q)',
        '',
      ].join('\n');
      assert.equal(calleeAt(code, 'self.client.messages.create(messages=q)'), null);
    });
    it('class attributes through self, cls and the class name', () => {
      const code = [
        'import openai',
        'class Bot:',
        '    client = openai.OpenAI()',
        '    def ask(self):',
        '        return self.client.responses.create()',
        '    @classmethod',
        '    def ask2(cls):',
        '        return cls.client.responses.create()',
        'Bot.client.responses.create()',
        '',
      ].join('\n');
      assert.equal(calleeAt(code, 'self.client.responses.create()'), 'openai:OpenAI.().responses.create');
      assert.equal(calleeAt(code, 'cls.client.responses.create()'), 'openai:OpenAI.().responses.create');
      assert.equal(calleeAt(code, 'Bot.client.responses.create()'), 'openai:OpenAI.().responses.create');
    });
    it('a static method has no receiver', () => {
      const code = 'import openai\nclass B:\n    client = openai.OpenAI()\n    @staticmethod\n    def f(self):\n        self.client.x()\n';
      assert.equal(calleeAt(code, 'self.client.x()'), null);
    });
    it('with … as x follows the context expression', () => {
      const code = 'import sqlite3\nwith sqlite3.connect(db) as conn:\n    conn.execute(q)\n';
      assert.equal(calleeAt(code, 'conn.execute(q)'), 'sqlite3:connect.().execute');
    });
    it('await is transparent', () => {
      const code = 'from openai import AsyncOpenAI\nclient = AsyncOpenAI()\nasync def f():\n    r = await client.chat.completions.create()\n    r.choices\n';
      assert.equal(resolveAt(code, 'r.choices'), 'openai:AsyncOpenAI.().chat.completions.create.().choices');
    });
    it('a parameter is unresolved', () => assert.equal(calleeAt('def f(client):\n    client.chat.completions.create()\n', 'client.chat.completions.create()'), null));
    it('a walrus binding is followed', () => assert.equal(calleeAt('import os\nif (f := os.system):\n    f(c)\n', 'f(c)'), 'os:system'));
  });

  describe('scopes', () => {
    it('class bodies are not visible from methods', () => {
      const code = 'import os\nclass C:\n    system = print\n    def f(self):\n        system(x)\n';
      assert.equal(calleeAt(code, 'system(x)'), null);
      const code2 = 'from os import system\nclass C:\n    run = print\n    def f(self):\n        system(x)\n';
      assert.equal(calleeAt(code2, 'system(x)'), 'os:system');
    });
    it('comprehension variables are local to the comprehension', () => {
      const code = 'import os\nf = os.system\nr = [f for f in items]\nf(c)\n';
      assert.equal(calleeAt(code, 'f(c)'), 'os:system');
    });
    it('a default value is evaluated in the enclosing scope', () => {
      const code = 'import os\nrun = os.system\ndef f(run=run):\n    pass\n';
      assert.equal(resolveAt(code, 'run', 2), 'os:system');
    });
    it('nonlocal writes make the outer name unknown', () => {
      const code = 'import os\ndef f():\n    g = os.system\n    def h():\n        nonlocal g\n        g = print\n    g(c)\n';
      assert.equal(calleeAt(code, 'g(c)'), null);
    });
  });

  describe('callee()', () => {
    it('is null for a node that is not a call', () => withPython('x.y\n', (parsed, h) => assert.equal(h.callee(nodeAt(parsed, 'x.y')), null)));
  });
});

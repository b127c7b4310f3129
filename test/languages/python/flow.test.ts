import assert from 'node:assert/strict';
import type { TaintKind } from '../../../src/languages/js/flow';
import type { PythonFlowOptions } from '../../../src/languages/python';
import { nodeAt, preparePython, withPython } from './helpers';

const ALL: ReadonlySet<TaintKind> = new Set(['request', 'argv', 'env', 'model', 'tool']);

/** The argument of the first call spelled `sink(` whose source is asked about. */
function sinkKind(code: string, options?: PythonFlowOptions | ReadonlySet<TaintKind>, nth = 0): TaintKind | null {
  return withPython(code, (parsed, h) => {
    const calls = parsed.root.module.descendantsOfType('call').filter((c) => c?.childForFieldName('function')?.text === 'sink');
    const call = calls[nth];
    if (!call) throw new Error('no sink(...) call');
    const arg = h.argument(call, 0);
    if (!arg) throw new Error('sink() has no argument');
    return h.taint(arg, options ?? ALL)?.kind ?? null;
  });
}

const lines = (...l: string[]) => l.join('\n') + '\n';

describe('python flow: sources', () => {
  before(preparePython);

  describe('Flask', () => {
    const head = 'from flask import Flask, request\napp = Flask(__name__)\n';
    for (const expr of ["request.args['q']", "request.args.get('q')", 'request.form', 'request.values', 'request.json', 'request.get_json()', 'request.data', 'request.cookies', 'request.headers', 'request.files', 'request.view_args']) {
      it(expr, () => assert.equal(sinkKind(`${head}def f():\n    sink(${expr})\n`), 'request'));
    }
    it('through `import flask` and an alias', () => {
      assert.equal(sinkKind("import flask\ndef f():\n    sink(flask.request.args['x'])\n"), 'request');
      assert.equal(sinkKind("from flask import request as req\ndef f():\n    sink(req.form['x'])\n"), 'request');
    });
    it('request attributes that are not data are not sources', () => {
      assert.equal(sinkKind(`${head}def f():\n    sink(request.method)\n`), null);
    });
    it('route variables', () => {
      const code = `${head}@app.route('/u/<name>')\ndef user(name):\n    sink(name)\n`;
      assert.equal(sinkKind(code), 'request');
      const bp = "from flask import Blueprint\nbp = Blueprint('b', __name__)\n@bp.get('/f/<path:p>')\ndef f(p):\n    sink(p)\n";
      assert.equal(sinkKind(bp), 'request');
    });
    it('a route on an app imported from another module, by its name', () => {
      assert.equal(sinkKind("from . import app\n@app.route('/x/<v>')\ndef f(v):\n    sink(v)\n"), 'request');
    });
    it('a local `request` variable is not Flask\'s', () => {
      assert.equal(sinkKind("def f(request):\n    sink(request.args['x'])\n"), null);
    });
  });

  describe('Django', () => {
    const head = 'from django.http import HttpResponse\n';
    for (const expr of ["request.GET['q']", "request.POST.get('q')", 'request.COOKIES', "request.META['HTTP_X']", 'request.body', 'request.FILES', 'request.headers']) {
      it(expr, () => assert.equal(sinkKind(`${head}def view(request):\n    sink(${expr})\n    return HttpResponse('ok')\n`), 'request'));
    }
    it('URL kwargs of function and class-based views', () => {
      assert.equal(sinkKind(`${head}def detail(request, slug):\n    sink(slug)\n`), 'request');
      assert.equal(sinkKind(`${head}from django.views import View\nclass V(View):\n    def get(self, request, pk):\n        sink(pk)\n        sink(request.GET)\n`), 'request');
      assert.equal(sinkKind(`${head}from django.views import View\nclass V(View):\n    def get(self, request, pk):\n        sink(pk)\n        sink(request.GET)\n`, undefined, 1), 'request');
    });
    it('not without Django in the file', () => assert.equal(sinkKind('def helper(request, slug):\n    sink(slug)\n'), null));
  });

  describe('FastAPI / Starlette', () => {
    const head = 'from fastapi import FastAPI, Request, Depends, Header\napp = FastAPI()\n';
    it('path, query and header parameters', () => {
      assert.equal(sinkKind(`${head}@app.get('/items/{item_id}')\nasync def read(item_id: str, q: str | None = None):\n    sink(item_id)\n`), 'request');
      assert.equal(sinkKind(`${head}@app.get('/items')\nasync def read(q: str | None = None):\n    sink(q)\n`), 'request');
      assert.equal(sinkKind(`${head}@app.post('/x')\nasync def read(agent: str = Header(None)):\n    sink(agent)\n`), 'request');
    });
    it('dependencies and the Request object itself are not data', () => {
      assert.equal(sinkKind(`${head}@app.get('/x')\nasync def read(db = Depends(get_db)):\n    sink(db)\n`), null);
      assert.equal(sinkKind(`${head}@app.get('/x')\nasync def read(request: Request):\n    sink(request)\n`), null);
    });
    it('Request data', () => {
      assert.equal(sinkKind(`${head}@app.get('/x')\nasync def read(request: Request):\n    sink(request.query_params['a'])\n`), 'request');
      assert.equal(sinkKind(`${head}@app.post('/x')\nasync def read(request: Request):\n    body = await request.json()\n    sink(body['cmd'])\n`), 'request');
    });
    it('routers', () => {
      assert.equal(sinkKind('from fastapi import APIRouter\nrouter = APIRouter()\n@router.post("/r")\ndef r(name: str):\n    sink(name)\n'), 'request');
    });
  });

  describe('aiohttp, Tornado, Lambda', () => {
    it('aiohttp handlers', () => {
      const code = "from aiohttp import web\nasync def handle(request):\n    name = request.match_info['name']\n    data = await request.post()\n    sink(name)\n    sink(data)\n";
      assert.equal(sinkKind(code), 'request');
      assert.equal(sinkKind(code, undefined, 1), 'request');
    });
    it('Tornado handlers', () => {
      const code = "import tornado.web\nclass H(tornado.web.RequestHandler):\n    def get(self):\n        sink(self.get_argument('x'))\n        sink(self.request.body)\n";
      assert.equal(sinkKind(code), 'request');
      assert.equal(sinkKind(code, undefined, 1), 'request');
    });
    it('AWS Lambda event', () => {
      assert.equal(sinkKind("def lambda_handler(event, context):\n    sink(event['body'])\n"), 'request');
      assert.equal(sinkKind("def process(event, ctx):\n    sink(event['body'])\n"), null);
    });
  });

  describe('CLI and environment', () => {
    it('sys.argv, input(), argparse', () => {
      assert.equal(sinkKind('import sys\nsink(sys.argv[1])\n'), 'argv');
      assert.equal(sinkKind('from sys import argv\nsink(argv[1])\n'), 'argv');
      assert.equal(sinkKind("sink(input('> '))\n"), 'argv');
      assert.equal(sinkKind('import argparse\np = argparse.ArgumentParser()\nargs = p.parse_args()\nsink(args.file)\n'), 'argv');
    });
    it('a shadowed input() is not a source', () => assert.equal(sinkKind("def input(p):\n    return 'x'\nsink(input('> '))\n"), null));
    it('click commands', () => {
      assert.equal(sinkKind('import click\n@click.command()\n@click.argument("name")\ndef main(name):\n    sink(name)\n'), 'argv');
    });
    it('os.environ and os.getenv are opt-in', () => {
      assert.equal(sinkKind("import os\nsink(os.environ['HOME'])\n"), 'env');
      assert.equal(sinkKind("import os\nsink(os.getenv('HOME'))\n"), 'env');
      assert.equal(sinkKind("import os\nsink(os.environ.get('HOME'))\n"), 'env');
      assert.equal(sinkKind("import os\nsink(os.getenv('HOME'))\n", new Set<TaintKind>(['request', 'argv', 'model'])), null);
      assert.equal(withPython("import os\nsink(os.getenv('H'))\n", (p, h) => h.taint(nodeAt(p, "os.getenv('H')"))), null);
    });
  });

  describe('model output', () => {
    it('OpenAI chat completions and responses', () => {
      const code = lines(
        'from openai import OpenAI',
        'client = OpenAI()',
        'resp = client.chat.completions.create(model="m", messages=msgs)',
        'text = resp.choices[0].message.content',
        'sink(text)',
        'r2 = client.responses.create(model="m", input="x")',
        'sink(r2.output_text)',
      );
      assert.equal(sinkKind(code), 'model');
      assert.equal(sinkKind(code, undefined, 1), 'model');
    });
    it('Anthropic in a class', () => {
      const code = lines(
        'import anthropic',
        'class Agent:',
        '    def __init__(self):',
        '        self.client = anthropic.Anthropic()',
        '    def step(self, prompt):',
        '        msg = self.client.messages.create(model="c", max_tokens=10, messages=[{"role": "user", "content": prompt}])',
        '        sink(msg.content[0].text)',
      );
      assert.equal(sinkKind(code), 'model');
    });
    it('Gemini, Ollama, LiteLLM, Bedrock, Cohere, Mistral, Groq', () => {
      assert.equal(sinkKind('from google import genai\nc = genai.Client()\nr = c.models.generate_content(model="g", contents="x")\nsink(r.text)\n'), 'model');
      assert.equal(sinkKind('import google.generativeai as genai\nm = genai.GenerativeModel("g")\nsink(m.generate_content("x").text)\n'), 'model');
      assert.equal(sinkKind('import ollama\nr = ollama.chat(model="l", messages=m)\nsink(r["message"]["content"])\n'), 'model');
      assert.equal(sinkKind('import litellm\nr = litellm.completion(model="x", messages=m)\nsink(r.choices[0].message.content)\n'), 'model');
      assert.equal(sinkKind('import boto3\nbr = boto3.client("bedrock-runtime")\nr = br.converse(modelId="x", messages=m)\nsink(r["output"])\n'), 'model');
      assert.equal(sinkKind('import cohere\nco = cohere.ClientV2()\nsink(co.chat(model="c", messages=m).message)\n'), 'model');
      assert.equal(sinkKind('from mistralai import Mistral\nc = Mistral(api_key=k)\nsink(c.chat.complete(model="m", messages=m))\n'), 'model');
      assert.equal(sinkKind('from groq import Groq\nc = Groq()\nsink(c.chat.completions.create(model="m", messages=m))\n'), 'model');
    });
    it('Hugging Face pipelines and generate/decode', () => {
      assert.equal(sinkKind('from transformers import pipeline\npipe = pipeline("text-generation")\nout = pipe("x")\nsink(out[0]["generated_text"])\n'), 'model');
      const code = lines(
        'from transformers import AutoTokenizer, AutoModelForCausalLM',
        'tok = AutoTokenizer.from_pretrained("m")',
        'model = AutoModelForCausalLM.from_pretrained("m")',
        'ids = model.generate(**tok("x", return_tensors="pt"))',
        'sink(tok.decode(ids[0]))',
      );
      assert.equal(sinkKind(code), 'model');
    });
    it('LangChain and LlamaIndex', () => {
      assert.equal(sinkKind('from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()\nsink(llm.invoke("x").content)\n'), 'model');
      assert.equal(sinkKind('from langchain_core.prompts import ChatPromptTemplate\nchain = prompt | llm | parser\nsink(chain.invoke({"q": q}))\n'), 'model');
      assert.equal(sinkKind('from llama_index.core import VectorStoreIndex\nindex = VectorStoreIndex.from_documents(docs)\nqe = index.as_query_engine()\nsink(str(qe.query("x")))\n'), 'model');
    });
    it('a client passed as a parameter, by its name', () => {
      assert.equal(sinkKind('import openai\ndef ask(client, q):\n    r = client.chat.completions.create(model="m", messages=q)\n    sink(r)\n'), 'model');
    });
    it('not for a non-LLM SDK with a similar method', () => {
      assert.equal(sinkKind('from twilio.rest import Client\nclient = Client(sid, tok)\nm = client.messages.create(body="x", to=t)\nsink(m.sid)\n'), null);
    });
  });

  describe('tool-call arguments', () => {
    it('LangChain @tool and MCP @mcp.tool() parameters', () => {
      assert.equal(sinkKind('from langchain_core.tools import tool\n@tool\ndef run(cmd: str) -> str:\n    """Run."""\n    sink(cmd)\n'), 'tool');
      assert.equal(sinkKind('from mcp.server.fastmcp import FastMCP\nmcp = FastMCP("s")\n@mcp.tool()\ndef read(path: str) -> str:\n    sink(path)\n'), 'tool');
    });
    it('tool is opt-in like env', () => {
      assert.equal(sinkKind('from langchain_core.tools import tool\n@tool\ndef run(cmd: str) -> str:\n    sink(cmd)\n', new Set<TaintKind>(['request', 'argv', 'model'])), null);
    });
    it('records the argument name as the field', () => {
      const field = withPython('from langchain_core.tools import tool\n@tool\ndef run(cmd: str):\n    sink(cmd)\n', (p, h) => h.taint(nodeAt(p, 'cmd', undefined, 1), ALL)?.field);
      assert.equal(field, 'cmd');
    });
    it('OpenAI function-calling arguments', () => {
      const code = lines(
        'import json',
        'from openai import OpenAI',
        'client = OpenAI()',
        'r = client.chat.completions.create(model="m", messages=m, tools=t)',
        'for tool_call in r.choices[0].message.tool_calls:',
        '    args = json.loads(tool_call.function.arguments)',
        '    sink(args["command"])',
      );
      assert.equal(sinkKind(code), 'tool');
    });
    it('BaseTool subclasses', () => {
      assert.equal(sinkKind('from langchain.tools import BaseTool\nclass Shell(BaseTool):\n    def _run(self, command: str):\n        sink(command)\n'), 'tool');
    });
  });
});

describe('python flow: propagation', () => {
  before(preparePython);
  const src = "import sys\nuser = sys.argv[1]\n";

  const cases: Array<[string, string]> = [
    ['assignment chains', 'a = user\nb = a\nsink(b)'],
    ['augmented assignment', "cmd = 'ls '\ncmd += user\nsink(cmd)"],
    ['tuple unpacking', "a, b = 'x', user\nsink(b)"],
    ['f-strings', "sink(f'echo {user}')"],
    ['% formatting', "sink('echo %s' % user)"],
    ['% with a tuple', "sink('%s %s' % ('a', user))"],
    ['.format', "sink('echo {}'.format(user))"],
    ['+', "sink('echo ' + user)"],
    ['join', "sink(' '.join(['echo', user]))"],
    ['slicing', 'sink(user[1:])'],
    ['str() and bytes()', 'sink(str(user))'],
    ['encode/decode', "sink(user.encode('utf-8').decode())"],
    ['urllib unquote', 'import urllib.parse\nsink(urllib.parse.unquote(user))'],
    ['base64', 'import base64\nsink(base64.b64decode(user))'],
    ['list literal', 'sink([user])'],
    ['dict value', "sink({'k': user})"],
    ['container read under the key written', "d = {}\nd['cmd'] = user\nsink(d['cmd'])"],
    ['container read under an unknown key', "d = {}\nd['cmd'] = user\nsink(d[k])"],
    ['append', 'l = []\nl.append(user)\nsink(" ".join(l))'],
    ['extend', 'l = ["a"]\nl.extend([user])\nsink(l)'],
    ['update', "d = {}\nd.update({'c': user})\nsink(d['c'])"],
    ['update with keywords', 'd = {}\nd.update(c=user)\nsink(d["c"])'],
    ['setdefault', "d = {}\nd.setdefault('c', user)\nsink(d.get('c'))"],
    ['.get with a default', "d = {}\nsink(d.get('c', user))"],
    ['configparser-like stores', "import configparser\ncfg = configparser.ConfigParser()\ncfg.set('main', 'cmd', user)\nsink(cfg.get('main', 'cmd'))"],
    ['list comprehension', 'sink([u.strip() for u in [user]])'],
    ['generator', 'sink(" ".join(u for u in user.split()))'],
    ['for loops', 'for part in user.split(","):\n    sink(part)'],
    ['with bindings', 'with open(user) as fh:\n    sink(fh)'],
    ['attributes of tainted objects', 'import argparse\nns = argparse.Namespace(x=user)\nsink(ns.x)'],
    ['object attribute written', 'class O: pass\no = O()\no.cmd = user\nsink(o.cmd)'],
    ['lambdas', 'f = lambda s: "echo " + s\nsink(f(user))'],
    ['map with a lambda', 'sink(list(map(lambda s: s.upper(), [user])))'],
    ['conditional expression', "sink(user if flag else 'x')"],
    ['walrus', 'if (v := user):\n    sink(v)'],
    ['loop-carried assignment', "acc = ''\nfor i in range(3):\n    sink(acc)\n    acc = acc + user"],
  ];
  for (const [name, body] of cases) {
    it(name, () => assert.equal(sinkKind(src + body + '\n'), 'argv'));
  }

  it('module globals read in a function', () => assert.equal(sinkKind(`${src}def f():\n    sink(user)\n`), 'argv'));
  it('self attributes set from a source', () => {
    const code = "from flask import request\nclass S:\n    def load(self):\n        self.q = request.args['q']\n    def run(self):\n        sink(self.q)\n";
    assert.equal(sinkKind(code), 'request');
  });

  describe('functions of the same file', () => {
    it('parameter → return summaries', () => {
      assert.equal(sinkKind(`${src}def build(x):\n    return 'echo ' + x\nsink(build(user))\n`), 'argv');
      assert.equal(sinkKind(`${src}def build(x, y):\n    return 'echo ' + y\nsink(build(user, 'a'))\n`), null);
      assert.equal(sinkKind(`${src}def build(x, y):\n    return 'echo ' + y\nsink(build('a', y=user))\n`), 'argv');
    });
    it('methods through self', () => {
      const code = `${src}class C:\n    def wrap(self, v):\n        return [v]\n    def go(self):\n        sink(self.wrap(user))\n`;
      assert.equal(sinkKind(code), 'argv');
    });
    it('a source inside the called function', () => {
      assert.equal(sinkKind('import sys\ndef arg():\n    return sys.argv[1]\nsink(arg())\n'), 'argv');
    });
    it('generators yield their values', () => {
      assert.equal(sinkKind(`${src}def parts(s):\n    for p in s.split():\n        yield p\nfor p in parts(user):\n    sink(p)\n`), 'argv');
    });
    it('recursion terminates', () => {
      assert.equal(sinkKind(`${src}def r(x):\n    return r(x) if x else x\nsink(r(user))\n`), 'argv');
      assert.equal(sinkKind(`${src}def r(x):\n    return r(x)\nsink(r('a'))\n`), null);
    });
    it('parameters follow the calls of their function', () => {
      const code = `import subprocess\nfrom flask import request\ndef run(cmd):\n    sink(cmd)\ndef view():\n    run(request.args['c'])\n`;
      assert.equal(sinkKind(code), 'request');
      const safe = `def run(cmd):\n    sink(cmd)\ndef view():\n    run('ls')\n`;
      assert.equal(sinkKind(safe), null);
    });
    it('lists the steps from the source', () => {
      const code = `${src}a = user\nb = 'x' + a\nsink(b)\n`;
      const steps = withPython(code, (p, h) => {
        const call = p.root.module.descendantsOfType('call').find((c) => c?.childForFieldName('function')?.text === 'sink')!;
        return h.taint(h.argument(call, 0)!, ALL)?.steps?.map((s) => s.text);
      });
      assert.deepEqual(steps, ['user = sys.argv[1]', 'a = user', "b = 'x' + a"]);
    });
  });
});

describe('python flow: negatives', () => {
  before(preparePython);
  const src = "import sys\nuser = sys.argv[1]\n";

  const cases: Array<[string, string, PythonFlowOptions?]> = [
    ['constants', "sink('ls -la')"],
    ['a value stored under another constant key', "d = {}\nd['cmd'] = user\nd['safe'] = 'ls'\nsink(d['safe'])"],
    ['a dict literal entry under another key', "d = {'a': user, 'b': 'ls'}\nsink(d['b'])"],
    ['a tuple element that is constant', "t = (user, 'ls')\nsink(t[1])"],
    ['an overwritten name', "x = user\nx = 'safe'\nsink(x)"],
    ['int() and friends', 'sink(int(user))'],
    ['len()', 'sink(len(user))'],
    ['uuid.UUID', 'import uuid\nsink(uuid.UUID(user))'],
    ['boolean results', "sink(user.startswith('a'))"],
    ['comparisons', "sink(user == 'a')"],
    ['an assignment in a dead branch', "x = 'ls'\nif False:\n    x = user\nsink(x)"],
    ['an assignment in a branch a constant excludes', "DEBUG = False\nx = 'ls'\nif DEBUG:\n    x = user\nsink(x)"],
    ['the live arm of a constant conditional expression', "sink('a' if True else user)"],
    ['a shadowed source', 'def f(sys):\n    sink(sys.argv[1])'],
    ['a local request variable', "request = {'args': {}}\nsink(request['args'])"],
    ['shlex.quote for a shell sink', 'import shlex\nsink(shlex.quote(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['shell']) }],
    ['shlex.quote reassigned', 'import shlex\nuser = shlex.quote(user)\nsink(user)', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['shell']) }],
    ['html.escape for an HTML sink', 'import html\nsink(html.escape(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['html']) }],
    ['markupsafe.escape', 'from markupsafe import escape\nsink(escape(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['html']) }],
    ['bleach.clean', 'import bleach\nsink(bleach.clean(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['html']) }],
    ['os.path.basename for a path sink', 'import os\nsink(os.path.join("/srv", os.path.basename(user)))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['path']) }],
    ['secure_filename', 'from werkzeug.utils import secure_filename\nsink(secure_filename(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['path']) }],
    ['a sanitizes() hook', 'sink(clean_it(user))', { kinds: new Set<TaintKind>(['argv']), sanitizes: (c) => c.childForFieldName('function')?.text === 'clean_it' }],
    ['a helper named sanitize_*', 'sink(sanitize_cmd(user))'],
    ['urllib.parse.quote for a URL component', 'from urllib.parse import quote\nsink(quote(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['url']) }],
    ['psycopg2.sql.Identifier for SQL', 'from psycopg2 import sql\nsink(sql.Identifier(user))', { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['sql']) }],
    ['a tool function called directly with a constant', 'from langchain_core.tools import tool\n@tool\ndef run(cmd: str) -> str:\n    return cmd\nsink(run("ls"))'],
    ['a function that drops its argument', "def f(x):\n    return 'ls'\nsink(f(user))"],
    ['allow-list membership', "ALLOWED = {'ls', 'pwd'}\nif user in ALLOWED:\n    sink(user)"],
    ['allow-list with early return', "ALLOWED = ('ls', 'pwd')\ndef f(cmd):\n    if cmd not in ALLOWED:\n        return None\n    sink(cmd)\nf(user)"],
    ['allow-list with raise', "def f(cmd):\n    if cmd not in ['ls', 'pwd']:\n        raise ValueError(cmd)\n    sink(cmd)\nf(user)"],
    ['equality check', "if user == 'ls':\n    sink(user)"],
    ['re.fullmatch guard', "import re\nif re.fullmatch(r'[a-z]+', user):\n    sink(user)"],
    ['anchored re.match with abort', "import re\nfrom flask import abort\ndef f(v):\n    if not re.match(r'^[a-z]+$', v):\n        abort(400)\n    sink(v)\nf(user)"],
    ['compiled pattern', "import re\nNAME = re.compile(r'[a-z]+')\nif NAME.fullmatch(user):\n    sink(user)"],
    ['isdigit', 'if user.isdigit():\n    sink(user)'],
    ['assert', "assert user in ('a', 'b')\nsink(user)"],
    ['guard in a conditional expression', "sink(user if user in ('a', 'b') else 'a')"],
    ['realpath containment', "import os\nBASE = '/srv'\np = os.path.realpath(os.path.join(BASE, user))\nif not p.startswith(BASE):\n    raise ValueError()\nsink(p)", { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['path']) }],
    ['Path.resolve().is_relative_to', "from pathlib import Path\nBASE = Path('/srv')\ndef f(name):\n    p = (BASE / name).resolve()\n    if not p.is_relative_to(BASE):\n        return\n    sink(p)\nf(user)", { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['path']) }],
  ];
  for (const [name, body, options] of cases) {
    it(name, () => assert.equal(sinkKind(src + body + '\n', options), null));
  }

  describe('what the guards and sanitizers do not cover', () => {
    it('shlex.quote is not an HTML sanitizer', () => {
      assert.equal(sinkKind(`${src}import shlex\nsink(shlex.quote(user))\n`, { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['html']) }), 'argv');
    });
    it('a prefix check without normalisation is no containment', () => {
      const code = `${src}BASE = '/srv'\np = BASE + '/' + user\nif not p.startswith(BASE):\n    raise ValueError()\nsink(p)\n`;
      assert.equal(sinkKind(code, { kinds: new Set<TaintKind>(['argv']), sanitizers: new Set(['path']) }), 'argv');
    });
    it('containment is not accepted without the path kind', () => {
      const code = `${src}import os\nBASE = '/srv'\np = os.path.realpath(user)\nif not p.startswith(BASE):\n    raise ValueError()\nsink(p)\n`;
      assert.equal(sinkKind(code), 'argv');
    });
    it('a guard on a non-constant list', () => assert.equal(sinkKind(`${src}if user in load_list():\n    sink(user)\n`), 'argv'));
    it('a guard whose branch does not exit', () => assert.equal(sinkKind(`${src}if user not in ('a', 'b'):\n    print('bad')\nsink(user)\n`), 'argv'));
    it('a reassignment after the guard', () => {
      assert.equal(sinkKind(`${src}def f(cmd, other):\n    if cmd not in ('a',):\n        return\n    cmd = other\n    sink(cmd)\nf('a', user)\n`), 'argv');
    });
    it('an unanchored re.match', () => assert.equal(sinkKind(`${src}import re\nif re.match(r'[a-z]+', user):\n    sink(user)\n`), 'argv'));
    it('a conditional overwrite keeps the earlier value', () => assert.equal(sinkKind(`${src}x = user\nif c:\n    x = 'safe'\nsink(x)\n`), 'argv'));
  });
});

describe('python flow: url option and budget', () => {
  before(preparePython);
  const src = "import sys\nuser = sys.argv[1]\n";
  const url: PythonFlowOptions = { kinds: new Set<TaintKind>(['argv']), url: true };

  it('only the part that decides the destination counts', () => {
    assert.equal(sinkKind(`${src}sink(f'https://api.example.com/items/{user}')\n`, url), null);
    assert.equal(sinkKind(`${src}sink('https://api.example.com/items/' + user)\n`, url), null);
    assert.equal(sinkKind(`${src}sink(f'https://{user}/items')\n`, url), 'argv');
    assert.equal(sinkKind(`${src}sink(user + '/items')\n`, url), 'argv');
    assert.equal(sinkKind(`${src}sink(f'https://api.example.com/items/{user}')\n`), 'argv');
  });

  it('a long chain of self-assignments stays linear', () => {
    const body = Array.from({ length: 300 }, () => 'v = v + user').join('\n');
    const started = Date.now();
    assert.equal(sinkKind(`${src}v = ''\n${body}\nsink(v)\n`), 'argv');
    assert.ok(Date.now() - started < 5000);
  });

  it('past the budget the answer is null, not a guess', () => {
    const body = Array.from({ length: 200 }, (_, i) => `v${i + 1} = v${i} + user`).join('\n');
    const code = `${src}v0 = ''\n${body}\nsink(v200)\n`;
    const result = withPython(code, (p, h) => {
      h.flow.budget = 20;
      const call = p.root.module.descendantsOfType('call').find((c) => c?.childForFieldName('function')?.text === 'sink')!;
      const t = h.taint(h.argument(call, 0)!, ALL);
      return { kind: t?.kind ?? null, exhausted: h.flow.budgetExhausted, again: h.taint(nodeAt(p, 'user', undefined, 1), ALL) };
    });
    assert.deepEqual(result, { kind: null, exhausted: true, again: null });
    // Within the default budget the same file is answered.
    assert.equal(sinkKind(code), 'argv');
  });

  it('summaries nested too deep answer null without exhausting the file', () => {
    const n = 40;
    const fns = Array.from({ length: n }, (_, i) => `def f${i}(x):\n    return f${i + 1}(x)`).join('\n');
    const code = `${src}${fns}\ndef f${n}(x):\n    return x\nsink(f0(user))\nsink(user)\n`;
    const result = withPython(code, (p, h) => {
      const calls = p.root.module.descendantsOfType('call').filter((c) => c?.childForFieldName('function')?.text === 'sink');
      return [h.taint(h.argument(calls[0]!, 0)!, ALL)?.kind ?? null, h.taint(h.argument(calls[1]!, 0)!, ALL)?.kind ?? null, h.flow.budgetExhausted];
    });
    assert.deepEqual(result, [null, 'argv', false]);
  });
});

describe('python flow: hostile shapes stay bounded', () => {
  before(preparePython);
  const ALL_KINDS = ALL;

  const shapes: Record<string, string> = {
    'deep parentheses': 'import sys\nu = sys.argv[1]\nx = ' + '('.repeat(2000) + 'u' + ')'.repeat(2000) + '\nsink(x)\n',
    'a long + chain': 'import sys\nu = sys.argv[1]\nx = ' + Array(4000).fill("'a'").join(' + ') + ' + u\nsink(x)\n',
    'a long attribute chain': 'import os\nx = os' + '.a'.repeat(2000) + '\nsink(x)\n',
    'nested conditional expressions': 'x = ' + Array(1500).fill('a if c else').join(' ') + ' b\nsink(x)\n',
    'long boolean and comparison chains': 'x = ' + Array(2000).fill('a').join(' and ') + '\ny = ' + Array(2000).fill('a').join(' < ') + '\nsink(x)\nsink(y)\n',
    'an alias chain': 'import os\na0 = os.system\n' + Array.from({ length: 2000 }, (_, i) => `a${i + 1} = a${i}`).join('\n') + '\nsink(a2000)\n',
    'keyed writes chained through a dict': 'd = {}\n' + Array.from({ length: 2000 }, (_, i) => `d['k${i}'] = d['k${i + 1}']`).join('\n') + "\nsink(d['k0'])\n",
    'deeply nested unpacking': '(' .repeat(300) + 'a' + ',)'.repeat(300) + ' = v\nsink(a)\n',
  };
  for (const [name, code] of Object.entries(shapes)) {
    it(name, () => {
      const started = Date.now();
      withPython(code, (parsed, h) => {
        for (const call of parsed.root.module.descendantsOfType('call')) {
          const arg = call ? h.argument(call, 0) : null;
          if (!call || !arg) continue;
          h.callee(call);
          h.taint(arg, ALL_KINDS);
          h.constant(arg);
          h.isConstant(arg);
          h.liveBranch(arg);
          h.resolve(arg);
        }
      });
      assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
    });
  }
});

describe('python flow: offsets in non-ASCII text', () => {
  before(preparePython);
  it('sources, guards and steps are found after astral characters and non-ASCII names', () => {
    const code = "# 😀 héllo\nimport sys\nnamé = sys.argv[1]  # 🚀\nif namé in ('ä', 'b'):\n    sink(namé)\nsink('😀' + namé)\n";
    assert.equal(sinkKind(code), null);
    assert.equal(sinkKind(code, undefined, 1), 'argv');
    const step = withPython(code, (p, h) => {
      const calls = p.root.module.descendantsOfType('call').filter((c) => c?.childForFieldName('function')?.text === 'sink');
      return h.taint(h.argument(calls[1]!, 0)!, ALL)?.steps?.map((s) => s.text);
    });
    assert.deepEqual(step, ['namé = sys.argv[1]']);
  });
});

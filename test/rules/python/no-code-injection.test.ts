import rule from '../../../src/rules/python/no-code-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "ast.literal_eval of request data", code: `import ast
from flask import request

def settings():
    return ast.literal_eval(request.form["settings"])`, filename: 'app.py' },
    { name: "a constant expression", code: `RESULT = eval("2 ** 10")
exec("import json")
code = compile("x + 1", "<expr>", "eval")`, filename: 'app.py' },
    { name: "json.loads of model output", code: `import json
from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(model="gpt-4o", messages=[])
data = json.loads(resp.choices[0].message.content)`, filename: 'app.py' },
    { name: "a plugin name checked against an allow-list", code: `import importlib
from flask import request, abort

PLUGINS = {"csv", "xlsx"}

def export():
    name = request.args["format"]
    if name not in PLUGINS:
        abort(400)
    return importlib.import_module(f"exporters.{name}").run()`, filename: 'app.py' },
    { name: "a module from settings", code: `import importlib
from django.conf import settings

backend = importlib.import_module(settings.CACHE_BACKEND)`, filename: 'app.py' },
    { name: "a local eval shadows the builtin", code: `from flask import request

def eval(expression):
    return expression.upper()

def view():
    return eval(request.args["q"])`, filename: 'app.py' },
    { name: "dead code", code: `from flask import request

if False:
    eval(request.args["q"])`, filename: 'app.py' },
    { name: "a number conversion", code: `from flask import request

def double():
    return eval(f"{int(request.args['n'])} * 2")`, filename: 'app.py' },
    { name: "a command-line tool evaluating its input", code: `import sys

print(eval(sys.argv[1]))`, filename: 'app.py' },
    { name: "environment variables are configuration", code: `import os

DEBUG = eval(os.environ.get("DEBUG", "False"))`, filename: 'app.py' },
    { name: "compile of a file the program ships", code: `with open("rules.py") as f:
    code = compile(f.read(), "rules.py", "exec")`, filename: 'app.py' },
    { name: "a Jinja2 sandbox is not eval", code: `from jinja2.sandbox import SandboxedEnvironment
from flask import request

env = SandboxedEnvironment()
out = env.from_string("{{ 1 + 1 }}").render()`, filename: 'app.py' },
    { code: `def _make_getter(attr):\n    return eval(f"lambda obj: obj.{attr}")`, filename: 'app.py', name: 'a private helper building code for eval' },
    { code: `def evaluate(expression):\n    return eval(expression)`, filename: 'app.py', name: 'a parameter evaluated as it is (the caller\'s business)' },
  ],
  invalid: [
    {
      name: "eval of request data in a Flask view",
      code: `from flask import Flask, request

app = Flask(__name__)

@app.post("/calc")
def calc():
    expression = request.json["expression"]
    return {"result": eval(expression)}`,
      filename: 'app.py',
      errors: [
        { messageId: 'evalUntrusted', line: 8, column: 28, endLine: 8, endColumn: 38, related: 2, suggestions: [
          { messageId: 'useLiteralEval', output: `import ast
from flask import Flask, request

app = Flask(__name__)

@app.post("/calc")
def calc():
    expression = request.json["expression"]
    return {"result": ast.literal_eval(expression)}` },
        ] },
      ],
    },
    {
      name: "eval of model output",
      code: `from openai import OpenAI

client = OpenAI()

def refund(order, complaint):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": complaint}])
    formula = resp.choices[0].message.content.strip()
    return float(eval(formula))`,
      filename: 'app.py',
      errors: [
        { messageId: 'evalUntrusted', line: 8, column: 23, endLine: 8, endColumn: 30, related: 3, suggestions: [
          { messageId: 'useLiteralEval', output: `import ast
from openai import OpenAI

client = OpenAI()

def refund(order, complaint):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": complaint}])
    formula = resp.choices[0].message.content.strip()
    return float(ast.literal_eval(formula))` },
        ] },
      ],
    },
    {
      name: "exec of an f-string",
      code: `from flask import request

def configure():
    exec(f"LIMIT = {request.form['limit']}")`,
      filename: 'app.py',
      errors: [
        { messageId: 'evalUntrusted', line: 4, column: 10, endLine: 4, endColumn: 44, related: 1 },
      ],
    },
    {
      name: "a LangChain calculator tool",
      code: `from langchain_core.tools import tool

@tool
def calculator(expression: str) -> str:
    """Evaluate a math expression."""
    return str(eval(expression, {"__builtins__": {}}))`,
      filename: 'app.py',
      errors: [
        { messageId: 'evalUntrusted', line: 6, column: 21, endLine: 6, endColumn: 31, related: 1 },
      ],
    },
    {
      name: "compile of a Django request body",
      code: `from django.http import JsonResponse

def run(request):
    code = compile(request.body.decode(), "<req>", "exec")
    return JsonResponse({"ok": True})`,
      filename: 'app.py',
      errors: [
        { messageId: 'evalUntrusted', line: 4, column: 20, endLine: 4, endColumn: 41, related: 1 },
      ],
    },
    {
      name: "importlib.import_module of a query parameter",
      code: `import importlib
from fastapi import FastAPI

app = FastAPI()

@app.get("/export")
def export(fmt: str):
    module = importlib.import_module(fmt)
    return module.export()`,
      filename: 'app.py',
      errors: [
        { messageId: 'importUntrusted', line: 8, column: 38, endLine: 8, endColumn: 41, related: 1 },
      ],
    },
    {
      name: "__import__ of a tool argument",
      code: `from agents import function_tool

@function_tool
def load_plugin(name: str) -> str:
    return __import__(name).describe()`,
      filename: 'app.py',
      errors: [
        { messageId: 'importUntrusted', line: 5, column: 23, endLine: 5, endColumn: 27, related: 1 },
      ],
    },
    {
      name: "eval through builtins",
      code: `import builtins
from flask import request

def view():
    return builtins.eval(request.args["q"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'evalUntrusted', line: 5, column: 26, endLine: 5, endColumn: 43, related: 1, suggestions: [
          { messageId: 'useLiteralEval', output: `import ast
import builtins
from flask import request

def view():
    return ast.literal_eval(request.args["q"])` },
        ] },
      ],
    },
    {
      name: 'a parameter built into code for eval',
      code: `def make_getter(attr):\n    return eval(f"lambda obj: obj.{attr}")`,
      filename: 'app.py',
      errors: [{ messageId: 'evalUntrustedParam', severity: 'warning', line: 2, column: 17, endLine: 2, endColumn: 42, related: 1, suggestions: [{ messageId: 'useLiteralEval', output: `import ast\ndef make_getter(attr):\n    return ast.literal_eval(f"lambda obj: obj.{attr}")` }] }],
    },
  ],
});

import rule from '../../../src/rules/python/no-template-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "values passed as template variables", code: `from flask import Flask, request, render_template_string

app = Flask(__name__)

@app.get("/hello")
def hello():
    return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name", "there"))`, filename: 'app.py' },
    { name: "a template file", code: `from flask import Flask, request, render_template

app = Flask(__name__)

@app.get("/hello")
def hello():
    return render_template("hello.html", name=request.args["name"])`, filename: 'app.py' },
    { name: "a constant jinja2 template", code: `from jinja2 import Template
from flask import request

GREETING = Template("Hello {{ name }}!")

def greet():
    return GREETING.render(name=request.args["name"])`, filename: 'app.py' },
    { name: "a sandboxed environment is meant for untrusted templates", code: `from jinja2.sandbox import SandboxedEnvironment
from flask import request

env = SandboxedEnvironment(autoescape=True)

def preview():
    return env.from_string(request.form["template"]).render()`, filename: 'app.py' },
    { name: "a template chosen from a constant mapping", code: `from flask import request, render_template_string

TEMPLATES = {"short": "<p>{{ body }}</p>", "long": "<article>{{ body }}</article>"}

def render():
    source = TEMPLATES.get(request.args["layout"], "<p>{{ body }}</p>")
    return render_template_string(source, body=request.args["body"])`, filename: 'app.py' },
    { name: "a template from a file the application ships", code: `from jinja2 import Environment, FileSystemLoader, select_autoescape

env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())

def page(user):
    return env.get_template("profile.html").render(user=user)`, filename: 'app.py' },
    { name: "autoescape=True", code: `import jinja2
from flask import Flask

app = Flask(__name__)
env = jinja2.Environment(autoescape=True)`, filename: 'app.py' },
    { name: "an environment that renders SQL, not HTML", code: `from jinja2 import Environment, FileSystemLoader

env = Environment(loader=FileSystemLoader("sql"))
query = env.get_template("report.sql").render(table="sales")`, filename: 'app.py' },
    { name: "an environment for a code generator without a web framework", code: `from jinja2 import Environment, PackageLoader

env = Environment(loader=PackageLoader("codegen"), trim_blocks=True)

def render(model):
    return env.get_template("model.py.j2").render(model=model)`, filename: 'app.py' },
    { name: "a Django template from a string constant", code: `from django.template import Template, Context
from django.http import HttpResponse

def view(request):
    return HttpResponse(Template("<p>{{ q }}</p>").render(Context({"q": request.GET.get("q")})))`, filename: 'app.py' },
    { name: "a template text from the environment", code: `import os
from jinja2 import Template

banner = Template(os.environ.get("BANNER_TEMPLATE", "Welcome")).render()`, filename: 'app.py' },
    { name: "a local Template class", code: `from flask import request

class Template:
    def __init__(self, text):
        self.text = text

t = Template(request.args["t"])`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "render_template_string of an f-string in a Flask view",
      code: `from flask import Flask, request, render_template_string

app = Flask(__name__)

@app.get("/hello")
def hello():
    name = request.args.get("name", "there")
    return render_template_string(f"<h1>Hello {name}!</h1>")`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 8, column: 35, endLine: 8, endColumn: 60, related: 2, suggestions: [
          { messageId: 'useContext', output: `from flask import Flask, request, render_template_string

app = Flask(__name__)

@app.get("/hello")
def hello():
    name = request.args.get("name", "there")
    return render_template_string("<h1>Hello {{ name }}!</h1>", name=name)` },
        ] },
      ],
    },
    {
      name: "an existing context argument and two values",
      code: `from flask import request, render_template_string

def reply():
    return render_template_string(f"<div class='reply'>{request.args['text']} ({request.args['author']})</div>", title="Reply")`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 4, column: 35, endLine: 4, endColumn: 112, related: 1, suggestions: [
          { messageId: 'useContext', output: `from flask import request, render_template_string

def reply():
    return render_template_string("<div class='reply'>{{ text }} ({{ author }})</div>", title="Reply", text=request.args['text'], author=request.args['author'])` },
        ] },
      ],
    },
    {
      name: "jinja2.Template of request data",
      code: `import jinja2
from flask import request

def preview():
    return jinja2.Template(request.form["template"]).render()`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 5, column: 28, endLine: 5, endColumn: 52, related: 1 },
      ],
    },
    {
      name: "Environment.from_string of model output",
      code: `from jinja2 import Environment
from openai import OpenAI

client = OpenAI()
env = Environment()

def email(customer):
    resp = client.chat.completions.create(model="gpt-4o", messages=[])
    return env.from_string(resp.choices[0].message.content).render(customer=customer)`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 9, column: 28, endLine: 9, endColumn: 59, related: 2 },
      ],
    },
    {
      name: "a Django Template built from a query parameter",
      code: `from django.template import Template, Context
from django.http import HttpResponse

def greet(request):
    t = Template("<p>Hello " + request.GET["name"] + "</p>")
    return HttpResponse(t.render(Context({})))`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 5, column: 18, endLine: 5, endColumn: 60, related: 1 },
      ],
    },
    {
      name: "a Mako template from a FastAPI parameter",
      code: `from fastapi import FastAPI
from mako.template import Template

app = FastAPI()

@app.get("/render")
def render(tpl: str):
    return Template(tpl).render()`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 8, column: 21, endLine: 8, endColumn: 24, related: 1 },
      ],
    },
    {
      name: "an Environment without autoescape in a Flask app",
      code: `from flask import Flask
from jinja2 import Environment, FileSystemLoader

app = Flask(__name__)
env = Environment(loader=FileSystemLoader("templates"))`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'noAutoescape', line: 5, column: 7, endLine: 5, endColumn: 18, related: 0, suggestions: [
          { messageId: 'enableAutoescape', output: `from flask import Flask
from jinja2 import Environment, FileSystemLoader, select_autoescape

app = Flask(__name__)
env = Environment(loader=FileSystemLoader("templates"), autoescape=select_autoescape())` },
          { messageId: 'enableAutoescape', output: `from flask import Flask
from jinja2 import Environment, FileSystemLoader

app = Flask(__name__)
env = Environment(loader=FileSystemLoader("templates"), autoescape=True)` },
        ] },
      ],
    },
    {
      name: "autoescape=False with HTML templates",
      code: `import jinja2

env = jinja2.Environment(loader=jinja2.FileSystemLoader("mail"), autoescape=False)

def welcome(user):
    return env.get_template("welcome.html").render(user=user)`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'noAutoescape', line: 3, column: 77, endLine: 3, endColumn: 82, related: 0, suggestions: [
          { messageId: 'enableAutoescape', output: `import jinja2

env = jinja2.Environment(loader=jinja2.FileSystemLoader("mail"), autoescape=jinja2.select_autoescape())

def welcome(user):
    return env.get_template("welcome.html").render(user=user)` },
          { messageId: 'enableAutoescape', output: `import jinja2

env = jinja2.Environment(loader=jinja2.FileSystemLoader("mail"), autoescape=True)

def welcome(user):
    return env.get_template("welcome.html").render(user=user)` },
        ] },
      ],
    },
    {
      name: "a LangChain tool argument",
      code: `from jinja2 import Template
from langchain_core.tools import tool

@tool
def render_report(template: str) -> str:
    """Render a report template."""
    return Template(template).render()`,
      filename: 'app.py',
      errors: [
        { messageId: 'templateInjection', line: 7, column: 21, endLine: 7, endColumn: 29, related: 1 },
      ],
    },
  ],
});

import rule from '../../../src/rules/python/no-xss';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "escaped with html.escape", code: `import html
from flask import Flask, request

app = Flask(__name__)

@app.get("/search")
def search():
    q = request.args.get("q", "")
    return f"<p>Results for {html.escape(q)}</p>"`, filename: 'app.py' },
    { name: "a template with autoescaping", code: `from flask import Flask, request, render_template

app = Flask(__name__)

@app.get("/search")
def search():
    return render_template("search.html", q=request.args.get("q", ""))`, filename: 'app.py' },
    { name: "JSON responses", code: `from flask import Flask, request, jsonify

app = Flask(__name__)

@app.get("/echo")
def echo():
    return jsonify(q=request.args["q"])

@app.post("/data")
def data():
    return request.get_json()`, filename: 'app.py' },
    { name: "a dict returned from a view becomes JSON", code: `from flask import Flask, request

app = Flask(__name__)

@app.get("/hello")
def hello():
    return {"message": f"Hello {request.args['name']}"}`, filename: 'app.py' },
    { name: "a plain-text response", code: `from django.http import HttpResponse

def ping(request):
    return HttpResponse(f"pong {request.GET.get('id')}", content_type="text/plain")`, filename: 'app.py' },
    { name: "FastAPI returns JSON by default", code: `from fastapi import FastAPI

app = FastAPI()

@app.get("/hello")
def hello(name: str):
    return f"Hello {name}"`, filename: 'app.py' },
    { name: "Markup.format escapes its arguments", code: `from markupsafe import Markup
from flask import request

def badge():
    return Markup("<b>{}</b>").format(request.args["name"])`, filename: 'app.py' },
    { name: "format_html with a constant format", code: `from django.utils.html import format_html

def link(request):
    return format_html('<a href="{}">{}</a>', request.GET["url"], request.GET["text"])`, filename: 'app.py' },
    { name: "mark_safe of a constant", code: `from django.utils.safestring import mark_safe

FOOTER = mark_safe("<footer>&copy; Acme</footer>")`, filename: 'app.py' },
    { name: "bleach.clean before marking safe", code: `import bleach
from markupsafe import Markup
from flask import request

def comment():
    return Markup(bleach.clean(request.form["body"]))`, filename: 'app.py' },
    { name: "a number in HTML", code: `from flask import Flask, request

app = Flask(__name__)

@app.get("/page")
def page():
    return f"<p>Page {int(request.args.get('n', 1))}</p>"`, filename: 'app.py' },
    { name: "render_template_string with an escaped variable", code: `from flask import request, render_template_string

def hello():
    return render_template_string("<p>{{ name }}</p>", name=request.args["name"])`, filename: 'app.py' },
    { name: "an aiohttp text response", code: `from aiohttp import web

async def hello(request):
    return web.Response(text=f"Hello {request.query['name']}")`, filename: 'app.py' },
    { name: "the safe filter on a value the application wrote", code: `from flask import request, render_template_string

FOOTER = "<footer>&copy; Acme</footer>"

def page():
    return render_template_string("<p>{{ q }}</p>{{ footer|safe }}", q=request.args["q"], footer=FOOTER)`, filename: 'app.py' },
    { name: "a header of the browser's own request", code: `from flask import Flask, request

app = Flask(__name__)

@app.get("/ua")
def user_agent():
    return f"<p>Your browser: {request.headers.get('User-Agent')}</p>"`, filename: 'app.py' },
    { name: "a local class named Markup", code: `from flask import request

class Markup(str):
    pass

def label():
    return Markup(request.args["label"])`, filename: 'app.py' },
    { name: "a helper that is not a view", code: `def banner(name):
    return f"<b>{name}</b>"`, filename: 'app.py' },
    { code: `from markupsafe import Markup, escape\n\ndef badge(label):\n    return Markup(f"<span class='badge'>{escape(label)}</span>")`, filename: 'helpers.py', name: 'a parameter escaped before it is marked safe' },
    { code: `from markupsafe import Markup\n\ndef badge(label):\n    return Markup("<span class='badge'>{}</span>").format(label)`, filename: 'helpers.py', name: 'a parameter formatted by Markup, which escapes it' },
    { code: `from markupsafe import Markup\n\ndef trusted(html):\n    return Markup(html)`, filename: 'helpers.py', name: 'markup passed through unchanged (the caller\'s business)' },
    { code: `from markupsafe import Markup\n\ndef _badge(label):\n    return Markup(f"<span>{label}</span>")`, filename: 'helpers.py', name: 'a private helper' },
  ],
  invalid: [
    {
      name: "an f-string returned from a Flask view",
      code: `from flask import Flask, request

app = Flask(__name__)

@app.get("/search")
def search():
    q = request.args.get("q", "")
    return f"<p>No results for {q}</p>"`,
      filename: 'app.py',
      errors: [
        { messageId: 'xss', line: 8, column: 12, endLine: 8, endColumn: 40, related: 2, suggestions: [
          { messageId: 'escapeValue', output: `import html
from flask import Flask, request

app = Flask(__name__)

@app.get("/search")
def search():
    q = request.args.get("q", "")
    return f"<p>No results for {html.escape(q)}</p>"` },
        ] },
      ],
    },
    {
      name: "a request value echoed by a view",
      code: `from flask import Blueprint, request

bp = Blueprint("echo", __name__)

@bp.route("/echo")
def echo():
    return request.args["msg"], 200`,
      filename: 'app.py',
      errors: [
        { messageId: 'xss', line: 7, column: 12, endLine: 7, endColumn: 31, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from flask import Blueprint, request

bp = Blueprint("echo", __name__)

@bp.route("/echo")
def echo():
    return html.escape(request.args["msg"]), 200` },
        ] },
      ],
    },
    {
      name: "Django HttpResponse",
      code: `from django.http import HttpResponse

def greet(request):
    return HttpResponse("<h1>Hello " + request.GET["name"] + "</h1>")`,
      filename: 'app.py',
      errors: [
        { messageId: 'xss', line: 4, column: 25, endLine: 4, endColumn: 69, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from django.http import HttpResponse

def greet(request):
    return HttpResponse("<h1>Hello " + html.escape(request.GET["name"]) + "</h1>")` },
        ] },
      ],
    },
    {
      name: "Markup of an f-string",
      code: `from markupsafe import Markup
from flask import request

def badge():
    name = request.args["name"]
    return Markup(f"<b>{name}</b>")`,
      filename: 'app.py',
      errors: [
        { messageId: 'markedSafe', line: 6, column: 19, endLine: 6, endColumn: 35, related: 2, suggestions: [
          { messageId: 'useMarkupFormat', output: `from markupsafe import Markup
from flask import request

def badge():
    name = request.args["name"]
    return Markup("<b>{}</b>").format(name)` },
          { messageId: 'escapeValue', output: `import html
from markupsafe import Markup
from flask import request

def badge():
    name = request.args["name"]
    return Markup(f"<b>{html.escape(name)}</b>")` },
        ] },
      ],
    },
    {
      name: "mark_safe of model output",
      code: `from django.utils.safestring import mark_safe
from openai import OpenAI

client = OpenAI()

def summary(request):
    resp = client.chat.completions.create(model="gpt-4o", messages=[])
    return mark_safe(resp.choices[0].message.content)`,
      filename: 'app.py',
      errors: [
        { messageId: 'markedSafe', line: 8, column: 22, endLine: 8, endColumn: 53, related: 2, suggestions: [
          { messageId: 'escapeValue', output: `import html
from django.utils.safestring import mark_safe
from openai import OpenAI

client = OpenAI()

def summary(request):
    resp = client.chat.completions.create(model="gpt-4o", messages=[])
    return mark_safe(html.escape(resp.choices[0].message.content))` },
        ] },
      ],
    },
    {
      name: "HTMLResponse in FastAPI",
      code: `from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/hello")
def hello(name: str):
    return HTMLResponse(f"<h1>Hello {name}</h1>")`,
      filename: 'app.py',
      errors: [
        { messageId: 'xss', line: 8, column: 25, endLine: 8, endColumn: 49, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/hello")
def hello(name: str):
    return HTMLResponse(f"<h1>Hello {html.escape(name)}</h1>")` },
        ] },
      ],
    },
    {
      name: "a route declared with response_class=HTMLResponse",
      code: `from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/hello", response_class=HTMLResponse)
def hello(name: str):
    return "<h1>Hello " + name + "</h1>"`,
      filename: 'app.py',
      errors: [
        { messageId: 'xss', line: 8, column: 12, endLine: 8, endColumn: 41, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from fastapi import FastAPI
from fastapi.responses import HTMLResponse

app = FastAPI()

@app.get("/hello", response_class=HTMLResponse)
def hello(name: str):
    return "<h1>Hello " + html.escape(name) + "</h1>"` },
        ] },
      ],
    },
    {
      name: "make_response of an HTML string",
      code: `from flask import request, make_response

def profile():
    resp = make_response("<div>%s</div>" % request.cookies.get("display_name"))
    return resp`,
      filename: 'app.py',
      errors: [
        { messageId: 'xss', line: 4, column: 26, endLine: 4, endColumn: 79, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from flask import request, make_response

def profile():
    resp = make_response("<div>%s</div>" % html.escape(request.cookies.get("display_name")))
    return resp` },
        ] },
      ],
    },
    {
      name: "the safe filter on request data",
      code: `from flask import request, render_template_string

def comment():
    return render_template_string("<p>{{ body|safe }}</p>", body=request.form["body"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'unsafeFilter', line: 4, column: 66, endLine: 4, endColumn: 86, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from flask import request, render_template_string

def comment():
    return render_template_string("<p>{{ body|safe }}</p>", body=html.escape(request.form["body"]))` },
        ] },
      ],
    },
    {
      name: "autoescaping turned off in the template",
      code: `from flask import request, render_template_string

def note():
    return render_template_string("{% autoescape false %}<p>{{ note }}</p>{% endautoescape %}", note=request.args["note"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'unsafeFilter', line: 4, column: 102, endLine: 4, endColumn: 122, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from flask import request, render_template_string

def note():
    return render_template_string("{% autoescape false %}<p>{{ note }}</p>{% endautoescape %}", note=html.escape(request.args["note"]))` },
        ] },
      ],
    },
    {
      name: "format_html with a format built from request data",
      code: `from django.utils.html import format_html

def link(request):
    return format_html(f'<a href="/u/{request.GET["user"]}">profile</a>')`,
      filename: 'app.py',
      errors: [
        { messageId: 'markedSafe', line: 4, column: 24, endLine: 4, endColumn: 73, related: 1, suggestions: [
          { messageId: 'escapeValue', output: `import html
from django.utils.html import format_html

def link(request):
    return format_html(f'<a href="/u/{html.escape(request.GET["user"])}">profile</a>')` },
        ] },
      ],
    },
    {
      name: 'a parameter of a public helper built into markup marked safe',
      code: `from markupsafe import Markup\n\ndef badge(label):\n    return Markup(f"<span class='badge'>{label}</span>")`,
      filename: 'helpers.py',
      errors: [{ messageId: 'markedSafeParam', severity: 'warning', line: 4, column: 19, endLine: 4, endColumn: 56, related: 1, suggestions: [{ messageId: 'useMarkupFormat', output: `from markupsafe import Markup\n\ndef badge(label):\n    return Markup("<span class='badge'>{}</span>").format(label)` }, { messageId: 'escapeValue', output: `import html\nfrom markupsafe import Markup\n\ndef badge(label):\n    return Markup(f"<span class='badge'>{html.escape(label)}</span>")` }] }],
    },
    {
      name: 'a parameter built into an HTML response',
      code: `from django.http import HttpResponse\n\ndef greeting_response(name):\n    return HttpResponse("<h1>Hello " + name + "</h1>")`,
      filename: 'responses.py',
      errors: [{ messageId: 'xssParam', severity: 'warning', line: 4, column: 25, endLine: 4, endColumn: 54, related: 1, suggestions: [{ messageId: 'escapeValue', output: `import html\nfrom django.http import HttpResponse\n\ndef greeting_response(name):\n    return HttpResponse("<h1>Hello " + html.escape(name) + "</h1>")` }] }],
    },
  ],
});

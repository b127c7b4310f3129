import rule from '../../../src/rules/python/no-header-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "CR and LF removed", code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/download")
def download():
    name = request.args.get("name", "report.csv").replace("\\r", "").replace("\\n", "")
    resp = make_response("data")
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp`, filename: 'app.py' },
    { name: "re.sub of line breaks", code: `import re
from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/t")
def t():
    resp = make_response("ok")
    resp.headers["X-Trace-Id"] = re.sub(r"[\\r\\n]", "", request.headers.get("X-Trace-Id", ""))
    return resp`, filename: 'app.py' },
    { name: "an origin checked against the configured list", code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

ALLOWED_ORIGINS = load_origins()
@app.after_request
def cors(response):
    origin = request.headers.get("Origin")
    if origin in ALLOWED_ORIGINS:
        response.headers["Access-Control-Allow-Origin"] = origin
    return response`, filename: 'app.py' },
    { name: "a number", code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/page")
def page():
    resp = make_response("ok")
    resp.headers["X-Page"] = str(int(request.args["page"]))
    return resp`, filename: 'app.py' },
    { name: "a constant header", code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/x")
def x():
    resp = make_response("ok")
    resp.headers["Cache-Control"] = "no-store"
    return resp`, filename: 'app.py' },
    { name: "the headers of an outgoing request", code: `import requests
from flask import Flask, request, make_response, Response
app = Flask(__name__)

session = requests.Session()
@app.get("/proxy")
def proxy():
    session.headers["X-Forwarded-For"] = request.remote_addr
    return session.get("https://api.example.com").text`, filename: 'app.py' },
    { name: "reading request headers", code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/x")
def x():
    lang = request.headers["Accept-Language"]
    return lang`, filename: 'app.py' },
    { name: "URL-quoted value", code: `from urllib.parse import quote
from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/go")
def go():
    resp = make_response("", 302)
    resp.headers["Location"] = "/search?q=" + quote(request.args["q"])
    return resp`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "Content-Disposition from a query parameter (Flask)",
      code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/download")
def download():
    name = request.args.get("name", "report.csv")
    resp = make_response(build_csv())
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return resp`,
      filename: 'app.py',
      errors: [
        { messageId: 'headerInjection', line: 8, column: 43, endLine: 8, endColumn: 75, related: 1, suggestions: [{ messageId: 'stripLineBreaks', output: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/download")
def download():
    name = request.args.get("name", "report.csv")
    resp = make_response(build_csv())
    resp.headers["Content-Disposition"] = f'attachment; filename="{name}"'.replace("\\r", "").replace("\\n", "")
    return resp` }] },
      ],
    },
    {
      name: "headers.add and the headers= argument",
      code: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/echo")
def echo():
    resp = Response("ok", headers={"X-Request-Id": request.headers["X-Request-Id"]})
    resp.headers.add("X-Lang", request.args["lang"])
    return resp`,
      filename: 'app.py',
      errors: [
        { messageId: 'headerInjection', line: 6, column: 52, endLine: 6, endColumn: 83, related: 1, suggestions: [{ messageId: 'stripLineBreaks', output: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/echo")
def echo():
    resp = Response("ok", headers={"X-Request-Id": str(request.headers["X-Request-Id"]).replace("\\r", "").replace("\\n", "")})
    resp.headers.add("X-Lang", request.args["lang"])
    return resp` }] },
        { messageId: 'headerInjection', line: 7, column: 32, endLine: 7, endColumn: 52, related: 1, suggestions: [{ messageId: 'stripLineBreaks', output: `from flask import Flask, request, make_response, Response
app = Flask(__name__)

@app.get("/echo")
def echo():
    resp = Response("ok", headers={"X-Request-Id": request.headers["X-Request-Id"]})
    resp.headers.add("X-Lang", str(request.args["lang"]).replace("\\r", "").replace("\\n", ""))
    return resp` }] },
      ],
    },
    {
      name: "a Django response",
      code: `from django.http import HttpResponse

def export(request):
    response = HttpResponse(render_csv(), content_type="text/csv")
    response["Content-Disposition"] = "attachment; filename=" + request.GET["file"]
    return response`,
      filename: 'app.py',
      errors: [
        { messageId: 'headerInjection', line: 5, column: 39, endLine: 5, endColumn: 84, related: 1, suggestions: [{ messageId: 'stripLineBreaks', output: `from django.http import HttpResponse

def export(request):
    response = HttpResponse(render_csv(), content_type="text/csv")
    response["Content-Disposition"] = ("attachment; filename=" + request.GET["file"]).replace("\\r", "").replace("\\n", "")
    return response` }] },
      ],
    },
    {
      name: "FastAPI response headers",
      code: `from fastapi import FastAPI, Response
app = FastAPI()

@app.get("/items")
def items(response: Response, tenant: str):
    response.headers["X-Tenant"] = tenant
    return []`,
      filename: 'app.py',
      errors: [
        { messageId: 'headerInjection', line: 6, column: 36, endLine: 6, endColumn: 42, related: 1, suggestions: [{ messageId: 'stripLineBreaks', output: `from fastapi import FastAPI, Response
app = FastAPI()

@app.get("/items")
def items(response: Response, tenant: str):
    response.headers["X-Tenant"] = str(tenant).replace("\\r", "").replace("\\n", "")
    return []` }] },
      ],
    },
  ],
});

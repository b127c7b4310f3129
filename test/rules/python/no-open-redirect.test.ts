import rule from '../../../src/rules/python/no-open-redirect';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "url_for", code: `from flask import Flask, redirect, url_for, request

app = Flask(__name__)

@app.post("/login")
def login():
    return redirect(url_for("profile", name=request.form["user"]))`, filename: 'app.py' },
    { name: "a fixed path with a request value after it", code: `from flask import redirect, request

def go():
    return redirect(f"/users/{request.args['id']}/settings")`, filename: 'app.py' },
    { name: "Django's url_has_allowed_host_and_scheme", code: `from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme

def done(request):
    next_url = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    return HttpResponseRedirect(next_url)`, filename: 'app.py' },
    { name: "a netloc check", code: `from urllib.parse import urlparse
from flask import redirect, request, abort

def back():
    target = request.args.get("next", "/")
    if urlparse(target).netloc:
        abort(400)
    return redirect(target)`, filename: 'app.py' },
    { name: "a relative path checked against //", code: `from flask import redirect, request

def back():
    target = request.args.get("next", "/")
    if not target.startswith("/") or target.startswith("//"):
        target = "/"
    return redirect(target)`, filename: 'app.py' },
    { name: "an allow-list of destinations", code: `from flask import redirect, request, abort

DESTINATIONS = ("/home", "/orders", "/account")

def jump():
    to = request.args["to"]
    if to not in DESTINATIONS:
        abort(400)
    return redirect(to)`, filename: 'app.py' },
    { name: "the https upgrade of the current URL", code: `from flask import redirect, request

def force_https():
    return redirect(request.url.replace("http://", "https://", 1), code=301)`, filename: 'app.py' },
    { name: "a safe-redirect helper", code: `from flask import redirect, request
from .utils import get_safe_redirect

def back():
    return redirect(get_safe_redirect(request.args.get("next")))`, filename: 'app.py' },
    { name: "a redirect to a configured URL", code: `import os
from starlette.responses import RedirectResponse

async def logout(request):
    return RedirectResponse(os.environ.get("LOGOUT_URL", "/"))`, filename: 'app.py' },
    { name: "a local redirect function", code: `from flask import request

def redirect(url):
    print(url)

redirect(request.args["next"])`, filename: 'app.py' },
    { name: "a query parameter added to a fixed URL", code: `from django.shortcuts import redirect
from django.urls import reverse

def search(request):
    return redirect(reverse("results") + "?q=" + request.GET["q"])`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "Flask redirect to a query parameter",
      code: `from flask import Flask, redirect, request

app = Flask(__name__)

@app.get("/logout")
def logout():
    return redirect(request.args["next"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'openRedirect', line: 7, column: 21, endLine: 7, endColumn: 41, related: 1 },
      ],
    },
    {
      name: "Django HttpResponseRedirect",
      code: `from django.http import HttpResponseRedirect

def login_done(request):
    return HttpResponseRedirect(request.GET.get("next", "/"))`,
      filename: 'app.py',
      errors: [
        { messageId: 'openRedirect', line: 4, column: 33, endLine: 4, endColumn: 61, related: 1 },
      ],
    },
    {
      name: "Django redirect shortcut",
      code: `from django.shortcuts import redirect

def go(request):
    to = request.POST["to"]
    return redirect(to)`,
      filename: 'app.py',
      errors: [
        { messageId: 'openRedirect', line: 5, column: 21, endLine: 5, endColumn: 23, related: 2 },
      ],
    },
    {
      name: "Starlette RedirectResponse in FastAPI",
      code: `from fastapi import FastAPI
from fastapi.responses import RedirectResponse

app = FastAPI()

@app.get("/out")
def out(url: str):
    return RedirectResponse(url)`,
      filename: 'app.py',
      errors: [
        { messageId: 'openRedirect', line: 8, column: 29, endLine: 8, endColumn: 32, related: 1 },
      ],
    },
    {
      name: "only checked with startswith(\"/\")",
      code: `from flask import redirect, request

def back():
    target = request.args.get("next", "/")
    if not target.startswith("/"):
        target = "/"
    return redirect(target)`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakCheck', line: 7, column: 21, endLine: 7, endColumn: 27, related: 2 },
      ],
    },
    {
      name: "a lone leading slash does not fix the host",
      code: `from flask import redirect, request

def back():
    return redirect("/" + request.args["path"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'openRedirect', line: 4, column: 21, endLine: 4, endColumn: 47, related: 1 },
      ],
    },
    {
      name: "aiohttp HTTPFound",
      code: `from aiohttp import web

async def jump(request):
    raise web.HTTPFound(request.query["to"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'openRedirect', line: 4, column: 25, endLine: 4, endColumn: 44, related: 1 },
      ],
    },
  ],
});

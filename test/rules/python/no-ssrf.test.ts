import rule from '../../../src/rules/python/no-ssrf';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "a fixed host with a request value in the path", code: `import requests
from flask import request

def item():
    return requests.get(f"https://api.example.com/items/{request.args['id']}", timeout=5).json()`, filename: 'app.py' },
    { name: "str.format and % after a fixed host", code: `import requests
from flask import request

def user():
    a = requests.get("https://api.example.com/users/{}".format(request.args["id"]), timeout=5)
    b = requests.get("https://api.example.com/orgs/%s" % request.args["org"], timeout=5)
    return a.text + b.text`, filename: 'app.py' },
    { name: "request values as query parameters", code: `import httpx
from fastapi import FastAPI

app = FastAPI()

@app.get("/weather")
async def weather(city: str):
    async with httpx.AsyncClient() as client:
        r = await client.get("https://api.weather.example/v1", params={"q": city})
        return r.json()`, filename: 'app.py' },
    { name: "a host checked against an allow-list", code: `from urllib.parse import urlparse
import requests
from flask import request, abort

ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}

def fetch_image():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    return requests.get(url, timeout=5).content`, filename: 'app.py' },
    { name: "a validator helper", code: `import requests
from flask import request, abort
from .security import is_allowed_url

def preview():
    url = request.json["url"]
    if not is_allowed_url(url):
        abort(400)
    return requests.get(url, timeout=5).text`, filename: 'app.py' },
    { name: "a URL from configuration", code: `import os
import requests

WEBHOOK = os.environ["SLACK_WEBHOOK_URL"]
requests.post(WEBHOOK, json={"text": "deployed"}, timeout=5)`, filename: 'app.py' },
    { name: "a command-line tool fetching the URL its user gives", code: `import sys
import requests

print(requests.get(sys.argv[1], timeout=5).status_code)`, filename: 'app.py' },
    { name: "a base URL fixed on the client", code: `import httpx
from flask import request

client = httpx.Client(base_url="https://api.example.com")

def item():
    return client.get("/items/" + request.args["id"]).json()`, filename: 'app.py' },
    { name: "a cache client named client is not an HTTP client", code: `import requests
from flask import request

def cached(client):
    return client.get(request.args["key"])`, filename: 'app.py' },
    { name: "dead code", code: `import requests
from flask import request

if False:
    requests.get(request.args["url"])`, filename: 'app.py' },
    { name: "a library helper parameter", code: `import requests

def download(url, dest):
    with requests.get(url, stream=True, timeout=30) as r:
        with open(dest, "wb") as f:
            f.write(r.content)`, filename: 'app.py' },
    { code: `import requests\n\ndef fetch_user(user_id):\n    return requests.get(f"https://api.example.com/users/{user_id}", timeout=5).json()`, filename: 'client.py', name: 'a parameter as the path of a fixed host' },
    { code: `import requests\n\ndef fetch(url):\n    return requests.get(url, timeout=5).text`, filename: 'client.py', name: 'a URL the caller passes in whole' },
  ],
  invalid: [
    {
      name: "a URL from the query string",
      code: `import requests
from flask import Flask, request

app = Flask(__name__)

@app.get("/preview")
def preview():
    url = request.args["url"]
    return requests.get(url, timeout=5).text`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrf', line: 9, column: 25, endLine: 9, endColumn: 28, related: 2 },
      ],
    },
    {
      name: "the host part of an f-string",
      code: `import requests
from flask import request

def status():
    host = request.args["host"]
    return requests.get(f"http://{host}:8080/health", timeout=2).status_code`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrf', line: 6, column: 25, endLine: 6, endColumn: 53, related: 2 },
      ],
    },
    {
      name: "httpx with a FastAPI parameter",
      code: `import httpx
from fastapi import FastAPI

app = FastAPI()

@app.get("/proxy")
async def proxy(target: str):
    async with httpx.AsyncClient() as client:
        r = await client.get(target)
        return r.text`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrf', line: 9, column: 30, endLine: 9, endColumn: 36, related: 1 },
      ],
    },
    {
      name: "urllib.request.urlopen of a JSON field",
      code: `from urllib.request import urlopen
from flask import request

def fetch():
    return urlopen(request.get_json()["feed_url"]).read()`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrf', line: 5, column: 20, endLine: 5, endColumn: 50, related: 1 },
      ],
    },
    {
      name: "requests.request(method, url)",
      code: `import requests
from django.http import HttpResponse

def relay(request):
    r = requests.request("POST", request.POST["callback"], data=request.body)
    return HttpResponse(r.status_code)`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrf', line: 5, column: 34, endLine: 5, endColumn: 58, related: 1 },
      ],
    },
    {
      name: "a URL chosen by the model",
      code: `import requests
from openai import OpenAI

client = OpenAI()

def research(question):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    url = resp.choices[0].message.content.strip()
    return requests.get(url, timeout=10).text`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrfModel', line: 9, column: 25, endLine: 9, endColumn: 28, related: 3 },
      ],
    },
    {
      name: "an agent tool that fetches a URL",
      code: `import requests
from langchain_core.tools import tool

@tool
def fetch_page(url: str) -> str:
    """Fetch a web page."""
    return requests.get(url, timeout=10).text[:5000]`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrfModel', line: 7, column: 25, endLine: 7, endColumn: 28, related: 1 },
      ],
    },
    {
      name: "aiohttp session with a base taken from the request",
      code: `import aiohttp
from aiohttp import web

async def proxy(request):
    async with aiohttp.ClientSession() as session:
        async with session.get(request.query["upstream"] + "/status") as resp:
            return web.Response(text=await resp.text())`,
      filename: 'app.py',
      errors: [
        { messageId: 'ssrf', line: 6, column: 32, endLine: 6, endColumn: 69, related: 1 },
      ],
    },
    {
      name: 'a parameter as the host of a URL',
      code: `import requests\n\ndef fetch_status(host):\n    return requests.get(f"http://{host}/status", timeout=5).json()`,
      filename: 'client.py',
      errors: [{ messageId: 'ssrfParam', severity: 'warning', line: 4, column: 25, endLine: 4, endColumn: 48, related: 1 }],
    },
  ],
});

import rule from '../../../src/rules/python/no-path-traversal';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "send_from_directory joins safely", code: `from flask import Flask, send_from_directory

app = Flask(__name__)

@app.get("/files/<path:name>")
def download(name):
    return send_from_directory("/srv/files", name)`, filename: 'app.py' },
    { name: "secure_filename", code: `import os
from flask import request
from werkzeug.utils import secure_filename

UPLOADS = "/srv/uploads"

def upload():
    f = request.files["file"]
    f.save(os.path.join(UPLOADS, secure_filename(f.filename)))
    with open(os.path.join(UPLOADS, secure_filename(request.form["name"])), "w") as out:
        out.write("ok")`, filename: 'app.py' },
    { name: "os.path.basename", code: `import os
from flask import request

def read():
    with open(os.path.join("/srv/files", os.path.basename(request.args["name"]))) as f:
        return f.read()`, filename: 'app.py' },
    { name: "a realpath containment check", code: `import os
from flask import request, abort

BASE = "/srv/files"

def read():
    path = os.path.realpath(os.path.join(BASE, request.args["name"]))
    if not path.startswith(BASE + os.sep):
        abort(404)
    with open(path) as f:
        return f.read()`, filename: 'app.py' },
    { name: "a pathlib is_relative_to check", code: `from pathlib import Path
from fastapi import FastAPI, HTTPException

app = FastAPI()
ROOT = Path("/srv/docs").resolve()

@app.get("/docs/{name}")
def doc(name: str):
    path = (ROOT / name).resolve()
    if not path.is_relative_to(ROOT):
        raise HTTPException(404)
    return path.read_text()`, filename: 'app.py' },
    { name: "a name from an allow-list", code: `from flask import request, abort

REPORTS = {"daily", "weekly"}

def report():
    name = request.args["name"]
    if name not in REPORTS:
        abort(404)
    return open(f"/srv/reports/{name}.csv").read()`, filename: 'app.py' },
    { name: "a file object, not a path", code: `import io
from flask import request, send_file

def thumbnail():
    return send_file(io.BytesIO(request.data), mimetype="image/png")`, filename: 'app.py' },
    { name: "a path from configuration", code: `import os

LOG = os.environ.get("LOG_FILE", "/var/log/app.log")
with open(LOG, "a") as f:
    f.write("started\\n")`, filename: 'app.py' },
    { name: "a command-line tool opening the file its user names", code: `import sys

with open(sys.argv[1]) as f:
    print(f.read())`, filename: 'app.py' },
    { name: "a plain function parameter", code: `import shutil

def clean(build_dir):
    shutil.rmtree(build_dir)`, filename: 'app.py' },
    { name: "tarfile with the data filter", code: `import tarfile

def unpack(archive, target):
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")`, filename: 'app.py' },
    { name: "tarfile with checked members", code: `import tarfile

def unpack(archive, target):
    with tarfile.open(archive) as tar:
        members = [m for m in tar.getmembers() if m.isfile() and not m.name.startswith(("/", ".."))]
        tar.extractall(target, members=members)`, filename: 'app.py' },
    { name: "zipfile removes .. and absolute names itself", code: `import zipfile

def unpack(archive, target):
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(target)`, filename: 'app.py' },
    { name: "a local function named open", code: `from flask import request

def open(name):
    return STORE[name]

def read():
    return open(request.args["name"])`, filename: 'app.py' },
    { name: "a FastAPI parameter typed int", code: `from fastapi import FastAPI

app = FastAPI()

@app.get("/invoices/{number}")
def invoice(number: int):
    return open(f"/srv/invoices/{number}.pdf", "rb").read()`, filename: 'app.py' },
    { code: `def read_file(path):\n    with open(path) as f:\n        return f.read()`, filename: 'storage.py', name: 'a path opened as the caller gives it' },
    { code: `import os\n\nBASE = "/srv/files"\n\ndef read_file(name):\n    with open(os.path.join(BASE, os.path.basename(name))) as f:\n        return f.read()`, filename: 'storage.py', name: 'a parameter reduced to its base name' },
    { code: `import os\n\nclass _Store:\n    def read(self, name):\n        return open(os.path.join("/srv", name)).read()`, filename: 'storage.py', name: 'a parameter of a method of a private class' },
    {
      name: 'an existence check of a path a caller passes is the caller\'s business',
      code: `import os

def has_template(base, name):
    return os.path.exists(os.path.join(base, name))`,
      filename: 'lib.py',
    },
    {
      name: 'an existence check of a file name reduced with basename',
      code: `import os
from flask import request

def has_upload():
    return os.path.isfile(os.path.join("/srv/uploads", os.path.basename(request.args["name"])))`,
      filename: 'app.py',
    },
  ],
  invalid: [
    {
      name: "os.path.join with a query parameter",
      code: `import os
from flask import Flask, request

app = Flask(__name__)
UPLOADS = "/srv/uploads"

@app.get("/attachments")
def attachment():
    path = os.path.join(UPLOADS, request.args["file"])
    with open(path, "rb") as f:
        return f.read()`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 10, column: 15, endLine: 10, endColumn: 19, related: 2, suggestions: [
          { messageId: 'useBasename', output: `import os
from flask import Flask, request

app = Flask(__name__)
UPLOADS = "/srv/uploads"

@app.get("/attachments")
def attachment():
    path = os.path.join(UPLOADS, os.path.basename(request.args["file"]))
    with open(path, "rb") as f:
        return f.read()` },
        ] },
      ],
    },
    {
      name: "send_file of an f-string with a route variable",
      code: `from flask import Flask, send_file

app = Flask(__name__)

@app.get("/reports/<name>")
def report(name):
    return send_file(f"/srv/reports/{name}")`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 7, column: 22, endLine: 7, endColumn: 44, related: 1, suggestions: [
          { messageId: 'useBasename', output: `import os
from flask import Flask, send_file

app = Flask(__name__)

@app.get("/reports/<name>")
def report(name):
    return send_file(f"/srv/reports/{os.path.basename(name)}")` },
        ] },
      ],
    },
    {
      name: "pathlib / with a FastAPI parameter",
      code: `from pathlib import Path
from fastapi import FastAPI

app = FastAPI()
DOCS = Path("/srv/docs")

@app.get("/docs/{name}")
def doc(name: str):
    return (DOCS / name).read_text()`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 9, column: 12, endLine: 9, endColumn: 25, related: 1, suggestions: [
          { messageId: 'useBasename', output: `import os
from pathlib import Path
from fastapi import FastAPI

app = FastAPI()
DOCS = Path("/srv/docs")

@app.get("/docs/{name}")
def doc(name: str):
    return (DOCS / os.path.basename(name)).read_text()` },
        ] },
      ],
    },
    {
      name: "a prefix check without normalising is no containment",
      code: `import os
from flask import request, abort

BASE = "/srv/files"

def delete():
    path = os.path.join(BASE, request.form["name"])
    if not path.startswith(BASE):
        abort(400)
    os.remove(path)`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 10, column: 15, endLine: 10, endColumn: 19, related: 2, suggestions: [
          { messageId: 'useBasename', output: `import os
from flask import request, abort

BASE = "/srv/files"

def delete():
    path = os.path.join(BASE, os.path.basename(request.form["name"]))
    if not path.startswith(BASE):
        abort(400)
    os.remove(path)` },
        ] },
      ],
    },
    {
      name: "shutil.rmtree of a Django URL parameter",
      code: `import shutil
from django.http import JsonResponse

def delete_project(request, slug):
    shutil.rmtree("/srv/projects/" + slug)
    return JsonResponse({"deleted": slug})`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 5, column: 19, endLine: 5, endColumn: 42, related: 1, suggestions: [
          { messageId: 'useBasename', output: `import os
import shutil
from django.http import JsonResponse

def delete_project(request, slug):
    shutil.rmtree("/srv/projects/" + os.path.basename(slug))
    return JsonResponse({"deleted": slug})` },
        ] },
      ],
    },
    {
      name: "a LangChain tool reads the path the model chose",
      code: `from langchain_core.tools import tool

@tool
def read_file(path: str) -> str:
    """Read a file from the workspace."""
    with open(path) as f:
        return f.read()`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 6, column: 15, endLine: 6, endColumn: 19, related: 1 },
      ],
    },
    {
      name: "Starlette FileResponse",
      code: `from starlette.responses import FileResponse
from starlette.requests import Request

async def download(request: Request):
    return FileResponse("/srv/files/" + request.path_params["name"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'pathTraversal', line: 5, column: 25, endLine: 5, endColumn: 68, related: 1, suggestions: [
          { messageId: 'useBasename', output: `import os
from starlette.responses import FileResponse
from starlette.requests import Request

async def download(request: Request):
    return FileResponse("/srv/files/" + os.path.basename(request.path_params["name"]))` },
        ] },
      ],
    },
    {
      name: "tarfile.extractall without a filter",
      code: `import tarfile

def unpack(archive, target):
    with tarfile.open(archive) as tar:
        tar.extractall(target)`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'tarExtract', line: 5, column: 9, endLine: 5, endColumn: 31, related: 0, suggestions: [
          { messageId: 'useDataFilter', output: `import tarfile

def unpack(archive, target):
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")` },
        ] },
      ],
    },
    {
      name: 'a parameter joined to a base folder',
      code: `import os\n\nBASE = "/srv/files"\n\ndef read_file(name):\n    with open(os.path.join(BASE, name)) as f:\n        return f.read()`,
      filename: 'storage.py',
      errors: [{ messageId: 'pathTraversalParam', severity: 'warning', line: 6, column: 15, endLine: 6, endColumn: 39, related: 1, suggestions: [{ messageId: 'useBasename', output: `import os\n\nBASE = "/srv/files"\n\ndef read_file(name):\n    with open(os.path.join(BASE, os.path.basename(name))) as f:\n        return f.read()` }] }],
    },
    {
      name: 'a parameter joined with pathlib',
      code: `from pathlib import Path\n\nROOT = Path("/srv/files")\n\ndef load(name):\n    return (ROOT / name).read_text()`,
      filename: 'storage.py',
      errors: [{ messageId: 'pathTraversalParam', severity: 'warning', line: 6, column: 12, endLine: 6, endColumn: 25, related: 1, suggestions: [{ messageId: 'useBasename', output: `import os\nfrom pathlib import Path\n\nROOT = Path("/srv/files")\n\ndef load(name):\n    return (ROOT / os.path.basename(name)).read_text()` }] }],
    },
    {
      name: 'an existence check of a path built from request data, at warning',
      code: `import os
from flask import request

def has_upload():
    target = os.path.join("/srv/uploads", request.form.get("name", ""))
    return "yes" if os.path.exists(target) else "no"`,
      filename: 'app.py',
      errors: [
        {
          messageId: 'pathProbe',
          severity: 'warning',
          line: 6,
          column: 36,
          endLine: 6,
          endColumn: 42,
          suggestions: [
            {
              messageId: 'useBasename',
              output: `import os
from flask import request

def has_upload():
    target = os.path.join("/srv/uploads", os.path.basename(request.form.get("name", "")))
    return "yes" if os.path.exists(target) else "no"`,
            },
          ],
        },
      ],
    },
    {
      name: 'a pathlib stat of a path built from request data',
      code: `from pathlib import Path
from flask import request

def size():
    return str((Path("/srv/data") / request.args["f"]).stat().st_size)`,
      filename: 'app.py',
      errors: [
        {
          messageId: 'pathProbe',
          severity: 'warning',
          line: 5,
          column: 16,
          endLine: 5,
          endColumn: 55,
          suggestions: [
            {
              messageId: 'useBasename',
              output: `import os
from pathlib import Path
from flask import request

def size():
    return str((Path("/srv/data") / os.path.basename(request.args["f"])).stat().st_size)`,
            },
          ],
        },
      ],
    },
  ],
});

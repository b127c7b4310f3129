import rule from '../../../src/rules/python/no-shell-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'a single-quoted file passing an argument list',
      code: "import subprocess\nfrom flask import Flask, request\n\napp = Flask('app')\n\n@app.route('/log')\ndef log():\n    branch = request.args.get('branch')\n    return subprocess.run(['git', 'log', branch, '--oneline'], capture_output=True).stdout\n",
      filename: 'app.py',
    },
    { name: "an argument list without a shell", code: `import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.get("/log")
def log():
    branch = request.args["branch"]
    return subprocess.run(["git", "log", branch, "--oneline"], capture_output=True, text=True).stdout`, filename: 'app.py' },
    { name: "a constant command", code: `import os
import subprocess

os.system("make clean")
subprocess.run("ls -l | wc -l", shell=True, check=True)`, filename: 'app.py' },
    { name: "shlex.quote", code: `import shlex
import subprocess
from flask import request

def grep():
    pattern = request.args["q"]
    return subprocess.check_output(f"grep -r {shlex.quote(pattern)} /srv/docs | head", shell=True)`, filename: 'app.py' },
    { name: "an allow-list guard", code: `import os
from flask import request, abort

SERVICES = ("api", "worker")

def restart():
    service = request.form["service"]
    if service not in SERVICES:
        abort(400)
    os.system(f"systemctl restart {service}")`, filename: 'app.py' },
    { name: "an anchored regex guard", code: `import re
import subprocess
from flask import request

def ping():
    host = request.args["host"]
    if not re.fullmatch(r"[a-z0-9.-]+", host):
        return "bad host", 400
    return subprocess.run(f"ping -c 1 {host}", shell=True, capture_output=True).stdout`, filename: 'app.py' },
    { name: "an int conversion", code: `import os
from flask import request

def kill():
    os.system(f"kill -9 {int(request.args['pid'])}")`, filename: 'app.py' },
    { name: "a FastAPI parameter typed int", code: `import os
from fastapi import FastAPI

app = FastAPI()

@app.post("/jobs/{job_id}/cancel")
def cancel(job_id: int):
    os.system(f"pkill -f job-{job_id}")`, filename: 'app.py' },
    { name: "a value from the environment is configuration", code: `import os
import subprocess

backup_dir = os.environ["BACKUP_DIR"]
subprocess.run(f"tar czf /tmp/backup.tgz {backup_dir}", shell=True)`, filename: 'app.py' },
    { name: "a local function named system", code: `from flask import request

def system(cmd):
    print(cmd)

system("echo " + request.args["x"])`, filename: 'app.py' },
    { name: "dead code", code: `import os
from flask import request

DEBUG = False

def run():
    if DEBUG:
        os.system(request.args["cmd"])`, filename: 'app.py' },
    { name: "a command from a constant mapping", code: `import subprocess
from flask import request

COMMANDS = {"disk": "df -h", "load": "uptime"}

def status():
    cmd = COMMANDS.get(request.args["what"], "uptime")
    return subprocess.check_output(cmd, shell=True)`, filename: 'app.py' },
    { name: "the program is fixed, the model picks an argument", code: `import subprocess
from openai import OpenAI

client = OpenAI()
resp = client.chat.completions.create(model="gpt-4o", messages=[])
branch = resp.choices[0].message.content
subprocess.run(["git", "checkout", "--", branch], check=True)`, filename: 'app.py' },
    { name: "a command list extended later", code: `import subprocess
from flask import request

def convert():
    cmd = ["ffmpeg", "-i"]
    cmd += [request.files["video"].filename]
    subprocess.run(cmd)`, filename: 'app.py' },
    { name: "shell=False", code: `import subprocess
from flask import request

def show():
    subprocess.run(["cat", request.args["name"]], shell=False)`, filename: 'app.py' },
    { name: "a CLI running the program its user names", code: `import subprocess
import sys

subprocess.run(sys.argv[1:])`, filename: 'app.py' },
    { name: "asyncio without a shell", code: `import asyncio
from aiohttp import web

async def handler(request):
    name = request.query["name"]
    proc = await asyncio.create_subprocess_exec("ls", "-l", name)
    await proc.wait()
    return web.Response(text="ok")`, filename: 'app.py' },
    { code: `import subprocess\n\ndef _archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True)`, filename: 'app.py', name: 'a parameter of a private function' },
    { code: `import subprocess\n\ndef archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True)\n\narchive("/var/data")`, filename: 'app.py', name: 'a public function that its own module calls with a constant' },
    { code: `import subprocess\n\ndef run(command):\n    return subprocess.run(command, shell=True, check=True)`, filename: 'app.py', name: 'a parameter passed to the shell unchanged (the caller\'s business)' },
    { code: `import shlex\nimport subprocess\n\ndef archive(path):\n    subprocess.run(f"tar czf {shlex.quote(path)}.tgz", shell=True)`, filename: 'app.py', name: 'a parameter quoted with shlex.quote' },
    { code: `import os\n\ndef kill(pid: int):\n    os.system(f"kill -9 {pid}")`, filename: 'app.py', name: 'a parameter annotated as int' },
    { code: `import os\n\ndef outer():\n    def inner(name):\n        os.system(f"echo {name}")\n    return inner`, filename: 'app.py', name: 'a nested function' },
    { code: `import subprocess\n\ndef check_archive(path):\n    subprocess.run(f"tar tzf {path}", shell=True)`, filename: 'test_archive.py', name: 'a parameter in a test module' },
    { code: `import os\n\ndef nice(level=10):\n    os.system(f"renice {level} -p 1")`, filename: 'app.py', name: 'a parameter with a number default' },
    { name: 'callers decide: the module calls it with a constant keyword argument', code: `import subprocess\n\ndef archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True)\n\narchive(path="/var/data")`, filename: 'app.py' },
    { name: 'callers decide: the module calls it with constants and a number', code: `import subprocess\n\ndef tail(path, lines):\n    subprocess.run(f"tail -n {lines} {path}", shell=True)\n\ntail("/var/log/app.log", 50)\ntail("/var/log/db.log", int("20"))`, filename: 'app.py' },
    { name: 'callers decide: a keyword call with an f-string of constants', code: `import subprocess\n\nBASE = "/var"\n\ndef archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True)\n\narchive(path=f"{BASE}/data")`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: 'the argument list keeps the single quotes of the file',
      code: "import subprocess\nfrom flask import Flask, request\n\napp = Flask('app')\n\n@app.route('/log')\ndef log():\n    branch = request.args.get('branch')\n    return subprocess.run(f'git log {branch} --oneline', shell=True, capture_output=True).stdout\n",
      filename: 'app.py',
      errors: [{
        messageId: 'shellInjection', line: 9, column: 27, endLine: 9, endColumn: 56, related: 2,
        suggestions: [{ messageId: 'useArgv', output: "import subprocess\nfrom flask import Flask, request\n\napp = Flask('app')\n\n@app.route('/log')\ndef log():\n    branch = request.args.get('branch')\n    return subprocess.run(['git', 'log', branch, '--oneline'], capture_output=True).stdout\n" }],
      }],
    },
    {
      name: "an f-string with shell=True in a Flask view",
      code: `import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.get("/log")
def log():
    branch = request.args.get("branch", "main")
    out = subprocess.check_output(f"git log {branch} --oneline", shell=True)
    return out`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 9, column: 35, endLine: 9, endColumn: 64, related: 2, suggestions: [
          { messageId: 'useArgv', output: `import subprocess
from flask import Flask, request

app = Flask(__name__)

@app.get("/log")
def log():
    branch = request.args.get("branch", "main")
    out = subprocess.check_output(["git", "log", branch, "--oneline"])
    return out` },
        ] },
      ],
    },
    {
      name: "os.system with a concatenation",
      code: `import os
from flask import request

def ping():
    os.system("ping -c 1 " + request.args["host"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 5, column: 15, endLine: 5, endColumn: 50, related: 1, suggestions: [
          { messageId: 'useArgv', output: `import subprocess
import os
from flask import request

def ping():
    subprocess.call(["ping", "-c", "1", request.args["host"]])` },
        ] },
      ],
    },
    {
      name: "a pipeline cannot become a list: quote instead",
      code: `import subprocess
from flask import request

def search():
    pattern = request.args["q"]
    return subprocess.run("grep -r %s /srv/docs | head -n 20" % pattern, shell=True, capture_output=True).stdout`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 6, column: 27, endLine: 6, endColumn: 72, related: 2, suggestions: [
          { messageId: 'useQuote', output: `import shlex
import subprocess
from flask import request

def search():
    pattern = request.args["q"]
    return subprocess.run("grep -r %s /srv/docs | head -n 20" % shlex.quote(pattern), shell=True, capture_output=True).stdout` },
        ] },
      ],
    },
    {
      name: "a value already in quotes gets no suggestion",
      code: `import os
from flask import request

def greet():
    return os.popen(f"echo '{request.args['name']}'").read()`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 5, column: 21, endLine: 5, endColumn: 53, related: 1 },
      ],
    },
    {
      name: "model output run by a shell",
      code: `import subprocess
from openai import OpenAI

client = OpenAI()

def fix_outage(ticket):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": ticket}])
    command = resp.choices[0].message.content
    return subprocess.run(command, shell=True, capture_output=True).stdout`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 9, column: 27, endLine: 9, endColumn: 34, related: 3 },
      ],
    },
    {
      name: "a LangChain tool argument",
      code: `import subprocess
from langchain_core.tools import tool

@tool
def run_diagnostic(command: str) -> str:
    """Run a diagnostic command."""
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 7, column: 27, endLine: 7, endColumn: 34, related: 1 },
      ],
    },
    {
      name: "the model chooses the program",
      code: `import shlex
import subprocess
from anthropic import Anthropic

client = Anthropic()
msg = client.messages.create(model="claude-sonnet-4-5", max_tokens=200, messages=[])
subprocess.run(shlex.split(msg.content[0].text))`,
      filename: 'app.py',
      errors: [
        { messageId: 'programInjection', line: 7, column: 16, endLine: 7, endColumn: 48, related: 2 },
      ],
    },
    {
      name: "bash -c with a request value",
      code: `import subprocess
from fastapi import FastAPI

app = FastAPI()

@app.get("/count")
def count(pattern: str):
    return subprocess.run(["bash", "-c", f"ls | grep {pattern} | wc -l"], capture_output=True).stdout`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 8, column: 42, endLine: 8, endColumn: 72, related: 1 },
      ],
    },
    {
      name: "a command-line argument is a warning",
      code: `import subprocess
import sys

subprocess.call("convert " + sys.argv[1] + " out.png", shell=True)`,
      filename: 'app.py',
      errors: [
        { severity: 'warning', messageId: 'shellInjection', line: 4, column: 17, endLine: 4, endColumn: 54, related: 1, suggestions: [
          { messageId: 'useArgv', output: `import subprocess
import sys

subprocess.call(["convert", sys.argv[1], "out.png"])` },
        ] },
      ],
    },
    {
      name: "os.execlp through sh -c",
      code: `import os
from flask import request

def run():
    os.execlp("sh", "sh", "-c", request.form["script"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 5, column: 33, endLine: 5, endColumn: 55, related: 1 },
      ],
    },
    {
      name: "asyncio.create_subprocess_shell in aiohttp",
      code: `import asyncio
from aiohttp import web

async def handler(request):
    proc = await asyncio.create_subprocess_shell("du -sh " + request.match_info["dir"])
    await proc.wait()
    return web.Response(text="ok")`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 5, column: 50, endLine: 5, endColumn: 87, related: 1, suggestions: [
          { messageId: 'useArgv', output: `import asyncio
from aiohttp import web

async def handler(request):
    proc = await asyncio.create_subprocess_exec("du", "-sh", request.match_info["dir"])
    await proc.wait()
    return web.Response(text="ok")` },
        ] },
      ],
    },
    {
      name: "paramiko exec_command",
      code: `import paramiko
from django.http import JsonResponse

def tail(request):
    ssh = paramiko.SSHClient()
    ssh.connect("logs.internal")
    _, out, _ = ssh.exec_command("tail -n 100 /var/log/" + request.GET["file"])
    return JsonResponse({"lines": out.read().decode()})`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 7, column: 34, endLine: 7, endColumn: 79, related: 1, suggestions: [
          { messageId: 'useQuote', output: `import shlex
import paramiko
from django.http import JsonResponse

def tail(request):
    ssh = paramiko.SSHClient()
    ssh.connect("logs.internal")
    _, out, _ = ssh.exec_command("tail -n 100 /var/log/" + shlex.quote(request.GET["file"]))
    return JsonResponse({"lines": out.read().decode()})` },
        ] },
      ],
    },
    {
      name: "pexpect with a shell",
      code: `import pexpect
from flask import request

def backup():
    dest = request.args["dest"]
    pexpect.run(f"bash -c 'rsync -a /srv {dest}'")`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 6, column: 17, endLine: 6, endColumn: 50, related: 2 },
      ],
    },
    {
      name: "shell=True with a list runs its first item",
      code: `import subprocess
from flask import request

def show():
    subprocess.Popen([request.args["cmd"]], shell=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'shellInjection', line: 5, column: 23, endLine: 5, endColumn: 42, related: 1 },
      ],
    },
    {
      name: 'a parameter of a public function built into a shell command',
      code: `import subprocess\n\ndef archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True, check=True)`,
      filename: 'app.py',
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 4, column: 20, endLine: 4, endColumn: 48, related: 1, suggestions: [{ messageId: 'useArgv', output: `import subprocess\n\ndef archive(path):\n    subprocess.run(["tar", "czf", f"{path}.tgz", path], check=True)` }] }],
    },
    {
      name: 'a parameter of a public method built into os.system',
      code: `import os\n\nclass Backup:\n    def __init__(self, target):\n        self.target = target\n\n    def dump(self, database):\n        os.system("pg_dump " + database + " > /backups/db.sql")`,
      filename: 'backup.py',
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 8, column: 19, endLine: 8, endColumn: 63, related: 1, suggestions: [{ messageId: 'useQuote', output: `import shlex\nimport os\n\nclass Backup:\n    def __init__(self, target):\n        self.target = target\n\n    def dump(self, database):\n        os.system("pg_dump " + shlex.quote(database) + " > /backups/db.sql")` }] }],
    },
    {
      name: 'callers decide: a caller in the module passes a parameter of its own public function',
      code: `import subprocess\n\ndef archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True)\n\ndef archive_home(user):\n    archive(f"/home/{user}")`, filename: 'app.py',
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 4, column: 20, endLine: 4, endColumn: 48, related: 2, suggestions: [{ messageId: 'useArgv', output: `import subprocess\n\ndef archive(path):\n    subprocess.run(["tar", "czf", f"{path}.tgz", path])\n\ndef archive_home(user):\n    archive(f"/home/{user}")` }] }],
    },
    {
      name: 'callers decide: a function only registered as a callback has callers Rampart cannot see',
      code: `import subprocess\n\ndef archive(path):\n    subprocess.run(f"tar czf {path}.tgz {path}", shell=True)\n\nJOBS = {"archive": archive}`, filename: 'app.py',
      errors: [{ messageId: 'shellInjectionParam', severity: 'warning', line: 4, column: 20, endLine: 4, endColumn: 48, related: 1, suggestions: [{ messageId: 'useArgv', output: `import subprocess\n\ndef archive(path):\n    subprocess.run(["tar", "czf", f"{path}.tgz", path])\n\nJOBS = {"archive": archive}` }] }],
    },
  ],
});

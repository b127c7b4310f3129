import rule from '../../../src/rules/python/no-unvalidated-agent-tool';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "an allow-listed argument", code: `import subprocess
from langchain_core.tools import tool
ALLOWED = {"status", "log", "diff"}

@tool
def git(subcommand: str) -> str:
    """Run a read-only git subcommand."""
    if subcommand not in ALLOWED:
        return "not allowed"
    return subprocess.run(["git", subcommand], capture_output=True, text=True).stdout`, filename: 'app.py' },
    { name: "a Literal-typed argument", code: `import subprocess
from typing import Literal
from mcp.server.fastmcp import FastMCP
mcp = FastMCP("ops")
CHECKS = {"disk": ["df", "-h"], "load": ["uptime"]}

@mcp.tool()
def health(check: Literal["disk", "load"]) -> str:
    return subprocess.run(CHECKS[check], capture_output=True, text=True).stdout`, filename: 'app.py' },
    { name: "an int conversion", code: `import sqlite3
from langchain_core.tools import tool
db = sqlite3.connect("shop.db")

@tool
def order(order_id: str) -> str:
    """Look up an order."""
    return str(db.execute(f"SELECT status FROM orders WHERE id = {int(order_id)}").fetchone())`, filename: 'app.py' },
    { name: "a parameterised query", code: `import sqlite3
from langchain_core.tools import tool
db = sqlite3.connect("shop.db")

@tool
def customer(email: str) -> str:
    """Find a customer."""
    return str(db.execute("SELECT name FROM customers WHERE email = ?", (email,)).fetchone())`, filename: 'app.py' },
    { name: "a containment check", code: `from pathlib import Path
from mcp.server.fastmcp import FastMCP
mcp = FastMCP("notes")
ROOT = Path("/srv/notes").resolve()

@mcp.tool()
def delete_note(name: str) -> str:
    target = (ROOT / name).resolve()
    if not target.is_relative_to(ROOT):
        raise ValueError("outside the notes folder")
    target.unlink()
    return "deleted"`, filename: 'app.py' },
    { name: "a regex fullmatch", code: `import os
from langchain_core.tools import tool
import re

@tool
def remove_upload(name: str) -> str:
    """Remove an upload."""
    if not re.fullmatch(r"[a-z0-9_-]{1,40}\\.txt", name):
        raise ValueError("bad name")
    os.remove(os.path.join("/srv/uploads", name))
    return "ok"`, filename: 'app.py' },
    { name: "a fixed host", code: `import requests
from langchain_core.tools import tool

@tool
def weather(city: str) -> str:
    """Current weather for a city."""
    return requests.get(f"https://api.weather.example/v1/current?city={city}", timeout=10).text`, filename: 'app.py' },
    { name: "a host allow-list", code: `import requests
from urllib.parse import urlparse
from langchain_core.tools import tool
ALLOWED_HOSTS = {"docs.python.org", "developer.mozilla.org"}

@tool
def fetch_docs(url: str) -> str:
    """Fetch a documentation page."""
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        return "host not allowed"
    return requests.get(url, timeout=10).text`, filename: 'app.py' },
    { name: "a plain function that is no tool", code: `import subprocess
def run(command: str) -> str:
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout`, filename: 'app.py' },
    { name: "shlex.quote for the shell", code: `import shlex
import subprocess
from langchain_core.tools import tool

@tool
def grep_logs(pattern: str) -> str:
    """Search the logs."""
    return subprocess.run(f"grep -F {shlex.quote(pattern)} /var/log/app.log", shell=True, capture_output=True, text=True).stdout`, filename: 'app.py' },
    { name: "the Context parameter of an MCP tool", code: `import os
from mcp.server.fastmcp import FastMCP, Context
mcp = FastMCP("x")

@mcp.tool()
def cleanup(ctx: Context) -> str:
    os.remove(ctx.request_id)
    return "ok"`, filename: 'app.py' },
    { name: "reading a file is not writing it", code: `from langchain_core.tools import tool

@tool
def read_note(path: str) -> str:
    """Read a note."""
    with open(path) as fh:
        return fh.read()`, filename: 'app.py' },
    { name: "dead code", code: `import os
from langchain_core.tools import tool

@tool
def nuke(path: str) -> str:
    """Never enabled."""
    if False:
        os.remove(path)
    return "disabled"`, filename: 'app.py' },
    { name: "a dispatched handler with a regex guard", code: `import json
import os
import re
from openai import OpenAI
client = OpenAI()

def archive(name):
    if not re.fullmatch(r"[a-z0-9-]{1,40}", name):
        raise ValueError("bad name")
    os.remove(f"/srv/logs/{name}.log")

HANDLERS = {"archive": archive}

def step(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=SCHEMAS)
    for call in response.choices[0].message.tool_calls:
        HANDLERS[call.function.name](**json.loads(call.function.arguments))`, filename: 'app.py' },
    { name: "a registered function that reduces its argument to a file name", code: `import os
from langchain_core.tools import StructuredTool

def remove_upload(path: str) -> str:
    path = os.path.basename(path)
    os.remove(os.path.join("/srv/uploads", path))
    return "ok"

tool = StructuredTool.from_function(func=remove_upload, name="remove_upload", description="Remove an upload")`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "a LangChain @tool running a shell",
      code: `import subprocess
from langchain_core.tools import tool

@tool
def run_shell(command: str) -> str:
    """Run a shell command on the server."""
    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 7, column: 27, endLine: 7, endColumn: 34, related: 1 },
      ],
    },
    {
      name: "a FastMCP tool deleting any path",
      code: `import shutil
from mcp.server.fastmcp import FastMCP
mcp = FastMCP("workspace")

@mcp.tool(name="delete_folder")
def delete(path: str) -> str:
    shutil.rmtree(path)
    return "deleted"`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 7, column: 19, endLine: 7, endColumn: 23, related: 1 },
      ],
    },
    {
      name: "StructuredTool.from_function with SQL text",
      code: `import sqlite3
from langchain_core.tools import StructuredTool
db = sqlite3.connect("shop.db")

def find_user(name: str) -> str:
    return str(db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchall())

lookup = StructuredTool.from_function(func=find_user, name="find_user", description="Find a user")`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 6, column: 27, endLine: 6, endColumn: 71, related: 1 },
      ],
    },
    {
      name: "eval in a calculator tool",
      code: `from langchain_core.tools import tool

@tool
def calculator(expression: str) -> str:
    """Evaluate an arithmetic expression."""
    return str(eval(expression))`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 6, column: 21, endLine: 6, endColumn: 31, related: 1 },
      ],
    },
    {
      name: "a fetch tool (SSRF)",
      code: `import httpx
from mcp.server.fastmcp import FastMCP
mcp = FastMCP("web")

@mcp.tool()
async def fetch(url: str) -> str:
    async with httpx.AsyncClient() as client:
        return (await client.get(url)).text`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 8, column: 34, endLine: 8, endColumn: 37, related: 1 },
      ],
    },
    {
      name: "a BaseTool subclass writing files",
      code: `from langchain.tools import BaseTool

class SaveReport(BaseTool):
    name: str = "save_report"
    description: str = "Save a report"

    def _run(self, filename: str, body: str) -> str:
        with open(filename, "w") as fh:
            fh.write(body)
        return "saved"`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 8, column: 19, endLine: 8, endColumn: 27, related: 1 },
      ],
    },
    {
      name: "an OpenAI function-calling loop",
      code: `import json
import subprocess
from openai import OpenAI
client = OpenAI()

def agent(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=TOOLS)
    for call in response.choices[0].message.tool_calls or []:
        args = json.loads(call.function.arguments)
        if call.function.name == "run_command":
            out = subprocess.check_output(args["command"], shell=True, text=True)
            messages.append({"role": "tool", "tool_call_id": call.id, "content": out})`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 11, column: 43, endLine: 11, endColumn: 58, related: 2 },
      ],
    },
    {
      name: "a dispatch table of handlers",
      code: `import json
import os
from openai import OpenAI
client = OpenAI()

def remove_file(path):
    os.remove(path)
    return "removed"

HANDLERS = {"remove_file": remove_file}

def step(messages):
    response = client.chat.completions.create(model="gpt-4o", messages=messages, tools=SCHEMAS)
    for call in response.choices[0].message.tool_calls:
        handler = HANDLERS[call.function.name]
        result = handler(**json.loads(call.function.arguments))
        messages.append({"role": "tool", "tool_call_id": call.id, "content": result})`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 7, column: 15, endLine: 7, endColumn: 19, related: 1 },
      ],
    },
    {
      name: "an OpenAI Responses API loop",
      code: `import json
import subprocess
from openai import OpenAI
client = OpenAI()

def step(inputs):
    response = client.responses.create(model="gpt-4o", input=inputs, tools=TOOLS)
    for item in response.output:
        if item.type == "function_call" and item.name == "shell":
            args = json.loads(item.arguments)
            subprocess.run(args["cmd"], shell=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 11, column: 28, endLine: 11, endColumn: 39, related: 2 },
      ],
    },
    {
      name: "an Anthropic tool_use block",
      code: `import anthropic
client = anthropic.Anthropic()

def step(messages):
    response = client.messages.create(model="claude-sonnet-4-5", max_tokens=1024, messages=messages, tools=TOOLS)
    for block in response.content:
        if block.type == "tool_use" and block.name == "write_file":
            with open(block.input["path"], "w") as fh:
                fh.write(block.input["body"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'unvalidatedToolArgument', line: 8, column: 23, endLine: 8, endColumn: 42, related: 1 },
      ],
    },
  ],
});

import rule from '../../../src/rules/python/no-xpath-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "XPath variables", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/user")
def user():
    return str(tree.xpath("//user[@name=$name]/email/text()", name=request.args["name"]))`, filename: 'app.py' },
    { name: "a constant expression", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/users")
def users():
    return str(len(tree.xpath("//user")))`, filename: 'app.py' },
    { name: "an int conversion", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/user")
def user():
    return str(tree.xpath(f"//user[@id={int(request.args['id'])}]"))`, filename: 'app.py' },
    { name: "an allow-listed field", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

FIELDS = ("email", "phone")
@app.get("/field")
def field():
    name = request.args["field"]
    if name not in FIELDS:
        return "no", 400
    return str(tree.xpath(f"//user/{name}/text()"))`, filename: 'app.py' },
    { name: "str.find is not an XPath", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/pos")
def pos():
    return str(request.args["q"].find("x"))`, filename: 'app.py' },
    { name: "BeautifulSoup-like find with a plain tag name", code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/tag")
def tag():
    return str(soup.find(request.args["tag"]))`, filename: 'app.py' },
    { name: "server configuration in the expression", code: `import os
from lxml import etree
tree = etree.parse("users.xml")
users = tree.xpath(f"//user[@group='{os.environ['GROUP']}']")`, filename: 'app.py' },
    { name: "a command-line tool in a file without request data", code: `from lxml import etree
def select(tree, group: str):
    return tree.xpath(f"//user[@group='{group}']")`, filename: 'app.py' },
    { name: "no XML library imported", code: `from flask import Flask, request
app = Flask(__name__)
@app.get("/x")
def x():
    return db.xpath(request.args["q"])`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "an f-string XPath (suggestion: variables)",
      code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/user")
def user():
    name = request.args["name"]
    return str(tree.xpath(f"//user[@name='{name}']/email/text()"))`,
      filename: 'app.py',
      errors: [
        { messageId: 'xpathInjection', line: 9, column: 27, endLine: 9, endColumn: 65, related: 2, suggestions: [{ messageId: 'useVariables', output: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/user")
def user():
    name = request.args["name"]
    return str(tree.xpath("//user[@name=$name]/email/text()", name=name))` }] },
      ],
    },
    {
      name: "two values and an existing argument",
      code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.post("/login")
def login():
    pw = request.form["password"]
    found = tree.xpath(f"//user[@name='{request.form['user']}' and @password='{pw}']", smart_strings=False)
    return "ok" if found else ("no", 401)`,
      filename: 'app.py',
      errors: [
        { messageId: 'xpathInjection', line: 9, column: 24, endLine: 9, endColumn: 86, related: 1, suggestions: [{ messageId: 'useVariables', output: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.post("/login")
def login():
    pw = request.form["password"]
    found = tree.xpath("//user[@name=$user and @password=$pw]", smart_strings=False, user=request.form['user'], pw=pw)
    return "ok" if found else ("no", 401)` }] },
      ],
    },
    {
      name: "concatenation",
      code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/user")
def user():
    return str(tree.xpath("//user[@name='" + request.args["name"] + "']"))`,
      filename: 'app.py',
      errors: [
        { messageId: 'xpathInjection', line: 8, column: 27, endLine: 8, endColumn: 73, related: 1 },
      ],
    },
    {
      name: "ElementTree find (FastAPI)",
      code: `import xml.etree.ElementTree as ET
from fastapi import FastAPI
app = FastAPI()
root = ET.parse("users.xml").getroot()

@app.get("/user")
def user(name: str):
    node = root.find(f".//user[@name='{name}']")
    return {"email": node.findtext("email") if node is not None else None}`,
      filename: 'app.py',
      errors: [
        { messageId: 'xpathInjection', line: 8, column: 22, endLine: 8, endColumn: 48, related: 1 },
      ],
    },
    {
      name: "a compiled etree.XPath",
      code: `from flask import Flask, request
from lxml import etree
app = Flask(__name__)
tree = etree.parse("users.xml")

@app.get("/user")
def user():
    find = etree.XPath("//user[@name='%s']" % request.args["name"])
    return str(find(tree))`,
      filename: 'app.py',
      errors: [
        { messageId: 'xpathInjection', line: 8, column: 24, endLine: 8, endColumn: 67, related: 1 },
      ],
    },
  ],
});

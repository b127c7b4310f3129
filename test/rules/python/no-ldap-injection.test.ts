import rule from '../../../src/rules/python/no-ldap-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "escaped with ldap3", code: `from flask import Flask, request
from ldap3 import Connection, Server
from ldap3.utils.conv import escape_filter_chars
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.get("/user")
def user():
    conn.search("dc=example,dc=com", f"(uid={escape_filter_chars(request.args['uid'])})", attributes=["mail"])
    return str(conn.entries)`, filename: 'app.py' },
    { name: "python-ldap filter_format", code: `import ldap
from ldap.filter import filter_format
from flask import Flask, request
app = Flask(__name__)
l = ldap.initialize("ldap://directory.internal")

@app.get("/user")
def user():
    return str(l.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, filter_format("(uid=%s)", [request.args["uid"]])))`, filename: 'app.py' },
    { name: "a constant filter", code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.get("/people")
def people():
    conn.search("dc=example,dc=com", "(objectClass=person)", search_scope=SUBTREE)
    return str(conn.entries)`, filename: 'app.py' },
    { name: "request data in the attribute list, not the filter", code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.get("/people")
def people():
    conn.search("dc=example,dc=com", "(objectClass=person)", attributes=[request.args["attr"]])
    return str(conn.entries)`, filename: 'app.py' },
    { name: "an allow-listed value", code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

DEPARTMENTS = ("sales", "support")
@app.get("/dept")
def dept():
    d = request.args["dept"]
    if d not in DEPARTMENTS:
        return "no", 400
    conn.search("dc=example,dc=com", f"(department={d})")
    return str(conn.entries)`, filename: 'app.py' },
    { name: "a search method of another library", code: `from flask import Flask, request
import ldap3
import re
app = Flask(__name__)
@app.get("/q")
def q():
    return str(re.search(request.args["q"], "text"))`, filename: 'app.py' },
    { name: "a locally defined escape helper", code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

def escape_ldap(value):
    return value.replace("\\\\", "\\\\5c").replace("*", "\\\\2a").replace("(", "\\\\28").replace(")", "\\\\29")

@app.get("/user")
def user():
    conn.search("dc=example,dc=com", f"(uid={escape_ldap(request.args['uid'])})")
    return str(conn.entries)`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: "an ldap3 f-string filter (Flask)",
      code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.post("/login")
def login():
    username = request.form["username"]
    conn.search("dc=example,dc=com", f"(&(objectClass=person)(uid={username}))", attributes=["cn"])
    return "ok" if conn.entries else ("denied", 401)`,
      filename: 'app.py',
      errors: [
        { messageId: 'ldapInjection', line: 9, column: 38, endLine: 9, endColumn: 80, related: 2, suggestions: [{ messageId: 'escapeValue', output: `from ldap3.utils.conv import escape_filter_chars
from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.post("/login")
def login():
    username = request.form["username"]
    conn.search("dc=example,dc=com", f"(&(objectClass=person)(uid={escape_filter_chars(username)}))", attributes=["cn"])
    return "ok" if conn.entries else ("denied", 401)` }] },
      ],
    },
    {
      name: "search_filter= built with + earlier",
      code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.get("/people")
def people():
    flt = "(cn=" + request.args["name"] + ")"
    conn.search(search_base="dc=example,dc=com", search_filter=flt, search_scope=SUBTREE)
    return str(conn.entries)`,
      filename: 'app.py',
      errors: [
        { messageId: 'ldapInjection', line: 9, column: 64, endLine: 9, endColumn: 67, related: 2, suggestions: [{ messageId: 'escapeValue', output: `from ldap3.utils.conv import escape_filter_chars
from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)

@app.get("/people")
def people():
    flt = "(cn=" + escape_filter_chars(request.args["name"]) + ")"
    conn.search(search_base="dc=example,dc=com", search_filter=flt, search_scope=SUBTREE)
    return str(conn.entries)` }] },
      ],
    },
    {
      name: "python-ldap search_s with %",
      code: `import ldap
from fastapi import FastAPI
app = FastAPI()
l = ldap.initialize("ldap://directory.internal")

@app.get("/user")
def user(uid: str):
    return str(l.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=%s)" % uid))`,
      filename: 'app.py',
      errors: [
        { messageId: 'ldapInjection', line: 8, column: 68, endLine: 8, endColumn: 84, related: 1, suggestions: [{ messageId: 'escapeValue', output: `from ldap.filter import escape_filter_chars
import ldap
from fastapi import FastAPI
app = FastAPI()
l = ldap.initialize("ldap://directory.internal")

@app.get("/user")
def user(uid: str):
    return str(l.search_s("dc=example,dc=com", ldap.SCOPE_SUBTREE, "(uid=%s)" % escape_filter_chars(uid)))` }] },
      ],
    },
    {
      name: "a name that is imported differently: no suggestion",
      code: `from flask import Flask, request
from ldap3 import Connection, Server, SUBTREE
app = Flask(__name__)
conn = Connection(Server("ldap://directory.internal"), auto_bind=True)
from ldap.filter import escape_filter_chars as esc
import ldap
escape_filter_chars = None

@app.get("/user")
def user():
    conn.search("dc=example,dc=com", "(uid={})".format(request.args["uid"]))
    return str(conn.entries)`,
      filename: 'app.py',
      errors: [
        { messageId: 'ldapInjection', line: 11, column: 38, endLine: 11, endColumn: 76, related: 1 },
      ],
    },
  ],
});

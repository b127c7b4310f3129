import rule from '../../../src/rules/python/no-sql-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "sqlite3 with ? parameters", code: `import sqlite3
from flask import request

db = sqlite3.connect("app.db")

def user():
    return db.execute("SELECT * FROM users WHERE name = ?", (request.args["name"],)).fetchone()`, filename: 'app.py' },
    { name: "psycopg2 with %s parameters", code: `import psycopg2
from flask import request

conn = psycopg2.connect("dbname=app")

def orders():
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM orders WHERE status = %s AND total > %s", (request.args["status"], 10))
        return cur.fetchall()`, filename: 'app.py' },
    { name: "asyncpg with $1 parameters", code: `import asyncpg
from fastapi import FastAPI

app = FastAPI()

@app.get("/docs")
async def docs(title: str):
    conn = await asyncpg.connect()
    return await conn.fetch("SELECT * FROM docs WHERE title = $1", title)`, filename: 'app.py' },
    { name: "SQLAlchemy text() with bound parameters", code: `from sqlalchemy import create_engine, text
from flask import request

engine = create_engine("postgresql://")

def find():
    with engine.connect() as conn:
        return conn.execute(text("SELECT * FROM users WHERE email = :email"), {"email": request.args["email"]}).all()`, filename: 'app.py' },
    { name: "a SQLAlchemy query object is parameterised", code: `from sqlalchemy import select
from sqlalchemy.orm import Session
from flask import request
from models import User, engine

def find():
    with Session(engine) as session:
        return session.execute(select(User).where(User.name == request.args["name"])).scalars().all()`, filename: 'app.py' },
    { name: "a column name checked against an allow-list", code: `import sqlite3
from flask import request, abort

SORTABLE = ("name", "created_at")
db = sqlite3.connect("app.db")

def users():
    column = request.args.get("sort", "name")
    if column not in SORTABLE:
        abort(400)
    return db.execute(f"SELECT * FROM users ORDER BY {column}").fetchall()`, filename: 'app.py' },
    { name: "an int conversion", code: `import sqlite3
from flask import request

db = sqlite3.connect("app.db")

def page():
    limit = int(request.args.get("limit", 20))
    return db.execute(f"SELECT * FROM posts LIMIT {limit}").fetchall()`, filename: 'app.py' },
    { name: "psycopg2.sql.Identifier", code: `from psycopg2 import sql
from flask import request
from db import conn

def table():
    query = sql.SQL("SELECT * FROM {}").format(sql.Identifier(request.args["table"]))
    with conn.cursor() as cur:
        cur.execute(query)`, filename: 'app.py' },
    { name: "Django raw() with params", code: `from django.http import JsonResponse
from .models import Person

def people(request):
    rows = Person.objects.raw("SELECT * FROM app_person WHERE last_name = %s", [request.GET["name"]])
    return JsonResponse({"n": len(list(rows))})`, filename: 'app.py' },
    { name: "a FastAPI parameter typed int", code: `import sqlite3
from fastapi import FastAPI

app = FastAPI()
db = sqlite3.connect("app.db")

@app.get("/items/{item_id}")
def item(item_id: int):
    return db.execute(f"SELECT * FROM items WHERE id = {item_id}").fetchone()`, filename: 'app.py' },
    { name: "a table name from configuration", code: `import os
import sqlite3

TABLE = os.environ.get("AUDIT_TABLE", "audit")
db = sqlite3.connect("app.db")
db.execute(f"DELETE FROM {TABLE} WHERE created < date('now', '-30 day')")`, filename: 'app.py' },
    { name: "a helper whose SQL comes from its callers in code", code: `import sqlite3

db = sqlite3.connect("app.db")

def count(table):
    return db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

count("users")`, filename: 'app.py' },
    { name: "execute of another library", code: `from flask import request
from concurrent.futures import ThreadPoolExecutor
from gql import Client, gql

client = Client(transport=None)
result = client.execute(gql(request.args["query"]))`, filename: 'app.py' },
    { name: "pandas read_sql with params", code: `import pandas as pd
from flask import request
from db import engine

def report():
    return pd.read_sql("SELECT * FROM sales WHERE region = %(region)s", engine, params={"region": request.args["region"]}).to_json()`, filename: 'app.py' },
    { code: `import sqlite3\n\ndb = sqlite3.connect("app.db")\n\ndef find_user(name):\n    return db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()`, filename: 'repo.py', name: 'a parameter passed as a query parameter' },
    { code: `import sqlite3\n\ndb = sqlite3.connect("app.db")\n\ndef _find(name):\n    return db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchone()`, filename: 'repo.py', name: 'a parameter of a private helper' },
    { code: `import sqlite3\n\ndb = sqlite3.connect("app.db")\n\ndef run_query(sql):\n    return db.execute(sql).fetchall()`, filename: 'repo.py', name: 'SQL text passed in whole by the caller' },
  ],
  invalid: [
    {
      name: "an f-string in a sqlite3 query",
      code: `import sqlite3
from flask import Flask, request

app = Flask(__name__)
db = sqlite3.connect("app.db")

@app.get("/users")
def users():
    name = request.args["name"]
    return db.execute(f"SELECT * FROM users WHERE name = '{name}' AND active = 1").fetchall()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 10, column: 23, endLine: 10, endColumn: 82, related: 2, suggestions: [
          { messageId: 'useParameters', output: `import sqlite3
from flask import Flask, request

app = Flask(__name__)
db = sqlite3.connect("app.db")

@app.get("/users")
def users():
    name = request.args["name"]
    return db.execute("SELECT * FROM users WHERE name = ? AND active = 1", (name,)).fetchall()` },
        ] },
      ],
    },
    {
      name: "% formatting with psycopg2",
      code: `import psycopg2
from flask import request

conn = psycopg2.connect("dbname=app")

def order():
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE id = %s" % request.args["id"])
    return cur.fetchone()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 17, endLine: 8, endColumn: 74, related: 1, suggestions: [
          { messageId: 'useParameters', output: `import psycopg2
from flask import request

conn = psycopg2.connect("dbname=app")

def order():
    cur = conn.cursor()
    cur.execute("SELECT * FROM orders WHERE id = %s", (request.args["id"],))
    return cur.fetchone()` },
        ] },
      ],
    },
    {
      name: "LIKE with a concatenation in pymysql",
      code: `import pymysql
from flask import request

conn = pymysql.connect(host="db")

def search():
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM products WHERE name LIKE '%" + request.args["q"] + "%' ORDER BY name")
        return cur.fetchall()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 21, endLine: 8, endColumn: 105, related: 1, suggestions: [
          { messageId: 'useParameters', output: `import pymysql
from flask import request

conn = pymysql.connect(host="db")

def search():
    with conn.cursor() as cur:
        cur.execute("SELECT * FROM products WHERE name LIKE %s ORDER BY name", (f'%{request.args["q"]}%',))
        return cur.fetchall()` },
        ] },
      ],
    },
    {
      name: "asyncpg fetch with str.format",
      code: `import asyncpg
from fastapi import FastAPI

app = FastAPI()

@app.get("/docs")
async def docs(title: str):
    conn = await asyncpg.connect()
    return await conn.fetch("SELECT * FROM docs WHERE title = '{}' LIMIT 10".format(title))`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 9, column: 29, endLine: 9, endColumn: 91, related: 1, suggestions: [
          { messageId: 'useParameters', output: `import asyncpg
from fastapi import FastAPI

app = FastAPI()

@app.get("/docs")
async def docs(title: str):
    conn = await asyncpg.connect()
    return await conn.fetch("SELECT * FROM docs WHERE title = $1 LIMIT 10", title)` },
        ] },
      ],
    },
    {
      name: "SQLAlchemy text() in execute",
      code: `from sqlalchemy import create_engine, text
from flask import request

engine = create_engine("postgresql://")

def find():
    with engine.connect() as conn:
        return conn.execute(text(f"SELECT * FROM users WHERE email = '{request.args['email']}'")).all()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 34, endLine: 8, endColumn: 96, related: 1, suggestions: [
          { messageId: 'useParameters', output: `from sqlalchemy import create_engine, text
from flask import request

engine = create_engine("postgresql://")

def find():
    with engine.connect() as conn:
        return conn.execute(text("SELECT * FROM users WHERE email = :email"), {"email": request.args['email']}).all()` },
        ] },
      ],
    },
    {
      name: "a column name cannot be a parameter",
      code: `import sqlite3
from flask import request

db = sqlite3.connect("app.db")

def users():
    return db.execute(f"SELECT * FROM users ORDER BY {request.args['sort']}").fetchall()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 7, column: 23, endLine: 7, endColumn: 77, related: 1 },
      ],
    },
    {
      name: "Django raw() and cursor",
      code: `from django.db import connection
from django.http import JsonResponse
from .models import Person

def people(request, slug):
    rows = Person.objects.raw(f"SELECT * FROM app_person WHERE slug = '{slug}'")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE app_person SET views = views + 1 WHERE slug = '" + slug + "'")
    return JsonResponse({"n": len(list(rows))})`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 31, endLine: 6, endColumn: 80, related: 1, suggestions: [
          { messageId: 'useParameters', output: `from django.db import connection
from django.http import JsonResponse
from .models import Person

def people(request, slug):
    rows = Person.objects.raw("SELECT * FROM app_person WHERE slug = %s", [slug])
    with connection.cursor() as cursor:
        cursor.execute("UPDATE app_person SET views = views + 1 WHERE slug = '" + slug + "'")
    return JsonResponse({"n": len(list(rows))})` },
        ] },
        { messageId: 'sqlInjection', line: 8, column: 24, endLine: 8, endColumn: 93, related: 1, suggestions: [
          { messageId: 'useParameters', output: `from django.db import connection
from django.http import JsonResponse
from .models import Person

def people(request, slug):
    rows = Person.objects.raw(f"SELECT * FROM app_person WHERE slug = '{slug}'")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE app_person SET views = views + 1 WHERE slug = %s", [slug])
    return JsonResponse({"n": len(list(rows))})` },
        ] },
      ],
    },
    {
      name: "Django extra(where=…)",
      code: `from django.http import JsonResponse
from .models import Entry

def entries(request):
    qs = Entry.objects.extra(where=[f"headline LIKE '{request.GET['q']}%'"])
    return JsonResponse({"n": qs.count()})`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 37, endLine: 5, endColumn: 75, related: 1 },
      ],
    },
    {
      name: "SQL written by a model (text-to-SQL)",
      code: `import sqlite3
from openai import OpenAI

client = OpenAI()
db = sqlite3.connect("shop.db")

def ask(question):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    sql = resp.choices[0].message.content
    return db.execute(sql).fetchall()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 10, column: 23, endLine: 10, endColumn: 26, related: 3 },
      ],
    },
    {
      name: "a query built in steps with a handle from another module",
      code: `from flask import request
from db import get_conn

def report():
    query = "SELECT region, SUM(total) FROM sales"
    query += " WHERE region = '" + request.args["region"] + "'"
    cursor = get_conn().cursor()
    cursor.execute(query)
    return cursor.fetchall()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 20, endLine: 8, endColumn: 25, related: 2 },
      ],
    },
    {
      name: "pandas read_sql_query",
      code: `import pandas as pd
from flask import request
from db import engine

def report():
    return pd.read_sql_query(f"SELECT * FROM sales WHERE region = '{request.args['region']}'", engine).to_json()`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 30, endLine: 6, endColumn: 94, related: 1 },
      ],
    },
    {
      name: "a LangChain tool argument",
      code: `import sqlite3
from langchain_core.tools import tool

db = sqlite3.connect("shop.db")

@tool
def order_count(status: str) -> int:
    """Count the orders with a status."""
    return db.execute(f"SELECT COUNT(*) FROM orders WHERE status = '{status}'").fetchone()[0]`,
      filename: 'app.py',
      errors: [
        { messageId: 'sqlInjection', line: 9, column: 23, endLine: 9, endColumn: 79, related: 1, suggestions: [
          { messageId: 'useParameters', output: `import sqlite3
from langchain_core.tools import tool

db = sqlite3.connect("shop.db")

@tool
def order_count(status: str) -> int:
    """Count the orders with a status."""
    return db.execute("SELECT COUNT(*) FROM orders WHERE status = ?", (status,)).fetchone()[0]` },
        ] },
      ],
    },
    {
      name: 'a parameter of a public function built into SQL text',
      code: `import sqlite3\n\ndb = sqlite3.connect("app.db")\n\ndef find_user(name):\n    return db.execute(f"SELECT * FROM users WHERE name = '{name}'").fetchone()`,
      filename: 'repo.py',
      errors: [{ messageId: 'sqlInjectionParam', severity: 'warning', line: 6, column: 23, endLine: 6, endColumn: 67, related: 1, suggestions: [{ messageId: 'useParameters', output: `import sqlite3\n\ndb = sqlite3.connect("app.db")\n\ndef find_user(name):\n    return db.execute("SELECT * FROM users WHERE name = ?", (name,)).fetchone()` }] }],
    },
  ],
});

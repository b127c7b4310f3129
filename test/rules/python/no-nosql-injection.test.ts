import rule from '../../../src/rules/python/no-nosql-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'a single-quoted file comparing with $eq',
      code: "from flask import request\nfrom pymongo import MongoClient\n\ndb = MongoClient()['app']\n\ndef find():\n    return db.users.find_one({'name': {'$eq': request.json['name']}})\n",
      filename: 'app.py',
    },
    { name: "form fields are strings", code: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
users = MongoClient().app.users

@app.post("/login")
def login():
    user = users.find_one({"email": request.form["email"], "password_hash": request.form["hash"]})
    return {"ok": user is not None}`, filename: 'app.py' },
    { name: "query-string values are strings", code: `from flask import request
from pymongo import MongoClient

db = MongoClient().shop

def search():
    return list(db.products.find({"category": request.args.get("category")}))`, filename: 'app.py' },
    { name: "a JSON value converted with str()", code: `from flask import request
from pymongo import MongoClient

db = MongoClient().app

def login():
    body = request.get_json()
    return db.users.find_one({"username": str(body["username"]), "password": str(body["password"])})`, filename: 'app.py' },
    { name: "compared with $eq", code: `from flask import request
from pymongo import MongoClient

db = MongoClient().app

def login():
    body = request.get_json()
    return db.users.find_one({"username": {"$eq": body["username"]}})`, filename: 'app.py' },
    { name: "a constant filter", code: `from pymongo import MongoClient

db = MongoClient().app
active = list(db.users.find({"active": True, "role": {"$in": ["admin", "staff"]}}))`, filename: 'app.py' },
    { name: "$where with a constant function", code: `from pymongo import MongoClient

db = MongoClient().app
old = db.users.find({"$where": "this.created < this.updated"})`, filename: 'app.py' },
    { name: "a Pydantic model field typed str", code: `from fastapi import FastAPI
from pydantic import BaseModel
from motor.motor_asyncio import AsyncIOMotorClient

app = FastAPI()
db = AsyncIOMotorClient().app

class Login(BaseModel):
    email: str

@app.post("/login")
async def login(body: Login):
    return await db.users.find_one({"email": body.email})`, filename: 'app.py' },
    { name: "str.find is not a query", code: `from flask import request

def position():
    text = "hello world"
    return {"at": text.find(request.get_json()["needle"])}`, filename: 'app.py' },
    { name: "a filter from the database, not the request", code: `from pymongo import MongoClient

db = MongoClient().app

def related(doc_id):
    doc = db.docs.find_one({"_id": doc_id})
    return list(db.docs.find({"tags": doc["tags"]}))`, filename: 'app.py' },
    { name: "dead code", code: `from flask import request
from pymongo import MongoClient

db = MongoClient().app

def login():
    if False:
        db.users.find(request.json)`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: 'the $eq suggestion keeps the single quotes of the file',
      code: "from flask import request\nfrom pymongo import MongoClient\n\ndb = MongoClient()['app']\n\ndef find():\n    return db.users.find_one({'name': request.json['name']})\n",
      filename: 'app.py',
      errors: [{
        messageId: 'operatorInjection', line: 7, column: 39, endLine: 7, endColumn: 59, related: 1,
        suggestions: [
          { messageId: 'useEq', output: "from flask import request\nfrom pymongo import MongoClient\n\ndb = MongoClient()['app']\n\ndef find():\n    return db.users.find_one({'name': {'$eq': request.json['name']}})\n" },
          { messageId: 'useStr', output: "from flask import request\nfrom pymongo import MongoClient\n\ndb = MongoClient()['app']\n\ndef find():\n    return db.users.find_one({'name': str(request.json['name'])})\n" },
        ],
      }],
    },
    {
      name: "a JSON body field in a login filter",
      code: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().app

@app.post("/login")
def login():
    body = request.get_json()
    user = db.users.find_one({"email": body["email"], "password": body["password"]})
    return {"ok": user is not None}`,
      filename: 'app.py',
      errors: [
        { messageId: 'operatorInjection', line: 10, column: 40, endLine: 10, endColumn: 53, related: 1, suggestions: [
          { messageId: 'useEq', output: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().app

@app.post("/login")
def login():
    body = request.get_json()
    user = db.users.find_one({"email": {"$eq": body["email"]}, "password": body["password"]})
    return {"ok": user is not None}` },
          { messageId: 'useStr', output: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().app

@app.post("/login")
def login():
    body = request.get_json()
    user = db.users.find_one({"email": str(body["email"]), "password": body["password"]})
    return {"ok": user is not None}` },
        ] },
        { messageId: 'operatorInjection', line: 10, column: 67, endLine: 10, endColumn: 83, related: 1, suggestions: [
          { messageId: 'useEq', output: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().app

@app.post("/login")
def login():
    body = request.get_json()
    user = db.users.find_one({"email": body["email"], "password": {"$eq": body["password"]}})
    return {"ok": user is not None}` },
          { messageId: 'useStr', output: `from flask import Flask, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient().app

@app.post("/login")
def login():
    body = request.get_json()
    user = db.users.find_one({"email": body["email"], "password": str(body["password"])})
    return {"ok": user is not None}` },
        ] },
      ],
    },
    {
      name: "the whole JSON body as the filter",
      code: `from flask import request
from pymongo import MongoClient

db = MongoClient().app

def search():
    return list(db.products.find(request.json))`,
      filename: 'app.py',
      errors: [
        { messageId: 'operatorInjection', line: 7, column: 34, endLine: 7, endColumn: 46, related: 1 },
      ],
    },
    {
      name: "$where built from request data",
      code: `from flask import request
from pymongo import MongoClient

db = MongoClient().app

def older():
    return list(db.users.find({"$where": f"this.age > {request.args['age']}"}))`,
      filename: 'app.py',
      errors: [
        { messageId: 'whereInjection', line: 7, column: 42, endLine: 7, endColumn: 77, related: 1 },
      ],
    },
    {
      name: "Starlette JSON in a Motor query",
      code: `from starlette.requests import Request
from motor.motor_asyncio import AsyncIOMotorClient

db = AsyncIOMotorClient().app

async def reset(request: Request):
    data = await request.json()
    return await db.users.update_one({"reset_token": data["token"]}, {"$set": {"password": data["password"]}})`,
      filename: 'app.py',
      errors: [
        { messageId: 'operatorInjection', line: 8, column: 54, endLine: 8, endColumn: 67, related: 1, suggestions: [
          { messageId: 'useEq', output: `from starlette.requests import Request
from motor.motor_asyncio import AsyncIOMotorClient

db = AsyncIOMotorClient().app

async def reset(request: Request):
    data = await request.json()
    return await db.users.update_one({"reset_token": {"$eq": data["token"]}}, {"$set": {"password": data["password"]}})` },
          { messageId: 'useStr', output: `from starlette.requests import Request
from motor.motor_asyncio import AsyncIOMotorClient

db = AsyncIOMotorClient().app

async def reset(request: Request):
    data = await request.json()
    return await db.users.update_one({"reset_token": str(data["token"])}, {"$set": {"password": data["password"]}})` },
        ] },
      ],
    },
    {
      name: "json.loads of the body inside $or",
      code: `import json
from django.http import JsonResponse
from myapp.mongo import users

def lookup(request):
    data = json.loads(request.body)
    found = users.find_one({"$or": [{"email": data["login"]}, {"username": data["login"]}]})
    return JsonResponse({"found": found is not None})`,
      filename: 'app.py',
      errors: [
        { messageId: 'operatorInjection', line: 7, column: 47, endLine: 7, endColumn: 60, related: 1, suggestions: [
          { messageId: 'useEq', output: `import json
from django.http import JsonResponse
from myapp.mongo import users

def lookup(request):
    data = json.loads(request.body)
    found = users.find_one({"$or": [{"email": {"$eq": data["login"]}}, {"username": data["login"]}]})
    return JsonResponse({"found": found is not None})` },
          { messageId: 'useStr', output: `import json
from django.http import JsonResponse
from myapp.mongo import users

def lookup(request):
    data = json.loads(request.body)
    found = users.find_one({"$or": [{"email": str(data["login"])}, {"username": data["login"]}]})
    return JsonResponse({"found": found is not None})` },
        ] },
        { messageId: 'operatorInjection', line: 7, column: 76, endLine: 7, endColumn: 89, related: 1, suggestions: [
          { messageId: 'useEq', output: `import json
from django.http import JsonResponse
from myapp.mongo import users

def lookup(request):
    data = json.loads(request.body)
    found = users.find_one({"$or": [{"email": data["login"]}, {"username": {"$eq": data["login"]}}]})
    return JsonResponse({"found": found is not None})` },
          { messageId: 'useStr', output: `import json
from django.http import JsonResponse
from myapp.mongo import users

def lookup(request):
    data = json.loads(request.body)
    found = users.find_one({"$or": [{"email": data["login"]}, {"username": str(data["login"])}]})
    return JsonResponse({"found": found is not None})` },
        ] },
      ],
    },
    {
      name: "a FastAPI dict body",
      code: `from typing import Any, Dict
from fastapi import FastAPI
from pymongo import MongoClient

app = FastAPI()
db = MongoClient().app

@app.post("/count")
def count(filters: Dict[str, Any]):
    return {"n": db.events.count_documents(filters)}`,
      filename: 'app.py',
      errors: [
        { messageId: 'operatorInjection', line: 10, column: 44, endLine: 10, endColumn: 51, related: 1 },
      ],
    },
    {
      name: "$where written by a model",
      code: `from openai import OpenAI
from pymongo import MongoClient

client = OpenAI()
db = MongoClient().app

def ask(question):
    resp = client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": question}])
    return list(db.orders.find({"$where": resp.choices[0].message.content}))`,
      filename: 'app.py',
      errors: [
        { messageId: 'whereInjection', line: 9, column: 43, endLine: 9, endColumn: 74, related: 2 },
      ],
    },
  ],
});

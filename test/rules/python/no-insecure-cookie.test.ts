import rule from '../../../src/rules/python/no-insecure-cookie';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("session", token, secure=True, httponly=True, samesite="Lax")`, filename: 'app.py' },
    { name: "not a session cookie", code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("theme", "dark")`, filename: 'app.py' },
    { name: "a CSRF cookie must be readable by scripts", code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("csrf_token", token, secure=True)`, filename: 'app.py' },
    { code: `from django.http import HttpResponse
response = HttpResponse()
response.set_cookie("sessionid", sid, secure=True, httponly=True)`, filename: 'app.py' },
    { name: "options passed as **kwargs", code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("session", token, **COOKIE_OPTIONS)`, filename: 'app.py' },
    { name: "a client-side cookie jar", code: `import requests
s = requests.Session()
s.cookies.set("session", token)`, filename: 'app.py' },
    { name: "a local class", code: `class Jar:
    def set_cookie(self, name, value):
        pass

Jar().set_cookie("session", token)`, filename: 'app.py' },
    { code: `from flask import Flask
app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = True
app.config["SESSION_COOKIE_HTTPONLY"] = True`, filename: 'app.py' },
    { code: `from flask import Flask
app = Flask(__name__)
app.config["SESSION_COOKIE_SAMESITE"] = "Lax"`, filename: 'app.py' },
    { code: `from fastapi import Response
def login(response: Response):
    response.set_cookie(key="access_token", value=token, httponly=True, secure=True)`, filename: 'app.py' },
    { name: "another cookie with secure=True and httponly=False (scripts may read it)", code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("theme", "dark", secure=True, httponly=False)`, filename: 'app.py' },
    { name: "another cookie with secure set from the configuration", code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("locale", "en", secure=COOKIES_SECURE)`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("session", token)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingFlags', line: 3, column: 17, endLine: 3, endColumn: 26, suggestions: [{ messageId: 'addFlags', output: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("session", token, secure=True, httponly=True, samesite="Lax")` }] },
      ],
    },
    {
      code: `from fastapi import Response
def login(response: Response):
    response.set_cookie(key="access_token", value=token)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingFlags', line: 3, column: 29, endLine: 3, endColumn: 43, suggestions: [{ messageId: 'addFlags', output: `from fastapi import Response
def login(response: Response):
    response.set_cookie(key="access_token", value=token, secure=True, httponly=True, samesite="Lax")` }] },
      ],
    },
    {
      code: `from django.http import HttpResponse
response = HttpResponse()
response.set_cookie("sessionid", sid, secure=True, httponly=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'httponlyDisabled', line: 3, column: 52, endLine: 3, endColumn: 66 },
      ],
      output: `from django.http import HttpResponse
response = HttpResponse()
response.set_cookie("sessionid", sid, secure=True, httponly=True)`,
    },
    {
      code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("auth", token, secure=False, httponly=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'secureDisabled', line: 3, column: 32, endLine: 3, endColumn: 44 },
      ],
      output: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("auth", token, secure=True, httponly=True)`,
    },
    {
      name: "a CSRF cookie still needs secure",
      code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("csrftoken", token)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingFlags', line: 3, column: 17, endLine: 3, endColumn: 28, suggestions: [{ messageId: 'addFlags', output: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("csrftoken", token, secure=True, samesite="Lax")` }] },
      ],
    },
    {
      code: `from flask import Flask
app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = False`,
      filename: 'app.py',
      errors: [
        { messageId: 'secureDisabled', line: 3, column: 1, endLine: 3, endColumn: 44 },
      ],
      output: `from flask import Flask
app = Flask(__name__)
app.config["SESSION_COOKIE_SECURE"] = True`,
    },
    {
      code: `from flask import Flask
app = Flask(__name__)
app.config.update(SESSION_COOKIE_HTTPONLY=False, SESSION_COOKIE_SAMESITE="Lax")`,
      filename: 'app.py',
      errors: [
        { messageId: 'httponlyDisabled', line: 3, column: 19, endLine: 3, endColumn: 48 },
      ],
      output: `from flask import Flask
app = Flask(__name__)
app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")`,
    },
    {
      code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie(
    "session",
    token,
    max_age=3600,
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingFlags', line: 4, column: 5, endLine: 4, endColumn: 14, suggestions: [{ messageId: 'addFlags', output: `from flask import make_response
resp = make_response("ok")
resp.set_cookie(
    "session",
    token,
    max_age=3600,
    secure=True, httponly=True, samesite="Lax",
)` }] },
      ],
    },
    {
      name: 'any cookie with an explicit secure=False, at info',
      code: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("SomeCookie", value, secure=False, httponly=True)`,
      filename: 'app.py',
      output: `from flask import make_response
resp = make_response("ok")
resp.set_cookie("SomeCookie", value, secure=True, httponly=True)`,
      errors: [{ messageId: 'secureDisabledAny', severity: 'info', line: 3, column: 38, endLine: 3, endColumn: 50 }],
    },
  ],
});


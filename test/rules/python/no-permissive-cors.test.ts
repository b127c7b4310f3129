import rule from '../../../src/rules/python/no-permissive-cors';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "any origin without credentials", code: `from flask import Flask
from flask_cors import CORS
app = Flask(__name__)
CORS(app)`, filename: 'app.py' },
    { code: `from flask_cors import CORS
CORS(app, origins=["https://app.example.com"], supports_credentials=True)`, filename: 'app.py' },
    { code: `from flask_cors import CORS
CORS(app, resources={r"/api/*": {"origins": ["https://app.example.com"]}}, supports_credentials=True)`, filename: 'app.py' },
    { name: "public API without credentials", code: `from fastapi.middleware.cors import CORSMiddleware
app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["*"])`, filename: 'app.py' },
    { code: `from fastapi.middleware.cors import CORSMiddleware
app.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"], allow_credentials=True)`, filename: 'app.py' },
    { name: "origins from configuration", code: `from fastapi.middleware.cors import CORSMiddleware
app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)`, filename: 'app.py' },
    { code: `from starlette.middleware.cors import CORSMiddleware
app.add_middleware(CORSMiddleware, allow_origin_regex=r"https://.*\\.example\\.com", allow_credentials=True)`, filename: 'app.py' },
    { name: "django-cors-headers without credentials", code: `CORS_ALLOW_ALL_ORIGINS = True`, filename: 'mysite/settings.py' },
    { code: `CORS_ALLOWED_ORIGINS = ["https://app.example.com"]
CORS_ALLOW_CREDENTIALS = True`, filename: 'mysite/settings.py' },
    { name: "a local function named CORS", code: `def CORS(app, **options):
    return app

CORS(app, supports_credentials=True)`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from flask import Flask
from flask_cors import CORS
app = Flask(__name__)
CORS(app, supports_credentials=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'anyOrigin', line: 4, column: 11, endLine: 4, endColumn: 36 },
      ],
    },
    {
      code: `from flask_cors import CORS
CORS(app, origins="*", supports_credentials=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'anyOrigin', line: 2, column: 11, endLine: 2, endColumn: 22 },
      ],
    },
    {
      code: `from flask_cors import CORS
CORS(app, resources={r"/api/*": {"origins": "*"}}, supports_credentials=True)`,
      filename: 'app.py',
      errors: [
        { messageId: 'anyOrigin', line: 2, column: 22, endLine: 2, endColumn: 49 },
      ],
    },
    {
      code: `from flask_cors import cross_origin

@app.route("/me")
@cross_origin(supports_credentials=True)
def me():
    pass`,
      filename: 'app.py',
      errors: [
        { messageId: 'anyOrigin', line: 4, column: 15, endLine: 4, endColumn: 40 },
      ],
    },
    {
      code: `from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'anyOrigin', line: 6, column: 5, endLine: 6, endColumn: 24 },
      ],
    },
    {
      code: `from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
middleware = [Middleware(CORSMiddleware, allow_origin_regex=".*", allow_credentials=True)]`,
      filename: 'app.py',
      errors: [
        { messageId: 'anyOrigin', line: 3, column: 42, endLine: 3, endColumn: 65 },
      ],
    },
    {
      code: `CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = True`,
      filename: 'mysite/settings.py',
      errors: [
        { messageId: 'anyOrigin', line: 1, column: 1, endLine: 1, endColumn: 30 },
      ],
    },
  ],
});


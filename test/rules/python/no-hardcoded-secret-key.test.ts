import rule from '../../../src/rules/python/no-hardcoded-secret-key';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import os
from flask import Flask
app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]`, filename: 'app.py' },
    { code: `import os
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]`, filename: 'mysite/settings.py' },
    { code: `import secrets
from flask import Flask
app = Flask(__name__)
app.config["SECRET_KEY"] = secrets.token_hex(32)`, filename: 'app.py' },
    { code: `from flask import Flask
app = Flask(__name__)
app.config.from_prefixed_env()`, filename: 'app.py' },
    { name: "test settings", code: `SECRET_KEY = "django-insecure-test-only"`, filename: 'mysite/settings/test.py' },
    { name: "settings of a test suite", code: `SECRET_KEY = "not-for-production"`, filename: 'tests/settings.py' },
    { name: "a local variable is not a setting", code: `def make_config():
    SECRET_KEY = "scratch"
    return {}`, filename: 'app.py' },
    { name: "empty", code: `SECRET_KEY = ""`, filename: 'app.py' },
    { code: `from environ import Env
env = Env()
SECRET_KEY = env("SECRET_KEY")`, filename: 'settings.py' },
    { name: "another setting", code: `cache.config["SECRET_KEY_PREFIX"] = "sk"`, filename: 'app.py' },
    { code: `import os
from starlette.middleware.sessions import SessionMiddleware
app.add_middleware(SessionMiddleware, secret_key=os.environ["SESSION_SECRET"])`, filename: 'app.py' },
    { name: "not an app", code: `widget.secret_key = "abc123"`, filename: 'app.py' },
    { name: "the name of an environment variable, not a key", code: `class EnvProvider:
    ACCESS_KEY = 'AWS_ACCESS_KEY_ID'
    SECRET_KEY = 'AWS_SECRET_ACCESS_KEY'`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `from flask import Flask
app = Flask(__name__)
app.secret_key = "dev-secret-123"`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedKey', line: 3, column: 18, endLine: 3, endColumn: 34, suggestions: [{ messageId: 'useEnvVar', output: `import os
from flask import Flask
app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]` }] },
      ],
    },
    {
      code: `import os
from flask import Flask
app = Flask(__name__)
app.config["SECRET_KEY"] = "s3cr3t-flask-key"`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedKey', line: 4, column: 28, endLine: 4, endColumn: 46, suggestions: [{ messageId: 'useEnvVar', output: `import os
from flask import Flask
app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]` }] },
      ],
    },
    {
      code: `from flask import Flask
app = Flask(__name__)
app.config.update(SECRET_KEY="another-secret", DEBUG=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedKey', line: 3, column: 30, endLine: 3, endColumn: 46, suggestions: [{ messageId: 'useEnvVar', output: `import os
from flask import Flask
app = Flask(__name__)
app.config.update(SECRET_KEY=os.environ["SECRET_KEY"], DEBUG=False)` }] },
      ],
    },
    {
      code: `"""Django settings for mysite."""
from pathlib import Path

SECRET_KEY = "django-insecure-9x!k2@p#)c0w^z7v$3m"
DEBUG = False`,
      filename: 'mysite/settings.py',
      errors: [
        { messageId: 'hardcodedKey', line: 4, column: 14, endLine: 4, endColumn: 51, suggestions: [{ messageId: 'useEnvVar', output: `"""Django settings for mysite."""
import os
from pathlib import Path

SECRET_KEY = os.environ["SECRET_KEY"]
DEBUG = False` }] },
      ],
    },
    {
      code: `import os
SECRET_KEY = os.environ.get("SECRET_KEY", "dev-fallback-key")`,
      filename: 'config.py',
      errors: [
        { messageId: 'fallbackKey', line: 2, column: 43, endLine: 2, endColumn: 61, suggestions: [{ messageId: 'useEnvVar', output: `import os
SECRET_KEY = os.environ["SECRET_KEY"]` }] },
      ],
    },
    {
      code: `class Config:
    SECRET_KEY = "config-class-secret"
    JWT_SECRET_KEY = "jwt-secret-value"`,
      filename: 'config.py',
      errors: [
        { messageId: 'hardcodedKey', line: 2, column: 18, endLine: 2, endColumn: 39, suggestions: [{ messageId: 'useEnvVar', output: `import os
class Config:
    SECRET_KEY = os.environ["SECRET_KEY"]
    JWT_SECRET_KEY = "jwt-secret-value"` }] },
        { messageId: 'hardcodedKey', line: 3, column: 22, endLine: 3, endColumn: 40, suggestions: [{ messageId: 'useEnvVar', output: `import os
class Config:
    SECRET_KEY = "config-class-secret"
    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]` }] },
      ],
    },
    {
      code: `from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key="starlette-secret")`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedKey', line: 4, column: 50, endLine: 4, endColumn: 68, suggestions: [{ messageId: 'useEnvVar', output: `import os
from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
app = FastAPI()
app.add_middleware(SessionMiddleware, secret_key=os.environ["SECRET_KEY"])` }] },
      ],
    },
    {
      name: "the Flask tutorial key",
      code: `from flask import Flask
app = Flask(__name__)
app.secret_key = b'_5#y2L"F4Q8z\\n\\xec]/'`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedKey', line: 3, column: 18, endLine: 3, endColumn: 41, suggestions: [{ messageId: 'useEnvVar', output: `import os
from flask import Flask
app = Flask(__name__)
app.secret_key = os.environ["SECRET_KEY"]` }] },
      ],
    },
  ],
});


import rule from '../../../src/rules/python/no-hardcoded-jwt-secret';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import os, jwt
token = jwt.encode(payload, os.environ["JWT_SECRET"], algorithm="HS256")`, filename: 'app.py' },
    { code: `import jwt
from django.conf import settings
token = jwt.encode(payload, settings.SECRET_KEY, algorithm="HS256")`, filename: 'app.py' },
    { name: "a public key is not a secret", code: `import jwt
PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA
-----END PUBLIC KEY-----"""
claims = jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])`, filename: 'app.py' },
    { name: "no key at all (another rule reports none)", code: `import jwt
token = jwt.encode(payload, "", algorithm="none")`, filename: 'app.py' },
    { code: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256"])`, filename: 'app.py' },
    { name: "a test file", code: `import jwt
token = jwt.encode(payload, "test-secret", algorithm="HS256")`, filename: 'tests/test_auth.py' },
    { name: "pytest fixtures", code: `import jwt
token = jwt.encode(payload, "test-secret", algorithm="HS256")`, filename: 'conftest.py' },
    { name: "a local function named encode", code: `def encode(payload, key):
    return payload

token = encode(payload, "not-a-jwt")`, filename: 'app.py' },
    { code: `import jwt
import os
SECRET = os.environ.get("JWT_SECRET")
token = jwt.encode(payload, SECRET, algorithm="HS256")`, filename: 'app.py' },
  ],
  invalid: [
    {
      code: `import jwt
token = jwt.encode({"sub": user.id}, "super-secret-key", algorithm="HS256")`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedSecret', line: 2, column: 38, endLine: 2, endColumn: 56, suggestions: [{ messageId: 'useEnvVar', output: `import os
import jwt
token = jwt.encode({"sub": user.id}, os.environ["JWT_SECRET"], algorithm="HS256")` }] },
      ],
    },
    {
      name: "one finding per secret",
      code: `import jwt
SECRET_KEY = "my-jwt-signing-secret"

def issue(user):
    return jwt.encode({"sub": user.id}, SECRET_KEY, algorithm="HS256")

def verify(token):
    return jwt.decode(token, SECRET_KEY, algorithms=["HS256"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedSecret', line: 5, column: 41, endLine: 5, endColumn: 51 },
      ],
    },
    {
      code: `import os
import jwt
claims = jwt.decode(token, os.getenv("JWT_SECRET", "dev-secret"), algorithms=["HS256"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'fallbackSecret', line: 3, column: 52, endLine: 3, endColumn: 64, suggestions: [{ messageId: 'useEnvVar', output: `import os
import jwt
claims = jwt.decode(token, os.environ["JWT_SECRET"], algorithms=["HS256"])` }] },
      ],
    },
    {
      name: "import os goes after the docstring",
      code: `"""Auth helpers."""
from jose import jwt
token = jwt.encode(claims, key="hardcoded", algorithm="HS256")`,
      filename: 'app.py',
      errors: [
        { messageId: 'hardcodedSecret', line: 3, column: 32, endLine: 3, endColumn: 43, suggestions: [{ messageId: 'useEnvVar', output: `"""Auth helpers."""
import os
from jose import jwt
token = jwt.encode(claims, key=os.environ["JWT_SECRET"], algorithm="HS256")` }] },
      ],
    },
  ],
});


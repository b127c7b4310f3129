import rule from '../../../src/rules/python/no-jwt-misuse';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    {
      name: 'a single-quoted file with an algorithm allow-list',
      code: "import jwt\n\ndef read(token):\n    return jwt.decode(token, 'k' + KEY, algorithms=['HS256'])\n",
      filename: 'app.py',
    },
    { code: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256"])`, filename: 'app.py' },
    { code: `import jwt
claims = jwt.decode(token, public_key, algorithms=["RS256"], audience="api")`, filename: 'app.py' },
    { name: "reading the header the supported way", code: `import jwt
header = jwt.get_unverified_header(token)`, filename: 'app.py' },
    { name: "algorithms from a constant elsewhere", code: `import jwt
claims = jwt.decode(token, key, algorithms=ALGORITHMS)`, filename: 'app.py' },
    { code: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256"], options={"verify_exp": True, "verify_signature": True})`, filename: 'app.py' },
    { code: `import jwt
token = jwt.encode(payload, key, algorithm="HS256")`, filename: 'app.py' },
    { name: "**kwargs may carry algorithms", code: `import jwt
claims = jwt.decode(token, key, **decode_options)`, filename: 'app.py' },
    { code: `import base64, json
claims = json.loads(base64.urlsafe_b64decode(part))`, filename: 'app.py' },
    { name: "a local function named decode", code: `def decode(token, key):
    return token

claims = decode(token, key)`, filename: 'app.py' },
    { code: `from jose import jwt
claims = jwt.decode(token, key, algorithms=["RS256"])`, filename: 'app.py' },
    { name: "dead code", code: `import jwt
if False:
    claims = jwt.decode(token, options={"verify_signature": False})`, filename: 'app.py' },
  ],
  invalid: [
    {
      name: 'the algorithm allow-list keeps the single quotes of the file',
      code: "import jwt\n\ndef read(token):\n    return jwt.decode(token, 'k' + KEY, algorithms=None)\n",
      filename: 'app.py',
      errors: [{
        messageId: 'missingAlgorithms', line: 4, column: 12, endLine: 4, endColumn: 22,
        suggestions: [{ messageId: 'addAlgorithms', output: "import jwt\n\ndef read(token):\n    return jwt.decode(token, 'k' + KEY, algorithms=['HS256'])\n" }],
      }],
    },
    {
      code: `import jwt
claims = jwt.decode(token, options={"verify_signature": False})`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 2, column: 37, endLine: 2, endColumn: 62 },
      ],
    },
    {
      code: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256"], verify=False)`,
      filename: 'app.py',
      errors: [
        { messageId: 'verifyDisabled', line: 2, column: 55, endLine: 2, endColumn: 67 },
      ],
    },
    {
      code: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256", "none"])`,
      filename: 'app.py',
      errors: [
        { messageId: 'noneAlgorithm', line: 2, column: 44, endLine: 2, endColumn: 61 },
      ],
    },
    {
      code: `import jwt
token = jwt.encode(payload, None, algorithm="none")`,
      filename: 'app.py',
      errors: [
        { messageId: 'noneAlgorithm', line: 2, column: 45, endLine: 2, endColumn: 51 },
      ],
    },
    {
      code: `import jwt
claims = jwt.decode(token, SECRET)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingAlgorithms', line: 2, column: 10, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'addAlgorithms', output: `import jwt
claims = jwt.decode(token, SECRET, algorithms=["HS256"])` }] },
      ],
    },
    {
      name: "the suggestion names the algorithm the file signs with",
      code: `import jwt
token = jwt.encode(payload, SECRET, algorithm="HS512")

def verify(token):
    return jwt.decode(token, SECRET)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingAlgorithms', line: 5, column: 12, endLine: 5, endColumn: 22, suggestions: [{ messageId: 'addAlgorithms', output: `import jwt
token = jwt.encode(payload, SECRET, algorithm="HS512")

def verify(token):
    return jwt.decode(token, SECRET, algorithms=["HS512"])` }] },
      ],
    },
    {
      code: `from jose import jwt
claims = jwt.decode(token, public_key)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingAlgorithms', line: 2, column: 10, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'addAlgorithms', output: `from jose import jwt
claims = jwt.decode(token, public_key, algorithms=["RS256"])` }] },
      ],
    },
    {
      code: `import jwt
claims = jwt.decode(
    token,
    key,
)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingAlgorithms', line: 2, column: 10, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'addAlgorithms', output: `import jwt
claims = jwt.decode(
    token,
    key,
    algorithms=["HS256"],
)` }] },
      ],
    },
    {
      name: "algorithms=None is no list",
      code: `import jwt
claims = jwt.decode(token, key, algorithms=None)`,
      filename: 'app.py',
      errors: [
        { messageId: 'missingAlgorithms', line: 2, column: 10, endLine: 2, endColumn: 20, suggestions: [{ messageId: 'addAlgorithms', output: `import jwt
claims = jwt.decode(token, key, algorithms=["HS256"])` }] },
      ],
    },
  ],
});


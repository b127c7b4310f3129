import rule from '../../../src/rules/python/no-weak-hash';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "a cache key", code: `import hashlib
cache_key = hashlib.md5(url.encode()).hexdigest()`, filename: 'app.py' },
    { name: "an ETag", code: `import hashlib
etag = hashlib.md5(body).hexdigest()`, filename: 'app.py' },
    { name: "a checksum for deduplication", code: `import hashlib
def file_checksum(path):
    h = hashlib.sha1()
    with open(path, "rb") as f:
        h.update(f.read())
    return h.hexdigest()`, filename: 'app.py' },
    { name: "usedforsecurity=False", code: `import hashlib
signature_digest = hashlib.md5(data, usedforsecurity=False).hexdigest()`, filename: 'app.py' },
    { code: `import hashlib, hmac
signature = hmac.new(secret, body, hashlib.sha256).hexdigest()`, filename: 'app.py' },
    { name: "SHA-256 for an integrity check", code: `import hashlib
signature = hashlib.sha256(payload).hexdigest()`, filename: 'app.py' },
    { name: "a random token hashed with SHA-256", code: `import hashlib
def hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()`, filename: 'app.py' },
    { name: "the Pwned Passwords range API", code: `import hashlib
def pwned(password):
    prefix = hashlib.sha1(password.encode()).hexdigest().upper()[:5]
    return requests.get("https://api.pwnedpasswords.com/range/" + prefix)`, filename: 'app.py' },
    { code: `import hashlib
password_hash = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1)`, filename: 'app.py' },
    { code: `import hashlib
key = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)`, filename: 'app.py' },
    { name: "a local function named md5", code: `def md5(x):
    return x

password_hash = md5(password)`, filename: 'app.py' },
    { name: "sharding", code: `import hashlib
bucket = int(hashlib.md5(user_id.encode()).hexdigest(), 16) % 100`, filename: 'app.py' },
    { name: "sign_in is not a signature", code: `import hashlib
sign_in_hash = hashlib.md5(email.encode()).hexdigest()`, filename: 'app.py' },
    { name: "raw digest bytes of a challenge-response protocol", code: `import hashlib
def scramble(password, nonce):
    stage1 = hashlib.sha1(password).digest()
    return bytes(a ^ b for a, b in zip(stage1, hashlib.sha1(nonce + stage1).digest()))`, filename: 'app.py' },
    {
      name: 'a digest written to a file that is not about passwords',
      code: `import hashlib

def checksum(data, path):
    result = hashlib.md5(data).hexdigest()
    with open("checksums.txt", "a") as f:
        f.write(result)`,
      filename: 'app.py',
    },
    {
      name: 'a password file written, but not the digest',
      code: `import hashlib

def cache_key(data):
    key = hashlib.md5(data).hexdigest()
    with open("passwords.log", "a") as f:
        f.write("rotated")
    return key`,
      filename: 'app.py',
    },
  ],
  invalid: [
    {
      code: `import hashlib
user.password_hash = hashlib.md5(password.encode()).hexdigest()`,
      filename: 'app.py',
      errors: [
        { messageId: 'passwordHash', line: 2, column: 22, endLine: 2, endColumn: 33 },
      ],
    },
    {
      code: `import hashlib
def hash_password(raw):
    return hashlib.sha256(raw.encode()).hexdigest()`,
      filename: 'app.py',
      errors: [
        { messageId: 'passwordHash', line: 3, column: 12, endLine: 3, endColumn: 26 },
      ],
    },
    {
      code: `import hashlib
h = hashlib.sha1()
h.update(form["password"].encode())
stored = h.hexdigest()`,
      filename: 'app.py',
      errors: [
        { messageId: 'passwordHash', line: 2, column: 5, endLine: 2, endColumn: 17 },
      ],
    },
    {
      code: `import hashlib
signature = hashlib.md5(body + WEBHOOK_SECRET).hexdigest()`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakSignature', line: 2, column: 13, endLine: 2, endColumn: 24, suggestions: [{ messageId: 'useSha256', output: `import hashlib
signature = hashlib.sha256(body + WEBHOOK_SECRET).hexdigest()` }] },
      ],
    },
    {
      code: `import hashlib
if hashlib.sha1(payload).hexdigest() != request.headers["X-Signature"]:
    abort(403)`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakSignature', line: 2, column: 4, endLine: 2, endColumn: 16, suggestions: [{ messageId: 'useSha256', output: `import hashlib
if hashlib.sha256(payload).hexdigest() != request.headers["X-Signature"]:
    abort(403)` }] },
      ],
    },
    {
      code: `import hashlib
expected = hashlib.new("md5", payload).hexdigest()
if not hmac.compare_digest(expected, signature):
    abort(403)`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakSignature', line: 2, column: 24, endLine: 2, endColumn: 29, suggestions: [{ messageId: 'useSha256', output: `import hashlib
expected = hashlib.new("sha256", payload).hexdigest()
if not hmac.compare_digest(expected, signature):
    abort(403)` }] },
      ],
    },
    {
      code: `from Crypto.Hash import SHA1
from Crypto.Signature import pkcs1_15
sig = pkcs1_15.new(key).sign(SHA1.new(message))`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakSignature', line: 3, column: 30, endLine: 3, endColumn: 47 },
      ],
    },
    {
      code: `from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
signature = private_key.sign(data, padding.PKCS1v15(), hashes.SHA1())`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakSignature', line: 3, column: 56, endLine: 3, endColumn: 69 },
      ],
    },
    {
      name: "imported function: no rename suggestion",
      code: `from hashlib import md5
def check_signature(body, secret):
    return md5(body + secret).hexdigest()`,
      filename: 'app.py',
      errors: [
        { messageId: 'weakSignature', line: 3, column: 12, endLine: 3, endColumn: 15 },
      ],
    },
    {
      name: "raw bytes stored under a password name",
      code: `import hashlib
user.password_hash = hashlib.sha256(password.encode()).digest()`,
      filename: 'app.py',
      errors: [
        { messageId: 'passwordHash', line: 2, column: 22, endLine: 2, endColumn: 36 },
      ],
    },
    {
      name: 'a digest stored in a password file, through the hash object',
      code: `import base64
import hashlib

def store(value):
    h = hashlib.new("md5")
    h.update(value.encode("utf-8"))
    result = h.digest()
    with open("data/passwordFile.txt", "a") as f:
        f.write(f"hash_value={base64.b64encode(result)}")`,
      filename: 'app.py',
      errors: [{ messageId: 'passwordHash', line: 5, column: 21, endLine: 5, endColumn: 26 }],
    },
  ],
});


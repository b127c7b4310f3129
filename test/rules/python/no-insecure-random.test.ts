import rule from '../../../src/rules/python/no-insecure-random';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "retry jitter", code: `import random
delay = random.uniform(0.5, 1.5)
time.sleep(delay)`, filename: 'app.py' },
    { name: "shuffling test data", code: `import random
random.shuffle(training_examples)`, filename: 'app.py' },
    { code: `import random
batch = random.sample(dataset, 32)`, filename: 'app.py' },
    { name: "a simulation", code: `import random
def simulate_dice():
    return random.randint(1, 6)`, filename: 'app.py' },
    { code: `import random
random.seed(42)
noise = [random.gauss(0, 1) for _ in range(100)]`, filename: 'app.py' },
    { code: `import secrets
token = secrets.token_urlsafe(32)`, filename: 'app.py' },
    { name: "SystemRandom draws from os.urandom", code: `import random
rng = random.SystemRandom()
token = "".join(rng.choice(ALPHABET) for _ in range(32))`, filename: 'app.py' },
    { name: "a benign word wins over a secret word", code: `import random
token_refresh_jitter = random.random() * 5`, filename: 'app.py' },
    { code: `import random
color = random.choice(["red", "green", "blue"])`, filename: 'app.py' },
    { name: "not the random module", code: `import numpy as np
session_ids = np.arange(10)`, filename: 'app.py' },
    { name: "a local function named choice", code: `def choice(options):
    return options[0]

token = choice(tokens)`, filename: 'app.py' },
    { code: `import random
def pick_color():
    code = random.choice(COLORS)
    return code`, filename: 'app.py' },
    { name: "fake data", code: `import random
fake_password = random.choice(WORDS)  # test fixture`, filename: 'app.py' },
    {
      name: 'a generic name followed to a delay',
      code: `import random
import time

def backoff(attempt):
    n = random.random()
    pause = n * 2 ** attempt
    time.sleep(pause)`,
      filename: 'app.py',
    },
    {
      name: 'a generic name followed to a color',
      code: `import random

def tint():
    x = random.randint(0, 255)
    color = f"#{x:02x}{x:02x}{x:02x}"
    return color`,
      filename: 'app.py',
    },
  ],
  invalid: [
    {
      code: `import random
import string

def generate_token(length=32):
    return "".join(random.choice(string.ascii_letters) for _ in range(length))`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 5, column: 20, endLine: 5, endColumn: 55, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random
import string

def generate_token(length=32):
    return "".join(secrets.choice(string.ascii_letters) for _ in range(length))` }] },
      ],
    },
    {
      code: `import random

def generate_otp():
    code = random.randint(100000, 999999)
    return str(code)`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 4, column: 12, endLine: 4, endColumn: 42, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random

def generate_otp():
    code = secrets.randbelow(900000) + 100000
    return str(code)` }] },
      ],
    },
    {
      code: `import random
reset_token = random.getrandbits(128)`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 2, column: 15, endLine: 2, endColumn: 38, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random
reset_token = secrets.randbits(128)` }] },
      ],
    },
    {
      code: `import random, string
api_key = "".join(random.choices(string.hexdigits, k=40))`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 2, column: 19, endLine: 2, endColumn: 57, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random, string
api_key = "".join([secrets.choice(string.hexdigits) for _ in range(40)])` }] },
      ],
    },
    {
      code: `import random
session_id = str(random.random())`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 2, column: 18, endLine: 2, endColumn: 33 },
      ],
    },
    {
      code: `import random
response.set_cookie("session_id", str(random.randint(0, 2**64)))`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 2, column: 39, endLine: 2, endColumn: 63 },
      ],
    },
    {
      code: `import random
user.password = random.randbytes(12).hex()`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 2, column: 17, endLine: 2, endColumn: 37, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random
user.password = secrets.token_bytes(12).hex()` }] },
      ],
    },
    {
      code: `import random
salt = random.randrange(1_000_000)`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 2, column: 8, endLine: 2, endColumn: 35, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random
salt = secrets.randbelow(1_000_000)` }] },
      ],
    },
    {
      name: "secrets already imported",
      code: `import secrets
import random
nonce = random.getrandbits(64)`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 3, column: 9, endLine: 3, endColumn: 31, suggestions: [{ messageId: 'useSecrets', output: `import secrets
import random
nonce = secrets.randbits(64)` }] },
      ],
    },
    {
      name: "a variable named secrets: no suggestion",
      code: `import random
secrets = load_secrets()
pin = random.randint(0, 9999)`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 3, column: 7, endLine: 3, endColumn: 30 },
      ],
    },
    {
      name: "import secrets goes after the docstring and __future__ imports",
      code: `#!/usr/bin/env python3
"""Invites."""
from __future__ import annotations

invite_code = random.choice(CODES)

import random`,
      filename: 'app.py',
      errors: [
        { messageId: 'insecureRandom', line: 5, column: 15, endLine: 5, endColumn: 35, suggestions: [{ messageId: 'useSecrets', output: `#!/usr/bin/env python3
"""Invites."""
from __future__ import annotations
import secrets

invite_code = secrets.choice(CODES)

import random` }] },
      ],
    },
    {
      name: 'a generic name followed to a remember-me cookie',
      code: `import random
from flask import make_response

def login():
    num = random.random()
    rememberMeKey = str(num)[2:]
    resp = make_response("ok")
    resp.set_cookie("rememberMe", rememberMeKey)
    return resp`,
      filename: 'app.py',
      errors: [{ messageId: 'insecureRandom', line: 5, column: 11, endLine: 5, endColumn: 26, suggestions: [] }],
    },
    {
      name: 'a generic name followed twice to a one-time code',
      code: `import random

def send_code(user):
    n = random.randint(0, 999999)
    s = str(n)
    otp = s.zfill(6)
    user.notify(otp)`,
      filename: 'app.py',
      errors: [
        {
          messageId: 'insecureRandom',
          line: 4,
          column: 9,
          endLine: 4,
          endColumn: 34,
          suggestions: [{ messageId: 'useSecrets', output: `import secrets\nimport random\n\ndef send_code(user):\n    n = secrets.randbelow(1000000)\n    s = str(n)\n    otp = s.zfill(6)\n    user.notify(otp)` }],
        },
      ],
    },
  ],
});


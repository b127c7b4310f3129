import rule from '../../../src/rules/js/no-weak-hash';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import crypto from 'node:crypto';\nconst etag = crypto.createHash('md5').update(body).digest('hex');`, name: 'ETag' },
    { code: `const crypto = require('crypto');\nconst cacheKey = crypto.createHash('sha1').update(JSON.stringify(params)).digest('hex');`, name: 'cache key' },
    { code: `import { createHash } from 'crypto';\nexport function gravatarUrl(email) {\n  return 'https://www.gravatar.com/avatar/' + createHash('md5').update(email.trim().toLowerCase()).digest('hex');\n}`, name: 'gravatar' },
    { code: `import crypto from 'crypto';\nasync function signIn(email) {\n  const avatar = crypto.createHash('md5').update(email).digest('hex');\n}`, name: 'signIn is not a signature' },
    { code: `import crypto from 'crypto';\nconst signature = crypto.createHash('sha256').update(payload + secret).digest('hex');`, name: 'sha256 signature' },
    { code: `import crypto from 'crypto';\nconst signature = crypto.createHmac('sha1', secret).update(payload).digest('hex');`, name: 'HMAC-SHA1 is not reported' },
    { code: `import crypto from 'crypto';\nuser.passwordResetToken = crypto.createHash('sha256').update(resetToken).digest('hex');`, name: 'hashing a random reset token' },
    { code: `import bcrypt from 'bcrypt';\nconst passwordHash = await bcrypt.hash(password, 12);`, name: 'bcrypt' },
    { code: `function createHash(a) { return a; }\nconst passwordHash = createHash('md5').update(password).digest('hex');`, name: 'local createHash' },
    { code: `import CryptoJS from 'crypto-js';\nconst fingerprint = crypto.createHash('md5').update(fileBuffer).digest('hex');`, name: 'content addressing' },
    { code: `import crypto from 'crypto';\nif (crypto.createHash('md5').update(body).digest('hex') === req.headers['if-none-match']) res.status(304).end();`, name: 'ETag validation against request' },
    { code: `import crypto from 'crypto';\nconst sha1 = crypto.createHash('sha1').update(password).digest('hex').toUpperCase();\nconst res = await fetch('https://api.pwnedpasswords.com/range/' + sha1.slice(0, 5));`, name: 'HIBP k-anonymity lookup' },
    { code: `import crypto from 'crypto';\nconst signer = crypto.createSign('sha256');`, name: 'createSign sha256' },
    { code: `import crypto from 'crypto';\nfunction createArgumentsForSignature(node) {\n  const finalKey = crypto.createHash('sha1').update(key).digest('base64');\n}`, name: 'a function signature, digest stored under a neutral name' },
  ],
  invalid: [
    {
      name: 'md5 password hash stored on the user',
      code: `import crypto from 'crypto';\nuser.passwordHash = crypto.createHash('md5').update(req.body.password).digest('hex');`,
      errors: [{ messageId: 'passwordHash', line: 2, column: 39, endLine: 2, endColumn: 44 }],
    },
    {
      name: 'sha256 password hash in a hashPassword helper',
      code: `const { createHash } = require('node:crypto');\nfunction hashPassword(pw) {\n  return createHash('sha256').update(pw).digest('hex');\n}`,
      errors: [{ messageId: 'passwordHash', line: 3, column: 21, endLine: 3, endColumn: 29 }],
    },
    {
      name: 'hash object updated with the password later',
      code: `import * as crypto from 'crypto';\nconst ALGO = 'sha1';\nconst h = crypto.createHash(ALGO);\nh.update(salt + password);\nconst stored = h.digest('hex');`,
      errors: [{ messageId: 'passwordHash', line: 3, column: 29, endLine: 3, endColumn: 33 }],
    },
    {
      name: 'HMAC of a password',
      code: `import crypto from 'crypto';\nconst hashedPassword = crypto.createHmac('sha512', PEPPER).update(password).digest('hex');`,
      errors: [{ messageId: 'passwordHash', line: 2, column: 42, endLine: 2, endColumn: 50 }],
    },
    {
      name: 'home-made md5 signature',
      code: `import crypto from 'crypto';\nconst signature = crypto.createHash("md5").update(payload + secret).digest('hex');`,
      errors: [
        {
          messageId: 'weakSignature', line: 2, column: 37, endLine: 2, endColumn: 42,
          suggestions: [{ messageId: 'useSha256', output: `import crypto from 'crypto';\nconst signature = crypto.createHash("sha256").update(payload + secret).digest('hex');` }],
        },
      ],
    },
    {
      name: 'sha1 digest compared with a request header',
      code: `import crypto from 'crypto';\napp.post('/hook', (req, res) => {\n  if (crypto.createHash('sha1').update(req.rawBody).digest('hex') !== req.headers['x-hub']) return res.sendStatus(401);\n});`,
      errors: [
        {
          messageId: 'weakSignature', line: 3, column: 25, endLine: 3, endColumn: 31,
          suggestions: [{ messageId: 'useSha256', output: `import crypto from 'crypto';\napp.post('/hook', (req, res) => {\n  if (crypto.createHash('sha256').update(req.rawBody).digest('hex') !== req.headers['x-hub']) return res.sendStatus(401);\n});` }],
        },
      ],
    },
    {
      name: 'RSA-SHA1 signature',
      code: `const crypto = require('crypto');\nconst sig = crypto.sign('RSA-SHA1', data, privateKey);`,
      errors: [
        {
          messageId: 'weakSignature', line: 2, column: 25, endLine: 2, endColumn: 35,
          suggestions: [{ messageId: 'useSha256', output: `const crypto = require('crypto');\nconst sig = crypto.sign('sha256', data, privateKey);` }],
        },
      ],
    },
    {
      name: 'md5 in a function named for integrity',
      code: `import { createHash } from 'crypto';\nexport const integrityOf = (file) => createHash('md5').update(file).digest('base64');`,
      errors: [
        {
          messageId: 'weakSignature', line: 2, column: 49, endLine: 2, endColumn: 54,
          suggestions: [{ messageId: 'useSha256', output: `import { createHash } from 'crypto';\nexport const integrityOf = (file) => createHash('sha256').update(file).digest('base64');` }],
        },
      ],
    },
  ],
});

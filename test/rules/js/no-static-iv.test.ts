import rule from '../../../src/rules/js/no-static-iv';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import crypto from 'crypto';\nconst iv = crypto.randomBytes(12);\nconst c = crypto.createCipheriv('aes-256-gcm', key, iv);`, name: 'random IV' },
    { code: `import crypto from 'crypto';\nfunction encrypt(text, iv) {\n  return crypto.createCipheriv('aes-256-cbc', key, iv);\n}`, name: 'IV passed in' },
    { code: `import crypto from 'crypto';\nconst d = crypto.createDecipheriv('aes-256-cbc', key, Buffer.from(ivHex, 'hex'));`, name: 'decipher reads the stored IV' },
    { code: `import crypto from 'crypto';\nconst d = crypto.createDecipheriv('aes-256-cbc', key, Buffer.alloc(16));`, name: 'createDecipheriv is not reported' },
    { code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-256-ecb', key, null);`, name: 'ECB takes no IV (js/no-ecb-mode)' },
    { code: `import crypto from 'crypto';\nconst des = crypto.createCipheriv('DES-ECB', key, '');`, name: 'ECB with an empty IV' },
    { code: `import crypto from 'crypto';\nlet iv = Buffer.alloc(16);\niv = crypto.randomBytes(16);\nconst c = crypto.createCipheriv('aes-256-cbc', key, iv);`, name: 'reassigned binding' },
    { code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-256-gcm', key, Buffer.from(crypto.randomBytes(12)));`, name: 'Buffer.from of random bytes' },
    { code: `function createCipheriv(a, k, iv) {}\ncreateCipheriv('aes-256-cbc', key, Buffer.alloc(16));`, name: 'local createCipheriv' },
  ],
  invalid: [
    {
      name: 'zero IV inline',
      code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-256-cbc', key, Buffer.alloc(16, 0));`,
      errors: [
        {
          messageId: 'staticIv', line: 2, column: 53, endLine: 2, endColumn: 72,
          suggestions: [{ messageId: 'useRandomIv', output: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-256-cbc', key, crypto.randomBytes(16));` }],
        },
      ],
    },
    {
      name: 'constant IV through a module-level const',
      code: `const crypto = require('node:crypto');\nconst IV = Buffer.from('1234567890abcdef');\nfunction encrypt(text) {\n  return crypto.createCipheriv('aes-256-cbc', KEY, IV);\n}`,
      errors: [{ messageId: 'staticIv', line: 4, column: 52, endLine: 4, endColumn: 54, related: 1 }],
    },
    {
      name: 'IV from the environment, named import, GCM',
      code: `import { createCipheriv, randomBytes } from 'node:crypto';\nconst c = createCipheriv('aes-256-gcm', key, Buffer.from(process.env.ENCRYPTION_IV, 'hex'));`,
      errors: [
        {
          messageId: 'staticIv', line: 2, column: 46, endLine: 2, endColumn: 91,
          suggestions: [{ messageId: 'useRandomIv', output: `import { createCipheriv, randomBytes } from 'node:crypto';\nconst c = createCipheriv('aes-256-gcm', key, randomBytes(12));` }],
        },
      ],
    },
    {
      name: 'string literal IV without randomBytes in scope: no suggestion',
      code: `import { createCipheriv } from 'crypto';\nconst c = createCipheriv('aes-128-cbc', key, 'abcdefghijklmnop');`,
      errors: [{ messageId: 'staticIv', line: 2, column: 46, endLine: 2, endColumn: 64 }],
    },
    {
      name: 'new Uint8Array(16) with unknown algorithm: no suggestion',
      code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv(algo, key, new Uint8Array(16));`,
      errors: [{ messageId: 'staticIv', line: 2, column: 44, endLine: 2, endColumn: 62 }],
    },
  ],
});

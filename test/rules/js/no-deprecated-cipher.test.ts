import rule from '../../../src/rules/js/no-deprecated-cipher';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import crypto from 'crypto';\nconst iv = crypto.randomBytes(12);\nconst cipher = crypto.createCipheriv('aes-256-gcm', key, iv);`, name: 'createCipheriv' },
    { code: `import { createDecipheriv } from 'node:crypto';\nconst d = createDecipheriv('aes-256-gcm', key, iv);`, name: 'createDecipheriv' },
    { code: `function createCipher(p) { return p; }\ncreateCipher('aes192');`, name: 'local function' },
    { code: `import forge from 'node-forge';\nconst cipher = forge.cipher.createCipher('AES-GCM', key);`, name: 'node-forge has its own createCipher' },
    { code: `const crypto = require('crypto-js');\nconst c = crypto.AES.encrypt(msg, key);`, name: 'another library' },
  ],
  invalid: [
    {
      code: `const crypto = require('crypto');\nconst cipher = crypto.createCipher('aes-256-cbc', process.env.SECRET);`,
      errors: [{ messageId: 'deprecatedCipher', line: 2, column: 16, endLine: 2, endColumn: 35 }],
    },
    {
      code: `import { createDecipher } from 'node:crypto';\nconst decipher = createDecipher('aes192', password);`,
      errors: [{ messageId: 'deprecatedCipher', line: 2, column: 18, endLine: 2, endColumn: 32 }],
    },
    {
      code: `import * as c from 'crypto';\nconst { createCipher } = c;\nexport const enc = (s) => createCipher('aes-128-cbc', KEY).update(s, 'utf8', 'hex');`,
      errors: [{ messageId: 'deprecatedCipher', line: 3, column: 27, endLine: 3, endColumn: 39 }],
    },
  ],
});

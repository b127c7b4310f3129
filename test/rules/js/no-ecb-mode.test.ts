import rule from '../../../src/rules/js/no-ecb-mode';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('aes-256-gcm', key, iv);`, name: 'GCM' },
    { code: `import crypto from 'crypto';\nconst ALGORITHM = 'aes-256-cbc';\nconst d = crypto.createDecipheriv(ALGORITHM, key, iv);`, name: 'CBC through a const' },
    { code: `import { createCipheriv } from 'crypto';\nconst c = createCipheriv('chacha20-poly1305', key, iv, { authTagLength: 16 });`, name: 'ChaCha20-Poly1305' },
    { code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv(algorithm, key, iv);`, name: 'unknown algorithm' },
    { code: `import CryptoJS from 'crypto-js';\nconst c = CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.CBC, iv });`, name: 'crypto-js CBC' },
    { code: `const mode = { ECB: 1 };\nconst x = mode.ECB;\nconst y = createCipheriv('aes-128-ecb', k, null);`, name: 'no crypto import, local createCipheriv' },
  ],
  invalid: [
    {
      code: `const crypto = require('crypto');\nconst cipher = crypto.createCipheriv('aes-128-ecb', key, null);`,
      errors: [{ messageId: 'ecbMode', line: 2, column: 38, endLine: 2, endColumn: 51 }],
    },
    {
      code: `import { createDecipheriv } from 'node:crypto';\nconst ALGO = 'AES-256-ECB';\nconst d = createDecipheriv(ALGO, key, null);`,
      errors: [{ messageId: 'ecbMode', line: 3, column: 28, endLine: 3, endColumn: 32 }],
    },
    {
      code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('des-ede3-cbc', key, iv);`,
      errors: [{ messageId: 'weakCipher', line: 2, column: 33, endLine: 2, endColumn: 47 }],
    },
    {
      code: `import crypto from 'crypto';\nconst c = crypto.createCipheriv('rc4', key, null);`,
      errors: [{ messageId: 'weakCipher', line: 2, column: 33, endLine: 2, endColumn: 38 }],
    },
    {
      code: `import CryptoJS from 'crypto-js';\nconst c = CryptoJS.AES.encrypt(msg, key, { mode: CryptoJS.mode.ECB });`,
      errors: [{ messageId: 'ecbMode', line: 2, column: 50, endLine: 2, endColumn: 67 }],
    },
    {
      code: `const CryptoJS = require('crypto-js');\nconst c = CryptoJS.TripleDES.encrypt(msg, key).toString();`,
      errors: [{ messageId: 'weakCipher', line: 2, column: 11, endLine: 2, endColumn: 29 }],
    },
  ],
});

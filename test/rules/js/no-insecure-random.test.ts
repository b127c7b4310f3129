import rule from '../../../src/rules/js/no-insecure-random';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `const delay = Math.min(30000, 2 ** attempt * 100) + Math.random() * 100;`, name: 'retry jitter' },
    { code: `const shuffled = [...cards].sort(() => Math.random() - 0.5);`, name: 'shuffle in a game' },
    { code: `if (Math.random() < 0.1) logger.debug('sampled', event);`, name: 'sampling' },
    { code: `const todo = { id: Math.random().toString(36).slice(2), title };`, name: 'list id' },
    { code: `function randomColor() {\n  return '#' + Math.floor(Math.random() * 0xffffff).toString(16);\n}`, name: 'UI colour' },
    { code: `const tokenRefreshJitter = Math.random() * 5000;`, name: 'secret word next to a timing word' },
    { code: `import crypto from 'node:crypto';\nconst token = crypto.randomBytes(32).toString('hex');`, name: 'crypto.randomBytes' },
    { code: `const sessionId = crypto.randomUUID();`, name: 'randomUUID' },
    { code: `const Math = { random: () => 4 };\nconst token = Math.random();`, name: 'a local Math' },
    { code: `function generateToken() {\n  setTimeout(refresh, Math.random() * 1000);\n  return crypto.randomUUID();\n}`, name: 'jitter inside a token function' },
  ],
  invalid: [
    {
      name: 'toString(36) token',
      code: `const resetToken = Math.random().toString(36).slice(2);`,
      errors: [{ messageId: 'insecureRandom', line: 1, column: 20, endLine: 1, endColumn: 33, suggestions: [{ messageId: 'useRandomUuid', output: `const resetToken = crypto.randomUUID();` }] }],
    },
    {
      name: 'character loop in generatePassword',
      code: `import crypto from 'crypto';\nfunction generatePassword(length = 16) {\n  let result = '';\n  for (let i = 0; i < length; i++) result += CHARS.charAt(Math.floor(Math.random() * CHARS.length));\n  return result;\n}`,
      errors: [
        {
          messageId: 'insecureRandom', line: 4, column: 70, endLine: 4, endColumn: 83,
          suggestions: [{ messageId: 'useRandomInt', output: `import crypto from 'crypto';\nfunction generatePassword(length = 16) {\n  let result = '';\n  for (let i = 0; i < length; i++) result += CHARS.charAt(crypto.randomInt(CHARS.length));\n  return result;\n}` }],
        },
      ],
    },
    {
      name: 'OTP without Node crypto in scope: no randomInt suggestion',
      code: `const otp = Math.floor(100000 + Math.random() * 900000).toString();`,
      errors: [{ messageId: 'insecureRandom', line: 1, column: 33, endLine: 1, endColumn: 46 }],
    },
    {
      name: 'session cookie',
      code: `app.post('/login', (req, res) => {\n  res.cookie('sessionId', Date.now() + '-' + Math.random().toString(16));\n});`,
      errors: [{ messageId: 'insecureRandom', line: 2, column: 46, endLine: 2, endColumn: 59, suggestions: [{ messageId: 'useRandomUuid', output: `app.post('/login', (req, res) => {\n  res.cookie('sessionId', Date.now() + '-' + crypto.randomUUID());\n});` }] }],
    },
    {
      name: 'API key built with Array.from in an arrow function',
      code: `const { randomBytes } = require('crypto');\nconst createApiKey = () => Array.from({ length: 32 }, () => ALPHABET[Math.floor(Math.random() * 62)]).join('');`,
      errors: [{ messageId: 'insecureRandom', line: 2, column: 81, endLine: 2, endColumn: 94 }],
    },
    {
      name: 'salt property; a crypto-js binding shadows the global crypto',
      code: `import crypto from 'crypto-js';\nconst record = { salt: Math.random().toString(36).substring(2, 12), hash };`,
      errors: [{ messageId: 'insecureRandom', line: 2, column: 24, endLine: 2, endColumn: 37 }],
    },
    {
      name: 'randomInt through a require namespace',
      code: `const nodeCrypto = require('node:crypto');\nuser.verificationCode = String(Math.floor(Math.random() * 1000000)).padStart(6, '0');`,
      errors: [
        {
          messageId: 'insecureRandom', line: 2, column: 43, endLine: 2, endColumn: 56,
          suggestions: [{ messageId: 'useRandomInt', output: `const nodeCrypto = require('node:crypto');\nuser.verificationCode = String(nodeCrypto.randomInt(1000000)).padStart(6, '0');` }],
        },
      ],
    },
  ],
});

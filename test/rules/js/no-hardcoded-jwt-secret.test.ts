import rule from '../../../src/rules/js/no-hardcoded-jwt-secret';
import { ruleTester } from '../../lib/rule-tester';

const JWT = `import jwt from 'jsonwebtoken';\n`;

ruleTester(rule, {
  valid: [
    { code: `${JWT}jwt.sign(payload, process.env.JWT_SECRET!, { expiresIn: '1h' });` },
    { code: `${JWT}jwt.verify(token, config.jwt.secret, { algorithms: ['HS256'] });` },
    { code: `${JWT}const PUBLIC_KEY = '-----BEGIN PUBLIC KEY-----\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\\n-----END PUBLIC KEY-----';\njwt.verify(token, PUBLIC_KEY, { algorithms: ['ES256'] });`, name: 'public key is not a secret' },
    { code: `${JWT}const JWT_SECRET = 'kT9#vQ2$mX8!pL4&zR7^wN3*';\njwt.sign(payload, JWT_SECRET);`, name: 'random secret: reported by js/no-hardcoded-secrets' },
    { code: `${JWT}jwt.sign(payload, 'changeme');`, filename: 'test/auth.test.ts', name: 'test files' },
    { code: `const jwt = { sign: (p, k) => k };\njwt.sign(payload, 'secret');`, name: 'local sign' },
    { code: `import crypto from 'node:crypto';\ncrypto.createHmac('sha256', 'secret');`, name: 'not a JWT library' },
    { code: `import { expressjwt } from 'express-jwt';\napp.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));` },
    { code: `${JWT}let secret = 'dev';\nsecret = loadSecret();\njwt.sign(payload, secret);`, name: 'reassigned variable' },
  ],
  invalid: [
    {
      code: `${JWT}const token = jwt.sign({ id: user.id }, 'secret', { expiresIn: '7d' });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 41, endLine: 2, endColumn: 49,
        suggestions: [{ messageId: 'useEnvVar', output: `${JWT}const token = jwt.sign({ id: user.id }, process.env.JWT_SECRET, { expiresIn: '7d' });` }],
      }],
    },
    {
      code: `const jwt = require('jsonwebtoken');\nconst JWT_SECRET = process.env.JWT_SECRET || 'your-secret-key';\nmodule.exports = (t) => jwt.verify(t, JWT_SECRET, { algorithms: ['HS256'] });`,
      filename: 'auth.js',
      errors: [{
        messageId: 'fallbackSecret', line: 2, column: 46, endLine: 2, endColumn: 63,
        suggestions: [{ messageId: 'removeFallback', output: `const jwt = require('jsonwebtoken');\nconst JWT_SECRET = process.env.JWT_SECRET;\nmodule.exports = (t) => jwt.verify(t, JWT_SECRET, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `${JWT}const SECRET = 'supersecret';\nexport const sign = (p) => jwt.sign(p, SECRET);\nexport const check = (t) => jwt.verify(t, SECRET, { algorithms: ['HS256'] });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 16, endLine: 2, endColumn: 29,
        suggestions: [{ messageId: 'useEnvVar', output: `${JWT}const SECRET = process.env.JWT_SECRET;\nexport const sign = (p) => jwt.sign(p, SECRET);\nexport const check = (t) => jwt.verify(t, SECRET, { algorithms: ['HS256'] });` }],
      }],
    },
    {
      code: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: 'shhhhhhared-secret', algorithms: ['HS256'] }));`,
      filename: 'app.js',
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 30, endLine: 2, endColumn: 50,
        suggestions: [{ messageId: 'useEnvVar', output: `const { expressjwt } = require('express-jwt');\napp.use(expressjwt({ secret: process.env.JWT_SECRET, algorithms: ['HS256'] }));` }],
      }],
    },
    {
      code: `import { JwtModule } from '@nestjs/jwt';\nexport const auth = JwtModule.register({ secret: 'changeme', signOptions: { expiresIn: '60s' } });`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 50, endLine: 2, endColumn: 60,
        suggestions: [{ messageId: 'useEnvVar', output: `import { JwtModule } from '@nestjs/jwt';\nexport const auth = JwtModule.register({ secret: process.env.JWT_SECRET, signOptions: { expiresIn: '60s' } });` }],
      }],
    },
    {
      code: `import { Strategy } from 'passport-jwt';\nnew Strategy({ jwtFromRequest, secretOrKey: 'keyboard cat' }, verifyUser);`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 45, endLine: 2, endColumn: 59,
        suggestions: [{ messageId: 'useEnvVar', output: `import { Strategy } from 'passport-jwt';\nnew Strategy({ jwtFromRequest, secretOrKey: process.env.JWT_SECRET }, verifyUser);` }],
      }],
    },
    {
      code: `${JWT}jwt.sign(payload, Buffer.from('my-jwt-secret'));`,
      errors: [{
        messageId: 'hardcodedSecret', line: 2, column: 31, endLine: 2, endColumn: 46,
        suggestions: [{ messageId: 'useEnvVar', output: `${JWT}jwt.sign(payload, Buffer.from(process.env.JWT_SECRET));` }],
      }],
    },
  ],
});

import rule from '../../../src/rules/js/no-hardcoded-session-secret';
import { lint, ruleTester } from '../../lib/rule-tester';
import hardcodedSecrets from '../../../src/rules/js/no-hardcoded-secrets';
import assert from 'node:assert/strict';

const HIGH_ENTROPY = `session({ secret: 'q8V2xLr7Tz0pWm4NbYc6Hs1Ke9Ua3Jd5' })`;

ruleTester(rule, {
  valid: [
    { code: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET!, resave: false }));` },
    { code: `import session from 'express-session';\napp.use(session({ secret: config.sessionSecret }));` },
    { code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ keys: process.env.SESSION_KEYS!.split(',') }));` },
    { code: `import cookieParser from 'cookie-parser';\napp.use(cookieParser(process.env.COOKIE_SECRET));` },
    { code: `import cookieParser from 'cookie-parser';\napp.use(cookieParser());`, name: 'unsigned cookies need no secret' },
    { code: `function session(o) { return o; }\nsession({ secret: 'keyboard cat' });`, name: 'a local function named session' },
    { code: `import session from 'express-session';\napp.use(${HIGH_ENTROPY});`, name: 'random-looking secrets are reported by js/no-hardcoded-secrets' },
    { code: `import session from 'express-session';\napp.use(session({ secret: 'sk_live_51EXAMPLEfakeKEYforRampartDemoNotARealKey9x8Y7w6V' }));`, name: 'provider keys are reported by js/no-hardcoded-secrets' },
    { code: `import jwt from 'jsonwebtoken';\njwt.sign(payload, 'keyboard cat');`, name: 'JWT secrets are another rule' },
  ],
  invalid: [
    {
      code: `import session from 'express-session';\napp.use(session({ secret: 'keyboard cat', resave: false }));`,
      errors: [
        {
          messageId: 'hardcoded', line: 2, column: 27, endLine: 2, endColumn: 41,
          suggestions: [{ messageId: 'useEnvVar', output: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));` }],
        },
      ],
    },
    {
      code: `const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET || 'dev-secret' }));`,
      filename: 'app.js',
      errors: [
        {
          messageId: 'hardcoded', line: 2, column: 57, endLine: 2, endColumn: 69,
          suggestions: [{ messageId: 'useEnvVar', output: `const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET }));` }],
        },
      ],
    },
    {
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: ['key1', 'key2'] }));`,
      errors: [
        {
          messageId: 'hardcoded', line: 2, column: 49, endLine: 2, endColumn: 55,
          suggestions: [{ messageId: 'useEnvVar', output: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: [process.env.SESSION_KEY, 'key2'] }));` }],
        },
        {
          messageId: 'hardcoded', line: 2, column: 57, endLine: 2, endColumn: 63,
          suggestions: [{ messageId: 'useEnvVar', output: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys: ['key1', process.env.SESSION_KEY_2] }));` }],
        },
      ],
    },
    {
      code: `import cookieParser from 'cookie-parser';\nconst COOKIE_SECRET = 'my-cookie-secret';\napp.use(cookieParser(COOKIE_SECRET));`,
      errors: [
        {
          messageId: 'hardcoded', line: 2, column: 23, endLine: 2, endColumn: 41,
          suggestions: [{ messageId: 'useEnvVar', output: `import cookieParser from 'cookie-parser';\nconst COOKIE_SECRET = process.env.COOKIE_SECRET;\napp.use(cookieParser(COOKIE_SECRET));` }],
        },
      ],
    },
    {
      code: `import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nconst app = Fastify();\napp.register(fastifyCookie, { secret: 'supersecret' });`,
      errors: [
        {
          messageId: 'hardcoded', line: 4, column: 39, endLine: 4, endColumn: 52,
          suggestions: [{ messageId: 'useEnvVar', output: `import Fastify from 'fastify';\nimport fastifyCookie from '@fastify/cookie';\nconst app = Fastify();\napp.register(fastifyCookie, { secret: process.env.COOKIE_SECRET });` }],
        },
      ],
    },
  ],
});

describe('js/no-hardcoded-session-secret and js/no-hardcoded-secrets', () => {
  it('report a session secret once between them', () => {
    for (const code of [`import session from 'express-session';\napp.use(${HIGH_ENTROPY});`, `import session from 'express-session';\napp.use(session({ secret: 'keyboard cat' }));`]) {
      const total = lint(rule, code).length + lint(hardcodedSecrets, code).length;
      assert.equal(total, 1, code);
    }
  });
});

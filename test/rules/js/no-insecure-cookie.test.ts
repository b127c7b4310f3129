import rule from '../../../src/rules/js/no-insecure-cookie';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `res.cookie('token', jwt, { httpOnly: true, secure: true, sameSite: 'strict' });` },
    { code: `res.cookie('theme', 'dark');`, name: 'a preference cookie is not an auth cookie' },
    { code: `res.cookie('locale', req.query.lang, { maxAge: 86400000 });` },
    { code: `res.cookie('session', id, { httpOnly: true, secure: process.env.NODE_ENV === 'production' });`, name: 'secure computed at run time' },
    { code: `res.cookie('XSRF-TOKEN', req.csrfToken(), { httpOnly: false, secure: true });`, name: 'double-submit CSRF cookie must be readable' },
    { code: `res.cookie('token', jwt, { ...cookieDefaults, maxAge: 3600 });`, name: 'flags may come from the spread' },
    { code: `res.cookie('token', jwt, cookieOptions());`, name: 'options built elsewhere' },
    { code: `import session from 'express-session';\napp.use(session({ secret: process.env.SESSION_SECRET, cookie: { secure: true } }));` },
    { code: `import session from 'express-session';\napp.use(session({ secret: s, cookie: { secure: 'auto', maxAge: 60000 } }));` },
    { code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys, secure: true }));` },
    { code: `router.get('/login', async (ctx) => {\n  ctx.cookies.set('session', sid, { secure: true });\n});`, name: 'Koa turns httpOnly on by default' },
    { code: `import Cookies from 'js-cookie';\nCookies.set('token', value);`, name: 'client-side js-cookie cannot set httpOnly' },
    { code: `function session(o) { return o; }\nsession({ cookie: { secure: false } });`, name: 'a local function named session' },
  ],
  invalid: [
    {
      code: `res.cookie('token', jwt, { httpOnly: false, secure: true });`,
      errors: [{ messageId: 'httpOnlyDisabled', line: 1, column: 28, endLine: 1, endColumn: 43 }],
      output: `res.cookie('token', jwt, { httpOnly: true, secure: true });`,
    },
    {
      code: `res.cookie('token', jwt);`,
      errors: [
        {
          messageId: 'missingFlags', line: 1, column: 12, endLine: 1, endColumn: 19,
          suggestions: [{ messageId: 'addFlags', output: `res.cookie('token', jwt, { httpOnly: true, secure: true });` }],
        },
      ],
    },
    {
      code: `res.cookie('access_token', token, {\n  maxAge: 15 * 60 * 1000,\n  sameSite: 'lax',\n});`,
      errors: [
        {
          messageId: 'missingFlags', line: 1, column: 12, endLine: 1, endColumn: 26,
          suggestions: [{ messageId: 'addFlags', output: `res.cookie('access_token', token, {\n  maxAge: 15 * 60 * 1000,\n  sameSite: 'lax',\n  httpOnly: true,\n  secure: true,\n});` }],
        },
      ],
    },
    {
      code: `import session from 'express-session';\napp.use(session({\n  secret: process.env.SESSION_SECRET,\n  cookie: { secure: false, maxAge: 86400000 },\n}));`,
      filename: 'server.js',
      errors: [{ messageId: 'secureDisabled', line: 4, column: 13, endLine: 4, endColumn: 26 }],
      output: `import session from 'express-session';\napp.use(session({\n  secret: process.env.SESSION_SECRET,\n  cookie: { secure: true, maxAge: 86400000 },\n}));`,
    },
    {
      code: `const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false }));`,
      filename: 'server.js',
      errors: [
        {
          messageId: 'missingFlags', line: 2, column: 9, endLine: 2, endColumn: 16,
          suggestions: [{ messageId: 'addFlags', output: `const session = require('express-session');\napp.use(session({ secret: process.env.SESSION_SECRET, resave: false, cookie: { secure: true } }));` }],
        },
      ],
    },
    {
      code: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys, httpOnly: false, secure: true }));`,
      errors: [{ messageId: 'httpOnlyDisabled', line: 2, column: 48, endLine: 2, endColumn: 63 }],
      output: `import cookieSession from 'cookie-session';\napp.use(cookieSession({ name: 'session', keys, httpOnly: true, secure: true }));`,
    },
    {
      code: `import { cookies } from 'next/headers';\nexport async function login(token: string) {\n  (await cookies()).set('session', token, { httpOnly: true });\n}`,
      errors: [
        {
          messageId: 'missingFlags', line: 3, column: 25, endLine: 3, endColumn: 34,
          suggestions: [{ messageId: 'addFlags', output: `import { cookies } from 'next/headers';\nexport async function login(token: string) {\n  (await cookies()).set('session', token, { httpOnly: true, secure: true });\n}` }],
        },
      ],
    },
    {
      code: `reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', secure: false, httpOnly: true });`,
      errors: [{ messageId: 'secureDisabled', line: 1, column: 57, endLine: 1, endColumn: 70 }],
      output: `reply.setCookie(SESSION_COOKIE, sessionId, { path: '/', secure: true, httpOnly: true });`,
    },
  ],
});

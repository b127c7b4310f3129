import rule from '../../../src/rules/js/no-jwt-decode-as-verify';
import { ruleTester } from '../../lib/rule-tester';

const JWT = `import jwt from 'jsonwebtoken';\n`;

ruleTester(rule, {
  valid: [
    { code: `${JWT}function auth(req) {\n  const token = req.headers.authorization;\n  jwt.verify(token, SECRET);\n  const decoded = jwt.decode(token);\n  return decoded.role === 'admin';\n}`, name: 'verified before' },
    { code: `${JWT}function keyId(token) {\n  const decoded = jwt.decode(token, { complete: true });\n  return decoded.header.kid;\n}`, name: 'header only (key lookup)' },
    { code: `${JWT}function expiresAt(token) {\n  const { exp } = jwt.decode(token);\n  return new Date(exp * 1000);\n}`, name: 'expiry display' },
    { code: `${JWT}function auth(req) {\n  const user = jwt.verify(req.cookies.token, SECRET);\n  req.user = user;\n}` },
    { code: `import { jwtDecode } from 'jwt-decode';\nconst { role } = jwtDecode(token);`, name: 'browser decoder of another library' },
    { code: `const jwt = { decode: (t) => JSON.parse(t) };\nconst decoded = jwt.decode(token);\nif (decoded.isAdmin) grant();`, name: 'local decode' },
    { code: `${JWT}async function auth(token) {\n  const decoded = jwt.decode(token);\n  const payload = await new Promise((ok, ko) => jwt.verify(token, KEY, (e, p) => (e ? ko(e) : ok(p))));\n  return decoded.sub;\n}`, name: 'verify via callback in the same function' },
    { code: `import { decodeJwt, jwtVerify } from 'jose';\nasync function f(token) {\n  await jwtVerify(token, key);\n  return decodeJwt(token).sub;\n}` },
  ],
  invalid: [
    {
      code: `${JWT}const JWT_SECRET = process.env.JWT_SECRET;\nfunction auth(req, res, next) {\n  const decoded = jwt.decode(req.headers.authorization);\n  if (decoded.role !== 'admin') return res.sendStatus(403);\n  next();\n}`,
      errors: [{
        messageId: 'decodeAsVerify', line: 4, column: 19, endLine: 4, endColumn: 56,
        suggestions: [{ messageId: 'useVerify', output: `${JWT}const JWT_SECRET = process.env.JWT_SECRET;\nfunction auth(req, res, next) {\n  const decoded = jwt.verify(req.headers.authorization, JWT_SECRET);\n  if (decoded.role !== 'admin') return res.sendStatus(403);\n  next();\n}` }],
      }],
    },
    {
      code: `const jwt = require('jsonwebtoken');\napp.use((req, res, next) => {\n  req.user = jwt.decode(req.cookies.token);\n  next();\n});`,
      filename: 'server.js',
      errors: [{ messageId: 'decodeAsVerify', line: 3, column: 14, endLine: 3, endColumn: 43 }],
    },
    {
      code: `${JWT}function isAdmin(token: string) {\n  return (jwt.decode(token) as any).isAdmin === true;\n}\nexport const sign = (p) => jwt.sign(p, config.jwtSecret);`,
      errors: [{
        messageId: 'decodeAsVerify', line: 3, column: 11, endLine: 3, endColumn: 28,
        suggestions: [{ messageId: 'useVerify', output: `${JWT}function isAdmin(token: string) {\n  return (jwt.verify(token, config.jwtSecret) as any).isAdmin === true;\n}\nexport const sign = (p) => jwt.sign(p, config.jwtSecret);` }],
      }],
    },
    {
      code: `${JWT}function who(token) {\n  const { sub, permissions } = jwt.decode(token);\n  return loadUser(sub, permissions);\n}`,
      errors: [{ messageId: 'decodeAsVerify', line: 3, column: 32, endLine: 3, endColumn: 49 }],
    },
    {
      code: `import { decodeJwt } from 'jose';\nexport async function GET(request) {\n  const claims = decodeJwt(request.headers.get('authorization'));\n  return Response.json(await db.orders.findMany({ where: { userId: claims.userId } }));\n}`,
      errors: [{ messageId: 'decodeAsVerify', line: 3, column: 18, endLine: 3, endColumn: 65 }],
    },
    {
      code: `${JWT}function auth(req) {\n  const decoded = jwt.decode(req.headers.authorization, { complete: true });\n  req.user = decoded;\n}\nconst SIGNING_KEY = loadKey();`,
      errors: [{
        messageId: 'decodeAsVerify', line: 3, column: 19, endLine: 3, endColumn: 76,
        suggestions: [{ messageId: 'useVerify', output: `${JWT}function auth(req) {\n  const decoded = jwt.verify(req.headers.authorization, SIGNING_KEY, { complete: true });\n  req.user = decoded;\n}\nconst SIGNING_KEY = loadKey();` }],
      }],
    },
  ],
});

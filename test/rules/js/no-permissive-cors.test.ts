import rule from '../../../src/rules/js/no-permissive-cors';
import { ruleTester } from '../../lib/rule-tester';

const reflectMiddleware = (check: string) => `import express from 'express';
const app = express();
app.use((req, res, next) => {
  const origin = req.headers.origin;
${check}
  res.setHeader('Access-Control-Allow-Credentials', 'true');
  next();
});`;

ruleTester(rule, {
  valid: [
    { code: `import cors from 'cors';\napp.use(cors());`, name: 'defaults: every origin, no credentials' },
    { code: `import cors from 'cors';\napp.use(cors({ origin: '*' }));`, name: 'public API without credentials' },
    { code: `import cors from 'cors';\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));` },
    { code: `import cors from 'cors';\napp.use(cors({ origin: process.env.CORS_ORIGIN, credentials: true }));` },
    {
      code: `import cors from 'cors';\nconst allowed = new Set(['https://app.example.com']);\napp.use(cors({\n  origin: (origin, cb) => cb(null, !origin || allowed.has(origin)),\n  credentials: true,\n}));`,
      name: 'origin callback with an allow-list',
    },
    {
      code: `import cors from 'cors';\napp.use(cors({ origin(origin, cb) { if (ALLOWED.includes(origin)) cb(null, true); else cb(new Error('CORS')); }, credentials: true }));`,
    },
    { code: `import cors from 'cors';\napp.use(cors({ origin: true, credentials: false }));` },
    { code: `function cors(o) { return o; }\ncors({ origin: '*', credentials: true });`, name: 'a local function named cors' },
    { code: reflectMiddleware(`  if (ALLOWED_ORIGINS.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);`), name: 'reflection behind an allow-list' },
    {
      code: `app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n  next();\n});`,
      name: 'reflection without credentials',
    },
    { code: `app.use((req, res) => {\n  res.setHeader('Access-Control-Allow-Origin', 'https://app.example.com');\n  res.setHeader('Access-Control-Allow-Credentials', 'true');\n});` },
    { code: `import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors, { origin: '*' });` },
    { code: `const io = new Server(server, { cors: { origin: 'https://app.example.com', credentials: true } });` },
  ],
  invalid: [
    {
      code: `import cors from 'cors';\napp.use(cors({ origin: true, credentials: true }));`,
      errors: [{ messageId: 'anyOrigin', line: 2, column: 16, endLine: 2, endColumn: 28 }],
    },
    {
      code: `const cors = require('cors');\nconst corsOptions = {\n  origin: '*',\n  credentials: true,\n};\napp.use(cors(corsOptions));`,
      filename: 'server.js',
      errors: [{ messageId: 'anyOrigin', line: 3, column: 3, endLine: 3, endColumn: 14 }],
    },
    {
      code: `import cors from 'cors';\napp.use(cors({ origin: (origin, callback) => callback(null, true), credentials: true }));`,
      errors: [{ messageId: 'anyOrigin', line: 2, column: 16, endLine: 2, endColumn: 66 }],
    },
    {
      code: `import cors from 'cors';\napp.use(cors({ origin(origin, cb) { cb(null, origin); }, credentials: true }));`,
      errors: [{ messageId: 'anyOrigin', line: 2, column: 16, endLine: 2, endColumn: 56 }],
    },
    {
      code: `import Fastify from 'fastify';\nimport cors from '@fastify/cors';\nconst app = Fastify();\nawait app.register(cors, { origin: /.*/, credentials: true });`,
      errors: [{ messageId: 'anyOrigin', line: 4, column: 28, endLine: 4, endColumn: 40 }],
    },
    {
      code: `const app = await NestFactory.create(AppModule);\napp.enableCors({ origin: true, credentials: true });`,
      errors: [{ messageId: 'anyOrigin', line: 2, column: 18, endLine: 2, endColumn: 30 }],
    },
    {
      code: `const io = new Server(server, { cors: { origin: '*', credentials: true } });`,
      errors: [{ messageId: 'anyOrigin', line: 1, column: 41, endLine: 1, endColumn: 52 }],
    },
    {
      code: reflectMiddleware(`  res.setHeader('Access-Control-Allow-Origin', origin || '*');`),
      filename: 'server.js',
      errors: [{ messageId: 'reflectedOrigin', line: 5, column: 48, endLine: 5, endColumn: 61 }],
    },
    {
      code: `import { NextResponse, type NextRequest } from 'next/server';\nexport function middleware(request: NextRequest) {\n  const res = NextResponse.next();\n  res.headers.set('Access-Control-Allow-Origin', request.headers.get('origin') ?? '');\n  res.headers.set('Access-Control-Allow-Credentials', 'true');\n  return res;\n}`,
      errors: [{ messageId: 'reflectedOrigin', line: 4, column: 50, endLine: 4, endColumn: 85 }],
    },
    {
      code: `http.createServer((req, res) => {\n  res.writeHead(200, {\n    'Access-Control-Allow-Origin': req.headers.origin,\n    'Access-Control-Allow-Credentials': true,\n  });\n});`,
      errors: [{ messageId: 'reflectedOrigin', line: 3, column: 36, endLine: 3, endColumn: 54 }],
    },
  ],
});

import rule from '../../../src/rules/js/no-open-redirect';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "relative-path check excluding //", code: `app.get('/continue', (req, res) => {\n  const next = String(req.query.next || '/');\n  if (!next.startsWith('/') || next.startsWith('//')) return res.redirect('/');\n  res.redirect(next);\n});` },
    { name: "allow-list lookup", code: `const ALLOWED = new Set(['/dashboard', '/settings']);\napp.get('/go', (req, res) => {\n  const to = req.query.to;\n  res.redirect(ALLOWED.has(to) ? to : '/');\n});` },
    { name: "map from key to URL", code: `const DESTINATIONS = { docs: 'https://docs.example.com', blog: 'https://blog.example.com' };\napp.get('/out/:key', (req, res) => res.redirect(DESTINATIONS[req.params.key] ?? '/'));` },
    { name: "new URL with a host check", code: `app.get('/return', (req, res) => {\n  const url = new URL(req.query.returnTo, 'https://app.example.com');\n  if (url.origin !== 'https://app.example.com') return res.redirect('/');\n  res.redirect(url.pathname + url.search);\n});` },
    { name: "constant redirect", code: `app.get('/old', (req, res) => res.redirect(301, '/new'));` },
    { name: "fixed host, request data only in the path", code: `app.get('/docs/:page', (req, res) => res.redirect(\`https://docs.example.com/\${req.params.page}\`));` },
    { name: "HTTPS upgrade from the Host header", code: `app.use((req, res, next) => {\n  if (!req.secure) return res.redirect('https://' + req.headers.host + req.url);\n  next();\n});` },
    { name: "Next.js middleware redirect to a constant path on the request host", code: `import { NextResponse } from 'next/server';\nexport function middleware(request) {\n  return NextResponse.redirect(new URL('/login', request.url));\n}` },
    { name: "same-site path prefix", code: `app.get('/p', (req, res) => res.redirect('/profile/' + req.query.id));` },
    { name: "validator helper", code: `app.get('/r', (req, res) => {\n  if (!isSafeRedirect(req.query.to)) return res.status(400).end();\n  res.redirect(req.query.to);\n});` },
    { name: "redirect() from an unrelated module", code: `import { redirect } from './my-router';\nexport function go(req) { redirect(req.query.to); }` },
    { name: "equality with a constant", code: `app.get('/r', (req, res) => {\n  const to = req.query.to;\n  if (to === '/admin' || to === '/home') res.redirect(to);\n});` },
    { name: "a variable of unknown origin", code: `function finish(res, target) { res.redirect(target); }` },
    { name: 'new URL assigned to a variable, then its origin checked', code: `import { NextResponse } from 'next/server';\nexport function GET(request) {\n  const target = new URL(request.nextUrl.searchParams.get('to') ?? '/', request.url);\n  if (target.origin !== request.nextUrl.origin) return NextResponse.redirect(new URL('/', request.url));\n  return NextResponse.redirect(target);\n}` },
  ],
  invalid: [
    {
      name: "Express login redirect to ?next=",
      code: `app.post('/login', (req, res) => {\n  // ...authenticate\n  res.redirect(req.query.next);\n});`,
      errors: [
        {
          messageId: 'openRedirect', line: 3, column: 16, endLine: 3, endColumn: 30, related: 1,
        },
      ],
    },
    {
      name: "status and destructured returnTo",
      code: `app.get('/auth/callback', async (req, res) => {\n  const { returnTo } = req.query;\n  res.redirect(302, returnTo);\n});`,
      errors: [
        {
          messageId: 'openRedirect', line: 3, column: 21, endLine: 3, endColumn: 29, related: 1,
        },
      ],
    },
    {
      name: "Koa ctx.redirect of a body field",
      code: `router.post('/go', async (ctx) => {\n  ctx.redirect(ctx.request.body.url);\n});`,
      errors: [
        {
          messageId: 'openRedirect', line: 2, column: 16, endLine: 2, endColumn: 36, related: 1,
        },
      ],
    },
    {
      name: "Fastify reply.redirect",
      code: `fastify.get('/out', async (request, reply) => {\n  return reply.redirect(request.query.to);\n});`,
      errors: [
        {
          messageId: 'openRedirect', line: 2, column: 25, endLine: 2, endColumn: 41, related: 1,
        },
      ],
    },
    {
      name: "writeHead with a Location header",
      code: `http.createServer((req, res) => {\n  const target = new URL(req.url, 'http://localhost').searchParams.get('url');\n  res.writeHead(302, { Location: target });\n  res.end();\n});`,
      errors: [
        {
          messageId: 'openRedirect', line: 3, column: 34, endLine: 3, endColumn: 40, related: 1,
        },
      ],
    },
    {
      name: "Next.js NextResponse.redirect with new URL of a query parameter",
      code: `import { NextResponse } from 'next/server';\nexport function GET(request) {\n  const next = request.nextUrl.searchParams.get('next');\n  return NextResponse.redirect(new URL(next, request.url));\n}`,
      errors: [
        {
          messageId: 'openRedirect', line: 4, column: 32, endLine: 4, endColumn: 58, related: 1,
        },
      ],
    },
    {
      name: "Next.js redirect() from next/navigation",
      code: `import { redirect } from 'next/navigation';\nexport async function GET(req: Request) {\n  const { searchParams } = new URL(req.url);\n  redirect(searchParams.get('callbackUrl')!);\n}`,
      errors: [
        {
          messageId: 'openRedirect', line: 4, column: 12, endLine: 4, endColumn: 44, related: 1,
        },
      ],
    },
    {
      name: "only startsWith('/')",
      code: `app.get('/continue', (req, res) => {\n  const next = String(req.query.next || '/');\n  if (!next.startsWith('/')) return res.redirect('/');\n  res.redirect(next);\n});`,
      errors: [
        {
          messageId: 'weakCheck', line: 4, column: 16, endLine: 4, endColumn: 20, related: 1,
        },
      ],
    },
    {
      name: "template whose host is the parameter",
      code: `app.get('/sso', (req, res) => {\n  res.redirect(\`https://\${req.query.domain}/login\`);\n});`,
      errors: [
        {
          messageId: 'openRedirect', line: 2, column: 16, endLine: 2, endColumn: 51, related: 1,
        },
      ],
    },
    {
      name: "setHeader Location",
      code: `export default function handler(req, res) {\n  res.statusCode = 302;\n  res.setHeader('Location', req.query.url);\n  res.end();\n}`,
      errors: [
        {
          messageId: 'openRedirect', line: 3, column: 29, endLine: 3, endColumn: 42, related: 1,
        },
      ],
    },
  ],
});

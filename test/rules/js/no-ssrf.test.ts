import rule from '../../../src/rules/js/no-ssrf';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `app.get('/u', async (req, res) => res.json(await (await fetch(\`https://api.example.com/users/\${req.params.id}\`)).json()));`, name: 'template whose static prefix fixes the host' },
    { code: `const API = 'https://api.example.com';\napp.get('/u', async (req, res) => { await fetch(API + '/users/' + req.query.id); });`, name: 'constant base then a path' },
    { code: `app.get('/u', async (req, res) => { await fetch(\`\${process.env.API_URL}/search?q=\${req.query.q}\`); });`, name: 'configured base then a path' },
    {
      code: `const ALLOWED_HOSTS = new Set(['api.github.com']);\napp.post('/proxy', async (req, res) => {\n  const target = new URL(req.body.url);\n  if (!ALLOWED_HOSTS.has(target.hostname)) return res.sendStatus(400);\n  const r = await fetch(target);\n  res.send(await r.text());\n});`,
      name: 'allow-list check of new URL(x).hostname',
    },
    { code: `import axios from 'axios';\napp.post('/p', async (req, res) => {\n  if (!isAllowedUrl(req.body.url)) return res.sendStatus(400);\n  await axios.get(req.body.url);\n});`, name: 'allow-list helper' },
    { code: `const url = process.argv[2];\nconst r = await fetch(url);`, name: 'a CLI fetching the URL on its command line' },
    { code: `function get(url) { return fetch(url); }`, name: 'parameter of unknown origin' },
    { code: `import axios from 'axios';\napp.get('/x', async (req, res) => { await axios.post('https://hooks.example.com/in', { text: req.body.text }); });`, name: 'request data in the body, not in the URL' },
    { code: `const fetch = (u) => u;\napp.get('/x', (req) => fetch(req.query.url));`, name: 'a local function named fetch' },
    { code: `import { get } from './cache';\napp.get('/x', (req) => get(req.query.url));`, name: 'get from another module' },
    { code: `app.get('/x', (req, res) => res.json(map.get(req.query.key)));`, name: 'Map.get' },
    { code: `import got from 'got';\napp.get('/x', async (req) => got(new URL('/v1/items/' + req.query.id, 'https://api.example.com')));`, name: 'new URL with a path-only input and a constant base' },
    { code: `import needle from 'needle';\napp.post('/x', async (req) => needle('post', 'https://hooks.example.com/in', { text: req.body.text }));`, name: 'needle: request data in the body' },
    { code: `import ky from 'ky';\napp.post('/x', async (req) => ky.post(\`https://api.example.com/items/\${req.body.id}\`).json());`, name: 'ky: fixed origin, request data in the path' },
    { code: `import { Pool } from 'undici';\nconst pool = new Pool('https://api.example.com');\napp.get('/x', (req) => pool.request({ path: '/users/' + req.query.id, method: 'GET' }));`, name: 'undici Pool with a constant origin' },
    { code: `import request from 'request';\napp.get('/x', (req) => request({ uri: 'https://api.example.com/search', qs: { q: req.query.q } }));`, name: 'request: request data in the query string option' },
    { code: `import puppeteer from 'puppeteer';\napp.get('/shot', async (req, res) => {\n  const page = await (await puppeteer.launch()).newPage();\n  await page.goto(\`https://status.example.com/\${req.query.slug}\`);\n});`, name: 'page.goto with a fixed origin' },
    { code: `app.get('/x', async (req) => router.goto(req.query.next));`, name: 'goto on something that is not a browser page' },
    { code: `import rp from 'request-promise';\nconst url = process.argv[2];\nawait rp(url);`, name: 'request-promise of a command-line URL' },
    { code: `import { Client } from './client';\napp.get('/x', (req) => new Client(req.query.origin));`, name: 'a Client class from another module' },
    { code: `export async function get(baseUrl, path) {\n  return fetch(\`\${baseUrl}/\${path}\`);\n}`, name: 'an exported client passing its base URL through is left to its callers' },
    { code: `export async function user(id) {\n  return fetch(\`https://api.example.com/users/\${id}\`);\n}`, name: 'a parameter after a fixed origin only chooses the path' },
    { code: `async function ping(host) {\n  return fetch(\`https://\${host}/health\`);\n}\nping('status.example.com');`, name: 'a file-local helper called only with constants' },
    { name: 'callers decide: the only caller passes a constant host', code: `import axios from 'axios';\nexport async function fetchStatus(host) {\n  const res = await axios.get(\`http://\${host}:8080/status\`);\n  return res.data;\n}\nexport const localStatus = () => fetchStatus('localhost');` },
  ],
  invalid: [
    {
      name: 'fetch of a request URL',
      code: `app.post('/preview', async (req, res) => {\n  const r = await fetch(req.body.url);\n  res.send(await r.text());\n});`,
      errors: [{ messageId: 'ssrf', line: 2, column: 25, endLine: 2, endColumn: 37, related: 1 }],
    },
    {
      name: 'host in a template',
      code: `import axios from 'axios';\napp.get('/status', async (req, res) => {\n  const { host } = req.query;\n  const r = await axios.get(\`http://\${host}/health\`);\n});`,
      errors: [{ messageId: 'ssrf', line: 4, column: 29, endLine: 4, endColumn: 52 }],
    },
    {
      name: 'axios config object with a url',
      code: `const axios = require('axios');\nmodule.exports = (req, res) => axios({ method: 'get', url: req.query.target });`,
      filename: 'proxy.js',
      errors: [{ messageId: 'ssrf', line: 2, column: 60, endLine: 2, endColumn: 76 }],
    },
    {
      name: 'http.get with a hostname option',
      code: `import https from 'node:https';\napp.get('/ping', (req, res) => {\n  https.get({ hostname: req.query.host, path: '/' }, (r) => res.sendStatus(r.statusCode));\n});`,
      errors: [{ messageId: 'ssrf', line: 3, column: 25, endLine: 3, endColumn: 39 }],
    },
    {
      name: 'a base URL followed directly by request data (userinfo trick)',
      code: `import got from 'got';\nconst BASE = 'https://api.example.com';\napp.get('/x', (req) => got(BASE + req.query.path));`,
      errors: [{ messageId: 'ssrf', line: 3, column: 28, endLine: 3, endColumn: 49 }],
    },
    {
      name: 'model-chosen URL in an agent tool',
      code: `import OpenAI from 'openai';\nimport { request } from 'undici';\nconst openai = new OpenAI();\nconst c = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst args = JSON.parse(c.choices[0].message.tool_calls[0].function.arguments);\nconst { body } = await request(args.url);`,
      errors: [{ messageId: 'ssrfModel', line: 6, column: 32, endLine: 6, endColumn: 40, related: 1 }],
    },
    {
      name: 'a hostname check on another URL does not count',
      code: `import superagent from 'superagent';\napp.post('/hook', async (req, res) => {\n  if (new URL(req.body.callback).hostname === 'example.com') log('ok');\n  await superagent.post(req.body.target).send({ ok: true });\n});`,
      errors: [{ messageId: 'ssrf', line: 4, column: 25, endLine: 4, endColumn: 40 }],
    },
    {
      name: 'needle with the method first',
      code: `import needle from 'needle';\napp.post('/hook', async (req, res) => {\n  await needle('post', req.body.callback, { ok: true }, { json: true });\n});`,
      errors: [{ messageId: 'ssrf', line: 3, column: 24, endLine: 3, endColumn: 41 }],
    },
    {
      name: 'undici Pool origin from the request',
      code: `import { Pool } from 'undici';\napp.get('/proxy', async (req, res) => {\n  const pool = new Pool(\`http://\${req.query.upstream}\`);\n  const { body } = await pool.request({ path: '/', method: 'GET' });\n});`,
      errors: [{ messageId: 'ssrf', line: 3, column: 25, endLine: 3, endColumn: 55 }],
    },
    {
      name: 'request with a uri option',
      code: `const request = require('request');\nmodule.exports = (req, res) => request({ uri: req.query.feed }).pipe(res);`,
      filename: 'feed.js',
      errors: [{ messageId: 'ssrf', line: 2, column: 47, endLine: 2, endColumn: 61 }],
    },
    {
      name: 'ky.get of a request URL',
      code: `import ky from 'ky';\nexport async function POST(request) {\n  const { url } = await request.json();\n  return Response.json(await ky.get(url).json());\n}`,
      filename: 'app/api/preview/route.ts',
      errors: [{ messageId: 'ssrf', line: 4, column: 37, endLine: 4, endColumn: 40 }],
    },
    {
      name: 'node-fetch of a model-chosen URL',
      code: `import fetch from 'node-fetch';\nimport { generateObject } from 'ai';\nconst { object } = await generateObject({ model, schema, prompt });\nawait fetch(object.url);`,
      errors: [{ messageId: 'ssrfModel', line: 4, column: 13, endLine: 4, endColumn: 23 }],
    },
    {
      name: 'screenshot service: page.goto of a request URL',
      code: `import puppeteer from 'puppeteer';\napp.get('/screenshot', async (req, res) => {\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  await page.goto(req.query.url);\n  res.type('png').send(await page.screenshot());\n});`,
      errors: [{ messageId: 'ssrf', line: 5, column: 19, endLine: 5, endColumn: 32 }],
    },
    {
      name: 'an exported function putting its parameter in the host of a URL is a warning',
      code: `import axios from 'axios';\nexport async function fetchStatus(host) {\n  const res = await axios.get(\`http://\${host}:8080/status\`);\n  return res.data;\n}`,
      errors: [{ messageId: 'ssrfParam', severity: 'warning', line: 3, column: 31, endLine: 3, endColumn: 59, related: 1 }],
    },
    {
      name: 'a public method building the URL with concatenation',
      code: `export class Webhooks {\n  async ping(domain: string) {\n    return fetch('https://' + domain + '/.well-known/ping');\n  }\n}`,
      errors: [{ messageId: 'ssrfParam', severity: 'warning', line: 3, column: 18, endLine: 3, endColumn: 59, related: 1 }],
    },
    {
      name: 'request data passed to a fetch helper in the same file',
      code: `import express from 'express';\nconst app = express();\nasync function preview(link) {\n  const r = await fetch(link);\n  return r.text();\n}\napp.get('/preview', async (req, res) => res.send(await preview(req.query.url)));`,
      errors: [{ messageId: 'ssrf', line: 4, column: 25, endLine: 4, endColumn: 29, related: 3 }],
    },
    {
      name: 'callers decide: a function stored in a table is called from elsewhere',
      code: `import axios from 'axios';\nexport async function fetchStatus(host) {\n  const res = await axios.get(\`http://\${host}:8080/status\`);\n  return res.data;\n}\nfetchStatus('localhost');\nexport const checks = { status: fetchStatus };`,
      errors: [{ messageId: 'ssrfParam', severity: 'warning', line: 3, column: 31, endLine: 3, endColumn: 59, related: 1 }],
    },
  ],
});

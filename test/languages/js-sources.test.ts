/**
 * Framework sources of the shared JS/TS value flow (src/languages/js/sources.ts): each source reaches a
 * real sink rule (RuleTester, exact ranges), the same shapes without the framework's import, decorator,
 * call shape or directive stay quiet, and each source is described readably.
 */
import assert from 'node:assert/strict';
import type * as t from '@babel/types';
import noDynamicEval from '../../src/rules/js/no-dynamic-eval';
import noPathTraversal from '../../src/rules/js/no-path-traversal';
import noShellInjection from '../../src/rules/js/no-shell-injection';
import noSqlInjection from '../../src/rules/js/no-sql-injection';
import noXss from '../../src/rules/js/no-xss';
import { JsHelpers } from '../../src/languages/js/helpers';
import { parseJs, type JsNode } from '../../src/languages/js/parse';
import { traverseJs } from '../../src/languages/js/traverse';
import { ruleTester } from '../lib/rule-tester';

const pgHead = `const { Pool } = require('pg');\nconst pool = new Pool();\n`;
const execHead = `import { exec } from 'node:child_process';\n`;
const fsHead = `import fs from 'node:fs';\nimport path from 'node:path';\n`;

ruleTester(noSqlInjection, {
  valid: [
    { name: 'a local decorator named Query', code: `${pgHead}function Query(key?: string) { return (target: object, name: string, index: number) => undefined; }\nclass UsersController {\n  list(@Query('sort') sort: string) {\n    return pool.query(\`SELECT * FROM users ORDER BY \${sort}\`);\n  }\n}` },
    { name: 'Query decorator from another module', code: `${pgHead}import { Query } from './graphql-decorators';\nclass UsersController {\n  list(@Query('sort') sort: string) {\n    return pool.query(\`SELECT * FROM users ORDER BY \${sort}\`);\n  }\n}` },
    { name: 'NestJS @Param() through ParseIntPipe', code: `${pgHead}import { Controller, Get, Param, ParseIntPipe } from '@nestjs/common';\n@Controller('users')\nclass UsersController {\n  @Get(':id')\n  one(@Param('id', ParseIntPipe) id: number) {\n    return pool.query(\`SELECT * FROM users WHERE id = \${id}\`);\n  }\n}` },
    { name: 'undecorated parameter of a controller method', code: `${pgHead}import { Controller, Res } from '@nestjs/common';\n@Controller('users')\nclass UsersController {\n  list(sort: string, @Res() res) {\n    return pool.query(\`SELECT * FROM users ORDER BY \${sort}\`);\n  }\n}` },
    { name: 'NestJS @Query() value converted to a number', code: `${pgHead}import { Controller, Get, Query } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list(@Query('limit') limit: string) {\n    return pool.query(\`SELECT * FROM users LIMIT \${parseInt(limit, 10)}\`);\n  }\n}` },
    { name: 'a component that is not the default export takes searchParams as a plain prop', filename: 'app/page.tsx', code: `${pgHead}async function Results({ searchParams }) {\n  return pool.query(\`SELECT * FROM posts ORDER BY \${searchParams.sort}\`);\n}` },
    { name: 'Next.js page searchParams as a bound value', filename: 'app/page.tsx', code: `${pgHead}export default async function Page({ searchParams }) {\n  const { q } = await searchParams;\n  return pool.query('SELECT * FROM posts WHERE title = $1', [q]);\n}` },
    { name: "a function that is not exported from a 'use server' file", filename: 'app/actions.ts', code: `'use server';\nconst { Pool } = require('pg');\nconst pool = new Pool();\nasync function byColumn(column: string) {\n  return pool.query(\`SELECT * FROM lists ORDER BY \${column}\`);\n}` },
    { name: "a FormData function without 'use server'", code: `${pgHead}async function renameList(formData: FormData) {\n  await pool.query(\`UPDATE lists SET name = '\${formData.get('name')}'\`);\n}` },
    { name: 'c.req in a function that is not a handler', code: `${pgHead}function sortOf(c) {\n  return pool.query(\`SELECT * FROM users ORDER BY \${c.req.query('sort')}\`);\n}` },
    { name: 'one destructured parameter of a call without a route path', code: `${pgHead}registry.get(({ query }) => pool.query(\`SELECT * FROM users ORDER BY \${query.sort}\`));` },
    { name: 'tRPC procedure without .input() has no input', code: `${pgHead}export const users = publicProcedure.query(({ input }) => pool.query(\`SELECT * FROM users ORDER BY \${input}\`));` },
    { name: 'a parameter named input of an arbitrary callback', code: `${pgHead}cache.query(({ input }) => pool.query(\`SELECT * FROM users ORDER BY \${input.sort}\`));` },
    { name: 'GraphQL parent and context are not client input', code: `${pgHead}const resolvers = {\n  Query: {\n    users: (parent, args, ctx) => pool.query(\`SELECT * FROM \${parent.table} ORDER BY \${ctx.defaultOrder}\`),\n  },\n};` },
    { name: 'an object with a Query key whose functions take one argument', code: `${pgHead}const handlers = {\n  Query: {\n    users: (sort) => pool.query(\`SELECT * FROM users ORDER BY \${sort}\`),\n  },\n};` },
    { name: 'GraphQL args used as bound values', code: `${pgHead}export const resolvers = {\n  Query: {\n    user: (_parent, args) => pool.query('SELECT * FROM users WHERE id = $1', [args.id]),\n  },\n};` },
    { name: 'Hono handler with a constant query', code: `${pgHead}import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/users', async (c) => c.json(await pool.query('SELECT * FROM users WHERE name = $1', [c.req.query('name')])));` },
  ],
  invalid: [
    {
      name: 'NestJS @Query() with a key',
      code: `${pgHead}import { Controller, Get, Query } from '@nestjs/common';\n@Controller('users')\nexport class UsersController {\n  @Get()\n  list(@Query('sort') sort: string) {\n    return pool.query(\`SELECT * FROM users ORDER BY \${sort}\`);\n  }\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 23, endLine: 8, endColumn: 61, related: 1 },
      ],
    },
    {
      name: 'NestJS @Body() DTO read by property',
      code: `${pgHead}import { Body, Controller, Post } from '@nestjs/common';\n@Controller('reports')\nexport class ReportsController {\n  @Post()\n  run(@Body() dto: ReportDto) {\n    return pool.query(\`SELECT \${dto.columns} FROM sales\`);\n  }\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 23, endLine: 8, endColumn: 57, related: 1 },
      ],
    },
    {
      name: 'NestJS @Req() request object, not the first parameter',
      code: `${pgHead}import { Controller, Get, Query, Req } from '@nestjs/common';\nimport type { Request } from 'express';\n@Controller('items')\nexport class ItemsController {\n  @Get()\n  find(@Query('page') page: string, @Req() request: Request) {\n    return pool.query(\`SELECT * FROM items ORDER BY \${request.query.order}\`);\n  }\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 9, column: 23, endLine: 9, endColumn: 76, related: 1 },
      ],
    },
    {
      name: 'NestJS decorator through a namespace import',
      code: `${pgHead}import * as nest from '@nestjs/common';\n@nest.Controller('t')\nexport class TablesController {\n  @nest.Get(':name')\n  rows(@nest.Param('name') name: string) {\n    return pool.query('SELECT * FROM ' + name);\n  }\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 8, column: 23, endLine: 8, endColumn: 46, related: 1 },
      ],
    },
    {
      name: 'Next.js route handler: NextRequest search params',
      code: `${pgHead}import { NextRequest } from 'next/server';\nexport async function GET(request: NextRequest) {\n  const sort = request.nextUrl.searchParams.get('sort');\n  return Response.json((await pool.query(\`SELECT * FROM posts ORDER BY \${sort}\`)).rows);\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 42, endLine: 6, endColumn: 80, related: 1 },
      ],
    },
    {
      name: 'Next.js App Router page: searchParams prop (awaited)', filename: 'app/posts/page.tsx',
      code: `${pgHead}export default async function Page({ searchParams }: { searchParams: Promise<{ sort?: string }> }) {\n  const { sort } = await searchParams;\n  const { rows } = await pool.query(\`SELECT * FROM posts ORDER BY \${sort}\`);\n  return <ul>{rows.map((r) => <li key={r.id}>{r.title}</li>)}</ul>;\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 37, endLine: 5, endColumn: 75, related: 1 },
      ],
    },
    {
      name: 'Next.js page: props.params', filename: 'app/[table]/page.tsx',
      code: `${pgHead}export default async function Page(props) {\n  const params = await props.params;\n  const { rows } = await pool.query(\`SELECT * FROM \${params.table}\`);\n  return <pre>{JSON.stringify(rows)}</pre>;\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 37, endLine: 5, endColumn: 68, related: 1 },
      ],
    },
    {
      name: "Next.js server action ('use server' file): FormData", filename: 'app/actions.ts',
      code: `'use server';\nconst { Pool } = require('pg');\nconst pool = new Pool();\nexport async function renameList(formData: FormData) {\n  const name = formData.get('name');\n  await pool.query(\`UPDATE lists SET name = '\${name}' WHERE owner = current_user\`);\n}`,
      errors: [
        {
          messageId: 'sqlInjection', line: 6, column: 20, endLine: 6, endColumn: 82, related: 1,
          suggestions: [
            { messageId: 'useParameters', output: `'use server';\nconst { Pool } = require('pg');\nconst pool = new Pool();\nexport async function renameList(formData: FormData) {\n  const name = formData.get('name');\n  await pool.query('UPDATE lists SET name = $1 WHERE owner = current_user', [name]);\n}` },
          ],
        },
      ],
    },
    {
      name: "Next.js inline server action ('use server' in the body)", filename: 'app/page.tsx',
      code: `${pgHead}export default function Page() {\n  async function search(formData: FormData) {\n    'use server';\n    await pool.query('SELECT * FROM docs ORDER BY ' + formData.get('order'));\n  }\n  return <form action={search}><input name="order" /></form>;\n}`,
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 22, endLine: 6, endColumn: 76, related: 1 },
      ],
    },
    {
      name: 'Hono c.req.query()',
      code: `${pgHead}import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/users', async (c) => {\n  const sort = c.req.query('sort');\n  return c.json((await pool.query(\`SELECT * FROM users ORDER BY \${sort}\`)).rows);\n});`,
      errors: [
        { messageId: 'sqlInjection', line: 7, column: 35, endLine: 7, endColumn: 73, related: 1 },
      ],
    },
    {
      name: "Hono c.req.valid('json') in a handler typed with Context",
      code: `${pgHead}import type { Context } from 'hono';\nexport const listUsers = async (c: Context) => {\n  const { orderBy } = c.req.valid('json');\n  return c.json(await pool.query(\`SELECT * FROM users ORDER BY \${orderBy}\`));\n};`,
      errors: [
        { messageId: 'sqlInjection', line: 6, column: 34, endLine: 6, endColumn: 75, related: 1 },
      ],
    },
    {
      name: 'Elysia handler with one destructured parameter',
      code: `${pgHead}import { Elysia } from 'elysia';\nnew Elysia().get('/users', ({ query }) => pool.query(\`SELECT * FROM users ORDER BY \${query.sort}\`)).listen(3000);`,
      errors: [
        { messageId: 'sqlInjection', line: 4, column: 54, endLine: 4, endColumn: 98, related: 1 },
      ],
    },
    {
      name: 'tRPC query input',
      code: `${pgHead}export const appRouter = router({\n  users: publicProcedure.input(z.object({ sort: z.string() })).query(({ input }) => pool.query(\`SELECT * FROM users ORDER BY \${input.sort}\`)),\n});`,
      errors: [
        { messageId: 'sqlInjection', line: 4, column: 96, endLine: 4, endColumn: 140, related: 1 },
      ],
    },
    {
      name: 'tRPC mutation: opts.input',
      code: `${pgHead}export const rename = protectedProcedure\n  .input(z.object({ table: z.string() }))\n  .mutation(async (opts) => pool.query(\`DELETE FROM \${opts.input.table}\`));`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 40, endLine: 5, endColumn: 73, related: 1 },
      ],
    },
    {
      name: 'GraphQL resolver map: Query field args',
      code: `${pgHead}export const resolvers = {\n  Query: {\n    users: (_parent, args, ctx) => pool.query(\`SELECT * FROM users ORDER BY \${args.orderBy}\`),\n  },\n};`,
      errors: [
        { messageId: 'sqlInjection', line: 5, column: 47, endLine: 5, endColumn: 93, related: 1 },
      ],
    },
    {
      name: 'GraphQL Mutation method with destructured args (graphql-yoga)',
      code: `${pgHead}import { createSchema } from 'graphql-yoga';\nexport const schema = createSchema({\n  typeDefs,\n  resolvers: {\n    Mutation: {\n      async archive(_root, { table }) {\n        await pool.query('DROP TABLE ' + table);\n        return true;\n      },\n    },\n  },\n});`,
      errors: [
        { messageId: 'sqlInjection', line: 9, column: 26, endLine: 9, endColumn: 47, related: 1 },
      ],
    },
  ],
});

ruleTester(noShellInjection, {
  valid: [
    { name: 'connection of an arbitrary emitter', code: `${execHead}import { EventEmitter } from 'node:events';\nconst hub = new EventEmitter();\nhub.on('connection', (socket) => {\n  socket.on('message', (data) => exec(data.toString()));\n});` },
    { name: 'ws: the isBinary flag is not message data', code: `${execHead}import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (socket) => {\n  socket.on('message', (data, isBinary) => exec(\`echo \${isBinary}\`));\n});` },
    { name: 'socket.io disconnect reason comes from the server', code: `${execHead}import { Server } from 'socket.io';\nconst io = new Server(3000);\nio.on('connection', (socket) => {\n  socket.on('disconnect', (reason) => exec(\`logger \${reason}\`));\n});` },
    { name: 'an io object from a local module', code: `${execHead}import { io } from './realtime';\nio.on('connection', (socket) => {\n  socket.on('run', (cmd) => exec(cmd));\n});` },
    { name: 'an emitter that is not ipcMain', code: `${execHead}import { EventEmitter } from 'node:events';\nconst bus = new EventEmitter();\nbus.on('open-folder', (_event, folder) => exec(\`open \${folder}\`));` },
    { name: 'the IPC event object itself', code: `${execHead}import { ipcMain } from 'electron';\nipcMain.on('pid', (event) => exec(\`renice 10 \${event.processId}\`));` },
    { name: 'ipcMain shadowed by a parameter', code: `${execHead}function register(ipcMain) {\n  ipcMain.handle('open-folder', async (_event, folder) => exec(\`open \${folder}\`));\n}` },
    { name: 'socket.io payload converted to a number', code: `${execHead}import { Server } from 'socket.io';\nconst io = new Server(3000);\nio.on('connection', (socket) => {\n  socket.on('kill', (pid) => exec(\`kill \${Number(pid)}\`));\n});` },
    { name: 'NestJS @Headers() from another module', code: `${execHead}import { Headers } from 'node-fetch';\nclass DeployController {\n  deploy(@Headers('x-branch') branch: string) {\n    exec(\`git checkout \${branch}\`);\n  }\n}` },
  ],
  invalid: [
    {
      name: 'ws: message of a WebSocketServer connection',
      code: `${execHead}import { WebSocketServer } from 'ws';\nconst wss = new WebSocketServer({ port: 8080 });\nwss.on('connection', (socket) => {\n  socket.on('message', (data) => exec(data.toString()));\n});`,
      errors: [
        { messageId: 'shellInjection', line: 5, column: 39, endLine: 5, endColumn: 54, related: 1 },
      ],
    },
    {
      name: 'ws through require and WebSocket.Server',
      code: `${execHead}const WebSocket = require('ws');\nconst server = new WebSocket.Server({ noServer: true });\nserver.on('connection', function onConnection(ws) {\n  ws.on('message', function (message) {\n    exec(\`notify-send \${message}\`);\n  });\n});`,
      errors: [
        {
          messageId: 'shellInjection', line: 6, column: 10, endLine: 6, endColumn: 34, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nconst WebSocket = require('ws');\nconst server = new WebSocket.Server({ noServer: true });\nserver.on('connection', function onConnection(ws) {\n  ws.on('message', function (message) {\n    execFile('notify-send', [message]);\n  });\n});` },
          ],
        },
      ],
    },
    {
      name: 'socket.io event payload',
      code: `${execHead}import { Server } from 'socket.io';\nconst io = new Server(3000);\nio.on('connection', (socket) => {\n  socket.on('ping-host', (payload) => exec(\`ping -c 1 \${payload.host}\`));\n});`,
      errors: [
        {
          messageId: 'shellInjection', line: 5, column: 44, endLine: 5, endColumn: 71, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nimport { Server } from 'socket.io';\nconst io = new Server(3000);\nio.on('connection', (socket) => {\n  socket.on('ping-host', (payload) => execFile('ping', ['-c', '1', payload.host]));\n});` },
          ],
        },
      ],
    },
    {
      name: "socket.io through require('socket.io')(server) and a namespace",
      code: `${execHead}const io = require('socket.io')(httpServer);\nio.of('/admin').on('connection', (socket) => {\n  socket.on('run', (cmd, ack) => exec(cmd, ack));\n});`,
      errors: [
        { messageId: 'shellInjection', line: 4, column: 39, endLine: 4, endColumn: 42, related: 1 },
      ],
    },
    {
      name: 'Electron ipcMain.handle argument',
      code: `${execHead}import { ipcMain } from 'electron';\nipcMain.handle('open-folder', async (_event, folder) => exec(\`open \${folder}\`));`,
      errors: [
        {
          messageId: 'shellInjection', line: 3, column: 62, endLine: 3, endColumn: 78, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nimport { ipcMain } from 'electron';\nipcMain.handle('open-folder', async (_event, folder) => execFile('open', [folder]));` },
          ],
        },
      ],
    },
    {
      name: 'Electron ipcMain.on rest arguments',
      code: `${execHead}const { ipcMain } = require('electron');\nipcMain.on('git', (event, ...args) => exec(\`git \${args.join(' ')}\`));`,
      errors: [
        {
          messageId: 'shellInjection', line: 3, column: 44, endLine: 3, endColumn: 67, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nconst { ipcMain } = require('electron');\nipcMain.on('git', (event, ...args) => execFile('git', [args.join(' ')]));` },
          ],
        },
      ],
    },
    {
      name: 'NestJS @Headers() with a key',
      code: `${execHead}import { Controller, Headers, Post } from '@nestjs/common';\n@Controller('deploy')\nexport class DeployController {\n  @Post()\n  deploy(@Headers('x-branch') branch: string) {\n    exec(\`git checkout \${branch}\`);\n  }\n}`,
      errors: [
        {
          messageId: 'shellInjection', line: 7, column: 10, endLine: 7, endColumn: 34, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nimport { Controller, Headers, Post } from '@nestjs/common';\n@Controller('deploy')\nexport class DeployController {\n  @Post()\n  deploy(@Headers('x-branch') branch: string) {\n    execFile('git', ['checkout', branch]);\n  }\n}` },
          ],
        },
      ],
    },
    {
      name: 'NestJS WebSocket gateway @MessageBody()',
      code: `${execHead}import { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';\n@WebSocketGateway()\nexport class ToolsGateway {\n  @SubscribeMessage('lookup')\n  lookup(@MessageBody() host: string) {\n    exec('nslookup ' + host);\n  }\n}`,
      errors: [
        {
          messageId: 'shellInjection', line: 7, column: 10, endLine: 7, endColumn: 28, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nimport { MessageBody, SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';\n@WebSocketGateway()\nexport class ToolsGateway {\n  @SubscribeMessage('lookup')\n  lookup(@MessageBody() host: string) {\n    execFile('nslookup', [host]);\n  }\n}` },
          ],
        },
      ],
    },
    {
      name: 'Hono c.req.param() in middleware from createMiddleware',
      code: `${execHead}import { createMiddleware } from 'hono/factory';\nexport const logBranch = createMiddleware(async (c, next) => {\n  exec(\`git log \${c.req.param('branch')}\`);\n  await next();\n});`,
      errors: [
        {
          messageId: 'shellInjection', line: 4, column: 8, endLine: 4, endColumn: 42, related: 1,
          suggestions: [
            { messageId: 'useExecFile', output: `import { exec, execFile } from 'node:child_process';\nimport { createMiddleware } from 'hono/factory';\nexport const logBranch = createMiddleware(async (c, next) => {\n  execFile('git', ['log', c.req.param('branch')]);\n  await next();\n});` },
          ],
        },
      ],
    },
  ],
});

ruleTester(noPathTraversal, {
  valid: [
    { name: 'NestJS upload name reduced to its base name', code: `${fsHead}import { Controller, Post, UploadedFile } from '@nestjs/common';\n@Controller('files')\nexport class FilesController {\n  @Post()\n  save(@UploadedFile() file: Express.Multer.File) {\n    fs.writeFileSync(path.join('uploads', path.basename(file.originalname)), file.buffer);\n  }\n}` },
    { name: 'Next.js page params of a component that is not exported', code: `${fsHead}async function Post({ params }) {\n  return fs.readFileSync(path.join(process.cwd(), 'posts', params.slug), 'utf8');\n}` },
    { name: 'Electron renderer side: ipcRenderer messages come from the main process', code: `${fsHead}import { ipcRenderer } from 'electron';\nipcRenderer.on('open', (_e, name) => fs.readFileSync(path.join(NOTES, name), 'utf8'));` },
    { name: 'Express req.params checked against an allow-list', code: `${fsHead}const DOCS_ALLOWED = new Set(['intro.md', 'faq.md']);\napp.get('/docs/:name', (req, res) => {\n  if (!DOCS_ALLOWED.has(req.params.name)) return res.sendStatus(404);\n  res.send(fs.readFileSync(path.join(DOCS, req.params.name)));\n});` },
    { name: 'tRPC input without the .input() validator chain', code: `${fsHead}loader.query(({ input }) => fs.readFileSync(path.join(NOTES, input.name), 'utf8'));` },
  ],
  invalid: [
    {
      name: 'Express req.files upload name',
      code: `${fsHead}app.post('/upload', (req, res) => {\n  const file = req.files.avatar;\n  fs.writeFileSync(path.join(UPLOADS, file.name), file.data);\n});`,
      errors: [
        {
          messageId: 'pathTraversal', line: 5, column: 20, endLine: 5, endColumn: 49, related: 1,
          suggestions: [
            { messageId: 'useBasename', output: `${fsHead}app.post('/upload', (req, res) => {\n  const file = req.files.avatar;\n  fs.writeFileSync(path.join(UPLOADS, path.basename(file.name)), file.data);\n});` },
          ],
        },
      ],
    },
    {
      name: 'Express req.params',
      code: `${fsHead}app.get('/docs/:name', (req, res) => res.send(fs.readFileSync(path.join(DOCS, req.params.name))));`,
      errors: [
        {
          messageId: 'pathTraversal', line: 3, column: 63, endLine: 3, endColumn: 95, related: 1,
          suggestions: [
            { messageId: 'useBasename', output: `${fsHead}app.get('/docs/:name', (req, res) => res.send(fs.readFileSync(path.join(DOCS, path.basename(req.params.name)))));` },
          ],
        },
      ],
    },
    {
      name: 'NestJS @UploadedFile() original name',
      code: `${fsHead}import { Controller, Post, UploadedFile } from '@nestjs/common';\n@Controller('files')\nexport class FilesController {\n  @Post()\n  save(@UploadedFile() file: Express.Multer.File) {\n    fs.writeFileSync(path.join('uploads', file.originalname), file.buffer);\n  }\n}`,
      errors: [
        {
          messageId: 'pathTraversal', line: 8, column: 22, endLine: 8, endColumn: 61, related: 1,
          suggestions: [
            { messageId: 'useBasename', output: `${fsHead}import { Controller, Post, UploadedFile } from '@nestjs/common';\n@Controller('files')\nexport class FilesController {\n  @Post()\n  save(@UploadedFile() file: Express.Multer.File) {\n    fs.writeFileSync(path.join('uploads', path.basename(file.originalname)), file.buffer);\n  }\n}` },
          ],
        },
      ],
    },
    {
      name: 'Next.js page params', filename: 'app/posts/[slug]/page.tsx',
      code: `${fsHead}export default async function Post({ params }) {\n  const { slug } = await params;\n  const text = fs.readFileSync(path.join(process.cwd(), 'posts', slug), 'utf8');\n  return <article>{text}</article>;\n}`,
      errors: [
        {
          messageId: 'pathTraversal', line: 5, column: 32, endLine: 5, endColumn: 71, related: 1,
          suggestions: [
            { messageId: 'useBasename', output: `${fsHead}export default async function Post({ params }) {\n  const { slug } = await params;\n  const text = fs.readFileSync(path.join(process.cwd(), 'posts', path.basename(slug)), 'utf8');\n  return <article>{text}</article>;\n}` },
          ],
        },
      ],
    },
    {
      name: 'Electron ipcMain.handle file path',
      code: `${fsHead}import { ipcMain } from 'electron';\nipcMain.handle('read-note', (_e, name) => fs.promises.readFile(path.join(NOTES, name), 'utf8'));`,
      errors: [
        {
          messageId: 'pathTraversal', line: 4, column: 64, endLine: 4, endColumn: 86, related: 1,
          suggestions: [
            { messageId: 'useBasename', output: `${fsHead}import { ipcMain } from 'electron';\nipcMain.handle('read-note', (_e, name) => fs.promises.readFile(path.join(NOTES, path.basename(name)), 'utf8'));` },
          ],
        },
      ],
    },
  ],
});

ruleTester(noXss, {
  valid: [
    { name: 'location.origin and location.pathname are not attacker text', filename: 'public/app.js', code: `document.write('<base href="' + location.origin + location.pathname + '">');` },
    { name: 'a parameter named location', filename: 'src/render.js', code: `function render(location) {\n  document.write(location.hash);\n}` },
    { name: 'a message handler that checks the origin', filename: 'public/widget.js', code: `onmessage = (event) => {\n  if (event.origin !== 'https://app.example.com') return;\n  document.write(event.data.html);\n};` },
    { name: 'a local useSearchParams', filename: 'src/Banner.tsx', code: `function useSearchParams() { return new Map([['msg', '<b>hi</b>']]); }\nexport function Banner() {\n  const searchParams = useSearchParams();\n  return <div dangerouslySetInnerHTML={{ __html: searchParams.get('msg') }} />;\n}` },
    { name: 'the hash converted to a number', filename: 'public/app.js', code: `document.write('<p>Page ' + Number(location.hash.slice(1)) + '</p>');` },
  ],
  invalid: [
    {
      name: 'Next.js page searchParams in dangerouslySetInnerHTML', filename: 'app/search/page.tsx',
      code: `export default async function SearchPage({ searchParams }) {\n  const { q } = await searchParams;\n  return <p dangerouslySetInnerHTML={{ __html: \`Results for <b>\${q}</b>\` }} />;\n}`,
      errors: [
        { messageId: 'xss', line: 3, column: 48, endLine: 3, endColumn: 73, related: 1 },
      ],
    },
    {
      name: 'useSearchParams() of next/navigation', filename: 'app/search/banner.tsx',
      code: `'use client';\nimport { useSearchParams } from 'next/navigation';\nexport function Banner() {\n  const searchParams = useSearchParams();\n  return <div dangerouslySetInnerHTML={{ __html: searchParams.get('msg') ?? '' }} />;\n}`,
      errors: [
        { messageId: 'xss', line: 5, column: 50, endLine: 5, endColumn: 79, related: 1 },
      ],
    },
    {
      name: 'react-router useLocation().hash', filename: 'src/Anchor.tsx',
      code: `import { useLocation } from 'react-router-dom';\nexport function Anchor() {\n  const location = useLocation();\n  return <h2 dangerouslySetInnerHTML={{ __html: decodeURIComponent(location.hash.slice(1)) }} />;\n}`,
      errors: [
        { messageId: 'xss', line: 4, column: 49, endLine: 4, endColumn: 91, related: 1 },
      ],
    },
    {
      name: 'global onmessage handler', filename: 'public/widget.js',
      code: `onmessage = (event) => {\n  document.write(event.data.html);\n};`,
      errors: [
        { messageId: 'xss', line: 2, column: 18, endLine: 2, endColumn: 33, related: 1 },
      ],
    },
  ],
});

ruleTester(noDynamicEval, {
  valid: [
    { name: 'the fragment parsed as JSON', filename: 'public/app.js', code: `const state = JSON.parse(decodeURIComponent(location.hash.slice(1)));` },
    { name: 'a function given to setTimeout', filename: 'public/app.js', code: `setTimeout(() => show(location.search), 10);` },
    { name: 'message data parsed as JSON', filename: 'public/app.js', code: `window.addEventListener('message', (e) => render(JSON.parse(e.data)));` },
    { name: 'constant code', filename: 'public/app.js', code: `setTimeout('refresh()', 1000);` },
    { name: 'window.name passed to a function, not run', filename: 'public/app.js', code: `const label = new Intl.DisplayNames(['en'], { type: 'region' }).of(window.name);` },
  ],
  invalid: [
    {
      name: 'eval of the URL fragment', filename: 'public/app.js',
      code: `eval(decodeURIComponent(window.location.hash.slice(1)));`,
      errors: [
        {
          messageId: 'evalUntrusted', line: 1, column: 6, endLine: 1, endColumn: 55, related: 1,
          suggestions: [
            { messageId: 'useJsonParse', output: `JSON.parse(decodeURIComponent(window.location.hash.slice(1)));` },
          ],
        },
      ],
    },
    {
      name: 'new Function of window.name', filename: 'public/app.js',
      code: `const run = new Function(window.name);`,
      errors: [
        { messageId: 'evalUntrusted', line: 1, column: 26, endLine: 1, endColumn: 37, related: 1 },
      ],
    },
    {
      name: 'URLSearchParams of location.search', filename: 'public/app.js',
      code: `const code = new URLSearchParams(location.search).get('code');\nsetTimeout(code, 10);`,
      errors: [
        { messageId: 'evalUntrusted', line: 2, column: 12, endLine: 2, endColumn: 16, related: 1 },
      ],
    },
    {
      name: 'postMessage data through addEventListener', filename: 'public/app.js',
      code: `window.addEventListener('message', ({ data }) => {\n  eval(data.script);\n});`,
      errors: [
        {
          messageId: 'evalUntrusted', line: 2, column: 8, endLine: 2, endColumn: 19, related: 1,
          suggestions: [
            { messageId: 'useJsonParse', output: `window.addEventListener('message', ({ data }) => {\n  JSON.parse(data.script);\n});` },
          ],
        },
      ],
    },
    {
      name: 'document.referrer', filename: 'public/app.js',
      code: `const { referrer } = document;\nsetInterval('track("' + referrer + '")', 1000);`,
      errors: [
        { messageId: 'evalUntrusted', line: 2, column: 13, endLine: 2, endColumn: 40, related: 1 },
      ],
    },
  ],
});

/** The description of the source of each `sink(…)` argument (null when the flow finds none). */
function sources(code: string, file = 'app.tsx'): Array<string | null> {
  const parsed = parseJs(code, file);
  const sinks: JsNode[] = [];
  const collect = (node: JsNode) => {
    const call = node as t.CallExpression & JsNode;
    if (call.callee.type === 'Identifier' && call.callee.name === 'sink') sinks.push(call.arguments[0] as JsNode);
  };
  traverseJs(parsed.root, { enter: new Map([['CallExpression', [collect]]]), exit: new Map() });
  const helpers = new JsHelpers(parsed);
  return sinks.map((s) => {
    const found = helpers.taint(s);
    return found ? `${found.kind}: ${found.description}` : null;
  });
}

// CLI frameworks: the arguments of command handlers are command-line input.
ruleTester(noShellInjection, {
  valid: [
    { code: `import { exec } from 'child_process';\nconst emitter = makeThing();\nemitter.action((name) => exec('echo ' + name));`, name: 'an action method of something that is not a CLI framework' },
    { code: `import yargs from 'yargs';\nimport { exec } from 'child_process';\nyargs(process.argv.slice(2)).command('x', 'y', (y) => { exec('echo ' + y.version); }, () => {});`, name: 'a yargs builder (not the handler)' },
    { code: `import { program } from 'commander';\nimport { execSync } from 'child_process';\nprogram.command('test').action(() => execSync('npm test'));`, name: 'a commander action that runs a constant command' },
  ],
  invalid: [
    {
      name: 'commander action arguments are command-line input',
      code: `import { program } from 'commander';\nimport { execSync } from 'child_process';\nprogram.command('grep').argument('<pattern>').action((pattern, opts) => {\n  execSync('grep -rn ' + pattern + ' .');\n});\nprogram.parse();`,
      errors: [{ messageId: 'shellInjection', line: 4, column: 12, endLine: 4, endColumn: 40, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import { program } from 'commander';\nimport { execSync, execFileSync } from 'child_process';\nprogram.command('grep').argument('<pattern>').action((pattern, opts) => {\n  execFileSync('grep', ['-rn', pattern, '.']);\n});\nprogram.parse();` }] }],
    },
    {
      name: 'a commander program built with new Command()',
      code: `const { Command } = require('commander');\nconst { exec } = require('child_process');\nconst cli = new Command();\ncli.command('open <file>').action((file) => exec(\`open \${file}\`));`,
      filename: 'cli.js',
      errors: [{ messageId: 'shellInjection', line: 4, column: 50, endLine: 4, endColumn: 64, related: 1, suggestions: [{ messageId: 'useExecFile', output: `const { Command } = require('commander');\nconst { exec, execFile } = require('child_process');\nconst cli = new Command();\ncli.command('open <file>').action((file) => execFile('open', [file]));` }] }],
    },
    {
      name: 'the argv of a yargs command handler',
      code: `import yargs from 'yargs';\nimport { hideBin } from 'yargs/helpers';\nimport { exec } from 'child_process';\nyargs(hideBin(process.argv)).command('serve [port]', 'start', () => {}, (argv) => {\n  exec('serve -p ' + argv.port);\n}).parse();`,
      errors: [{ messageId: 'shellInjection', line: 5, column: 8, endLine: 5, endColumn: 31, related: 1, suggestions: [{ messageId: 'useExecFile', output: `import yargs from 'yargs';\nimport { hideBin } from 'yargs/helpers';\nimport { exec, execFile } from 'child_process';\nyargs(hideBin(process.argv)).command('serve [port]', 'start', () => {}, (argv) => {\n  execFile('serve', ['-p', argv.port]);\n}).parse();` }] }],
    },
  ],
});

describe('JS framework sources: kinds and descriptions', () => {
  const table: Array<[string, string, Array<string | null>]> = [
    [
      'NestJS decorators, the request and pipes',
      `import { Body, Controller, Headers, Param, ParseIntPipe, Query, Req } from '@nestjs/common';
       @Controller() class C {
         a(@Query('id') id: string, @Body() { name }: Dto, @Headers('x') h: string, @Req() req, @Param('n', ParseIntPipe) n: number, plain: string) {
           sink(id); sink(name); sink(h); sink(req.body.x); sink(n); sink(plain);
         }
       }`,
      ['request: NestJS @Query() parameter id', 'request: NestJS @Body() parameter name', 'request: NestJS @Headers() parameter h', 'request: HTTP request data (req.body)', null, null],
    ],
    [
      'GraphQL decorators of @nestjs/graphql and type-graphql',
      `import { Args } from '@nestjs/graphql';
       import { Arg } from 'type-graphql';
       class R { a(@Args('id') id: string) { sink(id); } b(@Arg('q') q: string) { sink(q); } }`,
      ['request: NestJS GraphQL @Args() parameter id', 'request: TypeGraphQL @Arg() parameter q'],
    ],
    [
      'Next.js route handler, page props, generateMetadata, getServerSideProps',
      `export async function GET(request: NextRequest) { sink(request.nextUrl.searchParams.get('q')); }
       export default async function Page(props) { sink((await props.searchParams).q); sink(props.title); }
       export async function generateMetadata({ params }) { sink(params.slug); }
       export async function getServerSideProps({ query, locale }) { sink(query.id); sink(locale); }`,
      ['request: HTTP request data (request.nextUrl)', 'request: Next.js page prop (props.searchParams)', null, 'request: Next.js generateMetadata prop params', 'request: Next.js getServerSideProps context (query)', null],
    ],
    [
      'a default export that is not a component is no page',
      `export default function createClient({ params }) { sink(params.baseUrl); }`,
      [null],
    ],
    [
      "server actions: 'use server' files export actions; other functions are not",
      `'use server';
       export async function save(formData: FormData) { sink(formData.get('x')); }
       export default async function remove(id) { sink(id); }
       async function helper(x) { sink(x); }`,
      ['request: Next.js server action argument (formData)', 'request: Next.js server action argument (id)', null],
    ],
    [
      'Hono and Elysia',
      `app.get('/a', async (c) => { sink(c.req.query('q')); sink(await c.req.json()); sink(c.req.url); sink(c.get('user')); });
       app.post('/b', ({ body, set }) => { sink(body); sink(set); });`,
      ['request: Hono request data (c.req.query())', 'request: Hono request data (c.req.json())', 'request: HTTP request data (c.req.url)', null, 'request: Elysia request data (body)', null],
    ],
    [
      'tRPC inputs and GraphQL resolver arguments',
      `p.input(schema).query(({ input, ctx }) => { sink(input); sink(ctx); });
       p.input(schema).mutation((opts) => { const { input } = opts; sink(input); });
       const resolvers = { Query: { a: (parent, args, ctx) => { sink(args); sink(parent); sink(ctx); } }, Subscription: { onPost: { subscribe: (_, { topic }) => sink(topic) } } };`,
      ['request: tRPC procedure input (input)', null, 'request: tRPC procedure input (opts.input)', 'request: GraphQL resolver arguments (args)', null, null, 'request: GraphQL resolver arguments (topic)'],
    ],
    [
      'WebSocket, socket.io and Electron IPC',
      `import { WebSocketServer } from 'ws';
       import { Server } from 'socket.io';
       import { ipcMain } from 'electron';
       new WebSocketServer({ port: 1 }).on('connection', (ws, req) => { ws.on('message', (data) => sink(data)); sink(req.url); });
       const io = new Server();
       io.on('connection', (socket) => socket.on('chat', (msg) => sink(msg)));
       ipcMain.on('ch', (event, arg) => { sink(arg); sink(event); });`,
      ['request: WebSocket message (data)', 'request: HTTP request data (req.url)', "request: socket.io event 'chat' payload (msg)", "request: Electron IPC message 'ch' (arg)", null],
    ],
    [
      'message events',
      `window.addEventListener('message', (e) => sink(e.data));
       port.onmessage = ({ data }) => sink(data);
       window.addEventListener('message', (e) => { if (e.origin === ORIGIN) sink(e.data); });
       window.addEventListener('click', (e) => sink(e.data));`,
      ['request: postMessage data (e.data)', 'request: message event data (data)', null, null],
    ],
    [
      'browser URL data and router hooks',
      `import { useSearchParams } from 'react-router-dom';
       import { useRouter } from 'next/router';
       sink(location.hash); sink(document.location.search); sink(document.URL); sink(document.referrer); sink(window.name);
       sink(location.pathname); sink(location.origin);
       const [sp] = useSearchParams(); sink(sp.get('q'));
       const router = useRouter(); sink(router.query.id); sink(router.locale);`,
      [
        'request: URL fragment (location.hash)',
        'request: URL query string (location.search)',
        'request: page URL (document.URL)',
        'request: referrer URL (document.referrer)',
        'request: window name (window.name)',
        null,
        null,
        'request: URL query string (useSearchParams())',
        'request: URL query (router.query)',
        null,
      ],
    ],
  ];
  for (const [name, code, expected] of table) {
    it(name, () => assert.deepEqual(sources(code), expected));
  }
});

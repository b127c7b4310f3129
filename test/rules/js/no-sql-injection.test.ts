import rule from '../../../src/rules/js/no-sql-injection';
import { ruleTester } from '../../lib/rule-tester';

const mysqlHead = `import express from 'express';\nimport mysql from 'mysql2/promise';\nconst app = express();\nconst pool = mysql.createPool({ host: 'localhost' });\n`;
const pgHead = `const { Pool } = require('pg');\nconst pool = new Pool();\n`;

ruleTester(rule, {
  valid: [
    { code: `import mysql from "mysql2/promise";\nconst pool = mysql.createPool({ host: "localhost" });\napp.get("/u", (req, res) => pool.execute("SELECT * FROM users WHERE name = ? AND status = 'active'", [req.query.name]));`, name: 'a double-quoted file with placeholders' },
    { code: `${mysqlHead}app.get('/u/:id', async (req, res) => res.json(await pool.query('SELECT * FROM users WHERE id = ?', [req.params.id])));`, name: 'placeholder with values' },
    { code: `${pgHead}app.get('/u', (req, res) => pool.query('SELECT * FROM users WHERE email = $1', [req.query.email]));`, name: 'pg $1 placeholder' },
    { code: `${pgHead}app.get('/u', (req, res) => pool.query({ text: 'SELECT * FROM users WHERE id = $1', values: [req.query.id] }));`, name: 'pg query object with values' },
    { code: `${mysqlHead}app.get('/u', async (req, res) => {\n  const sort = ['name', 'created_at'].includes(req.query.sort) ? req.query.sort : 'id';\n  await pool.query(\`SELECT * FROM users ORDER BY \${sort}\`);\n});`, name: 'column picked through an allow-list ternary' },
    { code: `${mysqlHead}app.get('/u', async (req, res) => {\n  const col = req.query.col;\n  if (!ALLOWED_COLUMNS.has(col)) return res.status(400).end();\n  await pool.query(\`SELECT \${col} FROM users\`);\n});`, name: 'allow-list guard before the query' },
    { code: `${mysqlHead}app.get('/u', async (req, res) => pool.query(\`SELECT * FROM users LIMIT \${parseInt(req.query.limit, 10)}\`));`, name: 'numeric conversion' },
    { code: `${mysqlHead}app.get('/u', async (req, res) => pool.query(\`SELECT * FROM users WHERE name = \${pool.escape(req.query.name)}\`));`, name: 'escaped with the driver' },
    { code: `${mysqlHead}app.get('/u', async (req, res) => pool.query(mysql.format('SELECT * FROM users WHERE id = ?', [req.query.id])));`, name: 'mysql.format escapes values' },
    { code: `import { PrismaClient } from '@prisma/client';\nconst prisma = new PrismaClient();\napp.get('/u', (req) => prisma.$queryRaw\`SELECT * FROM "User" WHERE email = \${req.query.email}\`);`, name: 'Prisma tagged template is parameterised' },
    { code: `import { sql } from 'drizzle-orm';\napp.get('/u', (req) => db.execute(sql\`SELECT * FROM users WHERE id = \${req.query.id}\`));`, name: 'drizzle sql tag is parameterised' },
    { code: `import postgres from 'postgres';\nconst sql = postgres();\napp.get('/u', (req) => sql\`SELECT * FROM users WHERE id = \${req.query.id}\`);`, name: 'postgres.js tag is parameterised' },
    { code: `function query(s) { return s; }\napp.get('/u', (req) => query(\`SELECT * FROM users WHERE id = \${req.query.id}\`));`, name: 'a local function named query' },
    { code: `import sqlite3 from 'sqlite3';\nconst cache = new Map();\napp.get('/u', (req) => { /x/.exec(req.query.x); return cache.get(req.query.key); });`, name: 'RegExp#exec and Map#get in a sqlite3 file' },
    { code: `import Redis from 'ioredis';\nconst client = new Redis();\napp.get('/u', (req) => client.get(\`user:\${req.params.id}\`));`, name: 'redis client.get' },
    { code: `${pgHead}pool.query(\`SELECT * FROM \${process.env.TABLE_PREFIX}users\`);`, name: 'environment is operator-controlled' },
    { code: `import knex from 'knex';\nconst db = knex({ client: 'pg' });\napp.get('/u', (req) => db('users').whereRaw('lower(email) = lower(?)', [req.query.email]));`, name: 'knex whereRaw with bindings' },
    { code: `import { AppDataSource } from './data-source';\napp.get('/u', (req) => AppDataSource.getRepository(User).createQueryBuilder('u').where('u.email = :email', { email: req.query.email }).getOne());`, name: 'TypeORM named parameter' },
    { code: `import { ApolloClient } from '@apollo/client';\nconst client = new ApolloClient({});\napp.get('/u', (req) => client.query({ query: GET_USER, variables: { id: req.query.id } }));`, name: 'GraphQL client.query' },
    { code: `import mongoose from 'mongoose';\napp.get('/u', (req, res) => res.send(\`Selected \${req.query.name} from the list\`));`, name: 'text that is not SQL in a file without SQL' },
    { code: `${mysqlHead}app.get('/u', async (req, res) => {\n  let sql = 'SELECT * FROM users WHERE 1 = 1';\n  const params = [];\n  if (req.query.name) { sql += ' AND name = ?'; params.push(req.query.name); }\n  await pool.query(sql, params);\n});`, name: 'query text grown with placeholders only' },
    { code: `${mysqlHead}const SORTS = { newest: 'created_at DESC', name: 'name ASC' };\napp.get('/u', (req, res) => pool.query(\`SELECT * FROM users ORDER BY \${SORTS[req.query.sort] ?? 'id'}\`));`, name: 'value looked up in a constant map' },
    { code: `import sqlite3 from 'sqlite3';\nconst db = new sqlite3.Database(':memory:');\napp.get('/u', (req, res) => db.all('SELECT * FROM users WHERE id = ?', [req.query.id], (e, rows) => res.json(rows)));`, name: 'sqlite3 with parameters' },
    { code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function run(sql, params) {\n  return pool.query(sql, params);\n}`, name: 'an exported wrapper passing SQL text through is left to its callers' },
    { code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function page(limit: number) {\n  return pool.query(\`SELECT * FROM posts LIMIT \${limit}\`);\n}`, name: 'an exported function with a numeric parameter' },
    { code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function byEmail(email) {\n  return pool.query('SELECT * FROM users WHERE email = $1', [email]);\n}`, name: 'an exported function passing its parameter as a query value' },
    { code: `const { Pool } = require('pg');\nconst pool = new Pool();\nfunction count(table) {\n  return pool.query(\`SELECT count(*) FROM \${table}\`);\n}\ncount('users');\ncount('posts');`, name: 'a file-local helper called only with constants' },
    { name: 'callers decide: the only calls in the file pass constant table names', code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function countRows(table) {\n  return pool.query(\`SELECT count(*) FROM \${table}\`);\n}\nexport const stats = () => Promise.all([countRows('users'), countRows('orders')]);` },
    { name: 'callers decide: a numeric conversion at the caller', code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function byId(id) {\n  return pool.query(\`SELECT * FROM users WHERE id = \${id}\`);\n}\nexport function byQueryId(raw) {\n  return byId(Number(raw));\n}` },
  ],
  invalid: [
    {
      name: 'the parameterised query keeps the double quotes of the file',
      code: `import mysql from "mysql2/promise";\nconst pool = mysql.createPool({ host: "localhost" });\napp.get("/u", (req, res) => pool.execute(\`SELECT * FROM users WHERE name = \${req.query.name} AND status = 'active'\`));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 3, column: 42, endLine: 3, endColumn: 116, related: 1,
          suggestions: [{ messageId: 'useParameters', output: `import mysql from "mysql2/promise";\nconst pool = mysql.createPool({ host: "localhost" });\napp.get("/u", (req, res) => pool.execute("SELECT * FROM users WHERE name = ? AND status = 'active'", [req.query.name]));` }],
        },
      ],
    },
    {
      name: 'mysql2 template literal in a value position',
      code: `${mysqlHead}app.get('/u/:id', async (req, res) => {\n  const [rows] = await pool.query(\`SELECT * FROM users WHERE id = \${req.params.id}\`);\n});`,
      errors: [
        {
          messageId: 'sqlInjection', line: 6, column: 35, endLine: 6, endColumn: 84, related: 1,
          suggestions: [{ messageId: 'useParameters', output: `${mysqlHead}app.get('/u/:id', async (req, res) => {\n  const [rows] = await pool.query('SELECT * FROM users WHERE id = ?', [req.params.id]);\n});` }],
        },
      ],
    },
    {
      name: 'concatenation with quotes around the value',
      code: `${mysqlHead}app.get('/u', (req, res) => pool.execute("SELECT * FROM users WHERE name = '" + req.query.name + "' AND active = 1"));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 5, column: 42, endLine: 5, endColumn: 116,
          suggestions: [{ messageId: 'useParameters', output: `${mysqlHead}app.get('/u', (req, res) => pool.execute('SELECT * FROM users WHERE name = ? AND active = 1', [req.query.name]));` }],
        },
      ],
    },
    {
      name: 'pg numbered placeholders, LIKE pattern, callback kept last',
      code: `${pgHead}app.get('/s', (req, res) => {\n  const { q, status } = req.query;\n  pool.query(\`SELECT * FROM items WHERE title ILIKE '%\${q}%' AND status = '\${status}'\`, (err, r) => res.json(r.rows));\n});`,
      filename: 'search.js',
      errors: [
        {
          messageId: 'sqlInjection', line: 5, column: 14, endLine: 5, endColumn: 87,
          suggestions: [{ messageId: 'useParameters', output: `${pgHead}app.get('/s', (req, res) => {\n  const { q, status } = req.query;\n  pool.query('SELECT * FROM items WHERE title ILIKE $1 AND status = $2', [\`%\${q}%\`, status], (err, r) => res.json(r.rows));\n});` }],
        },
      ],
    },
    {
      name: 'table name from the request: no suggestion',
      code: `${pgHead}app.get('/t', async (req, res) => {\n  const client = await pool.connect();\n  await client.query(\`SELECT * FROM \${req.query.table} WHERE id = 1\`);\n});`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 22, endLine: 5, endColumn: 69 }],
    },
    {
      name: 'model output as the whole query (text-to-SQL)',
      code: `import OpenAI from 'openai';\nimport Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst sql = r.choices[0].message.content;\nconst rows = db.prepare(sql).all();`,
      errors: [{ messageId: 'sqlInjection', line: 7, column: 25, endLine: 7, endColumn: 28, related: 1 }],
    },
    {
      name: 'better-sqlite3 prepare(...).get() gets the values in get()',
      code: `const Database = require('better-sqlite3');\nconst db = new Database('app.db');\napp.get('/u', (req, res) => res.json(db.prepare(\`SELECT * FROM users WHERE id = \${req.query.id}\`).get()));`,
      filename: 'users.js',
      errors: [
        {
          messageId: 'sqlInjection', line: 3, column: 49, endLine: 3, endColumn: 97,
          suggestions: [{ messageId: 'useParameters', output: `const Database = require('better-sqlite3');\nconst db = new Database('app.db');\napp.get('/u', (req, res) => res.json(db.prepare('SELECT * FROM users WHERE id = ?').get(req.query.id)));` }],
        },
      ],
    },
    {
      name: 'sqlite3 callback API',
      code: `const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database('app.db');\napp.post('/login', (req, res) => {\n  db.get(\`SELECT * FROM users WHERE username = '\${req.body.username}' AND password = '\${req.body.password}'\`, (err, row) => res.json(row));\n});`,
      filename: 'login.js',
      errors: [
        {
          messageId: 'sqlInjection', line: 4, column: 10, endLine: 4, endColumn: 109,
          suggestions: [{ messageId: 'useParameters', output: `const sqlite3 = require('sqlite3');\nconst db = new sqlite3.Database('app.db');\napp.post('/login', (req, res) => {\n  db.get('SELECT * FROM users WHERE username = ? AND password = ?', [req.body.username, req.body.password], (err, row) => res.json(row));\n});` }],
        },
      ],
    },
    {
      name: 'Sequelize query with options gets replacements',
      code: `import { Sequelize, QueryTypes } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\napp.get('/u', (req) => sequelize.query(\`SELECT * FROM users WHERE id = \${req.query.id}\`, { type: QueryTypes.SELECT }));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 3, column: 40, endLine: 3, endColumn: 88,
          suggestions: [{ messageId: 'useParameters', output: `import { Sequelize, QueryTypes } from 'sequelize';\nconst sequelize = new Sequelize(process.env.DATABASE_URL);\napp.get('/u', (req) => sequelize.query('SELECT * FROM users WHERE id = ?', { replacements: [req.query.id], type: QueryTypes.SELECT }));` }],
        },
      ],
    },
    {
      name: 'Sequelize.literal',
      code: `import { Sequelize } from 'sequelize';\napp.get('/u', (req) => User.findAll({ order: Sequelize.literal(req.query.order) }));`,
      errors: [{ messageId: 'sqlInjection', line: 2, column: 64, endLine: 2, endColumn: 79 }],
    },
    {
      name: 'knex whereRaw on a db imported from a local module',
      code: `import db from './db';\napp.get('/u', (req) => db('users').whereRaw(\`email = '\${req.query.email}'\`));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 2, column: 45, endLine: 2, endColumn: 75,
          suggestions: [{ messageId: 'useParameters', output: `import db from './db';\napp.get('/u', (req) => db('users').whereRaw('email = ?', [req.query.email]));` }],
        },
      ],
    },
    {
      name: 'Prisma $queryRawUnsafe gets spread values',
      code: `import { prisma } from '@/lib/prisma';\nexport async function GET(request) {\n  const email = request.nextUrl.searchParams.get('email');\n  return prisma.$queryRawUnsafe(\`SELECT * FROM "User" WHERE email = '\${email}'\`);\n}`,
      errors: [
        {
          messageId: 'sqlInjection', line: 4, column: 33, endLine: 4, endColumn: 80,
          suggestions: [{ messageId: 'useParameters', output: `import { prisma } from '@/lib/prisma';\nexport async function GET(request) {\n  const email = request.nextUrl.searchParams.get('email');\n  return prisma.$queryRawUnsafe('SELECT * FROM "User" WHERE email = $1', email);\n}` }],
        },
      ],
    },
    {
      name: 'TypeORM query builder where with interpolation',
      code: `import { AppDataSource } from './data-source';\napp.get('/u', (req) => AppDataSource.getRepository(User).createQueryBuilder('u').where(\`u.email = '\${req.query.email}'\`).getOne());`,
      errors: [{ messageId: 'sqlInjection', line: 2, column: 88, endLine: 2, endColumn: 120 }],
    },
    {
      name: 'drizzle sql.raw',
      code: `import { sql } from 'drizzle-orm';\napp.get('/u', (req) => db.execute(sql.raw(\`SELECT * FROM users ORDER BY \${req.query.sort}\`)));`,
      errors: [{ messageId: 'sqlInjection', line: 2, column: 43, endLine: 2, endColumn: 91 }],
    },
    {
      name: 'postgres.js sql.unsafe',
      code: `import postgres from 'postgres';\nconst sql = postgres(process.env.DATABASE_URL);\napp.get('/u', (req) => sql.unsafe(\`SELECT * FROM users WHERE id = \${req.query.id}\`));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 3, column: 35, endLine: 3, endColumn: 83,
          suggestions: [{ messageId: 'useParameters', output: `import postgres from 'postgres';\nconst sql = postgres(process.env.DATABASE_URL);\napp.get('/u', (req) => sql.unsafe('SELECT * FROM users WHERE id = $1', [req.query.id]));` }],
        },
      ],
    },
    {
      name: 'query built in a variable, receiver from another file, no SQL import',
      code: `const db = require('../db');\nrouter.get('/orders', async (req, res) => {\n  const query = "SELECT * FROM orders WHERE customer_id = " + req.query.customer;\n  res.json(await db.query(query));\n});`,
      filename: 'orders.js',
      errors: [{ messageId: 'sqlInjection', line: 4, column: 27, endLine: 4, endColumn: 32 }],
    },
    {
      name: 'constant table name stays interpolated, SQL string with doubled quote stays',
      code: `${pgHead}const TABLE = 'users';\napp.get('/y', (req, res) => pool.query(\`SELECT * FROM \${TABLE} WHERE id = \${req.query.id} AND note <> 'it''s'\`));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 4, column: 40, endLine: 4, endColumn: 111,
          suggestions: [{ messageId: 'useParameters', output: `${pgHead}const TABLE = 'users';\napp.get('/y', (req, res) => pool.query(\`SELECT * FROM \${TABLE} WHERE id = $1 AND note <> 'it''s'\`, [req.query.id]));` }],
        },
      ],
    },
    {
      name: 'INSERT VALUES list, mixed quoted and bare values',
      code: `${pgHead}app.post('/t', (req, res) => pool.query(\`INSERT INTO t (a, b) VALUES (\${req.body.a}, '\${req.body.b}')\`));`,
      errors: [
        {
          messageId: 'sqlInjection', line: 3, column: 41, endLine: 3, endColumn: 103,
          suggestions: [{ messageId: 'useParameters', output: `${pgHead}app.post('/t', (req, res) => pool.query('INSERT INTO t (a, b) VALUES ($1, $2)', [req.body.a, req.body.b]));` }],
        },
      ],
    },
    {
      name: 'IN list built with join: no suggestion',
      code: `${mysqlHead}app.get('/x', (req, res) => pool.query(\`SELECT * FROM users WHERE id IN (\${req.query.ids.join(',')})\`));`,
      errors: [{ messageId: 'sqlInjection', line: 5, column: 40, endLine: 5, endColumn: 102 }],
    },
    {
      name: 'command-line argument into a DELETE on a TypeORM DataSource',
      code: `import { DataSource } from 'typeorm';\nconst ds = new DataSource({ type: 'postgres' });\nawait ds.query('DELETE FROM sessions WHERE user_id = ' + process.argv[2]);`,
      errors: [{ messageId: 'sqlInjection', line: 3, column: 16, endLine: 3, endColumn: 73 }],
    },
    {
      name: 'an exported function building SQL from its parameter is a warning',
      code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function byId(id) {\n  return pool.query(\`SELECT * FROM users WHERE id = \${id}\`);\n}`,
      errors: [{ messageId: 'sqlInjectionParam', severity: 'warning', line: 4, column: 21, endLine: 4, endColumn: 59, related: 1, suggestions: [{ messageId: 'useParameters', output: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function byId(id) {\n  return pool.query('SELECT * FROM users WHERE id = $1', [id]);\n}` }] }],
    },
    {
      name: 'a public repository method concatenating a parameter',
      code: `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\nexport class UserRepo {\n  async findByName(name: string) {\n    const [rows] = await pool.query("SELECT * FROM users WHERE name = '" + name + "'");\n    return rows;\n  }\n}`,
      errors: [{ messageId: 'sqlInjectionParam', severity: 'warning', line: 5, column: 37, endLine: 5, endColumn: 86, related: 1, suggestions: [{ messageId: 'useParameters', output: `import mysql from 'mysql2/promise';\nconst pool = mysql.createPool({});\nexport class UserRepo {\n  async findByName(name: string) {\n    const [rows] = await pool.query('SELECT * FROM users WHERE name = ?', [name]);\n    return rows;\n  }\n}` }] }],
    },
    {
      name: 'request data passed to a query helper in the same file',
      code: `import express from 'express';\nimport Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst app = express();\nfunction search(term) {\n  return db.prepare(\`SELECT * FROM posts WHERE title LIKE '%\${term}%'\`).all();\n}\napp.get('/search', (req, res) => res.json(search(req.query.q)));`,
      errors: [{ messageId: 'sqlInjection', line: 6, column: 21, endLine: 6, endColumn: 71, related: 3, suggestions: [{ messageId: 'useParameters', output: `import express from 'express';\nimport Database from 'better-sqlite3';\nconst db = new Database('app.db');\nconst app = express();\nfunction search(term) {\n  return db.prepare('SELECT * FROM posts WHERE title LIKE ?').all(\`%\${term}%\`);\n}\napp.get('/search', (req, res) => res.json(search(req.query.q)));` }] }],
    },
    {
      name: 'callers decide: a caller in the file passes request data (an error at the sink)',
      code: `import express from 'express';\nconst { Pool } = require('pg');\nconst pool = new Pool();\nconst app = express();\nexport function byName(name) {\n  return pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);\n}\nbyName('admin');\napp.get('/u', (req, res) => byName(req.query.name));`,
      errors: [{ messageId: 'sqlInjection', line: 6, column: 21, endLine: 6, endColumn: 65, related: 3, suggestions: [{ messageId: 'useParameters', output: `import express from 'express';\nconst { Pool } = require('pg');\nconst pool = new Pool();\nconst app = express();\nexport function byName(name) {\n  return pool.query('SELECT * FROM users WHERE name = $1', [name]);\n}\nbyName('admin');\napp.get('/u', (req, res) => byName(req.query.name));` }] }],
    },
    {
      name: 'callers decide: a constant caller does not hide a caller passing its own parameter',
      code: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function byName(name) {\n  return pool.query(\`SELECT * FROM users WHERE name = '\${name}'\`);\n}\nbyName('admin');\nexport function lookup(who) {\n  return byName(who);\n}`,
      errors: [{ messageId: 'sqlInjectionParam', severity: 'warning', line: 4, column: 21, endLine: 4, endColumn: 65, related: 3, suggestions: [{ messageId: 'useParameters', output: `const { Pool } = require('pg');\nconst pool = new Pool();\nexport function byName(name) {\n  return pool.query('SELECT * FROM users WHERE name = $1', [name]);\n}\nbyName('admin');\nexport function lookup(who) {\n  return byName(who);\n}` }] }],
    },
  ],
});

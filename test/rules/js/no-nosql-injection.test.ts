import rule from '../../../src/rules/js/no-nosql-injection';
import { ruleTester } from '../../lib/rule-tester';

const head = `const express = require('express');\nconst User = require('../models/user');\nconst app = express();\n`;
const mongoHead = `import { MongoClient, ObjectId } from 'mongodb';\nconst client = new MongoClient(process.env.MONGO_URL);\nconst users = client.db('app').collection('users');\n`;

ruleTester(rule, {
  valid: [
    { code: `${head}app.post('/login', (req) => User.findOne({ email: String(req.body.email) }));`, filename: 'a.js', name: 'coerced with String()' },
    { code: `${head}app.post('/login', (req) => User.findOne({ email: { $eq: req.body.email } }));`, filename: 'a.js', name: 'explicit $eq' },
    { code: `${mongoHead}app.get('/u/:id', (req) => users.findOne({ _id: new ObjectId(req.params.id) }));`, name: 'ObjectId from a route param' },
    { code: `${head}app.get('/u/:id', (req) => User.findOne({ _id: req.params.id }));`, filename: 'a.js', name: 'route params are always strings' },
    { code: `const mongoSanitize = require('express-mongo-sanitize');\n${head}app.use(mongoSanitize());\napp.post('/login', (req) => User.findOne({ email: req.body.email }));`, filename: 'a.js', name: 'express-mongo-sanitize in the file' },
    { code: `${head}app.post('/o', async (req) => {\n  const user = await User.findOne({ email: String(req.body.email) });\n  return Order.find({ userId: user._id });\n});`, filename: 'a.js', name: 'value of a document found with request data' },
    { code: `${head}app.post('/x', (req) => [1, 2, 3].find((n) => n === req.body.n));`, filename: 'a.js', name: 'Array#find with a callback' },
    { code: `const { User } = require('./models');\nconst { Op } = require('sequelize');\napp.post('/login', (req) => User.findOne({ where: { email: req.body.email } }));`, filename: 'a.js', name: 'Sequelize filter (operators are symbols)' },
    { code: `${head}app.post('/login', (req) => User.findOne({ email: \`\${req.body.email}\`.toLowerCase() }));`, filename: 'a.js', name: 'template literal is a string' },
    { code: `${mongoHead}app.get('/u', (req) => users.find({ age: { $gte: Number(req.query.minAge) } }).toArray());`, name: 'number conversion inside an operator' },
    { code: `import mongoose from 'mongoose';\nmongoose.set('sanitizeFilter', true);\nconst User = mongoose.model('User', schema);\napp.post('/login', (req) => User.findOne({ email: req.body.email }));`, name: 'Mongoose sanitizeFilter' },
    { code: `${head}function byEmail(email) { return User.findOne({ email }); }`, filename: 'a.js', name: 'parameter of an ordinary function' },
  ],
  invalid: [
    {
      name: 'login with body fields',
      code: `${head}app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email, password: req.body.password });\n});`,
      filename: 'login.js',
      errors: [
        {
          messageId: 'operatorInjection', line: 5, column: 44, endLine: 5, endColumn: 58, related: 1,
          suggestions: [
            { messageId: 'useEq', output: `${head}app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: { $eq: req.body.email }, password: req.body.password });\n});` },
            { messageId: 'useString', output: `${head}app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: String(req.body.email), password: req.body.password });\n});` },
          ],
        },
        {
          messageId: 'operatorInjection', line: 5, column: 70, endLine: 5, endColumn: 87,
          suggestions: [
            { messageId: 'useEq', output: `${head}app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email, password: { $eq: req.body.password } });\n});` },
            { messageId: 'useString', output: `${head}app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email, password: String(req.body.password) });\n});` },
          ],
        },
      ],
    },
    {
      name: 'destructured shorthand property',
      code: `${head}app.post('/reset', async (req) => {\n  const { token } = req.body;\n  await User.updateOne({ resetToken: token }, { $set: { password: 'x' } });\n});`,
      filename: 'reset.js',
      errors: [
        {
          messageId: 'operatorInjection', line: 6, column: 38, endLine: 6, endColumn: 43,
          suggestions: [
            { messageId: 'useEq', output: `${head}app.post('/reset', async (req) => {\n  const { token } = req.body;\n  await User.updateOne({ resetToken: { $eq: token } }, { $set: { password: 'x' } });\n});` },
            { messageId: 'useString', output: `${head}app.post('/reset', async (req) => {\n  const { token } = req.body;\n  await User.updateOne({ resetToken: String(token) }, { $set: { password: 'x' } });\n});` },
          ],
        },
      ],
    },
    {
      name: 'shorthand is expanded by the suggestions',
      code: `${mongoHead}app.post('/u', async (req) => {\n  const { username } = req.body;\n  return users.findOne({ username });\n});`,
      errors: [
        {
          messageId: 'operatorInjection', line: 6, column: 26, endLine: 6, endColumn: 34,
          suggestions: [
            { messageId: 'useEq', output: `${mongoHead}app.post('/u', async (req) => {\n  const { username } = req.body;\n  return users.findOne({ username: { $eq: username } });\n});` },
            { messageId: 'useString', output: `${mongoHead}app.post('/u', async (req) => {\n  const { username } = req.body;\n  return users.findOne({ username: String(username) });\n});` },
          ],
        },
      ],
    },
    {
      name: 'whole query string as the filter',
      code: `${head}app.get('/users', async (req, res) => res.json(await User.find(req.query)));`,
      filename: 'users.js',
      errors: [{ messageId: 'operatorInjection', line: 4, column: 64, endLine: 4, endColumn: 73 }],
    },
    {
      name: 'spread of the body into a filter',
      code: `${mongoHead}app.delete('/u', (req) => users.deleteMany({ ...req.body, tenant: 'a' }));`,
      errors: [{ messageId: 'operatorInjection', line: 4, column: 49, endLine: 4, endColumn: 57 }],
    },
    {
      name: '$where with request data',
      code: `${head}app.get('/s', (req) => User.find({ $where: \`this.name == '\${req.query.name}'\` }));`,
      filename: 's.js',
      errors: [{ messageId: 'whereInjection', line: 4, column: 44, endLine: 4, endColumn: 78 }],
    },
    {
      name: 'Next.js body from request.json() inside $or',
      code: `import { connectDb } from '@/lib/db';\nimport User from '@/models/User';\nexport async function POST(request) {\n  const body = await request.json();\n  return User.findOne({ $or: [{ email: body.login }, { username: 'x' }] });\n}`,
      errors: [
        {
          messageId: 'operatorInjection', line: 5, column: 40, endLine: 5, endColumn: 50,
          suggestions: [
            { messageId: 'useEq', output: `import { connectDb } from '@/lib/db';\nimport User from '@/models/User';\nexport async function POST(request) {\n  const body = await request.json();\n  return User.findOne({ $or: [{ email: { $eq: body.login } }, { username: 'x' }] });\n}` },
            { messageId: 'useString', output: `import { connectDb } from '@/lib/db';\nimport User from '@/models/User';\nexport async function POST(request) {\n  const body = await request.json();\n  return User.findOne({ $or: [{ email: String(body.login) }, { username: 'x' }] });\n}` },
          ],
        },
      ],
    },
    {
      name: 'JSON.parse of a query parameter',
      code: `${mongoHead}app.get('/search', (req) => users.find(JSON.parse(req.query.filter)).toArray());`,
      errors: [{ messageId: 'operatorInjection', line: 4, column: 40, endLine: 4, endColumn: 68 }],
    },
  ],
});

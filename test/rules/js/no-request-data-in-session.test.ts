import rule from '../../../src/rules/js/no-request-data-in-session';
import { ruleTester } from '../../lib/rule-tester';

const APP = `const express = require('express');\nconst app = express();\n`;

ruleTester(rule, {
  valid: [
    { name: 'a constant', code: `${APP}app.get('/t', (req, res) => {\n  req.session.theme = 'dark';\n  res.end();\n});` },
    { name: 'the id of the user a query found', code: `${APP}app.post('/login', async (req, res) => {\n  const user = await User.findOne({ email: req.body.email });\n  req.session.userId = user.id;\n  res.end();\n});` },
    { name: 'a number parsed from the request', code: `${APP}app.get('/p', (req, res) => {\n  req.session.page = Number.parseInt(req.query.page, 10);\n  res.end();\n});` },
    { name: 'reading the session', code: `${APP}app.get('/me', (req, res) => {\n  res.json({ same: req.session.user === req.query.user });\n});` },
    { name: 'an object named session that is not the request one', code: `${APP}app.get('/x', (req, res) => {\n  const session = {};\n  session.q = req.query.q;\n  res.json(session);\n});` },
    { name: 'a database session', code: `${APP}app.post('/x', (req, res) => {\n  db.session.current = req.body.x;\n  res.end();\n});` },
  ],
  invalid: [
    {
      name: 'express-session: a body field stored in the session',
      code: `${APP}app.post('/login', (req, res) => {\n  req.session.user = req.body.user;\n  res.end();\n});`,
      errors: [{ messageId: 'requestDataInSession', line: 4, column: 22, endLine: 4, endColumn: 35 }],
    },
    {
      name: 'a query parameter with a default, and a computed key',
      code: `${APP}app.get('/prefs', (req, res) => {\n  req.session.role = req.query.role || 'member';\n  req.session['plan'] = req.query.plan;\n  res.end();\n});`,
      errors: [
        { messageId: 'requestDataInSession', line: 4, column: 22, endLine: 4, endColumn: 48 },
        { messageId: 'requestDataInSession', line: 5, column: 25, endLine: 5, endColumn: 39 },
      ],
    },
    {
      name: 'Object.assign of the whole body',
      code: `${APP}app.post('/state', (req, res) => {\n  Object.assign(req.session, req.body);\n  res.end();\n});`,
      errors: [{ messageId: 'requestDataInSession', line: 4, column: 30, endLine: 4, endColumn: 38 }],
    },
    {
      name: 'a trimmed header through a variable',
      code: `${APP}app.get('/agent', (req, res) => {\n  const agent = req.headers['user-agent'].trim();\n  req.session.agent = agent;\n  res.end();\n});`,
      errors: [{ messageId: 'requestDataInSession', line: 5, column: 23, endLine: 5, endColumn: 28 }],
    },
  ],
});

import rule from '../../../src/rules/js/no-prototype-pollution';
import { ruleTester } from '../../lib/rule-tester';

const H = `import _ from 'lodash';\nimport express from 'express';\nconst app = express();\n`;

ruleTester(rule, {
  valid: [
    {
      name: 'one-level write of header values: strings cannot replace a prototype',
      code: `export function copyHeaders(request: Request) {\n  const headers: Record<string, string> = {};\n  for (const [name, value] of request.headers.entries()) headers[name] = value;\n  return headers;\n}`,
    },
    { code: `${H}app.post('/s', (req, res) => { const s = _.merge({}, defaults, userSettings); });`, name: 'no untrusted source' },
    { code: `${H}app.post('/s', (req, res) => { const s = { ...defaults, ...req.body }; });`, name: 'spread is shallow' },
    { code: `${H}app.post('/s', (req, res) => { _.set(config, 'theme.color', req.body.color); });`, name: 'constant path, untrusted value' },
    { code: `${H}app.post('/s', (req, res) => {\n  for (const k in req.body) {\n    if (k === '__proto__' || k === 'constructor' || k === 'prototype') continue;\n    target[k] = req.body[k];\n  }\n});`, name: 'key check' },
    { code: `${H}const ALLOWED = ['name', 'bio'];\napp.post('/s', (req, res) => {\n  for (const k in req.body) if (ALLOWED.includes(k)) user[k] = req.body[k];\n});`, name: 'allow-list' },
    { code: `${H}app.post('/s', (req, res) => {\n  const out = Object.create(null);\n  for (const k in req.body) out[k] = req.body[k];\n});`, name: 'null-prototype target' },
    { code: `const merge = (a, b) => Object.assign(a, b);\napp.post('/s', (req, res) => merge({}, req.body));`, name: 'local merge' },
    { code: `${H}for (const k in defaults) settings[k][k] = defaults[k];`, name: 'trusted keys' },
    { code: `import $ from 'jquery';\n$.extend(settings, JSON.parse(location.hash.slice(1)));`, name: 'shallow jQuery extend, not a request' },
  ],
  invalid: [
    {
      code: `${H}app.post('/settings', (req, res) => {\n  const settings = _.merge({}, defaults, req.body);\n});`,
      errors: [{ messageId: 'deepMerge', line: 5, column: 20, endLine: 5, endColumn: 51, related: 1 }],
    },
    {
      code: `import set from 'lodash/set';\nexport function POST(request) {\n  const { path, value } = request.query;\n  set(config, path, value);\n}`,
      errors: [{ messageId: 'taintedPath', line: 4, column: 3, endLine: 4, endColumn: 27 }],
    },
    {
      code: `const deepmerge = require('deepmerge');\nrouter.put('/prefs', (req, res) => { prefs = deepmerge(prefs, req.body); });`,
      filename: 'prefs.js',
      errors: [{ messageId: 'deepMerge', line: 2, column: 46, endLine: 2, endColumn: 72 }],
    },
    {
      code: `${H}app.post('/s', (req, res) => {\n  for (const k in req.body) user[k] = req.body[k];\n});`,
      errors: [{ messageId: 'computedKey', line: 5, column: 29, endLine: 5, endColumn: 50 }],
    },
    {
      code: `${H}app.get('/set', (req, res) => {\n  store[req.query.section][req.query.key] = req.query.value;\n});`,
      errors: [{ messageId: 'computedKey', line: 5, column: 3, endLine: 5, endColumn: 60 }],
    },
    {
      code: `${H}app.post('/s', (req, res) => {\n  Object.keys(req.body).forEach((key) => { config[key] = req.body[key]; });\n});`,
      errors: [{ messageId: 'computedKey', line: 5, column: 44, endLine: 5, endColumn: 71 }],
    },
    {
      code: `$.extend(true, settings, req.body);\nfunction h(req) { $.extend(true, settings, req.body); }`,
      filename: 'a.js',
      errors: [{ messageId: 'deepMerge', line: 2, column: 19, endLine: 2, endColumn: 53 }],
    },
  ],
});

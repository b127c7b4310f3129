import rule from '../../../src/rules/js/no-dynamic-require';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `const express = require('express');\napp.get('/x', (req, res) => res.send(require('./package.json').version));`, name: 'constant specifiers' },
    { code: `const LOCALE_DIR = './locales';\nconst en = require(LOCALE_DIR + '/en.json');`, filename: 'i18n.js', name: 'constant built from constants' },
    { code: `for (const name of fs.readdirSync('./plugins')) {\n  require(\`./plugins/\${name}\`);\n}`, filename: 'plugins.js', name: 'plugin loader over a local folder' },
    { code: `const config = await import(process.argv[2]);`, name: 'CLI operator picks the config file' },
    { code: `const LOCALES = ['en', 'de', 'fr'];\napp.get('/t', (req, res) => {\n  if (!LOCALES.includes(req.query.lang)) return res.sendStatus(400);\n  res.json(require(\`./locales/\${req.query.lang}.json\`));\n});`, filename: 'i18n.js', name: 'allow-list check before the require' },
    { code: `const path = require('path');\napp.get('/t', (req, res) => res.json(require(path.join(__dirname, 'locales', path.basename(req.query.lang)))));`, filename: 'i18n.js', name: 'basename keeps it inside one folder' },
    { code: `const HANDLERS = { pdf: () => import('./pdf.js'), csv: () => import('./csv.js') };\napp.get('/x', async (req, res) => (await HANDLERS[req.query.kind]()).default(req, res));`, name: 'map of fixed imports' },
    { code: `function require(x) { return x; }\napp.get('/x', (req, res) => res.send(require(req.query.m)));`, filename: 'x.js', name: 'a local function named require' },
  ],
  invalid: [
    {
      name: 'require of a request parameter',
      code: `app.get('/convert/:format', (req, res) => {\n  const converter = require('./converters/' + req.params.format);\n  res.send(converter(req.body));\n});`,
      filename: 'server.js',
      errors: [{ messageId: 'dynamicRequire', line: 2, column: 29, endLine: 2, endColumn: 64, related: 1 }],
    },
    {
      name: 'dynamic import of a request field',
      code: `export async function POST(request: Request) {\n  const { plugin } = await request.json();\n  const mod = await import(plugin);\n  return Response.json(await mod.run());\n}`,
      errors: [{ messageId: 'dynamicRequire', line: 3, column: 28, endLine: 3, endColumn: 34 }],
    },
    {
      name: 'module chosen by the model',
      code: `import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst name = r.choices[0].message.content;\nconst handler = require(\`./skills/\${name}\`);`,
      errors: [{ messageId: 'dynamicRequire', line: 5, column: 25, endLine: 5, endColumn: 43 }],
    },
  ],
});

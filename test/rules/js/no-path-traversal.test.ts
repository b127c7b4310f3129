import rule from '../../../src/rules/js/no-path-traversal';
import { ruleTester } from '../../lib/rule-tester';

const head = `import fs from 'node:fs';\nimport path from 'node:path';\n`;

ruleTester(rule, {
  valid: [
    { code: `${head}app.get('/f', (req, res) => fs.readFile(path.join(UPLOADS, path.basename(req.params.name)), cb));`, name: 'path.basename of the segment' },
    { code: `${head}app.get('/f', (req, res) => {\n  const name = path.basename(req.query.file);\n  res.send(fs.readFileSync(path.join(UPLOADS, name)));\n});`, name: 'basename through a const' },
    {
      code: `${head}const ROOT = path.resolve('files');\napp.get('/f', (req, res) => {\n  const p = path.resolve(ROOT, req.query.f);\n  if (!p.startsWith(ROOT + path.sep)) return res.sendStatus(403);\n  fs.createReadStream(p).pipe(res);\n});`,
      name: 'startsWith containment check before the use',
    },
    {
      code: `${head}app.get('/f', (req, res) => {\n  const target = path.join(ROOT, req.query.f);\n  const rel = path.relative(ROOT, target);\n  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error('bad path');\n  fs.unlinkSync(target);\n});`,
      name: 'path.relative containment check',
    },
    { code: `app.get('/f', (req, res) => res.sendFile(req.params.file, { root: path.join(__dirname, 'public') }));`, name: 'sendFile with a root option' },
    { code: `const ALLOWED = ['a.txt', 'b.txt'];\n${head}app.get('/f', (req, res) => {\n  const { name } = req.query;\n  if (!ALLOWED.includes(name)) return res.sendStatus(404);\n  fs.readFile(path.join(DIR, name), cb);\n});`, name: 'allow-list includes' },
    { code: `${head}const cfg = fs.readFileSync(process.argv[2], 'utf8');`, name: 'a CLI opening the file named on its command line' },
    { code: `${head}function load(name) { return fs.readFileSync(path.join(DIR, name)); }`, name: 'parameter of unknown origin' },
    { code: `${head}app.post('/f', (req, res) => fs.writeFile(path.join(DIR, 'log.txt'), req.body.text, cb));`, name: 'request data as file content, not as the path' },
    { code: `function readFile(p) { return p; }\napp.get('/f', (req, res) => readFile(req.query.f));`, name: 'a local function named readFile' },
    { code: `import { readFile } from './storage';\napp.get('/f', (req, res) => readFile(req.query.f));`, name: 'readFile from another module' },
    { code: `app.get('/f', (req, res) => res.attachment(req.query.name));`, name: 'res.attachment only sets a header' },
    { code: `import fs from 'fs';\napp.get('/f', (req, res) => fs.readFile(\`\${DIR}/\${Number(req.query.id)}.json\`, cb));`, name: 'numeric conversion' },
    { code: `${head}app.get('/f', (req, res) => {\n  if (req.params.name.includes('..')) return res.sendStatus(400);\n  fs.readFile(path.join(DIR, req.params.name), cb);\n});`, name: 'explicit .. check' },
    { code: `import fs from 'fs';\nconst text = fs.readFileSync(new URL('./data.json', import.meta.url));`, name: 'constant path' },
    { code: `import fs from 'fs';\nimport path from 'path';\nexport function readManifest(dir) {\n  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));\n}`, name: 'a base folder chosen by the caller is the caller\'s business' },
    { code: `import fs from 'fs';\nexport function load(file) {\n  return fs.readFileSync(file, 'utf8');\n}`, name: 'an exported wrapper passing its path through unchanged' },
    { code: `import fs from 'fs';\nimport path from 'path';\nexport function readUpload(name) {\n  return fs.readFileSync(path.join('/srv/uploads', path.basename(name)));\n}`, name: 'the appended parameter goes through path.basename' },
    { code: `import fs from 'fs';\nfunction readDoc(file) {\n  return fs.readFileSync('./docs/' + file, 'utf8');\n}\nreadDoc('intro.md');`, name: 'a file-local helper called only with constants' },
    { name: 'callers decide: the only caller passes a constant file name', code: `import fs from 'node:fs';\nimport path from 'node:path';\nconst UPLOADS = path.join(__dirname, 'uploads');\nexport function readUpload(name) {\n  return fs.readFileSync(path.join(UPLOADS, name));\n}\nexport const readme = () => readUpload('README.txt');` },
  ],
  invalid: [
    {
      name: 'path.join with a route parameter',
      code: `${head}app.get('/files/:name', (req, res) => {\n  fs.readFile(path.join(__dirname, 'uploads', req.params.name), (e, d) => res.send(d));\n});`,
      errors: [
        {
          messageId: 'pathTraversal', line: 4, column: 15, endLine: 4, endColumn: 63, related: 1,
          suggestions: [{ messageId: 'useBasename', output: `${head}app.get('/files/:name', (req, res) => {\n  fs.readFile(path.join(__dirname, 'uploads', path.basename(req.params.name)), (e, d) => res.send(d));\n});` }],
        },
      ],
    },
    {
      name: 'res.sendFile through a const',
      code: `import { join } from 'path';\nimport { basename } from 'path';\napp.get('/dl', (req, res) => {\n  const file = join(__dirname, 'public', req.query.file);\n  res.sendFile(file);\n});`,
      errors: [
        {
          messageId: 'pathTraversal', line: 5, column: 16, endLine: 5, endColumn: 20,
          suggestions: [{ messageId: 'useBasename', output: `import { join } from 'path';\nimport { basename } from 'path';\napp.get('/dl', (req, res) => {\n  const file = join(__dirname, 'public', basename(req.query.file));\n  res.sendFile(file);\n});` }],
        },
      ],
    },
    {
      name: 'fs/promises with a template and destructured body',
      code: `import { writeFile } from 'fs/promises';\nimport path from 'path';\nexport async function POST(request) {\n  const { name, content } = await request.json();\n  await writeFile(\`./data/\${name}.txt\`, content);\n}`,
      errors: [
        {
          messageId: 'pathTraversal', line: 5, column: 19, endLine: 5, endColumn: 39,
          suggestions: [{ messageId: 'useBasename', output: `import { writeFile } from 'fs/promises';\nimport path from 'path';\nexport async function POST(request) {\n  const { name, content } = await request.json();\n  await writeFile(\`./data/\${path.basename(name)}.txt\`, content);\n}` }],
        },
      ],
    },
    {
      name: 'fs.promises.unlink of model output, no path import means no suggestion',
      code: `const fs = require('fs');\nconst OpenAI = require('openai');\nconst openai = new OpenAI();\nasync function cleanup(messages) {\n  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\n  await fs.promises.unlink(r.choices[0].message.content);\n}`,
      filename: 'cleanup.js',
      errors: [{ messageId: 'pathTraversal', line: 6, column: 28, endLine: 6, endColumn: 56, related: 1 }],
    },
    {
      name: 'fs-extra copy reports both paths',
      code: `const fse = require('fs-extra');\nrouter.post('/copy', (ctx) => fse.copySync(ctx.request.body.from, ctx.request.body.to));`,
      filename: 'copy.js',
      errors: [
        { messageId: 'pathTraversal', line: 2, column: 44, endLine: 2, endColumn: 65 },
        { messageId: 'pathTraversal', line: 2, column: 67, endLine: 2, endColumn: 86 },
      ],
    },
    {
      name: 'res.download with a concatenated path',
      code: `app.get('/report', function (request, reply) {\n  reply.download(__dirname + '/reports/' + request.query.id);\n});`,
      errors: [{ messageId: 'pathTraversal', line: 2, column: 18, endLine: 2, endColumn: 60 }],
    },
    {
      name: 'startsWith check on another value does not count',
      code: `${head}app.get('/f', (req, res) => {\n  const p = path.join(ROOT, req.query.f);\n  if (!req.query.f.endsWith('.txt')) return;\n  fs.createReadStream(p).pipe(res);\n});`,
      errors: [
        {
          messageId: 'pathTraversal', line: 6, column: 23, endLine: 6, endColumn: 24,
          suggestions: [{ messageId: 'useBasename', output: `${head}app.get('/f', (req, res) => {\n  const p = path.join(ROOT, path.basename(req.query.f));\n  if (!req.query.f.endsWith('.txt')) return;\n  fs.createReadStream(p).pipe(res);\n});` }],
        },
      ],
    },
    {
      name: 'an exported function joining its parameter onto an uploads folder is a warning',
      code: `import fs from 'node:fs';\nimport path from 'node:path';\nconst UPLOADS = path.join(__dirname, 'uploads');\nexport function readUpload(name) {\n  return fs.readFileSync(path.join(UPLOADS, name));\n}`,
      errors: [{ messageId: 'pathTraversalParam', severity: 'warning', line: 5, column: 26, endLine: 5, endColumn: 50, related: 1, suggestions: [{ messageId: 'useBasename', output: `import fs from 'node:fs';\nimport path from 'node:path';\nconst UPLOADS = path.join(__dirname, 'uploads');\nexport function readUpload(name) {\n  return fs.readFileSync(path.join(UPLOADS, path.basename(name)));\n}` }] }],
    },
    {
      name: 'a template path under a base folder in a public method',
      code: `import { promises as fs } from 'fs';\nexport class Store {\n  constructor(private root: string) {}\n  async remove(key: string) {\n    await fs.unlink(\`\${this.root}/\${key}.json\`);\n  }\n}`,
      errors: [{ messageId: 'pathTraversalParam', severity: 'warning', line: 5, column: 21, endLine: 5, endColumn: 47, related: 1 }],
    },
    {
      name: 'request data passed to a file helper in the same file',
      code: `import express from 'express';\nimport fs from 'fs';\nconst app = express();\nfunction readDoc(file) {\n  return fs.readFileSync('./docs/' + file, 'utf8');\n}\napp.get('/doc', (req, res) => res.send(readDoc(req.query.file)));`,
      errors: [{ messageId: 'pathTraversal', line: 5, column: 26, endLine: 5, endColumn: 42, related: 3 }],
    },
    {
      name: 'callers decide: an exported function with no caller in the file stays a warning',
      code: `import fs from 'node:fs';\nimport path from 'node:path';\nconst UPLOADS = path.join(__dirname, 'uploads');\nexport function readUpload(name) {\n  return fs.readFileSync(path.join(UPLOADS, name));\n}\nexport function readOther(name) {\n  return fs.readFileSync(path.join(UPLOADS, 'fixed.txt'));\n}`,
      errors: [{ messageId: 'pathTraversalParam', severity: 'warning', line: 5, column: 26, endLine: 5, endColumn: 50, related: 1, suggestions: [{ messageId: 'useBasename', output: `import fs from 'node:fs';\nimport path from 'node:path';\nconst UPLOADS = path.join(__dirname, 'uploads');\nexport function readUpload(name) {\n  return fs.readFileSync(path.join(UPLOADS, path.basename(name)));\n}\nexport function readOther(name) {\n  return fs.readFileSync(path.join(UPLOADS, 'fixed.txt'));\n}` }] }],
    },
  ],
});

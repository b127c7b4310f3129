import rule from '../../../src/rules/js/no-regex-injection';
import { ruleTester } from '../../lib/rule-tester';

const ESC = ".replace(/[.*+?^${}()|[\\]\\\\]/g, '\\\\$&')";

ruleTester(rule, {
  valid: [
    { code: `app.get("/search", (req, res) => {\n  const re = new RegExp(String(req.query.q).replace(/[.*+?^\${}()|[\\]\\\\]/g, "\\\\$&"), "i");\n});`, name: 'a double-quoted file with the inline escape' },
    { code: `app.get('/s', (req, res) => {\n  const re = new RegExp('^[a-z0-9-]+$');\n  res.json(re.test(req.query.slug));\n});` },
    { code: `import escapeStringRegexp from 'escape-string-regexp';\napp.get('/s', (req, res) => {\n  const re = new RegExp(escapeStringRegexp(req.query.q), 'i');\n});` },
    { code: `import _ from 'lodash';\napp.get('/s', (req, res) => {\n  const re = new RegExp('^' + _.escapeRegExp(req.query.q));\n});` },
    { code: `app.get('/s', (req, res) => {\n  const q = String(req.query.q)${ESC};\n  const re = new RegExp(\`\\\\b\${q}\\\\b\`, 'gi');\n});`, name: 'standard inline escape through a const' },
    { code: `import esc from 'escape-string-regexp';\napp.get('/s', (req, res) => {\n  const safe = esc(req.body.term);\n  new RegExp(safe);\n});`, name: 'helper imported under another name' },
    { code: `const pattern = process.argv[2];\nconst re = new RegExp(pattern);`, name: 'command-line input belongs to the operator' },
    { code: `function build(words) { return new RegExp(words.join('|')); }`, name: 'no untrusted source' },
    { code: `class RegExp { constructor(p) {} }\napp.get('/s', (req) => new RegExp(req.query.q));`, name: 'a local class named RegExp' },
    { code: `app.get('/s', (req, res) => {\n  const re = new RegExp(Number(req.query.n) + '$');\n});` },
  ],
  invalid: [
    {
      name: 'the inline escape keeps the double quotes of the file',
      code: `app.get("/search", (req, res) => {\n  const re = new RegExp(req.query.q, "i");\n});`,
      filename: 'app.js',
      errors: [
        {
          messageId: 'regexFromInput', line: 2, column: 25, endLine: 2, endColumn: 36, related: 1,
          suggestions: [{ messageId: 'escapeInline', output: `app.get("/search", (req, res) => {\n  const re = new RegExp(String(req.query.q).replace(/[.*+?^\${}()|[\\]\\\\]/g, "\\\\$&"), "i");\n});` }],
        },
      ],
    },
    {
      code: `app.get('/search', (req, res) => {\n  const re = new RegExp(req.query.q, 'i');\n  res.json(items.filter((i) => re.test(i.name)));\n});`,
      filename: 'app.js',
      errors: [
        {
          messageId: 'regexFromInput', line: 2, column: 25, endLine: 2, endColumn: 36, related: 1,
          suggestions: [{ messageId: 'escapeInline', output: `app.get('/search', (req, res) => {\n  const re = new RegExp(String(req.query.q)${ESC}, 'i');\n  res.json(items.filter((i) => re.test(i.name)));\n});` }],
        },
      ],
    },
    {
      code: `import escapeStringRegexp from 'escape-string-regexp';\napp.get('/s', (req, res) => {\n  const { term } = req.body;\n  const re = RegExp('^' + term + '$');\n});`,
      errors: [
        {
          messageId: 'regexFromInput', line: 4, column: 27, endLine: 4, endColumn: 31,
          suggestions: [{ messageId: 'escapeWithHelper', output: `import escapeStringRegexp from 'escape-string-regexp';\napp.get('/s', (req, res) => {\n  const { term } = req.body;\n  const re = RegExp('^' + escapeStringRegexp(term) + '$');\n});` }],
        },
      ],
    },
    {
      code: `import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst pattern = r.choices[0].message.content;\nconst matches = text.match(new RegExp(pattern, 'g'));`,
      errors: [
        {
          messageId: 'regexFromInput', line: 5, column: 39, endLine: 5, endColumn: 46,
          suggestions: [{ messageId: 'escapeInline', output: `import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst pattern = r.choices[0].message.content;\nconst matches = text.match(new RegExp(String(pattern)${ESC}, 'g'));` }],
        },
      ],
    },
    {
      code: `import _ from 'lodash';\nrouter.get('/users', async (req, res) => {\n  const users = await User.find({ name: new RegExp(\`.*\${req.query.name}.*\`) });\n});`,
      errors: [
        {
          messageId: 'regexFromInput', line: 3, column: 57, endLine: 3, endColumn: 71,
          suggestions: [{ messageId: 'escapeInline', output: `import _ from 'lodash';\nrouter.get('/users', async (req, res) => {\n  const users = await User.find({ name: new RegExp(\`.*\${String(req.query.name)${ESC}}.*\`) });\n});` }],
        },
      ],
    },
  ],
});

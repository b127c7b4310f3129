import rule from '../../../src/rules/js/no-unescaped-template-output';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'ejs: escaped output', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<p><%= bio %></p>', { bio: req.query.bio })));` },
    { name: 'ejs: unescaped constant, escaped request data', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%- banner %><p><%= q %></p>', { banner: '<b>Sale</b>', q: req.query.q })));` },
    { name: 'ejs: DOMPurify.sanitize', code: `import ejs from 'ejs';\nimport DOMPurify from 'isomorphic-dompurify';\napp.get('/p', (req, res) => res.send(ejs.render('<p><%- bio %></p>', { bio: DOMPurify.sanitize(req.query.bio) })));` },
    { name: 'ejs: sanitize-html', code: `import ejs from 'ejs';\nimport sanitizeHtml from 'sanitize-html';\napp.post('/p', (req, res) => res.send(ejs.render('<div><%- body %></div>', { body: sanitizeHtml(req.body.body) })));` },
    { name: 'ejs: escape-html under another name', code: `import ejs from 'ejs';\nimport esc from 'escape-html';\napp.get('/p', (req, res) => res.send(ejs.render('<p><%- bio %></p>', { bio: esc(req.query.bio) })));` },
    { name: 'ejs: include of a partial', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render("<%- include('header', { user }) %>", { user: req.query.user, filename: __filename })));` },
    { name: 'ejs: JSON.stringify is a call, not the value', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%- JSON.stringify(q) %>', { q: req.query.q })));` },
    { name: 'ejs: commented-out unescaped tag', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%# was <%- bio %><%= bio %>', { bio: req.query.bio })));` },
    { name: 'ejs: literal <%%-', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<pre><%%- bio %></pre><%= bio %>', { bio: req.query.bio })));` },
    { name: 'ejs: other delimiters', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<?= bio ?> <%- bio %>', { bio: req.query.bio }, { delimiter: '?' })));` },
    { name: 'ejs: a number', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%- count %>', { count: Number(req.query.n) })));` },
    { name: 'ejs: explicit constant after a spread of the body', code: `import ejs from 'ejs';\napp.post('/p', (req, res) => res.send(ejs.render('<%- bio %>', { ...req.body, bio: '' })));` },
    { name: 'ejs: name the data does not have', code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%- footer %><%= q %>', { q: req.query.q })));` },
    { name: 'ejs: parameter of an exported function', code: `import ejs from 'ejs';\nexport function renderBio(bio: string) {\n  return ejs.render('<p><%- bio %></p>', { bio });\n}` },
    { name: 'ejs: command-line input', code: `import ejs from 'ejs';\nconsole.log(ejs.render('<h1><%- title %></h1>', { title: process.argv[2] }));` },
    { name: 'ejs: a stored record looked up by the request id', code: `import ejs from 'ejs';\napp.get('/post/:id', async (req, res) => {\n  const post = await Post.findById(req.params.id);\n  res.send(ejs.render('<article><%- post.html %></article>', { post }));\n});` },
    { name: 'ejs: a local object named ejs', code: `import 'ejs';\nconst ejs = { render: (t: string, d: object) => t };\napp.get('/p', (req, res) => res.send(ejs.render('<%- bio %>', { bio: req.query.bio })));` },
    { name: 'ejs: template text not known', code: `import ejs from 'ejs';\nimport fs from 'node:fs';\napp.get('/p', (req, res) => res.send(ejs.render(fs.readFileSync('t.ejs', 'utf8'), { bio: req.query.bio })));` },
    { name: 'handlebars: double braces', code: `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('<div>{{body}}</div>');\napp.post('/c', (req, res) => res.send(card({ body: req.body.html })));` },
    { name: 'handlebars: partial and helper call', code: `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('{{> userCard}}{{{link url label}}}');\napp.post('/c', (req, res) => res.send(card(req.body)));` },
    { name: 'handlebars: escaped mustache and a comment', code: `import Handlebars from 'handlebars';\nconst t = Handlebars.compile('\\\\{{{body}}} {{!-- {{{body}}} --}} {{body}}');\napp.post('/c', (req, res) => res.send(t(req.body)));` },
    { name: 'handlebars: each prints the items escaped', code: `import Handlebars from 'handlebars';\nconst list = Handlebars.compile('{{#each comments}}<li>{{this.html}}</li>{{/each}}{{{footer}}}');\napp.post('/c', (req, res) => res.send(list({ comments: req.body.comments, footer: '<hr>' })));` },
    { name: 'mustache: double braces with the query as the view', code: `import Mustache from 'mustache';\nconst TEMPLATE = 'Hi {{name}}';\napp.get('/hi', (req, res) => res.send(Mustache.render(TEMPLATE, req.query)));` },
    { name: 'mustache: other tags', code: `import Mustache from 'mustache';\napp.get('/hi', (req, res) => res.send(Mustache.render('<%name%> {{{name}}}', req.query, {}, ['<%', '%>'])));` },
    { name: 'pug: escaped interpolation and buffered code', code: `import pug from 'pug';\napp.get('/m', (req, res) => res.send(pug.render('p Hello #{msg}\\np= msg', { msg: req.query.msg })));` },
    { name: 'pug: unescaped output of a variable the template defines', code: `import pug from 'pug';\napp.get('/m', (req, res) => res.send(pug.render('- var msg = "<b>hi</b>"\\np!= msg', { msg: req.query.msg })));` },
    { name: 'pug: commented-out line', code: `import pug from 'pug';\napp.get('/m', (req, res) => res.send(pug.render('//- p!= msg\\np= msg', { msg: req.query.msg })));` },
    { name: 'nunjucks: autoescaped output', code: `import nunjucks from 'nunjucks';\napp.get('/s', (req, res) => res.send(nunjucks.renderString('<h1>{{ q }}</h1>', { q: req.query.q })));` },
    { name: 'nunjucks: escape before safe', code: `import nunjucks from 'nunjucks';\napp.get('/s', (req, res) => res.send(nunjucks.renderString('{{ q | escape | safe }}', { q: req.query.q })));` },
    { name: 'nunjucks: safe only inside raw', code: `import nunjucks from 'nunjucks';\napp.get('/s', (req, res) => res.send(nunjucks.renderString('{% raw %}{{ q | safe }}{% endraw %}{{ q }}', { q: req.query.q })));` },
    { name: 'nunjucks: environment that escapes', code: `import nunjucks from 'nunjucks';\nconst env = nunjucks.configure({ autoescape: true });\napp.get('/s', (req, res) => res.send(env.renderString('<h1>{{ q }}</h1>', { q: req.query.q })));` },
    { name: 'express: view name not known', code: `app.get('/p', (req, res) => res.render(req.query.view, { bio: req.query.bio }));` },
    { name: 'express: the view does not exist', code: `app.get('/p', (req, res) => res.render('profile', { bio: req.query.bio }));` },
    { name: 'express: only a callback', code: `app.get('/p', (req, res) => res.render('profile', (err, html) => res.send(html)));` },
  ],
  invalid: [
    {
      name: 'ejs: <%- of a query parameter',
      code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<p><%- bio %></p>', { bio: req.query.bio })));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 77, endLine: 2, endColumn: 90, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<p><%= bio %></p>', { bio: req.query.bio })));` }],
        },
      ],
    },
    {
      name: 'handlebars: compiled template stored in a const',
      code: `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('<div>{{{body}}}</div>');\napp.post('/c', (req, res) => res.send(card({ body: req.body.html })));`,
      errors: [
        {
          messageId: 'unescaped', line: 3, column: 52, endLine: 3, endColumn: 65, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('<div>{{body}}</div>');\napp.post('/c', (req, res) => res.send(card({ body: req.body.html })));` }],
        },
      ],
    },
    {
      name: 'handlebars: compiled and called at once with the body',
      code: `import Handlebars from 'handlebars';\napp.post('/c', (req, res) => res.send(Handlebars.compile('<div>{{{body}}}</div>')(req.body)));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 83, endLine: 2, endColumn: 91, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import Handlebars from 'handlebars';\napp.post('/c', (req, res) => res.send(Handlebars.compile('<div>{{body}}</div>')(req.body)));` }],
        },
      ],
    },
    {
      name: 'pug: != with a shorthand property',
      code: `import pug from 'pug';\napp.get('/m', (req, res) => {\n  const { msg } = req.query;\n  res.send(pug.render('p!= msg', { msg }));\n});`,
      errors: [
        {
          messageId: 'unescaped', line: 4, column: 36, endLine: 4, endColumn: 39, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import pug from 'pug';\napp.get('/m', (req, res) => {\n  const { msg } = req.query;\n  res.send(pug.render('p= msg', { msg }));\n});` }],
        },
      ],
    },
    {
      name: 'pug: !{} interpolation',
      code: `const pug = require('pug');\napp.get('/h', (req, res) => res.send(pug.render('p Hello !{name}', { name: req.query.name })));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 76, endLine: 2, endColumn: 90, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `const pug = require('pug');\napp.get('/h', (req, res) => res.send(pug.render('p Hello #{name}', { name: req.query.name })));` }],
        },
      ],
    },
    {
      name: 'mustache: triple braces, view in a const',
      code: `import Mustache from 'mustache';\napp.get('/n', (req, res) => {\n  const view = { name: req.query.name };\n  res.send(Mustache.render('<b>{{{name}}}</b>', view));\n});`,
      errors: [
        {
          messageId: 'unescaped', line: 3, column: 24, endLine: 3, endColumn: 38, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import Mustache from 'mustache';\napp.get('/n', (req, res) => {\n  const view = { name: req.query.name };\n  res.send(Mustache.render('<b>{{name}}</b>', view));\n});` }],
        },
      ],
    },
    {
      name: 'mustache: the & tag',
      code: `import Mustache from 'mustache';\napp.get('/n', (req, res) => res.send(Mustache.render('<b>{{& name}}</b>', { name: req.query.name })));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 83, endLine: 2, endColumn: 97, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import Mustache from 'mustache';\napp.get('/n', (req, res) => res.send(Mustache.render('<b>{{ name}}</b>', { name: req.query.name })));` }],
        },
      ],
    },
    {
      name: 'nunjucks: safe filter, spread of the body',
      code: `import nunjucks from 'nunjucks';\napp.post('/a', (req, res) => res.send(nunjucks.renderString('<div>{{ answer | safe }}</div>', { ...req.body })));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 100, endLine: 2, endColumn: 108, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import nunjucks from 'nunjucks';\napp.post('/a', (req, res) => res.send(nunjucks.renderString('<div>{{ answer }}</div>', { ...req.body })));` }],
        },
      ],
    },
    {
      name: 'nunjucks: environment with autoescape off',
      code: `import nunjucks from 'nunjucks';\nconst env = new nunjucks.Environment(null, { autoescape: false });\napp.get('/s', (req, res) => res.send(env.renderString('<h1>{{ q }}</h1>', { q: req.query.q })));`,
      errors: [
        {
          messageId: 'unescaped', line: 3, column: 80, endLine: 3, endColumn: 91, related: 2,
        },
      ],
    },
    {
      name: 'handlebars: noEscape',
      code: `import Handlebars from 'handlebars';\nconst page = Handlebars.compile('<h1>{{title}}</h1>', { noEscape: true });\napp.get('/t', (req, res) => res.send(page({ title: req.query.title })));`,
      errors: [
        {
          messageId: 'unescaped', line: 3, column: 52, endLine: 3, endColumn: 67, related: 2,
        },
      ],
    },
    {
      name: 'ejs: model output',
      code: `import ejs from 'ejs';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function answer(question: string) {\n  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });\n  return ejs.render('<div class="answer"><%- answer %></div>', { answer: r.choices[0].message.content });\n}`,
      errors: [
        {
          messageId: 'unescaped', line: 6, column: 74, endLine: 6, endColumn: 102, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import ejs from 'ejs';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\nexport async function answer(question: string) {\n  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });\n  return ejs.render('<div class="answer"><%= answer %></div>', { answer: r.choices[0].message.content });\n}` }],
        },
      ],
    },
    {
      name: 'ejs: locals.bio and a fallback, twice',
      code: `import ejs from 'ejs';\nconst TEMPLATE = '<p><%- locals.bio %></p><p><%- bio || "" %></p>';\napp.get('/p', (req, res) => res.send(ejs.render(TEMPLATE, { bio: req.query.bio })));`,
      errors: [
        {
          messageId: 'unescaped', line: 3, column: 66, endLine: 3, endColumn: 79, related: 3,
          suggestions: [{ messageId: 'escapeOutput', output: `import ejs from 'ejs';\nconst TEMPLATE = '<p><%= locals.bio %></p><p><%= bio || "" %></p>';\napp.get('/p', (req, res) => res.send(ejs.render(TEMPLATE, { bio: req.query.bio })));` }],
        },
      ],
    },
    {
      name: 'handlebars: each over request comments',
      code: `import Handlebars from 'handlebars';\nconst list = Handlebars.compile('{{#each comments}}<li>{{{this.html}}}</li>{{/each}}');\napp.post('/c', (req, res) => res.send(list({ comments: req.body.comments, count: 1 })));`,
      errors: [
        {
          messageId: 'unescaped', line: 3, column: 56, endLine: 3, endColumn: 73, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import Handlebars from 'handlebars';\nconst list = Handlebars.compile('{{#each comments}}<li>{{this.html}}</li>{{/each}}');\napp.post('/c', (req, res) => res.send(list({ comments: req.body.comments, count: 1 })));` }],
        },
      ],
    },
    {
      name: 'ejs: template literal without substitutions',
      code: `import * as ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render(\`<p><%- about %></p>\`, { about: req.body.about })));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 81, endLine: 2, endColumn: 95, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import * as ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render(\`<p><%= about %></p>\`, { about: req.body.about })));` }],
        },
      ],
    },
    {
      name: 'ejs: nested data object',
      code: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%- user.bio %><%= user.name %>', { user: { bio: req.query.bio, name: 'x' } })));`,
      errors: [
        {
          messageId: 'unescaped', line: 2, column: 99, endLine: 2, endColumn: 112, related: 2,
          suggestions: [{ messageId: 'escapeOutput', output: `import ejs from 'ejs';\napp.get('/p', (req, res) => res.send(ejs.render('<%= user.bio %><%= user.name %>', { user: { bio: req.query.bio, name: 'x' } })));` }],
        },
      ],
    },
  ],
});

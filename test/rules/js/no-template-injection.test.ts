import rule from '../../../src/rules/js/no-template-injection';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: 'ejs: constant template, request data as data', code: `import ejs from 'ejs';\napp.get('/hi', (req, res) => res.send(ejs.render('<h1>Hello <%= name %></h1>', { name: req.query.name })));` },
    { name: 'pug: request data in the locals', code: `import pug from 'pug';\napp.get('/hi', (req, res) => res.send(pug.render('p Hello #{name}', { name: req.query.name })));` },
    { name: 'handlebars: constant template called with the request body', code: `import Handlebars from 'handlebars';\nconst card = Handlebars.compile('<div>{{title}}</div>');\napp.post('/card', (req, res) => res.send(card(req.body)));` },
    { name: 'mustache: the request query as the view', code: `import Mustache from 'mustache';\nconst TEMPLATE = 'Hi {{name}}';\napp.get('/hi', (req, res) => res.send(Mustache.render(TEMPLATE, req.query)));` },
    { name: 'nunjucks.render takes a template name', code: `import nunjucks from 'nunjucks';\napp.get('/s', (req, res) => res.send(nunjucks.render('search.njk', { q: req.query.q })));` },
    { name: 'Eta 3 render takes a template name', code: `import { Eta } from 'eta';\nconst eta = new Eta({ views: './views' });\napp.get('/s', (req, res) => res.send(eta.render('./search', { q: req.query.q })));` },
    { name: 'template read from a file, model output as data', code: `import ejs from 'ejs';\nimport fs from 'node:fs';\nimport OpenAI from 'openai';\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst html = ejs.render(fs.readFileSync('views/answer.ejs', 'utf8'), { answer: r.choices[0].message.content });` },
    { name: 'a command-line tool rendering the template it was given', code: `import ejs from 'ejs';\nimport fs from 'node:fs';\nconsole.log(ejs.render(fs.readFileSync(process.argv[2], 'utf8'), JSON.parse(process.argv[3])));` },
    { name: 'lodash template compiled once, data from the request', code: `import _ from 'lodash';\nconst greet = _.template('Hello <%- name %>!');\napp.get('/hi', (req, res) => res.send(greet({ name: req.query.name })));` },
    { name: 'a local object named ejs', code: `import 'ejs';\nconst ejs = { render: (s) => s };\napp.get('/x', (req, res) => res.send(ejs.render(req.query.t)));` },
    { name: 'template() from another module', code: `import { template } from './strings';\nimport 'lodash';\napp.get('/x', (req, res) => res.send(template(req.query.t)));` },
    { name: 'Express res.render picks a view by name', code: `import 'pug';\napp.get('/p/:view', (req, res) => res.render(req.params.view, { user: req.user }));` },
  ],
  invalid: [
    {
      name: 'ejs.render of a concatenation with a query parameter',
      code: `import ejs from 'ejs';\napp.get('/hi', (req, res) => {\n  res.send(ejs.render('<h1>Hello ' + req.query.name + '</h1>'));\n});`,
      errors: [{
        messageId: 'templateInjection', line: 3, column: 23, endLine: 3, endColumn: 62, related: 1,
        suggestions: [{ messageId: 'useData', output: `import ejs from 'ejs';\napp.get('/hi', (req, res) => {\n  res.send(ejs.render('<h1>Hello <%= name %></h1>', { name: req.query.name }));\n});` }],
      }],
    },
    {
      name: 'pug.render of request data: no generic rewrite',
      code: `const pug = require('pug');\nmodule.exports = (req, res) => res.send(pug.render(\`p Welcome \${req.body.user}\`));`,
      filename: 'welcome.js',
      errors: [{ messageId: 'templateInjection', line: 2, column: 52, endLine: 2, endColumn: 80, related: 1 }],
    },
    {
      name: 'Handlebars.compile of model output',
      code: `import Handlebars from 'handlebars';\nimport { generateText } from 'ai';\nconst { text } = await generateText({ model, prompt: 'Write an email template' });\nexport const email = Handlebars.compile(text)({ customer });`,
      errors: [{ messageId: 'templateInjection', line: 4, column: 41, endLine: 4, endColumn: 45, related: 1 }],
    },
    {
      name: 'nunjucks environment renders a template literal; the value joins the context',
      code: `import nunjucks from 'nunjucks';\nconst env = nunjucks.configure('views', { autoescape: true });\napp.get('/s', (req, res) => res.send(env.renderString(\`Results for \${req.query.q}\`, { page: 1 })));`,
      errors: [{
        messageId: 'templateInjection', line: 3, column: 55, endLine: 3, endColumn: 83, related: 1,
        suggestions: [{ messageId: 'useData', output: `import nunjucks from 'nunjucks';\nconst env = nunjucks.configure('views', { autoescape: true });\napp.get('/s', (req, res) => res.send(env.renderString(\`Results for {{ q }}\`, { page: 1, q: req.query.q })));` }],
      }],
    },
    {
      name: 'lodash _.template called at once',
      code: `import _ from 'lodash';\napp.get('/hi', (req, res) => res.send(_.template('Hello ' + req.query.name + '!')()));`,
      errors: [{
        messageId: 'templateInjection', line: 2, column: 50, endLine: 2, endColumn: 81, related: 1,
        suggestions: [{ messageId: 'useData', output: `import _ from 'lodash';\napp.get('/hi', (req, res) => res.send(_.template('Hello <%- name %>!')({ name: req.query.name })));` }],
      }],
    },
    {
      name: 'mustache with a view variable',
      code: `import Mustache from 'mustache';\napp.post('/note', (req, res) => {\n  const { title } = req.body;\n  res.send(Mustache.render('<h2>' + title + '</h2>{{body}}', view));\n});`,
      errors: [{
        messageId: 'templateInjection', line: 4, column: 28, endLine: 4, endColumn: 60, related: 1,
        suggestions: [{ messageId: 'useData', output: `import Mustache from 'mustache';\napp.post('/note', (req, res) => {\n  const { title } = req.body;\n  res.send(Mustache.render('<h2>{{title}}</h2>{{body}}', { ...view, title }));\n});` }],
      }],
    },
    {
      name: 'Eta 3 renderString',
      code: `import { Eta } from 'eta';\nconst eta = new Eta();\napp.get('/hi', (req, res) => res.send(eta.renderString(\`Hi \${req.query.name}\`, {})));`,
      errors: [{
        messageId: 'templateInjection', line: 3, column: 56, endLine: 3, endColumn: 78, related: 1,
        suggestions: [{ messageId: 'useData', output: `import { Eta } from 'eta';\nconst eta = new Eta();\napp.get('/hi', (req, res) => res.send(eta.renderString(\`Hi <%= it.name %>\`, { name: req.query.name })));` }],
      }],
    },
    {
      name: 'doT template of a user-supplied template',
      code: `import doT from 'dot';\napp.post('/preview', (req, res) => res.send(doT.template(req.body.template)(req.body.data)));`,
      errors: [{ messageId: 'templateInjection', line: 2, column: 58, endLine: 2, endColumn: 75, related: 1 }],
    },
    {
      name: 'value written inside a template tag: no rewrite',
      code: `import ejs from 'ejs';\napp.get('/x', (req, res) => res.send(ejs.render('<%= ' + req.query.expr + ' %>')));`,
      errors: [{ messageId: 'templateInjection', line: 2, column: 49, endLine: 2, endColumn: 80, related: 1 }],
    },
  ],
});

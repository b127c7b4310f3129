import assert from 'node:assert/strict';
import * as path from 'node:path';
import rule from '../../../src/rules/js/no-unescaped-template-output';
import { TEMPLATES_SERVICE, TemplateService } from '../../../src/services/templates';
import { lintAsync } from '../../lib/rule-tester';

/** The multi-file fixture: the routes below are linted as files of this folder, whose views/ hold the templates. */
const ROOT = path.join(__dirname, '..', '..', 'fixtures', 'js', 'templates');

/** A finding at an exact range, with where its unescaped outputs are (file relative to the routes file, 1-based line and column). */
interface Expected {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  sites: string[];
}

const HEAD = `import path from 'node:path';\nimport express from 'express';\nconst app = express();\n`;

const valid: Array<{ name: string; code: string }> = [
  { name: 'a view that only escapes', code: `${HEAD}app.get('/n', (req, res) => res.render('plain', { note: req.query.note }));` },
  { name: 'request data only where the view escapes it', code: `${HEAD}app.get('/u', (req, res) => res.render('profile', { name: req.query.name, bio: 'Hi', footer: '' }));` },
  { name: 'the unescaped value is sanitized', code: `${HEAD}import DOMPurify from 'isomorphic-dompurify';\napp.get('/u', (req, res) => res.render('profile', { bio: DOMPurify.sanitize(req.query.bio) }));` },
  { name: 'a view that does not exist', code: `${HEAD}app.get('/u', (req, res) => res.render('settings', { bio: req.query.bio }));` },
  { name: 'a view name not known at analysis time', code: `${HEAD}app.get('/u', (req, res) => res.render(\`\${req.params.page}\`, { bio: req.query.bio }));` },
  { name: 'views in a folder not known at analysis time', code: `${HEAD}app.set('views', process.env.VIEWS_DIR);\napp.get('/u', (req, res) => res.render('profile', { bio: req.query.bio }));` },
  { name: 'views in another folder', code: `${HEAD}app.set('views', path.join(__dirname, 'templates'));\napp.get('/u', (req, res) => res.render('profile', { bio: req.query.bio }));` },
  { name: 'pug view: the unescaped summary is constant', code: `${HEAD}app.get('/s', (req, res) => res.render('search', { q: req.query.q, summary: '<b>3</b> results', hits: [] }));` },
  { name: 'handlebars view: request data only in the escaped title', code: `${HEAD}app.post('/p', (req, res) => res.render('post.hbs', { title: req.body.title, body: '<p>Draft</p>', comments: [] }));` },
  { name: 'a view outside the root', code: `${HEAD}app.get('/u', (req, res) => res.render('../../../../../package.json', { bio: req.query.bio }));` },
  { name: '@fastify/view: templates folder where the view does not exist', code: `import Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.register(require('@fastify/view'), { engine: { pug: require('pug') }, templates: 'templates' });\nfastify.get('/s', (request, reply) => reply.view('search.pug', { summary: request.query.s }));` },
  { name: 'the view is passed a stored record', code: `${HEAD}app.get('/u/:id', async (req, res) => res.render('profile', { bio: (await User.findById(req.params.id)).bio }));` },
];

const invalid: Array<{ name: string; code: string; errors: Expected[] }> = [
  {
    name: 'express: default views folder, EJS <%- of a query parameter',
    code: `${HEAD}app.get('/u', (req, res) => {\n  res.render('profile', { name: req.query.name, bio: req.query.bio, footer: '<hr>' });\n});`,
    errors: [{ line: 5, column: 54, endLine: 5, endColumn: 67, sites: ['views/profile.ejs:4:22'] }],
  },
  {
    name: 'express: views folder and engine set in the file, spread of the query',
    code: `${HEAD}app.set('views', path.join(__dirname, 'views'));\napp.set('view engine', 'ejs');\napp.get('/u', (req, res) => res.render('profile', { ...req.query }));`,
    errors: [{ line: 6, column: 56, endLine: 6, endColumn: 65, sites: ['views/profile.ejs:4:22', 'views/profile.ejs:6:9'] }],
  },
  {
    name: 'express: handlebars view given the whole body',
    code: `${HEAD}app.post('/p', (req, res) => res.status(201).render('post.hbs', req.body));`,
    errors: [{ line: 4, column: 65, endLine: 4, endColumn: 73, sites: ['views/post.hbs:4:21', 'views/post.hbs:6:8'] }],
  },
  {
    name: 'express with nunjucks, autoescape off',
    code: `${HEAD}import nunjucks from 'nunjucks';\nnunjucks.configure(path.join(__dirname, 'views'), { autoescape: false, express: app });\napp.get('/a', (req, res) => res.render('answer.njk', { question: req.query.q, answer: '' }));`,
    errors: [{ line: 6, column: 66, endLine: 6, endColumn: 77, sites: ['views/answer.njk:2:5'] }],
  },
  {
    name: 'koa-views: nunjucks view with the safe filter',
    code: `import path from 'node:path';\nimport Koa from 'koa';\nimport views from '@ladjs/koa-views';\nconst app = new Koa();\napp.use(views(path.join(__dirname, 'views'), { extension: 'njk' }));\napp.use(async (ctx) => {\n  await ctx.render('answer', { question: 'Q', answer: ctx.request.body.text });\n});`,
    errors: [{ line: 7, column: 55, endLine: 7, endColumn: 76, sites: ['views/answer.njk:3:21'] }],
  },
  {
    name: '@fastify/view: pug view with !=',
    code: `import path from 'node:path';\nimport Fastify from 'fastify';\nconst fastify = Fastify();\nfastify.register(require('@fastify/view'), { engine: { pug: require('pug') }, root: path.join(__dirname, 'views') });\nfastify.get('/s', (request, reply) => reply.view('search.pug', { q: 'x', summary: request.query.s }));`,
    errors: [{ line: 5, column: 83, endLine: 5, endColumn: 98, sites: ['views/search.pug:3:2'] }],
  },
  {
    name: '@fastify/view: templates folder and a reply chain',
    code: `import Fastify from 'fastify';\nimport fastifyView from '@fastify/view';\nconst fastify = Fastify();\nfastify.register(fastifyView, { engine: { ejs: require('ejs') }, templates: 'views' });\nfastify.get('/u', (request, reply) => reply.type('text/html').view('profile.ejs', { bio: request.query.bio }));`,
    errors: [{ line: 5, column: 90, endLine: 5, endColumn: 107, sites: ['views/profile.ejs:4:22'] }],
  },
];

describe('js/no-unescaped-template-output: views rendered by name', () => {
  const services = { [TEMPLATES_SERVICE]: new TemplateService({ root: ROOT, resolvePath: (file) => path.join(ROOT, file) }) };
  const lint = (code: string) => lintAsync(rule, code, 'routes.ts', {}, services);

  it('has at least as many valid as invalid cases', () => assert.ok(valid.length >= invalid.length));
  for (const c of valid) {
    it(`valid: ${c.name}`, async () => assert.deepEqual((await lint(c.code)).map((f) => f.message), []));
  }
  for (const c of invalid) {
    it(`invalid: ${c.name}`, async () => {
      const findings = await lint(c.code);
      assert.deepEqual(
        findings.map((f) => ({
          line: f.start.line,
          column: f.start.column,
          endLine: f.end.line,
          endColumn: f.end.column,
          sites: f.related.filter((r) => r.file !== undefined).map((r) => `${r.file}:${r.start.line}:${r.start.column}`),
        })),
        c.errors,
      );
      for (const f of findings) {
        assert.equal(f.messageId, 'unescaped');
        assert.equal(f.severity, 'error');
        assert.deepEqual(f.suggestions, [], 'no suggestion for a view file');
        assert.ok(!f.message.includes('{{'), f.message);
        assert.match(f.message, / by views\/[\w.]+ \(/);
      }
    });
  }
});

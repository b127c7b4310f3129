import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MAX_TEMPLATE_CHARS, unescapedOutputs, type TemplateEngine } from '../../src/services/template-outputs';
import { TemplateService, type TemplateAnswer, type TemplateQuery } from '../../src/services/templates';

const PROFILE = '<h1><%= name %></h1>\n<p><%- bio %></p>\n';

describe('template service (views rendered by name)', () => {
  let root: string;
  let service: TemplateService;
  const write = (file: string, text: string | Buffer) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  const ask = (view: string, extra: Partial<TemplateQuery> = {}) =>
    service.answer({ file: 'src/app.js', view, folders: [{ from: 'project', path: 'views' }], extensions: ['.ejs', '.hbs', '.pug', '.njk'], ...extra }) as Promise<TemplateAnswer | null>;

  beforeEach(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-templates-')));
    service = new TemplateService({ root, resolvePath: (file) => path.join(root, file) });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it('finds the view in the project folder by extension and gives its unescaped outputs with positions', async () => {
    write('views/profile.ejs', PROFILE);
    const answer = await ask('profile');
    assert.deepEqual(answer && { ...answer, outputs: answer.outputs.map((o) => [o.name, o.start, o.end]) }, {
      file: '../views/profile.ejs',
      path: 'views/profile.ejs',
      engine: 'ejs',
      outputs: [['bio', { line: 2, column: 4 }, { line: 2, column: 14 }]],
    });
    assert.equal((await ask('profile.ejs'))?.path, 'views/profile.ejs', 'a name with its extension');
  });

  it('takes the nearest package.json as the project, and folders relative to the calling file', async () => {
    write('services/web/package.json', '{}');
    write('services/web/views/home.hbs', '<div>{{{html}}}</div>');
    write('services/web/src/views/home.pug', 'p!= html');
    const inProject = await service.answer({ file: 'services/web/src/app.js', view: 'home', folders: [{ from: 'project', path: 'views' }], extensions: ['.hbs'] });
    assert.equal((inProject as TemplateAnswer).path, 'services/web/views/home.hbs');
    const nextToFile = await service.answer({ file: 'services/web/src/app.js', view: 'home', folders: [{ from: 'file', path: 'views' }], extensions: ['.ejs', '.pug'] });
    assert.deepEqual([(nextToFile as TemplateAnswer).path, (nextToFile as TemplateAnswer).engine], ['services/web/src/views/home.pug', 'pug']);
  });

  it('reads a .html view only with the engine the caller names, and passes the engine options', async () => {
    write('views/page.html', '<p>{{ x }}</p>');
    assert.equal(await ask('page', { extensions: ['.html'] }), null);
    const escaped = await ask('page', { extensions: ['.html'], engines: { '.html': 'nunjucks' } });
    assert.deepEqual(escaped?.outputs, []);
    const raw = await ask('page', { extensions: ['.html'], engines: { '.html': 'nunjucks' }, options: { autoescapeOff: true } });
    assert.deepEqual(raw?.outputs.map((o) => o.name), ['x']);
  });

  it('answers null for a missing view, a folder, or a malformed question', async () => {
    write('views/dir.ejs/x', '');
    assert.equal(await ask('nothing'), null);
    assert.equal(await ask('dir'), null);
    assert.equal(await service.answer({}), null);
    assert.equal(await service.answer(null), null);
    assert.equal(await service.answer({ file: 'src/app.js', view: 'a\0b', folders: [], extensions: [] }), null);
    assert.equal(await ask('x'.repeat(10_000)), null);
  });

  it('never reads outside the root, through a relative name or a link', async () => {
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rampart-outside-')));
    try {
      fs.writeFileSync(path.join(outside, 'secret.ejs'), PROFILE);
      assert.equal(await ask('../../' + path.relative(root, path.join(outside, 'secret'))), null, 'relative name');
      assert.equal(await ask(path.join(outside, 'secret')), null, 'absolute name');
      fs.mkdirSync(path.join(root, 'views'));
      fs.symlinkSync(path.join(outside, 'secret.ejs'), path.join(root, 'views', 'linked.ejs'));
      assert.equal(await ask('linked'), null, 'file link out of the root');
      fs.symlinkSync(outside, path.join(root, 'views', 'out'));
      assert.equal(await ask('out/secret'), null, 'folder link out of the root');
      write('views/inside.ejs', PROFILE);
      fs.symlinkSync(path.join(root, 'views', 'inside.ejs'), path.join(root, 'views', 'alias.ejs'));
      assert.equal((await ask('alias'))?.outputs.length, 1, 'a link that stays inside is read');
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('refuses a huge view and binary garbage', async () => {
    write('views/huge.ejs', `<%- bio %>${' '.repeat(300 * 1024)}`);
    assert.equal(await ask('huge'), null);
    write('views/garbage.ejs', Buffer.from([0x3c, 0x25, 0x2d, 0x00, 0xff, 0xfe, 0x25, 0x3e, 0x00, 0x01]));
    assert.equal(await ask('garbage'), null);
    const small = new TemplateService({ root, resolvePath: (file) => path.join(root, file), maxBytes: 16 });
    write('views/profile.ejs', PROFILE);
    assert.equal(await small.answer({ file: 'src/app.js', view: 'profile', folders: [{ from: 'project', path: 'views' }], extensions: ['.ejs'] }), null);
  });

  it('scans a view again when it changes on disk, and keeps a bounded cache', async () => {
    write('views/profile.ejs', PROFILE);
    assert.equal((await ask('profile'))?.outputs.length, 1);
    write('views/profile.ejs', '<p><%= bio %></p>\n');
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(path.join(root, 'views/profile.ejs'), later, later);
    assert.equal((await ask('profile'))?.outputs.length, 0);
    const tiny = new TemplateService({ root, resolvePath: (file) => path.join(root, file), maxTemplates: 2 });
    for (const name of ['a', 'b', 'c']) write(`views/${name}.ejs`, PROFILE);
    for (const name of ['a', 'b', 'c', 'a']) {
      const answer = await tiny.answer({ file: 'src/app.js', view: name, folders: [{ from: 'project', path: 'views' }], extensions: ['.ejs'] });
      assert.equal((answer as TemplateAnswer).outputs.length, 1);
    }
    assert.ok((tiny as unknown as { cache: Map<string, unknown> }).cache.size <= 2);
  });
});

describe('unescaped template outputs (scanners)', () => {
  const names = (text: string, engine: TemplateEngine, options = {}) => unescapedOutputs(text, engine, options).map((o) => [o.name, ...o.path].join('.'));

  it('EJS: <%- only, not escaped output, comments, literals, includes or calls', () => {
    assert.deepEqual(names('<%- a %><%= b %><%# <%- c %><%%- d %><%- include("x", { e }) %><%- f.g -%><%- locals.h %><%- i || "" %><%- esc(j) %><%- k.trim() %>', 'ejs'), ['a', 'f.g', 'h', 'i', 'k']);
  });

  it('Handlebars: triple braces and &, block contexts, block parameters, helpers and partials', () => {
    const text = '{{{a}}}{{b}}{{& c}}{{!-- {{{d}}} --}}\\{{{e}}}{{#each items as |it|}}{{{it.x}}}{{{../top}}}{{{@index}}}{{else}}{{{none}}}{{/each}}{{#with user}}{{{bio}}}{{/with}}{{#if ok}}{{{f}}}{{/if}}{{{helper g}}}{{> partial}}{{{{raw}}}}{{{h}}}{{{{/raw}}}}{{~{i}~}}';
    assert.deepEqual(names(text, 'handlebars'), ['a', 'c', 'items.[].x', 'top', 'none', 'user.bio', 'f', 'i']);
    assert.deepEqual(names('{{a}}{{{b}}}{{#if c}}{{d}}{{/if}}', 'handlebars', { noEscape: true }), ['a', 'b', 'd']);
  });

  it('Mustache: sections look names up through the context stack; a delimiter change stops the scan', () => {
    assert.deepEqual(names('{{#items}}{{{name}}}{{/items}}{{^items}}{{{empty}}}{{/items}}{{=<% %>=}}{{{after}}}', 'mustache'), ['items.[].name', 'name', 'empty']);
  });

  it('Pug: !{}, != and != attributes, outside comments, code, loops and mixins', () => {
    const text = [
      'doctype html',
      'html',
      '  body(class!=theme)',
      '    p!= a',
      '    p= b',
      '    p Text !{c} and #{d} and \\!{e}',
      '    //- p!= f',
      '      p!= g',
      '    - var h = "<b>x</b>"',
      '    div!= h',
      '    each item in items',
      '      li!= item.body',
      '    mixin card(m)',
      '      div!= m',
      '    script.',
      '      var data = !{json};',
      '    | piped !{k}',
      '    a(href=url, title!=l.title)',
      '    != raw',
    ].join('\n');
    assert.deepEqual(names(text, 'pug'), ['theme', 'a', 'c', 'items.[].body', 'json', 'k', 'l.title', 'raw']);
  });

  it('Nunjucks: the safe filter, autoescape off, loops, set, raw and comments', () => {
    const text = '{{ a | safe }}{{ b }}{{ c | escape | safe }}{# {{ d | safe }} #}{% raw %}{{ e | safe }}{% endraw %}{% for p in posts %}{{ p.body | safe }}{% endfor %}{% set s = 1 %}{{ s | safe }}{{ m | markdown | safe }}{{- w | trim | safe -}}';
    assert.deepEqual(names(text, 'nunjucks'), ['a', 'posts.[].body', 'w']);
    assert.deepEqual(names('{{ a }}{{ b | e }}{{ c | upper }}', 'nunjucks', { autoescapeOff: true }), ['a', 'c']);
  });

  it('stays fast and bounded on hostile input', () => {
    const hostile: Array<[TemplateEngine, string]> = [
      ['ejs', '<%-'.repeat(100_000)],
      ['ejs', `<%- ${'('.repeat(50_000)} %>`],
      ['handlebars', '{{#each a}}'.repeat(40_000)],
      ['handlebars', '{{{'.repeat(100_000)],
      ['mustache', '{{{a}}}'.repeat(70_000)],
      ['pug', `p(${'('.repeat(100_000)}`],
      ['pug', '!{'.repeat(100_000)],
      ['pug', 'p(\n'.repeat(170_000)],
      ['pug', `${'  '.repeat(1000)}p!= a\n`.repeat(200)],
      ['nunjucks', '{{ "'.repeat(100_000)],
      ['nunjucks', '{% for a in b %}'.repeat(30_000)],
    ];
    for (const [engine, text] of hostile) {
      const started = performance.now();
      const outputs = unescapedOutputs(text, engine);
      const ms = performance.now() - started;
      assert.ok(ms < 2000, `${engine}: ${Math.round(ms)} ms on ${text.slice(0, 20)}…`);
      assert.ok(outputs.length <= 200, `${engine}: ${outputs.length} outputs`);
    }
    assert.deepEqual(unescapedOutputs(`<%- a %>${' '.repeat(MAX_TEMPLATE_CHARS)}`, 'ejs'), [], 'too large');
  });
});

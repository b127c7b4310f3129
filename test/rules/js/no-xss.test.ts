import rule from '../../../src/rules/js/no-xss';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { name: "escaped with a local escapeHtml helper", code: `app.get('/hello', (req, res) => {\n  res.send(\`<h1>Hello \${escapeHtml(req.query.name)}</h1>\`);\n});` },
    { name: "DOMPurify.sanitize", code: `import DOMPurify from 'dompurify';\nconst q = location.hash.slice(1);\nel.innerHTML = DOMPurify.sanitize(q);` },
    { name: "sanitize-html", code: `import sanitizeHtml from 'sanitize-html';\napp.post('/p', (req, res) => { res.send(\`<div>\${sanitizeHtml(req.body.bio)}</div>\`); });` },
    { name: "filterXSS from xss", code: `import { filterXSS } from 'xss';\nel.innerHTML = filterXSS(location.search);` },
    { name: "he.encode through a variable", code: `import he from 'he';\nconst name = new URLSearchParams(location.search).get('name');\nconst safe = he.encode(name);\nel.innerHTML = '<b>' + safe + '</b>';` },
    { name: "validator.escape", code: `import validator from 'validator';\napp.get('/x', (req, res) => res.send('<p>' + validator.escape(req.query.q) + '</p>'));` },
    { name: "escape-html under another name", code: `import esc from 'escape-html';\napp.get('/x', (req, res) => res.send(\`<p>\${esc(req.query.q)}</p>\`));` },
    { name: "textContent is not an HTML sink", code: `el.textContent = location.hash;` },
    { name: "constant markup", code: `el.innerHTML = '<p>Loading…</p>';` },
    { name: "res.send of a value without HTML markup", code: `app.get('/x', (req, res) => res.send(req.query.q));` },
    { name: "res.json is not HTML", code: `app.get('/x', (req, res) => res.json({ html: \`<p>\${req.query.q}</p>\` }));` },
    { name: "message handler that checks the origin", code: `window.addEventListener('message', (event) => {\n  if (event.origin !== 'https://app.example.com') return;\n  frame.innerHTML = event.data;\n});` },
    { name: "a local html() function and a parameter with an html method", code: `const html = (s) => s; html(location.hash);\nfunction render(x) { x.html(location.hash); }` },
    { name: "jQuery node built with .text()", code: `$('#list').append($('<li>').text(location.hash));` },
    { name: "number from the URL", code: `const count = Number(new URLSearchParams(location.search).get('n'));\nel.innerHTML = \`<b>\${count}</b>\`;` },
    { name: "model output rendered as markdown and sanitized", code: `import DOMPurify from 'isomorphic-dompurify';\nimport { marked } from 'marked';\nconst r = await openai.chat.completions.create({ model, messages });\nout.innerHTML = DOMPurify.sanitize(marked.parse(r.choices[0].message.content));` },
    { name: "constant insertAdjacentHTML", code: `el.insertAdjacentHTML('beforeend', '<hr>');` },
    { name: "a local object named document", code: `const document = { write(x) {} };\ndocument.write(location.hash);` },
    { name: "plain-text response", code: `app.get('/x', (req, res) => { res.send(\`Hello \${req.query.name}\`); });` },
    { name: "append of a text node", code: `const list = document.getElementById('l');\nlist.append(document.createTextNode(location.hash));` },
    { name: "pathname and origin of the page are not sources", code: `el.innerHTML = \`<a href="\${location.origin}\${location.pathname}">here</a>\`;` },
    { name: "location read from a local variable", code: `function show(location) { el.innerHTML = location.hash; }` },
    { name: "process.env is operator-controlled", code: `el.innerHTML = \`<footer>\${process.env.APP_NAME}</footer>\`;` },
    { name: "jQuery selector built from the hash", code: `import $ from 'jquery';\nconst id = decodeURIComponent(location.hash.slice(1));\n$('#' + id).addClass('active');` },
    { name: "jQuery selector from the raw hash (never markup in jQuery 1.9+)", code: `$(location.hash).show();\nconst h = window.location.hash;\n$(h).hide();` },
    { name: "jQuery wrapping document, a function and an element", code: `$(document);\n$(function () { init(); });\n$(this).toggle();` },
    { name: "$ from a local module", code: `import $ from './dom';\n$(decodeURIComponent(location.hash.slice(1)));` },
    { name: "createContextualFragment on something that is not a Range", code: `parser.createContextualFragment(location.hash.slice(1));` },
    { name: "constant srcdoc", code: `const frame = document.createElement('iframe');\nframe.srcdoc = '<p>Loading…</p>';` },
    { name: "constant markup into a headless page", code: `import puppeteer from 'puppeteer';\nconst browser = await puppeteer.launch();\nconst page = await browser.newPage();\nawait page.setContent('<h1>Report</h1>');` },
    { name: "setContent on an object that is not a browser page", code: `app.post('/x', async (req, res) => { await editor.setContent(req.body.html); });` },
    { name: "escaped request data into a headless page", code: `import { chromium } from 'playwright';\nimport escapeHtml from 'escape-html';\napp.post('/pdf', async (req, res) => {\n  const browser = await chromium.launch();\n  const page = await browser.newPage();\n  await page.setContent(\`<h1>\${escapeHtml(req.body.title)}</h1>\`);\n});` },
    { name: "cheerio $() of request data builds a detached document", code: `import * as cheerio from 'cheerio';\nconst $ = cheerio.load('<ul></ul>');\napp.post('/x', (req, res) => { const doc = $(req.body.html); res.json({ n: doc.length }); });` },
    { name: "cheerio .text() of request data", code: `import { load } from 'cheerio';\napp.post('/x', (req, res) => {\n  const $ = load('<ul></ul>');\n  $('ul').text(req.body.item);\n  res.send($.html());\n});` },
    { name: "insertAdjacentText and textContent of a Range's node", code: `const r = document.createRange();\nr.startContainer.textContent = location.hash;\nel.insertAdjacentText('beforeend', location.hash);` },
    { code: `export function Post({ post }) {\n  return <div>{post.title}</div>;\n}`, filename: 'post.jsx', name: 'a prop rendered as text' },
    { code: `function render(html) {\n  return { __html: html };\n}\nrender('<b>x</b>');`, filename: 'helper.js', name: 'a lowercase helper that returns no JSX is not a component' },
    { code: `export function setHtml(el, html) {\n  el.innerHTML = html;\n}`, filename: 'dom.js', name: 'an exported helper passing markup through unchanged is left to its callers' },
    { code: `import DOMPurify from 'dompurify';\nexport function Post({ html }) {\n  return <div dangerouslySetInnerHTML={{ __html: DOMPurify.sanitize(html) }} />;\n}`, filename: 'post.jsx', name: 'a prop sanitized before rendering' },
    { name: 'callers decide: the only callers pass constant messages', code: `export function showError(el, message) {\n  el.innerHTML = '<p class="error">' + message + '</p>';\n}\nshowError(document.body, 'Something went wrong');`, filename: 'errors.js' },
    { name: 'callers decide: the caller escapes the value first', code: `export function showError(el, message) {\n  el.innerHTML = '<p class="error">' + message + '</p>';\n}\nexport function showInputError(el, input) {\n  showError(el, escapeHtml(input));\n}`, filename: 'errors.js' },
  ],
  invalid: [
    {
      name: "Express reflects a query parameter in an HTML template",
      code: `app.get('/hello', (req, res) => {\n  res.send(\`<h1>Hello \${req.query.name}</h1>\`);\n});`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 12, endLine: 2, endColumn: 46, related: 1,
        },
      ],
    },
    {
      name: "innerHTML from URLSearchParams of location.search",
      code: `const params = new URLSearchParams(location.search);\ndocument.getElementById('greeting').innerHTML = 'Hi ' + params.get('name');`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 49, endLine: 2, endColumn: 75, related: 1,
          suggestions: [
            { messageId: 'useText', output: `const params = new URLSearchParams(location.search);\ndocument.getElementById('greeting').textContent = 'Hi ' + params.get('name');` },
          ],
        },
      ],
    },
    {
      name: "innerHTML from location.hash, DOMPurify imported",
      code: `import DOMPurify from 'dompurify';\nconst q = decodeURIComponent(window.location.hash.slice(1));\nresults.innerHTML = q;`,
      errors: [
        {
          messageId: 'xss', line: 3, column: 21, endLine: 3, endColumn: 22, related: 1,
          suggestions: [
            { messageId: 'useText', output: `import DOMPurify from 'dompurify';\nconst q = decodeURIComponent(window.location.hash.slice(1));\nresults.textContent = q;` },
            { messageId: 'sanitize', output: `import DOMPurify from 'dompurify';\nconst q = decodeURIComponent(window.location.hash.slice(1));\nresults.innerHTML = DOMPurify.sanitize(q);` },
          ],
        },
      ],
    },
    {
      name: "markup template from location.hash: no text suggestion",
      code: `import DOMPurify from 'dompurify';\nconst q = decodeURIComponent(window.location.hash.slice(1));\nresults.innerHTML = \`<p>No results for \${q}</p>\`;`,
      errors: [
        {
          messageId: 'xss', line: 3, column: 21, endLine: 3, endColumn: 49, related: 1,
          suggestions: [
            { messageId: 'sanitize', output: `import DOMPurify from 'dompurify';\nconst q = decodeURIComponent(window.location.hash.slice(1));\nresults.innerHTML = DOMPurify.sanitize(\`<p>No results for \${q}</p>\`);` },
          ],
        },
      ],
    },
    {
      name: "insertAdjacentHTML of postMessage data without an origin check",
      code: `window.addEventListener('message', (event) => {\n  preview.insertAdjacentHTML('beforeend', event.data.html);\n});`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 43, endLine: 2, endColumn: 58, related: 1,
          suggestions: [
            { messageId: 'useText', output: `window.addEventListener('message', (event) => {\n  preview.insertAdjacentText('beforeend', event.data.html);\n});` },
          ],
        },
      ],
    },
    {
      name: "document.write of document.URL",
      code: `document.write('<a href="' + document.URL + '">reload</a>');`,
      errors: [
        {
          messageId: 'xss', line: 1, column: 16, endLine: 1, endColumn: 59, related: 1,
        },
      ],
    },
    {
      name: "model output rendered as markdown into dangerouslySetInnerHTML",
      code: `import OpenAI from 'openai';\nimport { marked } from 'marked';\nconst openai = new OpenAI();\nexport async function Answer({ question }) {\n  const r = await openai.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: question }] });\n  return <div dangerouslySetInnerHTML={{ __html: marked.parse(r.choices[0].message.content) }} />;\n}`,
      filename: 'answer.tsx',
      errors: [
        {
          messageId: 'xss', line: 6, column: 50, endLine: 6, endColumn: 92, related: 1,
        },
      ],
    },
    {
      name: "useChat messages into dangerouslySetInnerHTML",
      code: `import { useChat } from '@ai-sdk/react';\nexport function Chat() {\n  const { messages } = useChat();\n  return messages.map((m) => <div key={m.id} dangerouslySetInnerHTML={{ __html: m.content }} />);\n}`,
      filename: 'chat.jsx',
      errors: [
        {
          messageId: 'xss', line: 4, column: 81, endLine: 4, endColumn: 90, related: 1,
        },
      ],
    },
    {
      name: "jQuery .html() of location.hash",
      code: `import $ from 'jquery';\n$(window).on('hashchange', () => {\n  $('#title').html(location.hash.substring(1));\n});`,
      errors: [
        {
          messageId: 'xss', line: 3, column: 20, endLine: 3, endColumn: 46, related: 1,
          suggestions: [
            { messageId: 'useText', output: `import $ from 'jquery';\n$(window).on('hashchange', () => {\n  $('#title').text(location.hash.substring(1));\n});` },
          ],
        },
      ],
    },
    {
      name: "jQuery .append() of an HTML string from the URL",
      code: `const q = new URL(location.href).searchParams.get('q');\n$('#list').append('<li>' + q + '</li>');`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 19, endLine: 2, endColumn: 39, related: 1,
        },
      ],
    },
    {
      name: "server sends model output inside HTML",
      code: `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\napp.post('/summary', async (req, res) => {\n  const msg = await client.messages.create({ model, max_tokens: 1024, messages });\n  const html = \`<article>\${msg.content[0].text}</article>\`;\n  res.status(200).send(html);\n});`,
      errors: [
        {
          messageId: 'xss', line: 6, column: 24, endLine: 6, endColumn: 28, related: 1,
        },
      ],
    },
    {
      name: "outerHTML from a destructured location",
      code: `const { hash } = window.location;\nel.outerHTML = hash;`,
      errors: [
        {
          messageId: 'xss', line: 2, column: 16, endLine: 2, endColumn: 20, related: 1,
        },
      ],
    },
    {
      name: "React.createElement with dangerouslySetInnerHTML",
      code: `React.createElement('div', { dangerouslySetInnerHTML: { __html: location.search } });`,
      errors: [
        {
          messageId: 'xss', line: 1, column: 65, endLine: 1, endColumn: 80, related: 1,
        },
      ],
    },
    {
      name: "innerHTML += in a worker message handler",
      code: `self.onmessage = ({ data }) => { out.innerHTML += data; };`,
      errors: [
        {
          messageId: 'xss', line: 1, column: 51, endLine: 1, endColumn: 55, related: 1,
        },
      ],
    },
    {
      name: "jQuery $() of markup decoded from the hash",
      code: `import $ from 'jquery';\nconst q = decodeURIComponent(location.hash.slice(1));\n$(q).appendTo('#results');`,
      errors: [{ messageId: 'xss', line: 3, column: 3, endLine: 3, endColumn: 4, related: 1 }],
    },
    {
      name: "jQuery() of an HTML template with request data",
      code: `window.addEventListener('message', (e) => {\n  jQuery(\`<div class="note">\${e.data}</div>\`).appendTo(document.body);\n});`,
      errors: [{ messageId: 'xss', line: 2, column: 10, endLine: 2, endColumn: 45, related: 1 }],
    },
    {
      name: "Range.createContextualFragment of URL data",
      code: `const html = new URLSearchParams(location.search).get('html');\nconst range = document.createRange();\ndocument.body.append(range.createContextualFragment(html));`,
      errors: [{ messageId: 'xss', line: 3, column: 53, endLine: 3, endColumn: 57, related: 1 }],
    },
    {
      name: "iframe srcdoc from postMessage data, DOMPurify imported",
      code: `import DOMPurify from 'dompurify';\nonmessage = (event) => {\n  document.querySelector('iframe').srcdoc = event.data;\n};`,
      errors: [
        {
          messageId: 'xss', line: 3, column: 45, endLine: 3, endColumn: 55, related: 1,
          suggestions: [
            { messageId: 'sanitize', output: `import DOMPurify from 'dompurify';\nonmessage = (event) => {\n  document.querySelector('iframe').srcdoc = DOMPurify.sanitize(event.data);\n};` },
          ],
        },
      ],
    },
    {
      name: "document.writeln of the query string",
      code: `document.writeln('<p>' + decodeURIComponent(location.search) + '</p>');`,
      errors: [{ messageId: 'xss', line: 1, column: 18, endLine: 1, endColumn: 70, related: 1 }],
    },
    {
      name: "puppeteer renders request HTML to a PDF",
      code: `import puppeteer from 'puppeteer';\napp.post('/pdf', async (req, res) => {\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  await page.setContent(req.body.html, { waitUntil: 'networkidle0' });\n  res.type('pdf').send(await page.pdf());\n});`,
      errors: [{ messageId: 'xssHeadless', line: 5, column: 25, endLine: 5, endColumn: 38, related: 1 }],
    },
    {
      name: "playwright page from a browser context, model output",
      code: `import { chromium } from 'playwright';\nimport { generateText } from 'ai';\nconst { text } = await generateText({ model, prompt });\nconst context = await (await chromium.launch()).newContext();\nconst page = await context.newPage();\nawait page.setContent(\`<main>\${text}</main>\`);`,
      errors: [{ messageId: 'xssHeadless', line: 6, column: 23, endLine: 6, endColumn: 45, related: 1 }],
    },
    {
      name: "page typed as a playwright Page",
      code: `import type { Page } from 'playwright';\nexport async function render(page: Page) {\n  app.post('/r', async (req) => { await page.setContent(req.body.html); });\n}`,
      errors: [{ messageId: 'xssHeadless', line: 3, column: 57, endLine: 3, endColumn: 70, related: 1 }],
    },
    {
      name: "cheerio .html() of request data, served",
      code: `import * as cheerio from 'cheerio';\napp.post('/card', (req, res) => {\n  const $ = cheerio.load('<div id="card"></div>');\n  $('#card').html(req.body.bio);\n  res.send($.html());\n});`,
      errors: [
        {
          messageId: 'xss', line: 4, column: 19, endLine: 4, endColumn: 31, related: 1,
          suggestions: [
            { messageId: 'useText', output: `import * as cheerio from 'cheerio';\napp.post('/card', (req, res) => {\n  const $ = cheerio.load('<div id="card"></div>');\n  $('#card').text(req.body.bio);\n  res.send($.html());\n});` },
          ],
        },
      ],
    },
    {
      name: 'a prop rendered as HTML is a warning: whoever renders the component chooses it',
      code: `export function Post({ post }) {\n  return <div dangerouslySetInnerHTML={{ __html: post.renderedHtml }} />;\n}`,
      filename: 'post.jsx',
      errors: [{ messageId: 'xssParam', severity: 'warning', line: 2, column: 50, endLine: 2, endColumn: 67, related: 1 }],
    },
    {
      name: 'props of an arrow component through a memo wrapper',
      code: `import { memo } from 'react';\nconst Bio = memo((props) => <section dangerouslySetInnerHTML={{ __html: props.bio }} />);\nexport default Bio;`,
      filename: 'bio.jsx',
      errors: [{ messageId: 'xssParam', severity: 'warning', line: 2, column: 73, endLine: 2, endColumn: 82, related: 1 }],
    },
    {
      name: 'an exported DOM helper building markup from its parameter',
      code: `export function showError(el, message) {\n  el.innerHTML = '<p class="error">' + message + '</p>';\n}`,
      filename: 'errors.js',
      errors: [{ messageId: 'xssParam', severity: 'warning', line: 2, column: 18, endLine: 2, endColumn: 56, related: 1 }],
    },
    {
      name: 'callers decide: a caller passing its own parameter keeps the warning',
      code: `export function showError(el, message) {\n  el.innerHTML = '<p class="error">' + message + '</p>';\n}\nshowError(document.body, 'Something went wrong');\nexport function onFailure(el, reason) {\n  showError(el, reason);\n}`, filename: 'errors.js',
      errors: [{ messageId: 'xssParam', severity: 'warning', line: 2, column: 18, endLine: 2, endColumn: 56, related: 3 }],
    },
  ],
});

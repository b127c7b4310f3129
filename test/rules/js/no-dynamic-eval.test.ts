import rule from '../../../src/rules/js/no-dynamic-eval';
import { ruleTester } from '../../lib/rule-tester';

ruleTester(rule, {
  valid: [
    { code: `eval('1 + 1');`, name: 'constant string' },
    { code: `const SRC = 'return 42'; const f = new Function(SRC);`, name: 'constant through a const binding' },
    { code: `const add = new Function('a', 'b', 'return a + b');`, name: 'constant Function arguments' },
    { code: `function evaluate(x) { return x; }\napp.get('/x', (req) => evaluate(req.query.expr));`, name: 'a function merely named like eval' },
    { code: `const eval2 = (s) => s; eval2(userInput);` },
    { code: `function f(eval) { eval(code); }`, name: 'a parameter named eval shadows the global' },
    { code: `app.post('/calc', (req, res) => res.json(JSON.parse(req.body.data)));`, name: 'JSON.parse is the safe alternative' },
    { code: `const fn = Function.prototype.call;`, name: 'not a call' },
    { code: `obj.eval(req.query.x);`, name: 'a method called eval on some object' },
    { code: `import vm from 'node:vm';\nconst result = vm.runInNewContext('a + b', { a: 1, b: 2 });`, name: 'vm with constant code' },
    { code: `function tick() {}\nsetTimeout(tick, 1000);\nsetInterval(() => poll(req.query.id), 5000);`, name: 'timers with callbacks' },
    { code: `app.get('/x', (req, res) => setTimeout(handlers[req.query.kind], 10));`, name: 'timer with a looked-up callback of unknown type' },
    { code: `setTimeout('location.reload()', 5000);`, name: 'constant timer string is out of scope' },
    { code: `const vm = { runInNewContext: (s) => s };\napp.get('/x', (req) => vm.runInNewContext(req.query.code));`, name: 'a local object named vm' },
    { code: `import { Script } from './script';\napp.get('/x', (req) => new Script(req.query.code));`, name: 'Script from another module' },
    { code: `import { VM } from 'vm2';\nconst vm = new VM({ timeout: 100 });\nvm.run('1 + 1');`, name: 'vm2 with constant code' },
    { code: `const runner = { run: (s) => s };\napp.post('/x', (req) => runner.run(req.body.code));`, name: 'run() of an object that is not a vm2 VM' },
    { code: `import puppeteer from 'puppeteer';\napp.post('/x', async (req) => {\n  const page = await (await puppeteer.launch()).newPage();\n  return page.evaluate((title) => { document.title = title; }, req.body.title);\n});`, name: 'page.evaluate with a function and the value as its argument' },
    { code: `import puppeteer from 'puppeteer';\napp.post('/x', async (req) => {\n  const page = await (await puppeteer.launch()).newPage();\n  return page.$eval('#name', (el, v) => { el.textContent = v; }, req.body.name);\n});`, name: 'page.$eval with a function' },
    { code: `import { chromium } from 'playwright';\nconst page = await (await chromium.launch()).newPage();\nawait page.evaluate(\`window.scrollTo(0, \${offset})\`);`, name: 'page script built from values of unknown origin' },
    { code: `import { chromium } from 'playwright';\nconst page = await (await chromium.launch()).newPage();\nawait page.evaluate('document.title');`, name: 'constant page script' },
    { code: `app.post('/x', async (req) => sandbox.evaluate(req.body.code));`, name: 'evaluate on something that is not a browser page' },
  ],
  invalid: [
    {
      name: 'eval of request data',
      code: `app.get('/calc', (req, res) => {\n  const result = eval(req.query.expr);\n  res.json({ result });\n});`,
      errors: [
        {
          messageId: 'evalUntrusted', line: 2, column: 23, endLine: 2, endColumn: 37, related: 1,
          suggestions: [{ messageId: 'useJsonParse', output: `app.get('/calc', (req, res) => {\n  const result = JSON.parse(req.query.expr);\n  res.json({ result });\n});` }],
        },
      ],
    },
    {
      name: 'eval of model output wrapped in parentheses',
      code: `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst msg = await client.messages.create({ model, max_tokens: 512, messages });\nconst data = eval('(' + msg.content[0].text + ')');`,
      errors: [
        {
          messageId: 'evalUntrusted', line: 4, column: 19, endLine: 4, endColumn: 50, related: 1,
          suggestions: [{ messageId: 'useJsonParse', output: `import Anthropic from '@anthropic-ai/sdk';\nconst client = new Anthropic();\nconst msg = await client.messages.create({ model, max_tokens: 512, messages });\nconst data = JSON.parse(msg.content[0].text);` }],
        },
      ],
    },
    {
      name: 'new Function with a model-written body',
      code: `import { generateText } from 'ai';\nconst { text } = await generateText({ model, prompt: 'write a JS function body' });\nconst fn = new Function('x', text);`,
      errors: [{ messageId: 'evalUntrusted', line: 3, column: 30, endLine: 3, endColumn: 34, related: 1 }],
    },
    {
      name: 'dynamic string of unknown origin',
      code: `function run(snippet) {\n  return eval(\`(() => { \${snippet} })()\`);\n}`,
      errors: [
        {
          messageId: 'evalDynamic', line: 2, column: 15, endLine: 2, endColumn: 41,
          suggestions: [{ messageId: 'useJsonParse', output: `function run(snippet) {\n  return JSON.parse(\`(() => { \${snippet} })()\`);\n}` }],
        },
      ],
    },
    {
      name: 'indirect eval through globalThis',
      code: `const code = process.argv[2];\nglobalThis.eval(code);`,
      errors: [
        {
          messageId: 'evalUntrusted', line: 2, column: 17, endLine: 2, endColumn: 21,
          suggestions: [{ messageId: 'useJsonParse', output: `const code = process.argv[2];\nJSON.parse(code);` }],
        },
      ],
    },
    {
      name: 'Function called without new',
      code: `router.post('/rule', async (ctx) => {\n  const check = Function('order', ctx.request.body.condition);\n});`,
      errors: [{ messageId: 'evalUntrusted', line: 2, column: 35, endLine: 2, endColumn: 61 }],
    },
    {
      name: 'vm.runInNewContext of request data',
      code: `const vm = require('vm');\napp.post('/sandbox', (req, res) => res.json(vm.runInNewContext(req.body.code, {})));`,
      filename: 'sandbox.js',
      errors: [{ messageId: 'evalUntrusted', line: 2, column: 64, endLine: 2, endColumn: 77, related: 1 }],
    },
    {
      name: 'new vm.Script of model output',
      code: `import { Script } from 'node:vm';\nimport { generateText } from 'ai';\nconst { text } = await generateText({ model, prompt });\nnew Script(text).runInThisContext();`,
      errors: [{ messageId: 'evalUntrusted', line: 4, column: 12, endLine: 4, endColumn: 16, related: 1 }],
    },
    {
      name: 'vm.compileFunction of unknown origin',
      code: `import * as vm from 'vm';\nexport function compile(body: string) { return vm.compileFunction(body, ['x']); }`,
      errors: [{ messageId: 'evalDynamic', line: 2, column: 67, endLine: 2, endColumn: 71 }],
    },
    {
      name: 'setTimeout with a string built from request data',
      code: `app.get('/later', (req, res) => {\n  setTimeout('notify(' + req.query.id + ')', 1000);\n});`,
      errors: [{ messageId: 'evalUntrusted', line: 2, column: 14, endLine: 2, endColumn: 44 }],
    },
    {
      name: 'setInterval with a template',
      code: `function schedule(job) {\n  window.setInterval(\`run(\${job})\`, 60000);\n}`,
      errors: [{ messageId: 'evalDynamic', line: 2, column: 22, endLine: 2, endColumn: 35 }],
    },
    {
      name: 'vm2 VM runs request code',
      code: `const { VM } = require('vm2');\napp.post('/run', (req, res) => {\n  const vm = new VM({ timeout: 1000, sandbox: {} });\n  res.json({ result: vm.run(req.body.code) });\n});`,
      filename: 'run.js',
      errors: [{ messageId: 'evalUntrusted', line: 4, column: 29, endLine: 4, endColumn: 42, related: 1 }],
    },
    {
      name: 'vm2 NodeVM created inline runs model output',
      code: `import { NodeVM } from 'vm2';\nimport { generateText } from 'ai';\nconst { text } = await generateText({ model, prompt: 'Write a script' });\nnew NodeVM({ console: 'inherit' }).run(text, 'script.js');`,
      errors: [{ messageId: 'evalUntrusted', line: 4, column: 40, endLine: 4, endColumn: 44, related: 1 }],
    },
    {
      name: 'vm2 VMScript of unknown origin',
      code: `import { VMScript } from 'vm2';\nexport const compile = (source: string) => new VMScript(source);`,
      errors: [{ messageId: 'evalDynamic', line: 2, column: 57, endLine: 2, endColumn: 63 }],
    },
    {
      name: 'page.evaluate of a request string (puppeteer)',
      code: `import puppeteer from 'puppeteer';\napp.post('/scrape', async (req, res) => {\n  const browser = await puppeteer.launch();\n  const page = await browser.newPage();\n  res.json(await page.evaluate(req.body.script));\n});`,
      errors: [{ messageId: 'evalPage', line: 5, column: 32, endLine: 5, endColumn: 47, related: 1 }],
    },
    {
      name: 'page.$eval with a template built from request data (playwright)',
      code: `import { chromium } from 'playwright';\napp.get('/title', async (req, res) => {\n  const page = await (await chromium.launch()).newPage();\n  await page.$eval('h1', \`el => el.dataset.x = '\${req.query.x}'\`);\n});`,
      errors: [{ messageId: 'evalPage', line: 4, column: 26, endLine: 4, endColumn: 65, related: 1 }],
    },
  ],
});

import assert from 'node:assert/strict';
import type * as t from '@babel/types';
import { JsHelpers } from '../../../src/languages/js/helpers';
import { parseJs, type JsNode } from '../../../src/languages/js/parse';
import { traverseJs } from '../../../src/languages/js/traverse';

/** Parses `code` and returns the helpers plus the first argument of every `sink(...)` call. */
function setup(code: string, file = 'app.ts'): { helpers: JsHelpers; sinks: JsNode[]; calls: JsNode[] } {
  const parsed = parseJs(code, file);
  const sinks: JsNode[] = [];
  const calls: JsNode[] = [];
  traverseJs(parsed.root, {
    enter: new Map([
      [
        'CallExpression',
        [
          (node: JsNode) => {
            const call = node as t.CallExpression & JsNode;
            calls.push(call);
            if (call.callee.type === 'Identifier' && call.callee.name === 'sink') sinks.push(call.arguments[0] as JsNode);
          },
        ],
      ],
    ]),
    exit: new Map(),
  });
  return { helpers: new JsHelpers(parsed), sinks, calls };
}

function taintKinds(code: string, file?: string): Array<string | null> {
  const { helpers, sinks } = setup(code, file);
  return sinks.map((s) => helpers.taint(s, new Set(['request', 'argv', 'env', 'model']))?.kind ?? null);
}

describe('JS value flow', () => {
  it('follows Express request data through assignments, templates, concatenation and destructuring', () => {
    const code = `
      app.get('/a', (req, res) => {
        const id = req.query.id;
        const cmd = 'ls ' + id;
        sink(cmd);
        const { name } = req.body;
        sink(\`hello \${name.trim()}\`);
        let x = 'safe';
        sink(x);
        x += req.params.p;
        sink(x);
        sink(req.get('x-user'));
        sink(req.query.id.length);
        sink(Number(req.query.n));
      });`;
    assert.deepEqual(taintKinds(code), ['request', 'request', null, 'request', 'request', null, null]);
  });

  it('recognises destructured handler parameters, Koa ctx, Fastify and Next.js handlers', () => {
    const code = `
      router.post('/b', async ({ body }, res) => { sink(body.cmd); });
      router.get('/c', async (ctx) => { sink(ctx.query.q); sink(ctx.request.body.x); sink(ctx.state.user); });
      fastify.post('/d', async (request, reply) => { sink(request.body.script); });
      export async function POST(request: Request) { const data = await request.json(); sink(data.code); }
      export async function GET(req: NextRequest) { sink(req.nextUrl.searchParams.get('q')); }`;
    assert.deepEqual(taintKinds(code), ['request', 'request', 'request', null, 'request', 'request', 'request']);
  });

  it('does not treat ordinary functions and their parameters as request data', () => {
    const code = `
      function build(query) { sink(query.text); }
      const body = { a: 1 }; sink(body.a);
      function handle(event) { sink(event.body); }
      class A { run(opts) { sink(opts.params); } }`;
    assert.deepEqual(taintKinds(code), [null, null, null, null]);
  });

  it('tracks process.argv and process.env, but not a local variable named process', () => {
    const code = `
      sink(process.argv[2]);
      sink(process.env.CMD);
      function f(process) { sink(process.argv[2]); }`;
    assert.deepEqual(taintKinds(code), ['argv', 'env', null]);
  });

  it('marks model output of OpenAI, Anthropic, Google GenAI, Vercel AI SDK, LangChain and Ollama as untrusted', () => {
    const code = `
      import OpenAI from 'openai';
      import Anthropic from '@anthropic-ai/sdk';
      import { GoogleGenAI } from '@google/genai';
      import { generateText } from 'ai';
      import { ChatOpenAI } from '@langchain/openai';
      import ollama from 'ollama';
      const openai = new OpenAI();
      const completion = await openai.chat.completions.create({ model: 'gpt-4o', messages });
      sink(completion.choices[0].message.content);
      const r = await openai.responses.create({ model: 'gpt-4.1', input });
      sink(r.output_text);
      const msg = await new Anthropic().messages.create({ model, max_tokens: 100, messages });
      sink(msg.content[0].text);
      const ai = new GoogleGenAI({});
      const g = await ai.models.generateContent({ model, contents });
      sink(g.text);
      const { text } = await generateText({ model, prompt });
      sink(text);
      const llm = new ChatOpenAI({});
      const out = await llm.invoke('hi');
      sink(out.content);
      const o = await ollama.chat({ model: 'llama3', messages });
      sink(o.message.content);
      openai.chat.completions.create({}).then((res) => sink(res.choices[0].message.content));`;
    assert.deepEqual(taintKinds(code), ['model', 'model', 'model', 'model', 'model', 'model', 'model', 'model']);
  });

  it('does not call things model output in a file that imports no LLM client', () => {
    const code = `
      const completion = await client.chat.completions.create({});
      sink(completion.choices[0].message.content);
      const r = await chain.invoke({});
      sink(r);
      const sms = await twilio.messages.create({ to, body });
      sink(sms.body);`;
    assert.deepEqual(taintKinds(code), [null, null, null]);
  });

  it('recognises a client imported from a local module by its name', () => {
    const code = `
      import { anthropic } from '../llm.js';
      const msg = await anthropic.messages.create({ model, max_tokens: 100, messages });
      sink(msg.content[0].text);`;
    assert.deepEqual(taintKinds(code), ['model']);
  });

  it('stops at sanitizers and boolean-returning methods', () => {
    const code = `
      app.get('/x', (req, res) => {
        sink(parseInt(req.query.n, 10));
        sink(escapeShell(req.query.s));
        sink(req.query.s.includes('x'));
        sink(sanitizeHtml(req.body.html));
        sink(JSON.stringify(req.body));
      });`;
    assert.deepEqual(taintKinds(code), [null, null, null, null, 'request']);
  });

  it('survives cycles and self-references', () => {
    const code = `
      app.get('/x', (req, res) => {
        let a = b; let b = a; a = a + b;
        sink(a);
        let c = req.query.c; c = c + c;
        sink(c);
      });`;
    assert.deepEqual(taintKinds(code), [null, 'request']);
  });

  it('decides constants through const bindings', () => {
    const { helpers, sinks } = setup(`
      const A = 'ls'; const B = \`\${A} -la\`;
      sink(B); sink(A + ' x'); let c = 'x'; c = y; sink(c); sink(y);`);
    assert.deepEqual(sinks.map((s) => helpers.isConstant(s)), [true, true, false, false]);
  });
});

describe('JS import resolution', () => {
  function resolveCallees(code: string): string[] {
    const { helpers, calls } = setup(code);
    return calls.map((c) => {
      const r = helpers.resolve((c as t.CallExpression & JsNode).callee as JsNode);
      return r ? `${r.module ?? '<global>'}:${r.path.join('.')}${r.promisified ? ':promisified' : ''}` : 'local';
    });
  }

  it('tells imported functions from local ones', () => {
    const code = `
      import { exec } from 'node:child_process';
      import * as cp from 'child_process';
      const { execSync: run } = require('child_process');
      const util = require('util');
      const execAsync = util.promisify(exec);
      exec('a');
      cp.spawn('b');
      run('c');
      execAsync('d');
      require('child_process').exec('e');
      function local() { const exec = (x) => x; exec('f'); }
      eval('g');`;
    assert.deepEqual(resolveCallees(code), [
      '<global>:require',
      '<global>:require',
      'util:promisify',
      'child_process:exec',
      'child_process:spawn',
      'child_process:execSync',
      'child_process:exec:promisified',
      'child_process:exec',
      '<global>:require',
      'local',
      '<global>:eval',
    ]);
  });
});

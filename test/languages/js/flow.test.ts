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

describe('JS value flow options', () => {
  const isCall = (name: string) => (call: t.CallExpression | t.OptionalCallExpression | t.NewExpression) =>
    call.callee.type === 'Identifier' && call.callee.name === name;
  /** A source the shared flow does not know: any identifier named `secretInput`. */
  const secretSource = (node: JsNode) =>
    node.type === 'Identifier' && node.name === 'secretInput'
      ? { kind: 'model' as const, node, description: 'secret input' }
      : null;

  it('keeps the kinds-only signature working, including the default', () => {
    const { helpers, sinks } = setup(`app.get('/a', (req) => { sink(process.env.X); sink(req.query.q); });`);
    assert.equal(helpers.taint(sinks[0]), null, 'env is not a default kind');
    assert.equal(helpers.taint(sinks[0], new Set(['env']))?.kind, 'env');
    assert.equal(helpers.taint(sinks[1])?.kind, 'request');
    assert.equal(helpers.taint(sinks[1], { kinds: new Set(['argv']) }), null);
  });

  it('adds a rule source, found through bindings, assignments and calls', () => {
    const code = `
      function f(secretInput) {
        const a = secretInput;
        let b = 'x';
        b = \`<\${a}>\`;
        sink(b);
        sink(wrap(a).trim());
        sink('constant');
      }`;
    const { helpers, sinks } = setup(code);
    assert.deepEqual(sinks.map((s) => helpers.taint(s)?.kind ?? null), [null, null, null], 'unknown without the option');
    const found = sinks.map((s) => helpers.taint(s, { source: secretSource }));
    assert.deepEqual(found.map((f) => f?.description ?? null), ['secret input', 'secret input', null]);
  });

  it('stops at a rule sanitizer at every step, also behind a binding', () => {
    const code = `
      app.get('/a', (req) => {
        const clean = purify(req.query.q);
        sink(clean);
        sink('<b>' + purify(req.body.x) + '</b>');
        sink(other(req.query.q));
      });`;
    const { helpers, sinks } = setup(code);
    assert.deepEqual(sinks.map((s) => helpers.taint(s)?.kind ?? null), ['request', 'request', 'request']);
    const opts = { sanitizes: isCall('purify') };
    assert.deepEqual(sinks.map((s) => helpers.taint(s, opts)?.kind ?? null), [null, null, 'request']);
  });

  it('treats a trusted expression as clean whatever it is built from', () => {
    const code = `app.get('/a', (req) => { const h = req.headers.host; sink('https://' + h); sink(req.query.next); });`;
    const { helpers, sinks } = setup(code);
    const trusted = (n: JsNode) => n.type === 'MemberExpression' && propertyNameOf(n) === 'host';
    assert.equal(helpers.taint(sinks[0])?.kind, 'request');
    assert.equal(helpers.taint(sinks[0], { trusted }), null);
    assert.equal(helpers.taint(sinks[1], { trusted })?.kind, 'request');
  });

  it('url: only the part of a URL that decides the destination counts', () => {
    const code = `
      app.get('/a', (req) => {
        sink('/profile/' + req.query.id);
        sink(\`https://example.com/\${req.query.p}\`);
        sink(req.query.next + '/done');
        sink('https://' + req.query.host + '/x');
        sink(new URL('/path', req.query.base));
        sink(new URL(req.query.to, 'https://example.com'));
      });`;
    const { helpers, sinks } = setup(code);
    assert.deepEqual(sinks.map((s) => helpers.taint(s)?.kind ?? null), Array(6).fill('request'));
    assert.deepEqual(sinks.map((s) => helpers.taint(s, { url: true })?.kind ?? null), [null, null, 'request', 'request', null, 'request']);
  });

  it('elements: array callback parameters are as untrusted as the array', () => {
    const code = `app.get('/a', (req) => { req.body.items.map((item) => sink(item)); [1, 2].forEach((n) => sink(n)); });`;
    const { helpers, sinks } = setup(code);
    assert.equal(helpers.taint(sinks[0]), null);
    assert.equal(helpers.taint(sinks[0], { elements: true })?.kind, 'request');
    assert.equal(helpers.taint(sinks[1], { elements: true }), null);
  });

  it('does not let option results leak into the memoised default', () => {
    const { helpers, sinks } = setup(`app.get('/a', (req) => { sink(purify(req.query.q)); });`);
    assert.equal(helpers.taint(sinks[0], { sanitizes: isCall('purify') }), null);
    assert.equal(helpers.taint(sinks[0])?.kind, 'request');
    assert.equal(helpers.taint(sinks[0], { sanitizes: isCall('purify') }), null);
  });

  it('survives cycles with options', () => {
    const { helpers, sinks } = setup(`let a = b; let b = a; a = a + b; sink(a); function g(x) { x = x; sink(x); }`);
    assert.equal(helpers.taint(sinks[0], { source: secretSource, url: true, elements: true }), null);
    assert.equal(helpers.taint(sinks[1], { source: secretSource, url: true, elements: true }), null);
  });
});

function propertyNameOf(n: JsNode): string | null {
  const m = n as t.MemberExpression;
  return m.property.type === 'Identifier' && !m.computed ? m.property.name : null;
}

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

describe('JS value flow with a rule source hook', () => {
  it('reports a rule-added tool source with its field, and only the wanted kinds', () => {
    const code = `
      function handler(args, req) {
        const cmd = args.command;
        sink(\`run \${cmd}\`);
        sink(req.query.q);
        sink(Number(args.n));
      }`;
    const { helpers, sinks } = setup(code);
    const opts = {
      kinds: new Set(['tool'] as const),
      source: (n: JsNode) =>
        n.type === 'MemberExpression' && n.object.type === 'Identifier' && n.object.name === 'args'
          ? { kind: 'tool' as const, node: n, description: 'a tool argument', field: String((n.property as t.Identifier).name) }
          : null,
    };
    const found = sinks.map((s) => helpers.taint(s, opts));
    assert.deepEqual(found.map((f) => f?.field ?? null), ['command', null, null]);
    assert.equal(found[0]?.kind, 'tool');
  });
});

describe('JS value flow: parameters and callers in the same file', () => {
  const kinds = new Set(['request', 'argv', 'model', 'param'] as const);
  /** What each `sink(...)` argument is built from: the source kind, `bare` for a parameter passed through as is. */
  function sources(code: string, file?: string): Array<string | null> {
    const { helpers, sinks } = setup(code, file);
    return sinks.map((s) => {
      const passThrough = helpers.taint(s, { kinds, passThrough: true });
      const built = helpers.taint(s, kinds);
      return built ? built.kind : passThrough ? `${passThrough.kind} (bare)` : null;
    });
  }

  it('treats parameters of functions exported in every form as caller-provided', () => {
    const forms = [
      `export function f(x) { sink('a' + x); }`,
      `export const f = (x) => sink(\`a\${x}\`);`,
      `export default function (x) { sink('a' + x); }`,
      `function f(x) { sink('a' + x); }\nexport { f };`,
      `function f(x) { sink('a' + x); }\nexport default f;`,
      `function f(x) { sink('a' + x); }\nmodule.exports = f;`,
      `function f(x) { sink('a' + x); }\nmodule.exports = { f };`,
      `function f(x) { sink('a' + x); }\nmodule.exports.f = f;`,
      `function f(x) { sink('a' + x); }\nexports.f = f;`,
      `module.exports = { f(x) { sink('a' + x); } };`,
      `export class C { m(x) { sink('a' + x); } }`,
      `class C { m(x) { sink('a' + x); } }\nmodule.exports = C;`,
    ];
    for (const code of forms) assert.deepEqual(sources(code, 'lib.js'), ['param'], code);
  });

  it('leaves parameters of file-local, private, static, anonymous and non-text-typed functions alone', () => {
    const forms = [
      `function f(x) { sink('a' + x); }`,
      `export class C { private m(x) { sink('a' + x); } }`,
      `export class C { _m(x) { sink('a' + x); } }`,
      `export class C { static m(x) { sink('a' + x); } }`,
      `export class C { constructor(x) { sink('a' + x); } }`,
      `export const f = () => [1].map((x) => sink('a' + x));`,
      `export function f(n: number) { sink('a' + n); }`,
      `export function f(mode: 'r' | 'w' | undefined) { sink('a' + mode); }`,
    ];
    for (const code of forms) assert.deepEqual(sources(code, 'lib.ts'), [null], code);
  });

  it('tells a parameter built into a string from one passed through unchanged', () => {
    assert.deepEqual(
      sources(`export function f(x, y) {\n  sink(x);\n  sink(x.trim());\n  sink(['ls', y].join(' '));\n  sink(\`\${y}\`);\n  sink(path.join('/srv', y));\n}`, 'lib.js'),
      ['param (bare)', 'param (bare)', 'param', 'param (bare)', 'param'],
    );
  });

  it('follows a parameter back to the calls in the file, and prefers a tainted caller over the parameter', () => {
    const code = `
      function helper(dir) { sink('ls ' + dir); }
      export function api(name) { sink('cat ' + name); }
      app.get('/a', (req) => { helper(req.query.dir); api(req.body.name); });
      function quiet(d) { sink('ls ' + d); }
      quiet('/tmp');
      function method() {}
      class K { run(cmd) { sink('sh ' + cmd); } go(req) { this.run(req.query.c); } }
      function opts({ target }) { sink('make ' + target); }
      app.post('/b', (req) => opts({ target: req.body.t }));
    `;
    assert.deepEqual(sources(code), ['request', 'request', null, 'request', 'request']);
    const { helpers, sinks } = setup(code);
    const steps = helpers.taint(sinks[0], kinds)!.steps!.map((s) => code.slice(s.start!, s.end!));
    assert.deepEqual(steps, ['req.query.dir', 'dir']);
  });

  it('does not loop on recursive and mutually recursive functions', () => {
    const code = `
      export function a(x) { if (x) b(x); sink('a' + x); }
      function b(y) { a(y + 1); sink('b' + y); }
    `;
    assert.deepEqual(sources(code), ['param', 'param']);
  });

  it('judges a reassigned parameter by its assignments', () => {
    assert.deepEqual(sources(`export function f(x) { x = String(Number(x)); sink('a' + x); }`), [null]);
    assert.deepEqual(sources(`export function f(x) { x = x || 'def'; sink('a' + x); }`), ['param']);
  });
});

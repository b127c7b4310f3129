import assert from 'node:assert/strict';
import type { FileResult } from '../../src/engine/types';
import { randomBytes, tokenSoup } from './inputs';
import { IsolatedAnalyzer } from './isolated-analyzer';
import { assertWellFormed, LIMIT_MS } from './well-formed';

/** Bad input of every kind goes through `analyze` with all rules on: never a throw, never a hang. */
describe('robustness: garbage input', function () {
  this.timeout(4 * LIMIT_MS);
  const analyzer = new IsolatedAnalyzer();
  after(() => analyzer.close());

  async function run(file: string, text: string): Promise<FileResult> {
    const { result, ms } = await analyzer.analyze(file, text, LIMIT_MS);
    assert.ok(ms < LIMIT_MS, `${file} took ${Math.round(ms)} ms`);
    assertWellFormed(result, text);
    return result;
  }

  for (const seed of [1, 2, 3]) {
    it(`random bytes decoded as UTF-8 (seed ${seed}) are skipped as binary`, async () => {
      const text = randomBytes(seed, 64 * 1024).toString('utf8');
      assert.ok(text.includes('\u0000') && text.includes('\uFFFD'), 'the input has NUL bytes and replacement characters');
      const result = await run('random.js', text);
      assert.match(result.skipped?.reason ?? '', /binary/);
    });
    it(`random bytes without NUL bytes (seed ${seed}) are analysed or reported, not thrown`, async () => {
      const text = randomBytes(seed, 64 * 1024).toString('utf8').replaceAll('\u0000', ' ');
      const result = await run('random.ts', text);
      assert.equal(result.skipped, undefined);
    });
  }

  for (const seed of [11, 12, 13, 14, 15, 16, 17, 18]) {
    for (const file of ['soup.ts', 'soup.js', 'soup.tsx']) {
      it(`random JavaScript token soup (seed ${seed}, ${file})`, async () => {
        await run(file, tokenSoup(seed, 4_000));
      });
    }
  }

  it('skips a file with NUL bytes as binary, with a reason', async () => {
    const result = await run('app.js', 'const a = 1;\u0000\u0000\u0000exec(req.query.cmd);');
    assert.match(result.skipped?.reason ?? '', /binary/);
    assert.deepEqual([result.findings, result.errors], [[], []]);
  });

  it('analyses invalid UTF-8 decoded with replacement characters and keeps positions right', async () => {
    const bytes = Buffer.concat([
      Buffer.from('const banner = "'),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xe2, 0x82, 0xf0, 0x9f]),
      Buffer.from('";\nconst agent = new https.Agent({ rejectUnauthorized: false });\n'),
    ]);
    const text = bytes.toString('utf8');
    assert.ok(text.includes('\uFFFD'));
    const result = await run('banner.ts', text);
    const tls = result.findings.filter((f) => f.ruleId === 'js/no-disabled-tls');
    assert.deepEqual(
      tls.map((f) => [f.start.line, f.start.column]),
      [[2, 'const agent = new https.Agent({ '.length + 1]],
    );
  });

  const SYNTAX_ERRORS: Record<string, string> = {
    'unterminated string': 'const cmd = "git log \nexec(cmd + req.query.branch);\n',
    'unterminated template': 'exec(`git log ${req.query.branch}\nconst x = 1;\n',
    'unterminated template substitution': 'exec(`git log ${req.query.branch`);\n',
    'unterminated regex': 'const re = /[a-z+\nconst agent = new https.Agent({ rejectUnauthorized: false });\n',
    'unterminated block comment': 'const a = 1;\n/* rampart-ignore-next-line js/no-disabled-tls -- reason\nconst b = 2;\n',
    'unbalanced braces': 'function f() { if (x) { exec(req.query.q);\n}}}}}\n)))\n',
    'merge conflict markers': [
      'import https from "node:https";',
      '<<<<<<< HEAD',
      'const agent = new https.Agent({ rejectUnauthorized: false });',
      '=======',
      'const agent = new https.Agent({ ca: process.env.CA });',
      '>>>>>>> feature/pin-ca',
      'export default agent;',
      '',
    ].join('\n'),
    'diff3 conflict markers': '<<<<<<< ours\neval(a);\n||||||| base\neval(b);\n=======\neval(c);\n>>>>>>> theirs\n',
    'broken generics and JSX': 'const f = <T,>(x: T) => <div>{x as</div>;\nfunction g<<T>>() {}\n',
    'Python in a .ts file': 'def handler(request):\n    os.system("ls " + request.args["d"])\n    return eval(request.data)\n',
    'stray private name and decorators': 'class A { #x; @dec @ #; static { await } }\nnew.target; super();\n',
    'only a shebang': '#!/usr/bin/env node',
    'lone surrogates': 'const s = "\uD800\uDC00\uDFFF\uD800";\neval(s);\n',
  };
  for (const [name, text] of Object.entries(SYNTAX_ERRORS)) {
    it(`syntax error: ${name}`, async () => {
      const result = await run('broken.ts', text);
      assert.equal(result.skipped, undefined);
    });
  }

  it('a JSON document and a binary-looking text in .js files', async () => {
    await run('data.js', JSON.stringify({ a: [1, 2, { b: 'c' }], rejectUnauthorized: false }));
    await run('blob.js', '\u0001\u0002\u0003\u007f\u0080\u00ff'.repeat(10_000));
  });
});

import assert from 'node:assert/strict';
import type { FileResult } from '../../src/engine/types';
import { nested, nestedTemplates } from './inputs';
import { IsolatedAnalyzer } from './isolated-analyzer';
import { assertWellFormed, LIMIT_MS } from './well-formed';

const DEEP = 10_000;

/** Inputs that break recursive parsers and recursive rule helpers. */
const CASES: Record<string, string> = {
  [`parentheses ${DEEP} deep`]: 'const x = ' + nested('(', 'req.query.q', ')', DEEP) + ';\n',
  [`arrays ${DEEP} deep`]: 'const x = ' + nested('[', '1', ']', DEEP) + ';\n',
  [`objects ${DEEP} deep, with an option at the bottom`]:
    'const o = ' + nested('{a:', '{ rejectUnauthorized: false }', '}', DEEP) + ';\n',
  [`calls ${DEEP} deep around model output`]: 'exec(' + nested('f(', 'completion.choices[0].message.content', ')', DEEP) + ');\n',
  [`${DEEP} nested arrow functions`]: 'const f = ' + 'a => '.repeat(DEEP) + 'eval(a);\n',
  [`${DEEP} nested functions`]: nested('function f() { ', 'eval(x);', ' }', DEEP) + '\n',
  [`${DEEP} nested blocks`]: nested('{', 'exec(req.query.q);', '}', DEEP) + '\n',
  [`${DEEP} nested ifs`]: nested('if (a) ', 'eval(req.body.x);', '', DEEP) + '\n',
  [`${DEEP} nested conditionals`]: 'const x = ' + 'a ? b : '.repeat(DEEP) + 'c;\n',
  [`${DEEP} nested unary operators`]: 'const x = ' + '!-'.repeat(DEEP / 2) + 'false;\n',
  [`${DEEP} nested JSX elements`]: 'const el = ' + nested('<div>', '{req.query.q}', '</div>', DEEP) + ';\n',
  [`${DEEP / 2} nested template literals`]: nestedTemplates(DEEP / 2),
  'a+a+… with 50,000 terms, passed to exec': 'exec(' + Array(50_000).fill('req.query.a').join('+') + ');\n',
  'a string concatenation of 50,000 literals into eval': 'eval(' + Array(50_000).fill("'x'").join(' + ') + ');\n',
  'a member chain 50,000 long': 'const v = req' + '.a'.repeat(50_000) + ';\nexec(v);\n',
  'a call chain 50,000 long': 'const v = q' + '.then(f)'.repeat(50_000) + ';\n',
  'an assignment chain 20,000 long': 'a' + ' = a'.repeat(20_000) + ' = req.query.q;\nexec(a);\n',
  'a comma sequence of 50,000 expressions': 'const v = (' + Array(50_000).fill('x').join(',') + ');\n',
  'a TypeScript type 10,000 deep': 'type T = ' + nested('Array<', 'string', '>', DEEP) + ';\n',
};

const MODERATE = 200;

/**
 * Nesting the parser accepts (it overflows at roughly 350 levels of parentheses on a 1 MB stack): the
 * rules must then cope too, without an internal error, and still find what is at the bottom.
 */
const MODERATE_CASES: Record<string, { text: string; tls: number }> = {
  [`parentheses ${MODERATE} deep`]: { text: 'exec(' + nested('(', 'req.query.q', ')', MODERATE) + ');\n', tls: 0 },
  [`objects ${MODERATE} deep, with an option at the bottom`]: {
    text: 'const o = ' + nested('{a:', '{ rejectUnauthorized: false }', '}', MODERATE) + ';\n',
    tls: 1,
  },
  [`calls ${MODERATE} deep around model output`]: {
    text: 'exec(' + nested('f(', 'completion.choices[0].message.content', ')', MODERATE) + ');\n',
    tls: 0,
  },
  [`${MODERATE} nested arrow functions`]: { text: 'const f = ' + 'a => '.repeat(MODERATE) + 'eval(a);\n', tls: 0 },
  [`${MODERATE} nested functions`]: {
    text: nested('function f(req) { ', 'exec(`ls ${req.query.dir}`, { rejectUnauthorized: false });', ' }', MODERATE),
    tls: 1,
  },
  [`${MODERATE} nested template literals`]: { text: 'exec(' + nested('`a${', 'req.query.q', '}b`', MODERATE) + ');\n', tls: 0 },
  'a+a+… with 2,000 terms, passed to exec': {
    text: 'exec(' + Array(2_000).fill('req.query.a').join(' + ') + ');\n',
    tls: 0,
  },
  'a string concatenation of 2,000 terms into eval': {
    text: 'eval(' + Array(1_000).fill("'x' + input").join(' + ') + ');\n',
    tls: 0,
  },
};

/** Deep nesting is analysed, or reported as an internal error record; it never throws or hangs. */
describe('robustness: deep nesting', function () {
  this.timeout(4 * LIMIT_MS);
  const analyzer = new IsolatedAnalyzer();
  after(() => analyzer.close());

  for (const [name, text] of Object.entries(CASES)) {
    it(name, async () => {
      const { result, ms } = await analyzer.analyze('deep.tsx', text, LIMIT_MS);
      assert.ok(ms < LIMIT_MS, `took ${Math.round(ms)} ms`);
      assertWellFormed(result, text);
      assert.equal(result.skipped, undefined);
      report(name, result, ms);
    });
  }

  for (const [name, { text, tls }] of Object.entries(MODERATE_CASES)) {
    it(`${name}: analysed without internal errors`, async () => {
      const { result, ms } = await analyzer.analyze('moderate.tsx', text, LIMIT_MS);
      assert.ok(ms < LIMIT_MS, `took ${Math.round(ms)} ms`);
      assertWellFormed(result, text);
      assert.deepEqual(result.errors, []);
      assert.equal(result.findings.filter((f) => f.ruleId === 'js/no-disabled-tls').length, tls);
      report(name, result, ms);
    });
  }

  it('still analyses ordinary code after the deep inputs', async () => {
    const text = 'const agent = new https.Agent({ rejectUnauthorized: false });\n';
    const { result } = await analyzer.analyze('after.ts', text, LIMIT_MS);
    assert.deepEqual(
      result.findings.map((f) => [f.ruleId, f.start.line, f.start.column]),
      [['js/no-disabled-tls', 1, 33]],
    );
    assert.deepEqual(result.errors, []);
  });
});

function report(name: string, result: FileResult, ms: number): void {
  if (process.env.RAMPART_ROBUSTNESS_LOG !== '1') return;
  const outcome = result.errors.length > 0 ? `errors: ${result.errors.map((e) => e.message).join(' | ')}` : 'analysed';
  console.log(`      ${name}: ${Math.round(ms)} ms, ${result.findings.length} findings, ${outcome}`);
}

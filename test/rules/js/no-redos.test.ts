import assert from 'node:assert/strict';
import rule, { MAX_PATTERNS_PER_FILE } from '../../../src/rules/js/no-redos';
import { REDOS_SERVICE, RedosService } from '../../../src/services/redos';
import { lintAsync, ruleTester } from '../../lib/rule-tester';

const route = (body: string) => `import express from 'express';\nconst app = express();\napp.get('/s', (req, res) => {\n${body}\n});`;

ruleTester(rule, {
  valid: [
    { name: 'a linear regex on request data', code: route(`  res.json(/^[a-z0-9-]+$/.test(req.query.slug));`) },
    { name: 'nested repetition that recheck proves linear', code: route(`  res.json(/^(?:[a-z]+\\.)*[a-z]+$/.test(req.query.host));`) },
    { name: 'a vulnerable regex on a constant', code: route(`  res.json(/^(a+)+$/.test('aaaa'));`) },
    { name: 'a vulnerable regex on data of unknown origin', code: `export function valid(s) {\n  return /^(a+)+$/.test(s);\n}` },
    { name: 'command-line input belongs to the operator', code: `const ok = /^(a+)+$/.test(process.argv[2]);` },
    { name: 'a pattern not known at analysis time', code: route(`  const re = new RegExp(req.app.locals.pattern);\n  res.json(re.test(req.query.q));`) },
    { name: 'replace takes a string literally', code: route(`  res.send(req.query.q.replace('(a+)+$', ''));`) },
    { name: 'a reassigned regex variable', code: route(`  let re = /^(a+)+$/;\n  re = /^a+$/;\n  res.json(re.test(req.query.q));`) },
    { name: 'a local class named RegExp', code: `class RegExp { constructor(p) {} test() { return true; } }\n${route(`  res.json(new RegExp('^(a+)+$').test(req.query.q));`)}` },
    { name: 'a flag recheck cannot read (v) is unknown, never reported', code: route(`  res.json(/^(a+)+$/v.test(req.query.q));`) },
    { name: 'a single repetition is not checked', code: route(`  res.send(String(req.query.q).replace(/\\s+$/, ''));`) },
  ],
  invalid: [
    {
      name: 'a literal tested against a query parameter',
      code: route(`  res.json(/^(a+)+$/.test(req.query.q));`),
      errors: [{ messageId: 'redos', line: 4, column: 12, endLine: 4, endColumn: 21, related: 1 }],
    },
    {
      name: 'a regex bound to a const at module level',
      code: `import express from 'express';\nconst NAME = /^(\\w+\\s?)*$/;\nconst app = express();\napp.post('/u', (req, res) => {\n  const { name } = req.body;\n  if (!NAME.test(name)) return res.sendStatus(400);\n});`,
      errors: [{ messageId: 'redos', line: 6, column: 8, endLine: 6, endColumn: 12, related: 2 }],
    },
    {
      name: 'new RegExp with a constant pattern, exec',
      code: route(`  const re = new RegExp('(a|a)*b');\n  res.json(re.exec(req.body.text));`),
      errors: [{ messageId: 'redos', line: 5, column: 12, endLine: 5, endColumn: 14, related: 2 }],
    },
    {
      name: 'a regex as the argument of replace',
      code: route(`  res.send(String(req.query.list).replace(/(\\s*,\\s*)+$/, ''));`),
      errors: [{ messageId: 'redos', line: 4, column: 43, endLine: 4, endColumn: 56, related: 1 }],
    },
    {
      name: 'match compiles a string pattern',
      code: route(`  res.json(req.query.q.match('^(a+)+$'));`),
      errors: [{ messageId: 'redos', line: 4, column: 30, endLine: 4, endColumn: 39, related: 1 }],
    },
    {
      name: 'model output split by a vulnerable regex',
      code: `import OpenAI from 'openai';\nconst openai = new OpenAI();\nconst r = await openai.chat.completions.create({ model: 'gpt-4o', messages });\nconst parts = r.choices[0].message.content.split(/(?:a+)+b/);`,
      errors: [{ messageId: 'redos', line: 4, column: 50, endLine: 4, endColumn: 60, related: 1 }],
    },
  ],
});

describe('js/no-redos without a usable checker', () => {
  const code = route(`  res.json(/^(a+)+$/.test(req.query.q));`);

  it('reports nothing when the redos service is not provided', async () => {
    assert.deepEqual(await lintAsync(rule, code, 'app.js', {}, {}), []);
  });

  it('reports nothing when the check times out', async function () {
    this.timeout(30_000);
    const slow = new RedosService({ timeoutMs: 1 });
    try {
      assert.deepEqual(await lintAsync(rule, code, 'app.js', {}, { [REDOS_SERVICE]: slow }), []);
      assert.equal(slow.checks, 1);
    } finally {
      await slow.dispose();
    }
  });

  it('says what the attack is, how it grows and where the input comes from', async function () {
    this.timeout(30_000);
    const service = new RedosService({ timeoutMs: 3000 });
    try {
      const [finding] = await lintAsync(rule, code, 'app.js', {}, { [REDOS_SERVICE]: service });
      assert.equal(
        finding.message,
        "The regex `^(a+)+$` backtracks exponentially on input such as 'a' + 'a'×31 + '\\x00', and it is applied to HTTP request data (req.query): one request can block the event loop, and every other request waits (ReDoS). Rewrite it without nested or overlapping repetition, or bound the length of the input.",
      );
      assert.deepEqual(finding.properties, { complexity: 'exponential', attack: "'a' + 'a'×31 + '\\x00'", checker: 'automaton' });
    } finally {
      await service.dispose();
    }
  });

  it(`asks about at most ${MAX_PATTERNS_PER_FILE} distinct patterns per file`, async function () {
    this.timeout(60_000);
    const asked: unknown[] = [];
    const counting = { answer: async (query: unknown) => (asked.push(query), { status: 'safe' }) };
    const lines = Array.from({ length: MAX_PATTERNS_PER_FILE + 5 }, (_, i) => `  /^(a+)+${'b'.repeat(i)}$/.test(req.query.q);\n  /^(a+)+$/.test(req.query.q);`);
    await lintAsync(rule, route(lines.join('\n')), 'app.js', {}, { [REDOS_SERVICE]: counting });
    const distinct = new Set(asked.map((q) => JSON.stringify(q)));
    assert.equal(distinct.size, MAX_PATTERNS_PER_FILE);
  });
});

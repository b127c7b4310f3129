import assert from 'node:assert/strict';
import { LineIndex } from '../../src/engine/line-index';
import { builtinRules } from '../../src/rules';
import { codeExcerpt, isSecretRule } from '../../src/report/excerpt';
import { findingAt } from './fixtures';

const KEY = 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oT3BlbkFJAb3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z';

function excerpt(text: string, needle: string, maskFinding = false, max?: number): string {
  const f = findingAt(text, 'a.js', { ruleId: 'r/no-x', messageId: 'm', message: 'M.', severity: 'error', needle });
  return codeExcerpt(text, new LineIndex(text), f, { maskFinding, ...(max !== undefined ? { max } : {}) });
}

describe('report/excerpt', () => {
  it('is the finding\'s line with white space collapsed', () => {
    assert.equal(excerpt('a\n\t  const agent =   new https.Agent({ rejectUnauthorized: false });\nb\n', 'rejectUnauthorized'), 'const agent = new https.Agent({ rejectUnauthorized: false });');
  });

  it('redacts the finding itself for a secret rule, and any provider or high-entropy secret on the line for every rule', () => {
    const text = `const client = new OpenAI({ apiKey: "${KEY}", baseURL: url, verify: false });\n`;
    const own = excerpt(text, `"${KEY}"`, true);
    assert.equal(own, 'const client = new OpenAI({ apiKey: "sk-…(102 chars), baseURL: url, verify: false });');
    const other = excerpt(text, 'verify: false');
    assert.ok(!other.includes(KEY.slice(8, 20)), other);
    assert.match(other, /apiKey: "sk-p…\(\d+ chars\)"/);
    const generic = excerpt('password = "Zx9#kLq2$vB7!mW4pR8@"  # verify=False\n', 'verify=False');
    assert.ok(!generic.includes('kLq2'), generic);
  });

  it('keeps ordinary code: identifiers, words and short strings are not redacted', () => {
    const text = 'const createPackageServicesForConfiguration = require("child_process").exec(userSuppliedCommandLine);\n';
    assert.equal(excerpt(text, 'exec'), 'const createPackageServicesForConfiguration = require("child_process").exec(userSuppliedCommandLine);');
  });

  it('is cut around the finding with an ellipsis on each cut side', () => {
    const text = `${'x'.repeat(5)}${' callSomething(a, b);'.repeat(20)} eval(input); ${'more(); '.repeat(30)}\n`;
    const cut = excerpt(text, 'eval(input)', false, 60);
    assert.equal(cut.length, 62);
    assert.ok(cut.startsWith('…') && cut.endsWith('…'), cut);
    assert.ok(cut.includes('eval(input)'), cut);
  });

  it('reads only around the finding on a minified line of a megabyte', () => {
    const text = `${'var a=1;'.repeat(131072)}eval(x);${'var b=2;'.repeat(1000)}`;
    const started = performance.now();
    const cut = excerpt(text, 'eval(x)');
    assert.ok(performance.now() - started < 200);
    assert.ok(cut.startsWith('…') && cut.includes('eval(x)') && cut.length <= 122, cut);
  });

  it('treats secrets rules and hard-coded credential weaknesses as secret rules', () => {
    const byId = new Map(builtinRules.map((r) => [r.id, r]));
    assert.equal(isSecretRule(byId.get('secrets/no-hardcoded-secret')), true);
    assert.equal(isSecretRule(byId.get('js/no-disabled-tls')), false);
    assert.equal(isSecretRule(byId.get('python/no-shell-injection')), false);
    assert.equal(isSecretRule(undefined), true);
  });
});

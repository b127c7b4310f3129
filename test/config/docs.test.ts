import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../src/config';
import { builtinRules } from '../../src/rules';

describe('docs/config.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'config.md'), 'utf8');
  const examples = [...doc.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has examples', () => {
    assert.ok(examples.length >= 5, `found ${examples.length}`);
  });

  examples.forEach((example, i) => {
    it(`example ${i + 1} is a valid configuration`, () => {
      const result = parseConfig(example, '/work/project/.rampart.jsonc', builtinRules);
      assert.ok(result.ok, `${example}\n${JSON.stringify(!result.ok && result.problems)}`);
    });
  });
});

describe('docs/adopting.md', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'adopting.md'), 'utf8');
  const examples = [...doc.matchAll(/```jsonc\n([\s\S]*?)```/g)].map((m) => m[1]);

  it('has the configuration examples of each step', () => {
    assert.ok(examples.length >= 3, `found ${examples.length}`);
  });

  examples.forEach((example, i) => {
    it(`example ${i + 1} is a valid configuration`, () => {
      const result = parseConfig(example, '/work/project/.rampart.jsonc', builtinRules);
      assert.ok(result.ok, `${example}\n${JSON.stringify(!result.ok && result.problems)}`);
    });
  });
});

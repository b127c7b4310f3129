import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../../scripts/generated';
import { parseConfig } from '../../src/config';
import { builtinRules } from '../../src/rules';

describe('generated files', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (run \`npm run gen\` if this fails)`, () => {
      assert.equal(readFileSync(join(__dirname, '..', '..', path), 'utf8'), content);
    });
  }
});


describe('README', () => {
  it("the .rampart.jsonc example is a valid configuration", () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const block = /```jsonc\n(\{[\s\S]*?\n\})\n```/.exec(readme);
    assert.ok(block, 'README has no ```jsonc config example');
    const result = parseConfig(block[1], '/project/.rampart.jsonc', builtinRules);
    assert.deepEqual(result.ok ? [] : result.problems.map((p) => p.message), []);
  });
});

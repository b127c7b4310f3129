import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../../scripts/generated';
import { builtinRules } from '../../src/rules';

describe('generated files', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (run \`npm run gen\` if this fails)`, () => {
      assert.equal(readFileSync(join(__dirname, '..', '..', path), 'utf8'), content);
    });
  }
});

describe('README', () => {
  it('lists every rule', () => {
    const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
    const missing = builtinRules.filter((r) => !readme.includes(`docs/rules/${r.id}.md`)).map((r) => r.id);
    assert.deepEqual(missing, []);
  });
});

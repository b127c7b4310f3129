import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatedFiles } from '../../scripts/generated';

describe('generated files', () => {
  for (const [path, content] of Object.entries(generatedFiles())) {
    it(`${path} is up to date (run \`npm run gen\` if this fails)`, () => {
      assert.equal(readFileSync(join(__dirname, '..', '..', path), 'utf8'), content);
    });
  }
});


import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/require-pinned-container-image';
import { lint, ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
const job = (...rest: string[]): string => lines('on: push', 'jobs:', '  test:', '    runs-on: ubuntu-latest', ...rest, '    steps:', '      - run: make test');

ruleTester(rule, {
  valid: [
    { name: 'container pinned by digest', filename: WF, code: job(`    container: node:22@${DIGEST}`) },
    { name: 'service pinned by digest', filename: WF, code: job('    services:', '      db:', `        image: postgres@${DIGEST} # 17.2`) },
    { name: 'image from an expression (a matrix) is not judged', filename: WF, code: job('    container:', '      image: ${{ matrix.image }}') },
    { name: 'docker:// steps are require-pinned-action\'s', filename: WF, code: lines('on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: docker://alpine:3.20') },
  ],
  invalid: [
    {
      name: 'container as a string',
      filename: WF,
      code: job('    container: node:22'),
      errors: [{ messageId: 'unpinned', line: 5, column: 16, endLine: 5, endColumn: 23 }],
    },
    {
      name: 'container image and two services',
      filename: WF,
      code: job('    container:', '      image: ghcr.io/org/ci:latest', '      options: --cpus 2', '    services:', '      redis:', '        image: redis', '      db:', '        image: "postgres:17"'),
      errors: [
        { messageId: 'unpinned', line: 6, column: 14, endLine: 6, endColumn: 35 },
        { messageId: 'unpinned', line: 10, column: 16, endLine: 10, endColumn: 21 },
        { messageId: 'unpinned', line: 12, column: 16, endLine: 12, endColumn: 29 },
      ],
    },
  ],
});

describe('github-actions/require-pinned-container-image: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});

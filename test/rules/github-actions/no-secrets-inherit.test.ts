import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/no-secrets-inherit';
import { lint, ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/deploy.yml';
const lines = (...l: string[]): string => l.join('\n');
const SHA = '8e5e7e5ab8b370d6c329ec480221332ada57f0ab';
const call = (uses: string, ...rest: string[]): string => lines('on: push', 'jobs:', '  deploy:', `    uses: ${uses}`, ...rest);

ruleTester(rule, {
  valid: [
    { name: 'secrets passed by name', filename: WF, code: call(`octo-org/workflows/.github/workflows/deploy.yml@${SHA}`, '    secrets:', '      token: ${{ secrets.DEPLOY_TOKEN }}') },
    { name: 'no secrets at all', filename: WF, code: call('./.github/workflows/build.yml') },
    { name: 'a normal job with a secrets-like key in env', filename: WF, code: lines('on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    env:', '      secrets: inherit', '    steps:', '      - run: make') },
    { name: 'the word inherit as a secret value', filename: WF, code: call('./.github/workflows/build.yml', '    secrets:', '      mode: inherit') },
  ],
  invalid: [
    {
      name: 'a workflow of another repository',
      filename: WF,
      code: call(`octo-org/workflows/.github/workflows/deploy.yml@${SHA}`, '    secrets: inherit'),
      errors: [{ messageId: 'inherit', line: 5, column: 14, endLine: 5, endColumn: 21 }],
    },
    {
      name: 'a workflow of this repository (info)',
      filename: WF,
      code: call('./.github/workflows/release.yml', '    secrets: inherit', '    with:', '      version: 1'),
      errors: [{ messageId: 'inheritLocal', line: 5, column: 14, endLine: 5, endColumn: 21, severity: 'info' }],
    },
  ],
});

describe('github-actions/no-secrets-inherit: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});

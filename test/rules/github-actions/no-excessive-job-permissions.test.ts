import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/no-excessive-job-permissions';
import { lint, ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const JOB = (id: string, ...rest: string[]): string[] => [`  ${id}:`, '    runs-on: ubuntu-latest', ...rest, '    steps:', '      - run: make'];

ruleTester(rule, {
  valid: [
    { name: 'read at the top, write on the job that needs it', filename: WF, code: lines('on: push', 'permissions:', '  contents: read', 'jobs:', ...JOB('test'), ...JOB('release', '    permissions:', '      contents: write')) },
    { name: 'a single job: workflow and job level are the same', filename: WF, code: lines('on: push', 'permissions:', '  contents: write', 'jobs:', ...JOB('release')) },
    { name: 'every job sets its own permissions', filename: WF, code: lines('on: push', 'permissions:', '  id-token: write', 'jobs:', ...JOB('a', '    permissions: {}'), ...JOB('b', '    permissions:', '      id-token: write')) },
    { name: 'low-impact scopes (comments, labels) are not reported', filename: WF, code: lines('on: pull_request_target', 'permissions:', '  pull-requests: write', '  issues: write', 'jobs:', ...JOB('label'), ...JOB('greet')) },
    { name: 'a reusable workflow: its caller decides', filename: WF, code: lines('on: workflow_call', 'permissions:', '  contents: write', 'jobs:', ...JOB('a'), ...JOB('b')) },
    { name: 'id-token on a push workflow job', filename: WF, code: lines('on: push', 'jobs:', ...JOB('publish', '    permissions:', '      id-token: write')) },
    { name: 'pull_request_target among other triggers is left alone', filename: WF, code: lines('on: [push, pull_request_target]', 'jobs:', ...JOB('publish', '    permissions:', '      packages: write')) },
  ],
  invalid: [
    {
      name: 'contents and id-token for three jobs',
      filename: WF,
      code: lines('on: push', 'permissions:', '  contents: write', '  id-token: write', '  issues: write', 'jobs:', ...JOB('lint'), ...JOB('test'), ...JOB('deploy')),
      errors: [
        { messageId: 'workflowWrite', line: 3, column: 13, endLine: 3, endColumn: 18 },
        { messageId: 'workflowWrite', line: 4, column: 13, endLine: 4, endColumn: 18 },
      ],
    },
    {
      name: 'packages for two jobs that inherit it (a reusable-workflow call counts)',
      filename: WF,
      code: lines('on: push', 'permissions: { contents: read, packages: write }', 'jobs:', ...JOB('build'), '  publish:', '    uses: ./.github/workflows/publish.yml', ...JOB('docs', '    permissions:', '      contents: read')),
      errors: [{ messageId: 'workflowWrite', line: 2, column: 42, endLine: 2, endColumn: 47 }],
    },
    {
      name: 'id-token on a pull_request_target workflow, at job level',
      filename: WF,
      code: lines('on:', '  pull_request_target:', '    types: [opened]', 'jobs:', ...JOB('preview', '    permissions:', '      id-token: write', '      pull-requests: write')),
      errors: [{ messageId: 'forkEventWrite', line: 8, column: 17, endLine: 8, endColumn: 22 }],
    },
    {
      name: 'packages on a pull_request_target workflow, at the top',
      filename: WF,
      code: lines('on: pull_request_target', 'permissions:', '  packages: write', 'jobs:', ...JOB('publish-preview')),
      errors: [{ messageId: 'forkEventWrite', line: 3, column: 13, endLine: 3, endColumn: 18 }],
    },
  ],
});

describe('github-actions/no-excessive-job-permissions: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});

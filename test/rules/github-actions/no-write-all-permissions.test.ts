import rule from '../../../src/rules/github-actions/no-write-all-permissions';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const JOB = ['jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make'];

ruleTester(rule, {
  valid: [
    { name: 'read-only', filename: WF, code: lines('on: push', 'permissions:', '  contents: read', ...JOB) },
    { name: 'read-all', filename: WF, code: lines('on: push', 'permissions: read-all', ...JOB) },
    { name: 'job scopes', filename: WF, code: lines('on: push', 'permissions: {}', 'jobs:', '  release:', '    runs-on: ubuntu-latest', '    permissions:', '      contents: write', '    steps: []') },
  ],
  invalid: [
    {
      name: 'top-level write-all',
      filename: WF,
      code: lines('on: push', 'permissions: write-all', ...JOB),
      errors: [{ messageId: 'writeAll', line: 2, column: 14, endLine: 2, endColumn: 23, suggestions: [{ messageId: 'readOnly', output: lines('on: push', 'permissions: { contents: read }', ...JOB) }] }],
    },
    {
      name: 'job-level write-all',
      filename: WF,
      code: lines('on: push', 'jobs:', '  build:', '    permissions: write-all', '    runs-on: ubuntu-latest'),
      errors: [{ messageId: 'writeAll', line: 4, column: 18, endLine: 4, endColumn: 27, suggestions: [{ messageId: 'readOnly', output: lines('on: push', 'jobs:', '  build:', '    permissions: { contents: read }', '    runs-on: ubuntu-latest') }] }],
    },
  ],
});

import rule from '../../../src/rules/github-actions/require-permissions';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const JOBS = ['jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make'];

ruleTester(rule, {
  valid: [
    { name: 'top-level permissions', filename: WF, code: lines('on: push', 'permissions:', '  contents: read', ...JOBS) },
    { name: 'every job declares its own', filename: WF, code: lines('on: push', 'jobs:', '  build:', '    permissions:', '      contents: read', '    runs-on: ubuntu-latest') },
    { name: 'a job that is not a mapping is not a job', filename: WF, code: lines('on: push', 'jobs:', '  broken: 3') },
    { name: 'composite actions have no token of their own', filename: 'action.yml', code: lines('runs:', '  using: composite', '  steps:', '    - run: make', '      shell: bash') },
  ],
  invalid: [
    {
      name: 'no permissions anywhere',
      filename: WF,
      code: lines('on: push', ...JOBS),
      errors: [{ messageId: 'missing', line: 3, column: 3, endLine: 3, endColumn: 8, suggestions: [{ messageId: 'addReadOnly', output: lines('on: push', 'permissions:', '  contents: read', '', ...JOBS) }] }],
    },
    {
      name: 'one job of two without permissions',
      filename: WF,
      code: lines('on: push', 'jobs:', '  build:', '    permissions: read-all', '    runs-on: ubuntu-latest', '  deploy:', '    runs-on: ubuntu-latest'),
      errors: [{
        messageId: 'missing', line: 6, column: 3, endLine: 6, endColumn: 9,
        suggestions: [{ messageId: 'addReadOnly', output: lines('on: push', 'permissions:', '  contents: read', '', 'jobs:', '  build:', '    permissions: read-all', '    runs-on: ubuntu-latest', '  deploy:', '    runs-on: ubuntu-latest') }],
      }],
    },
  ],
});

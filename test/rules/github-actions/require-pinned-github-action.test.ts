import rule from '../../../src/rules/github-actions/require-pinned-github-action';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (...steps: string[]): string => lines('on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

ruleTester(rule, {
  valid: [
    { name: 'pinned to a SHA', filename: WF, code: wf(`      - uses: actions/checkout@${SHA} # v4.2.2`) },
    { name: 'third-party actions are left to require-pinned-action', filename: WF, code: wf('      - uses: codecov/codecov-action@v4') },
    { name: 'local action', filename: WF, code: wf('      - uses: ./.github/actions/setup') },
  ],
  invalid: [
    {
      name: 'actions/* and github/* at tags',
      filename: WF,
      code: wf('      - uses: actions/checkout@v4', '      - uses: github/codeql-action/init@v3'),
      errors: [
        { messageId: 'unpinned', line: 6, column: 15, endLine: 6, endColumn: 34 },
        { messageId: 'unpinned', line: 7, column: 15, endLine: 7, endColumn: 43 },
      ],
    },
    {
      name: 'in a composite action',
      filename: 'action.yml',
      code: lines('runs:', '  using: composite', '  steps:', '    - uses: actions/setup-node@main'),
      errors: [{ messageId: 'unpinned', line: 4, column: 13, endLine: 4, endColumn: 36 }],
    },
  ],
});

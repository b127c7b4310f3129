import rule from '../../../src/rules/github-actions/require-pinned-action';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (...steps: string[]): string => lines('on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';

ruleTester(rule, {
  valid: [
    { name: 'third-party action pinned to a SHA', filename: WF, code: wf(`      - uses: codecov/codecov-action@${SHA} # v4.5.0`) },
    { name: 'GitHub-owned actions are left to require-pinned-github-action', filename: WF, code: wf('      - uses: actions/checkout@v4', '      - uses: github/codeql-action/init@v3') },
    { name: 'local action', filename: WF, code: wf('      - uses: ./.github/actions/setup') },
    { name: 'docker image by digest', filename: WF, code: wf(`      - uses: docker://alpine@sha256:${'a'.repeat(64)}`) },
    { name: 'reusable workflow pinned', filename: WF, code: lines('on: push', 'jobs:', '  call:', `    uses: octo-org/workflows/.github/workflows/ci.yml@${SHA}`) },
    { name: 'composite action with a pinned step', filename: 'action.yml', code: lines('runs:', '  using: composite', '  steps:', `    - uses: pnpm/action-setup@${SHA}`) },
  ],
  invalid: [
    {
      name: 'tag and branch',
      filename: WF,
      code: wf('      - uses: codecov/codecov-action@v4', '      - uses: "pypa/gh-action-pypi-publish@release/v1"'),
      errors: [
        { messageId: 'unpinned', line: 6, column: 15, endLine: 6, endColumn: 40 },
        { messageId: 'unpinned', line: 7, column: 15, endLine: 7, endColumn: 55 },
      ],
    },
    {
      name: 'docker image by tag',
      filename: WF,
      code: wf('      - uses: docker://ghcr.io/owner/tool:1.2'),
      errors: [{ messageId: 'unpinnedImage', line: 6, column: 15, endLine: 6, endColumn: 46 }],
    },
    {
      name: 'reusable workflow at a tag',
      filename: WF,
      code: lines('on: push', 'jobs:', '  call:', '    uses: octo-org/workflows/.github/workflows/ci.yml@v2'),
      errors: [{ messageId: 'unpinned', line: 4, column: 11, endLine: 4, endColumn: 57 }],
    },
    {
      name: 'composite action step',
      filename: 'action.yml',
      code: lines('runs:', '  using: composite', '  steps:', '    - uses: pnpm/action-setup@v4'),
      errors: [{ messageId: 'unpinned', line: 4, column: 13, endLine: 4, endColumn: 33 }],
    },
  ],
});

import assert from 'node:assert/strict';
import rule from '../../../src/rules/github-actions/no-expression-injection';
import { ruleTester } from '../../lib/rule-tester';
import { lintWithDeadline } from '../../lib/timed-lint';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const job = (...steps: string[]): string => lines('on: issues', 'jobs:', '  triage:', '    runs-on: ubuntu-latest', '    steps:', ...steps);

ruleTester(rule, {
  valid: [
    { name: 'untrusted text through env, quoted', filename: WF, code: job('      - env:', '          TITLE: ${{ github.event.issue.title }}', '        run: echo "$TITLE"') },
    { name: 'trusted contexts', filename: WF, code: job('      - run: echo "${{ github.sha }} ${{ github.event.issue.number }} ${{ github.repository }}"') },
    { name: 'untrusted text in with: of an action', filename: WF, code: job('      - uses: actions/labeler@v5', '        with:', '          title: ${{ github.event.issue.title }}') },
    { name: 'github-script reading the payload', filename: WF, code: job('      - uses: actions/github-script@v7', '        with:', '          script: console.log(context.payload.issue.title)') },
    { name: 'the same text outside a workflow', filename: 'config/ci.yml', code: job('      - run: echo "${{ github.event.issue.title }}"') },
    { name: 'a composite action using inputs', filename: 'action.yml', code: lines('runs:', '  using: composite', '  steps:', '    - run: echo "$NAME"', '      shell: bash', '      env:', '        NAME: ${{ github.event.pull_request.title }}') },
  ],
  invalid: [
    {
      name: 'issue title in a plain run, env created',
      filename: WF,
      code: job('      - run: echo "${{ github.event.issue.title }}"'),
      errors: [{
        messageId: 'injection', line: 6, column: 20, endLine: 6, endColumn: 51,
        suggestions: [{ messageId: 'moveToEnv', output: job('      - env:', '          ISSUE_TITLE: ${{ github.event.issue.title }}', '        run: echo "${ISSUE_TITLE}"') }],
      }],
    },
    {
      name: 'head_ref in a block script, added to an existing env',
      filename: WF,
      code: job('      - name: Build', '        env:', '          CI: true', '        run: |', '          git checkout ${{ github.head_ref }}'),
      errors: [{
        messageId: 'injection', line: 10, column: 24, endLine: 10, endColumn: 46,
        suggestions: [{ messageId: 'moveToEnv', output: job('      - name: Build', '        env:', '          CI: true', '          HEAD_REF: ${{ github.head_ref }}', '        run: |', '          git checkout "$HEAD_REF"') }],
      }],
    },
    {
      name: 'inside single quotes: reported without a suggestion',
      filename: WF,
      code: job("      - run: echo '${{ github.event.comment.body }}'"),
      errors: [{ messageId: 'injection', line: 6, column: 20, endLine: 6, endColumn: 52 }],
    },
    {
      name: 'github-script code',
      filename: WF,
      code: job('      - uses: actions/github-script@v7', '        with:', '          script: |', '            const body = `${{ github.event.pull_request.body }}`'),
      errors: [{ messageId: 'injection', line: 9, column: 27, endLine: 9, endColumn: 64 }],
    },
    {
      name: 'a Windows runner (PowerShell default): no suggestion',
      filename: WF,
      code: lines('on: pull_request', 'jobs:', '  lint:', '    runs-on: windows-latest', '    steps:', '      - run: echo "${{ github.event.pull_request.head.ref }}"'),
      errors: [{ messageId: 'injection', line: 6, column: 20, endLine: 6, endColumn: 61 }],
    },
  ],
});

describe('github-actions/no-expression-injection: hostile input', () => {
  // Before the fix every unclosed `${{` scanned to the end of the script (quadratic): this workflow took about 20 s.
  it('a 246 KB script of unclosed ${{ is analysed in linear time', async function () {
    this.timeout(30_000);
    const code = job('      - run: |', '          echo "${{ github.event.issue.title }}"', `          echo ${'${{ '.repeat(61_500)}`);
    assert.ok(code.length > 246_000);
    const { findings, ms } = await lintWithDeadline(rule.id, code, WF, 10_000);
    assert.deepEqual(findings, ['7:17 injection']);
    assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  });

  it('in nested ${{ the innermost expression is reported; a `$` or a single `}` does not end one', async () => {
    const code = job(`      - run: echo \${{ \${{ github.event.issue.title }} "\${{ format('{0}$}', github.head_ref) }}"`);
    const { findings } = await lintWithDeadline(rule.id, code, WF, 10_000);
    assert.deepEqual(findings, ['6:23 injection', '6:56 injection']);
  });
});

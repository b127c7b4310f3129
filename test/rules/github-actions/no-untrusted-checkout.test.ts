import assert from 'node:assert/strict';
import rule from '../../../src/rules/github-actions/no-untrusted-checkout';
import { lint, ruleTester } from '../../lib/rule-tester';
import { lintWithDeadline } from '../../lib/timed-lint';

const WF = '.github/workflows/pr.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (on: string, ...steps: string[]): string => lines(`on: ${on}`, 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const CHECKOUT_HEAD = ['      - uses: actions/checkout@v4', '        with:', '          ref: ${{ github.event.pull_request.head.sha }}'];

ruleTester(rule, {
  valid: [
    { name: 'pull_request (no secrets for forks)', filename: WF, code: wf('pull_request', ...CHECKOUT_HEAD, '      - run: npm test') },
    { name: 'pull_request_target checking out the base', filename: WF, code: wf('pull_request_target', '      - uses: actions/checkout@v4', '      - run: npm ci') },
    { name: 'head checked out but only labelled, nothing executed', filename: WF, code: wf('pull_request_target', ...CHECKOUT_HEAD, '      - run: git diff --stat HEAD~1', '      - uses: actions/labeler@v5') },
    { name: 'steps before the checkout do not count', filename: WF, code: wf('[pull_request_target]', '      - run: npm ci', ...CHECKOUT_HEAD) },
    { name: 'a push workflow', filename: WF, code: wf('push', ...CHECKOUT_HEAD, '      - run: make') },
  ],
  invalid: [
    {
      name: 'pull_request_target, head sha, npm install',
      filename: WF,
      code: wf('pull_request_target', ...CHECKOUT_HEAD, '      - run: npm install && npm test'),
      errors: [{ messageId: 'untrustedCheckout', line: 8, column: 16, endLine: 8, endColumn: 57, related: 1 }],
    },
    {
      name: 'workflow_run, refs/pull merge ref, local action',
      filename: WF,
      code: wf('{ workflow_run: { workflows: [CI], types: [completed] } }', '      - uses: actions/checkout@v4', '        with:', "          ref: 'refs/pull/${{ github.event.workflow_run.pull_requests[0].number }}/merge'", '      - uses: ./.github/actions/report'),
      errors: [{ messageId: 'untrustedCheckout', line: 8, column: 16, endLine: 8, endColumn: 90, related: 1 }],
    },
    {
      name: 'head_ref and a local script',
      filename: WF,
      code: wf('pull_request_target', '      - uses: actions/checkout@v4', '        with:', '          ref: ${{ github.head_ref }}', '      - run: |', '          ./scripts/build.sh'),
      errors: [{ messageId: 'untrustedCheckout', line: 8, column: 16, endLine: 8, endColumn: 38, related: 1 }],
    },
  ],
});

describe('github-actions/no-untrusted-checkout: messages and hostile input', () => {
  it('messages show a ${{ }} ref without its braces', () => {
    const [finding] = lint(rule, wf('pull_request_target', ...CHECKOUT_HEAD, '      - run: npm install'), WF);
    assert.match(finding.message, /\(github\.event\.pull_request\.head\.sha\)/);
    assert.doesNotMatch(finding.message, /\$\{\{/);
  });

  // Before the fix, stripping the braces from a ref of many unclosed `${{` and spaces was cubic.
  it('a ref of 100 KB of unclosed ${{ and whitespace is described in linear time', async function () {
    this.timeout(30_000);
    const ref = `\${{ github.head_ref }}${'${{ \t'.repeat(20_000)}x`;
    const code = wf('pull_request_target', '      - uses: actions/checkout@v4', '        with:', `          ref: ${ref}`, '      - run: npm install');
    const { findings, ms } = await lintWithDeadline(rule.id, code, WF, 10_000);
    assert.deepEqual(findings, ['8:16 untrustedCheckout']);
    assert.ok(ms < 2_000, `took ${Math.round(ms)} ms`);
  });
});

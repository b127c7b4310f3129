import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/no-dangerous-triggers';
import untrustedCheckout from '../../../src/rules/github-actions/no-untrusted-checkout';
import { lint, ruleTester } from '../../lib/rule-tester';
import { lintWithDeadline } from '../../lib/timed-lint';

const WF = '.github/workflows/pr.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (on: string, ...steps: string[]): string => lines(`on: ${on}`, 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const CHECKOUT_HEAD = ['      - uses: actions/checkout@v4', '        with:', '          ref: ${{ github.event.pull_request.head.sha }}'];
const DOWNLOAD_RUN = ['      - uses: actions/download-artifact@v4', '        with:', '          run-id: ${{ github.event.workflow_run.id }}', '          github-token: ${{ github.token }}'];

ruleTester(rule, {
  valid: [
    { name: 'pull_request runs without secrets for forks', filename: WF, code: wf('pull_request', ...CHECKOUT_HEAD, '      - uses: pre-commit/action@v3.0.1') },
    { name: 'pull_request_target with the base checked out', filename: WF, code: wf('pull_request_target', '      - uses: actions/checkout@v4', '      - uses: pre-commit/action@v3.0.1') },
    { name: 'the head checked out into its own folder', filename: WF, code: wf('pull_request_target', ...CHECKOUT_HEAD, '          path: pr', '      - uses: pre-commit/action@v3.0.1') },
    { name: 'a run step executes it: no-untrusted-checkout reports that', filename: WF, code: wf('pull_request_target', ...CHECKOUT_HEAD, '      - run: npm ci', '      - uses: bahmutov/npm-install@v1') },
    { name: 'the head checked out and only labelled', filename: WF, code: wf('pull_request_target', ...CHECKOUT_HEAD, '      - uses: actions/labeler@v5') },
    { name: 'workflow_run artifact downloaded into its own folder', filename: WF, code: wf('workflow_run', ...DOWNLOAD_RUN, '          path: pr-artifact', '      - run: npm ci') },
    { name: 'workflow_run artifact treated as data', filename: WF, code: wf('workflow_run', ...DOWNLOAD_RUN, '      - run: cat pr-number.txt') },
    { name: 'an artifact of the same run on push', filename: WF, code: wf('push', '      - uses: actions/download-artifact@v4', '      - run: npm ci') },
  ],
  invalid: [
    {
      name: 'pull_request_target, head checked out, pre-commit hooks',
      filename: WF,
      code: wf('pull_request_target', ...CHECKOUT_HEAD, '      - uses: pre-commit/action@v3.0.1'),
      errors: [{ messageId: 'executingAction', line: 8, column: 16, endLine: 8, endColumn: 57, related: 2 }],
    },
    {
      name: 'workflow_run, head branch checked out, setup-ruby bundler-cache',
      filename: WF,
      code: wf(
        '{ workflow_run: { workflows: [CI], types: [completed] } }',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          ref: ${{ github.event.workflow_run.head_branch }}',
        '      - uses: ruby/setup-ruby@v1',
        '        with:',
        '          bundler-cache: true',
      ),
      errors: [{ messageId: 'executingAction', line: 8, column: 16, endLine: 8, endColumn: 60, related: 2 }],
    },
    {
      name: 'workflow_run artifact extracted into the workspace, then npm ci',
      filename: WF,
      code: wf('workflow_run', ...DOWNLOAD_RUN, '      - run: npm ci && npm run report'),
      errors: [{ messageId: 'poisonedArtifact', line: 6, column: 15, endLine: 6, endColumn: 43, related: 1 }],
    },
    {
      name: 'dawidd6/action-download-artifact into the workspace root, then a local action',
      filename: WF,
      code: wf('workflow_run', '      - uses: dawidd6/action-download-artifact@v6', '        with:', '          run_id: ${{ github.event.workflow_run.id }}', '          path: .', '      - uses: ./.github/actions/comment'),
      errors: [{ messageId: 'poisonedArtifact', line: 6, column: 15, endLine: 6, endColumn: 50, related: 1 }],
    },
  ],
});

describe('github-actions/no-dangerous-triggers and no-untrusted-checkout', () => {
  it('never report the same checkout', () => {
    const both = wf('pull_request_target', ...CHECKOUT_HEAD, '      - run: make', '      - uses: pre-commit/action@v3.0.1');
    assert.equal(lint(untrustedCheckout, both, WF).length, 1);
    assert.equal(lint(rule, both, WF).length, 0);
    const actionOnly = wf('pull_request_target', ...CHECKOUT_HEAD, '      - uses: pre-commit/action@v3.0.1');
    assert.equal(lint(untrustedCheckout, actionOnly, WF).length, 0);
    assert.equal(lint(rule, actionOnly, WF).length, 1);
  });

  it('messages show a ${{ }} command without its braces', () => {
    const [finding] = lint(rule, wf('workflow_run', ...DOWNLOAD_RUN, '      - run: node report.js ${{ github.event.workflow_run.id }}'), WF);
    assert.match(finding.message, /node report\.js github\.event\.workflow_run\.id/);
  });
});

describe('github-actions/no-dangerous-triggers: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});

describe('github-actions/no-dangerous-triggers: hostile input', () => {
  it('a job of 2,000 head checkouts before one executing action is checked in linear time', async function () {
    this.timeout(30_000);
    const checkouts = Array.from({ length: 2_000 }, () => CHECKOUT_HEAD).flat();
    const { findings, ms } = await lintWithDeadline(rule.id, wf('pull_request_target', ...checkouts, '      - uses: pre-commit/action@v3.0.1'), WF, 10_000);
    assert.equal(findings.length, 2_000);
    assert.ok(ms < 3_000, `took ${Math.round(ms)} ms`);
  });
});

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/no-persisted-checkout-credentials';
import { lint, ruleTester } from '../../lib/rule-tester';
import { lintWithDeadline } from '../../lib/timed-lint';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (...steps: string[]): string => lines('on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const SHA = '6f51ac03b9356f520e9adb1b1b7802705f340c2b';
const UPLOAD_ALL = ['      - uses: actions/upload-artifact@v4', '        with:', '          path: .', '          include-hidden-files: true'];

ruleTester(rule, {
  valid: [
    { name: 'persist-credentials: false', filename: WF, code: wf('      - uses: actions/checkout@v4', '        with:', '          persist-credentials: false', ...UPLOAD_ALL) },
    { name: 'upload-artifact v4 leaves hidden files out by default', filename: WF, code: wf('      - uses: actions/checkout@v4', '      - uses: actions/upload-artifact@v4', '        with:', '          path: .') },
    { name: 'only the build output is uploaded', filename: WF, code: wf('      - uses: actions/checkout@v4', '      - uses: actions/upload-artifact@v2', '        with:', '          path: dist/', '          include-hidden-files: true') },
    { name: '.git is excluded', filename: WF, code: wf('      - uses: actions/checkout@v4', '      - uses: actions/upload-artifact@v4', '        with:', '          path: |', '            .', '            !.git', '          include-hidden-files: true') },
    { name: 'SHA pin without a version comment: the version is unknown', filename: WF, code: wf('      - uses: actions/checkout@v4', `      - uses: actions/upload-artifact@${SHA}`, '        with:', '          path: .') },
    { name: 'the upload comes before the checkout', filename: WF, code: wf(...UPLOAD_ALL, '      - uses: actions/checkout@v4') },
    { name: 'persist-credentials from an expression is not judged', filename: WF, code: wf('      - uses: actions/checkout@v4', '        with:', '          persist-credentials: ${{ inputs.push }}', ...UPLOAD_ALL) },
    {
      name: 'checkout and upload in different jobs',
      filename: WF,
      code: lines('on: push', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - uses: actions/checkout@v4', '  b:', '    runs-on: ubuntu-latest', '    steps:', ...UPLOAD_ALL),
    },
  ],
  invalid: [
    {
      name: 'include-hidden-files: true, no with: on the checkout',
      filename: WF,
      code: wf('      - uses: actions/checkout@v4 # v4.2.2', ...UPLOAD_ALL),
      errors: [
        {
          messageId: 'persisted',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 34,
          related: 1,
          suggestions: [{ messageId: 'disable', output: wf('      - uses: actions/checkout@v4 # v4.2.2', '        with:', '          persist-credentials: false', ...UPLOAD_ALL) }],
        },
      ],
    },
    {
      name: 'an existing with: block gets the input first',
      filename: WF,
      code: wf('      - name: Checkout', '        uses: actions/checkout@v4', '        with:', '          fetch-depth: 0', ...UPLOAD_ALL),
      errors: [
        {
          messageId: 'persisted',
          line: 7,
          column: 15,
          endLine: 7,
          endColumn: 34,
          related: 1,
          suggestions: [{ messageId: 'disable', output: wf('      - name: Checkout', '        uses: actions/checkout@v4', '        with:', '          persist-credentials: false', '          fetch-depth: 0', ...UPLOAD_ALL) }],
        },
      ],
    },
    {
      name: 'persist-credentials: true and an upload-artifact that predates the hidden-file exclusion',
      filename: WF,
      code: wf('      - uses: actions/checkout@v4', '        with:', '          persist-credentials: true', `      - uses: actions/upload-artifact@${SHA} # v4.3.1`, '        with:', '          path: ${{ github.workspace }}'),
      errors: [
        {
          messageId: 'persisted',
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 34,
          related: 1,
          suggestions: [{ messageId: 'disable', output: wf('      - uses: actions/checkout@v4', '        with:', '          persist-credentials: false', `      - uses: actions/upload-artifact@${SHA} # v4.3.1`, '        with:', '          path: ${{ github.workspace }}') }],
        },
      ],
    },
    {
      name: 'composite action, upload-artifact@v2, flow-style checkout (no suggestion)',
      filename: 'action.yml',
      code: lines('runs:', '  using: composite', '  steps:', '    - { uses: actions/checkout@v4 }', '    - uses: actions/upload-artifact@v2', '      with:', '        path: ./'),
      errors: [{ messageId: 'persisted', line: 4, column: 15, endLine: 4, endColumn: 34, related: 1 }],
    },
  ],
});

describe('github-actions/no-persisted-checkout-credentials: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});

describe('github-actions/no-persisted-checkout-credentials: hostile input', () => {
  it('a job of 4,000 checkouts before one upload is checked in linear time', async function () {
    this.timeout(30_000);
    const checkouts = Array.from({ length: 4_000 }, () => '      - uses: actions/checkout@v4');
    const { findings, ms } = await lintWithDeadline(rule.id, wf(...checkouts, ...UPLOAD_ALL), WF, 10_000);
    assert.equal(findings.length, 4_000);
    assert.ok(ms < 3_000, `took ${Math.round(ms)} ms`);
  });
});

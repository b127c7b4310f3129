import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../../src/rules/github-actions/no-compromised-action';
import { lint, ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (...steps: string[]): string => lines('on: push', 'jobs:', '  build:', '    runs-on: ubuntu-latest', '    steps:', ...steps);
const TJ_MALICIOUS = '0e58ed8671d6b60d0890c21b07f8835ace038e67';
const REVIEWDOG_MALICIOUS = 'f0d342d24037bb11d26b9bd8496e0808ba32e9ec';
/** Any other commit: a SHA pin was never moved. */
const OTHER_SHA = '0123456789abcdef0123456789abcdef01234567';

ruleTester(rule, {
  valid: [
    { name: 'changed-files at the fixed release', filename: WF, code: wf('      - uses: tj-actions/changed-files@v46.0.1') },
    { name: 'changed-files pinned to another commit (a SHA pin was never moved)', filename: WF, code: wf(`      - uses: tj-actions/changed-files@${OTHER_SHA} # v45.0.7`) },
    { name: 'reviewdog/action-setup@v1 was restored; pinning is require-pinned-action\'s', filename: WF, code: wf('      - uses: reviewdog/action-setup@v1') },
    { name: 'another action at the malicious SHA string', filename: WF, code: wf(`      - uses: octo-org/changed-files@${TJ_MALICIOUS}`) },
    { name: 'changed-files at a branch', filename: WF, code: wf('      - uses: tj-actions/changed-files@main') },
  ],
  invalid: [
    {
      name: 'the malicious tj-actions commit',
      filename: WF,
      code: wf(`      - uses: tj-actions/changed-files@${TJ_MALICIOUS}`),
      errors: [{ messageId: 'maliciousCommit', line: 6, column: 15, endLine: 6, endColumn: 80 }],
    },
    {
      name: 'the malicious reviewdog commit in a composite action',
      filename: 'action.yml',
      code: lines('runs:', '  using: composite', '  steps:', `    - uses: reviewdog/action-setup@${REVIEWDOG_MALICIOUS}`),
      errors: [{ messageId: 'maliciousCommit', line: 4, column: 13, endLine: 4, endColumn: 76 }],
    },
    {
      name: 'changed-files tags the advisory lists (warning)',
      filename: WF,
      code: wf('      - uses: tj-actions/changed-files@v45', '      - uses: "tj-actions/changed-files@v35.7.7"', '      - uses: tj-actions/changed-files@45.0.7'),
      errors: [
        { messageId: 'affectedVersion', line: 6, column: 15, endLine: 6, endColumn: 43, severity: 'warning' },
        { messageId: 'affectedVersion', line: 7, column: 15, endLine: 7, endColumn: 49, severity: 'warning' },
        { messageId: 'affectedVersion', line: 8, column: 15, endLine: 8, endColumn: 46, severity: 'warning' },
      ],
    },
  ],
});

describe('github-actions/no-compromised-action: messages', () => {
  it('name the advisory and where to read it', () => {
    const [finding] = lint(rule, wf(`      - uses: tj-actions/changed-files@${TJ_MALICIOUS}`), WF);
    assert.match(finding.message, /CVE-2025-30066/);
    assert.match(finding.message, /https:\/\/github\.com\/advisories\/GHSA-mrrh-fwg8-r2c3/);
  });
});

describe('github-actions/no-compromised-action: the fixture workflows that predate it', () => {
  const fixtures = join(__dirname, '..', '..', 'fixtures', 'github-actions');
  for (const file of ['.github/workflows/hardened.yml', '.github/workflows/deploy-secrets.yml', '.github/workflows/no-permissions.yml', '.github/workflows/pr-target-vulnerable.yml', 'action.yml']) {
    it(`reports nothing in ${file}`, () => {
      const findings = lint(rule, readFileSync(join(fixtures, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.start.line}: ${f.message}`), []);
    });
  }
});

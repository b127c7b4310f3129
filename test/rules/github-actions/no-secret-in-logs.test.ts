import rule from '../../../src/rules/github-actions/no-secret-in-logs';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/deploy.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (...run: string[]): string => lines('on: push', 'jobs:', '  deploy:', '    runs-on: ubuntu-latest', '    steps:', '      - run: |', ...run.map((r) => `          ${r}`));

ruleTester(rule, {
  valid: [
    { name: 'written to a file', filename: WF, code: wf('echo "${{ secrets.DEPLOY_KEY }}" > key.pem') },
    { name: 'piped into a consumer', filename: WF, code: wf('echo "${{ secrets.REGISTRY_TOKEN }}" | docker login ghcr.io -u bot --password-stdin') },
    { name: 'decoded into a file', filename: WF, code: wf('echo "${{ secrets.CERT_B64 }}" | base64 -d > cert.p12') },
    { name: 'used as an argument, not printed', filename: WF, code: wf('curl -H "Authorization: Bearer ${{ secrets.API_TOKEN }}" https://example.com') },
    { name: 'printing its length', filename: WF, code: wf('echo "token set: ${{ secrets.API_TOKEN != \'\' }}"') },
  ],
  invalid: [
    {
      name: 'echoed to the log',
      filename: WF,
      code: wf('echo "Deploying with ${{ secrets.API_TOKEN }}"'),
      errors: [{ messageId: 'printed', line: 7, column: 32, endLine: 7, endColumn: 56 }],
    },
    {
      name: 're-encoded, so not masked',
      filename: WF,
      code: wf('make build', 'echo ${{ secrets.NPM_TOKEN }} | base64'),
      errors: [{ messageId: 'transformed', line: 8, column: 16, endLine: 8, endColumn: 40 }],
    },
    {
      name: 'printed to stderr',
      filename: WF,
      code: wf('printf "%s\\n" "${{secrets.PASSWORD}}" >&2'),
      errors: [{ messageId: 'printed', line: 7, column: 26, endLine: 7, endColumn: 47 }],
    },
  ],
});

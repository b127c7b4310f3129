import rule from '../../../src/rules/github-actions/no-self-hosted-on-public-pr';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (on: string, runsOn: string): string => lines(`on: ${on}`, 'jobs:', '  test:', `    runs-on: ${runsOn}`, '    steps:', '      - run: make test');

ruleTester(rule, {
  valid: [
    { name: 'GitHub-hosted runner on pull_request', filename: WF, code: wf('pull_request', 'ubuntu-latest') },
    { name: 'self-hosted on push only', filename: WF, code: wf('[push, workflow_dispatch]', 'self-hosted') },
    { name: 'a label that only contains the word', filename: WF, code: wf('pull_request', '[not-self-hosted-pool]') },
  ],
  invalid: [
    {
      name: 'self-hosted on pull_request',
      filename: WF,
      code: wf('pull_request', 'self-hosted'),
      errors: [{ messageId: 'selfHosted', line: 4, column: 14, endLine: 4, endColumn: 25 }],
    },
    {
      name: 'labels list on pull_request_target (map trigger)',
      filename: WF,
      code: wf('{ pull_request_target: { types: [opened] } }', '[self-hosted, linux, gpu]'),
      errors: [{ messageId: 'selfHosted', line: 4, column: 15, endLine: 4, endColumn: 26 }],
    },
    {
      name: 'group with labels',
      filename: WF,
      code: lines('on: [pull_request]', 'jobs:', '  test:', '    runs-on:', '      group: ci', '      labels: [self-hosted]'),
      errors: [{ messageId: 'selfHosted', line: 6, column: 16, endLine: 6, endColumn: 27 }],
    },
  ],
});

import rule from '../../../src/rules/github-actions/no-insecure-commands';
import { ruleTester } from '../../lib/rule-tester';

const WF = '.github/workflows/ci.yml';
const lines = (...l: string[]): string => l.join('\n');
const wf = (...rest: string[]): string => lines('on: push', ...rest);

ruleTester(rule, {
  valid: [
    { name: 'set to false', filename: WF, code: wf('env:', '  ACTIONS_ALLOW_UNSECURE_COMMANDS: false', 'jobs: {}') },
    { name: 'GITHUB_ENV used for variables', filename: WF, code: wf('jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo "FOO=bar" >> "$GITHUB_ENV"') },
    { name: 'outside a workflow', filename: 'deploy/values.yml', code: lines('env:', '  ACTIONS_ALLOW_UNSECURE_COMMANDS: true') },
  ],
  invalid: [
    {
      name: 'workflow env and step env',
      filename: WF,
      code: wf('env:', '  ACTIONS_ALLOW_UNSECURE_COMMANDS: true', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make', '        env:', "          ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true'"),
      errors: [
        { messageId: 'unsecureCommands', line: 3, column: 36, endLine: 3, endColumn: 40 },
        { messageId: 'unsecureCommands', line: 10, column: 44, endLine: 10, endColumn: 50 },
      ],
      output: wf('env:', '  ACTIONS_ALLOW_UNSECURE_COMMANDS: false', 'jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: make', '        env:', '          ACTIONS_ALLOW_UNSECURE_COMMANDS: false'),
    },
    {
      name: 'written to GITHUB_ENV',
      filename: WF,
      code: wf('jobs:', '  a:', '    runs-on: ubuntu-latest', '    steps:', '      - run: echo "ACTIONS_ALLOW_UNSECURE_COMMANDS=true" >> $GITHUB_ENV'),
      errors: [{ messageId: 'unsecureCommands', line: 6, column: 20, endLine: 6, endColumn: 56 }],
    },
  ],
});

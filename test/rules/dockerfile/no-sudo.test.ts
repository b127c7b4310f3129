import rule from '../../../src/rules/dockerfile/no-sudo';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM debian:12\nUSER root\nRUN apt-get update && apt-get install -y curl\nUSER app' },
    { filename: D, name: 'installing the sudo package', code: 'FROM debian:12\nRUN apt-get install -y sudo' },
    { filename: D, name: 'sudoers file', code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app' },
    { filename: D, name: 'not a RUN', code: 'FROM debian:12\nLABEL note="sudo make me a sandwich"' },
  ],
  invalid: [
    {
      filename: D,
      code: 'FROM debian:12\nRUN sudo apt-get update',
      errors: [{ messageId: 'sudo', line: 2, column: 5, endLine: 2, endColumn: 9, suggestions: [{ messageId: 'removeSudo', output: 'FROM debian:12\nRUN apt-get update' }] }],
    },
    {
      filename: D,
      name: 'after && and with -E',
      code: 'FROM debian:12\nRUN make && sudo -E make install',
      errors: [{ messageId: 'sudo', line: 2, column: 13, endLine: 2, endColumn: 17, suggestions: [{ messageId: 'removeSudo', output: 'FROM debian:12\nRUN make && make install' }] }],
    },
    { filename: D, name: 'sudo -u: no suggestion', code: 'FROM debian:12\nRUN sudo -u app make', errors: [{ messageId: 'sudo', line: 2, column: 5, endLine: 2, endColumn: 9 }] },
  ],
});

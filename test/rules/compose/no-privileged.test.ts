import rule from '../../../src/rules/compose/no-privileged';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE]' },
    { filename: C, name: 'privileged false', code: 'services:\n  web:\n    image: nginx:1.27\n    privileged: false' },
    { name: 'not a compose file', code: 'services:\n  web:\n    privileged: true', filename: 'config.yml' },
  ],
  invalid: [
    {
      filename: C,
      code: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: true',
      errors: [{ messageId: 'privileged', line: 4, column: 5, endLine: 4, endColumn: 21, suggestions: [{ messageId: 'setFalse', output: 'services:\n  dind:\n    image: docker:27-dind\n    privileged: false' }] }],
    },
    {
      filename: 'compose.yaml',
      name: 'cap_add ALL and SYS_ADMIN',
      code: 'services:\n  vpn:\n    image: vpn:1\n    cap_add:\n      - NET_ADMIN\n      - SYS_ADMIN\n      - "ALL"',
      errors: [
        { messageId: 'capability', line: 6, column: 9, endLine: 6, endColumn: 18 },
        { messageId: 'capability', line: 7, column: 9, endLine: 7, endColumn: 14 },
      ],
    },
  ],
});

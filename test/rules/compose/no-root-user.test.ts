import rule from '../../../src/rules/compose/no-root-user';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    user: "101:101"' },
    { filename: C, name: 'no user: the image decides (dockerfile/require-non-root-user)', code: 'services:\n  web:\n    image: nginx:1.27' },
    { filename: C, name: 'a named user, and a variable', code: 'services:\n  a:\n    image: node:22\n    user: node\n  b:\n    image: app:1\n    user: ${UID}:${GID}' },
    { filename: C, name: 'root group only', code: 'services:\n  web:\n    image: app:1\n    user: "1000:0"' },
    { name: 'not a compose file', filename: 'ansible.yml', code: 'services:\n  web:\n    user: root' },
  ],
  invalid: [
    { filename: C, code: 'services:\n  web:\n    image: node:22\n    user: root', errors: [{ messageId: 'rootUser', line: 4, column: 5, endLine: 4, endColumn: 15 }] },
    { filename: C, name: 'uid 0 with a group, quoted', code: 'services:\n  web:\n    image: app:1\n    user: "0:0"', errors: [{ messageId: 'rootUser', line: 4, column: 5, endLine: 4, endColumn: 16 }] },
    {
      filename: 'compose.yaml',
      name: 'through a merge key: reported where each service uses it',
      code: 'x-root: &root\n  user: "0"\nservices:\n  a:\n    <<: *root\n    image: a:1\n  b:\n    image: b:1\n    <<: *root',
      errors: [
        { messageId: 'rootUser', line: 5, column: 9, endLine: 5, endColumn: 14 },
        { messageId: 'rootUser', line: 9, column: 9, endLine: 9, endColumn: 14 },
      ],
    },
  ],
});

import rule from '../../../src/rules/compose/no-disabled-security-profile';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - no-new-privileges:true\n      - seccomp:./seccomp/web.json' },
    { filename: C, name: 'no-new-privileges without a value means true', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt: [no-new-privileges]' },
    { filename: C, name: 'a named AppArmor profile', code: 'services:\n  web:\n    image: nginx:1.27\n    security_opt:\n      - apparmor=docker-nginx\n      - label=type:svirt_apache_t' },
    { name: 'not a compose file', filename: 'settings.yml', code: 'services:\n  web:\n    security_opt: [seccomp:unconfined]' },
  ],
  invalid: [
    {
      filename: C,
      code: 'services:\n  debug:\n    image: app:1\n    security_opt:\n      - seccomp:unconfined\n      - "apparmor=unconfined"',
      errors: [
        { messageId: 'unconfined', line: 5, column: 9, endLine: 5, endColumn: 27 },
        { messageId: 'unconfined', line: 6, column: 9, endLine: 6, endColumn: 30 },
      ],
    },
    {
      filename: 'compose.yml',
      name: 'SELinux labels and masked paths turned off',
      code: 'services:\n  app:\n    image: app:1\n    security_opt: [label:disable, systempaths=unconfined]',
      errors: [
        { messageId: 'unconfined', line: 4, column: 20, endLine: 4, endColumn: 33 },
        { messageId: 'unconfined', line: 4, column: 35, endLine: 4, endColumn: 57 },
      ],
    },
    {
      filename: C,
      name: 'no-new-privileges:false, with a suggestion',
      code: 'services:\n  app:\n    image: app:1\n    security_opt:\n      - "no-new-privileges:false"',
      errors: [{
        messageId: 'newPrivileges', line: 5, column: 9, endLine: 5, endColumn: 34,
        suggestions: [{ messageId: 'allowNone', output: 'services:\n  app:\n    image: app:1\n    security_opt:\n      - "no-new-privileges:true"' }],
      }],
    },
  ],
});

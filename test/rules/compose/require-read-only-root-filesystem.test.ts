import rule from '../../../src/rules/compose/require-read-only-root-filesystem';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: true\n    tmpfs:\n      - /tmp\n      - /var/cache/nginx' },
    { filename: C, name: 'through a merge key', code: 'x-hardened: &hardened\n  read_only: true\nservices:\n  web:\n    <<: *hardened\n    image: nginx:1.27' },
    { filename: C, name: 'extends another service', code: 'services:\n  web:\n    extends:\n      file: common.yml\n      service: web' },
    { filename: C, name: 'chosen at run time', code: 'services:\n  web:\n    image: nginx:1.27\n    read_only: ${READ_ONLY:-true}' },
    { name: 'not a compose file', filename: 'config.yml', code: 'services:\n  web:\n    image: nginx:1.27' },
  ],
  invalid: [
    {
      filename: C,
      code: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]',
      errors: [{
        messageId: 'missing', line: 2, column: 3, endLine: 2, endColumn: 6,
        suggestions: [{ messageId: 'setTrue', output: 'services:\n  web:\n    read_only: true\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]' }],
      }],
    },
    {
      filename: C,
      name: 'explicitly writable',
      code: 'services:\n  api:\n    image: api:1\n    read_only: false',
      errors: [{
        messageId: 'writable', line: 4, column: 5, endLine: 4, endColumn: 21,
        suggestions: [{ messageId: 'setTrue', output: 'services:\n  api:\n    image: api:1\n    read_only: true' }],
      }],
    },
    {
      filename: 'compose.yaml',
      name: 'flow mapping: no suggestion',
      code: 'services:\n  api: {image: api:1}',
      errors: [{ messageId: 'missing', line: 2, column: 3, endLine: 2, endColumn: 6 }],
    },
  ],
});

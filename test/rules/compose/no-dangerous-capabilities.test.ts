import rule from '../../../src/rules/compose/no-dangerous-capabilities';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [ALL]\n    cap_add: [NET_BIND_SERVICE, CHOWN]' },
    { filename: C, name: 'reported by compose/no-privileged', code: 'services:\n  dind:\n    image: docker:27-dind\n    cap_add: [SYS_ADMIN, ALL]' },
    { filename: C, name: 'dropping is fine', code: 'services:\n  web:\n    image: nginx:1.27\n    cap_drop: [NET_ADMIN, NET_RAW]' },
    { name: 'not a compose file', filename: 'config.yml', code: 'services:\n  vpn:\n    cap_add: [NET_ADMIN]' },
  ],
  invalid: [
    {
      filename: C,
      code: 'services:\n  vpn:\n    image: qmcgaw/gluetun:v3.39\n    cap_add:\n      - NET_ADMIN\n      - NET_BIND_SERVICE',
      errors: [{ messageId: 'capability', line: 5, column: 9, endLine: 5, endColumn: 18 }],
    },
    {
      filename: 'compose.yaml',
      name: 'CAP_ prefix, lower case, flow sequence',
      code: 'services:\n  probe:\n    image: probe:1\n    cap_add: [cap_bpf, "SYS_BOOT"]',
      errors: [
        { messageId: 'capability', line: 4, column: 15, endLine: 4, endColumn: 22 },
        { messageId: 'capability', line: 4, column: 24, endLine: 4, endColumn: 34 },
      ],
    },
    {
      filename: C,
      name: 'through a merge key: reported once, in the anchor',
      code: 'x-net: &net\n  cap_add: [MAC_ADMIN]\nservices:\n  a:\n    <<: *net\n    image: a:1\n  b:\n    <<: *net\n    image: b:1',
      errors: [{ messageId: 'capability', line: 2, column: 13, endLine: 2, endColumn: 22 }],
    },
  ],
});

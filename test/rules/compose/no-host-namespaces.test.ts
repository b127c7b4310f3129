import rule from '../../../src/rules/compose/no-host-namespaces';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    ports: ["127.0.0.1:8080:80"]' },
    { filename: C, name: 'network of another service', code: 'services:\n  app:\n    image: app:1\n    network_mode: "service:vpn"' },
    { filename: C, name: 'bridge and private ipc', code: 'services:\n  app:\n    image: app:1\n    network_mode: bridge\n    ipc: private' },
  ],
  invalid: [
    { filename: C, code: 'services:\n  app:\n    image: app:1\n    network_mode: host', errors: [{ messageId: 'hostNamespace', line: 4, column: 5, endLine: 4, endColumn: 23 }] },
    {
      filename: 'compose.yml',
      name: 'pid and ipc',
      code: 'services:\n  agent:\n    image: agent:1\n    pid: "host"\n    ipc: host',
      errors: [
        { messageId: 'hostNamespace', line: 4, column: 5, endLine: 4, endColumn: 16 },
        { messageId: 'hostNamespace', line: 5, column: 5, endLine: 5, endColumn: 14 },
      ],
    },
  ],
});

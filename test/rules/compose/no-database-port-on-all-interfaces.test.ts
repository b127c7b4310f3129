import rule from '../../../src/rules/compose/no-database-port-on-all-interfaces';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
const svc = (image: string, ports: string): string => `services:\n  db:\n    image: ${image}\n    ports:\n${ports}`;
ruleTester(rule, {
  valid: [
    { filename: C, code: svc('postgres:16', '      - "127.0.0.1:5432:5432"') },
    { filename: C, name: 'web port of a web image', code: svc('nginx:1.27', '      - "8080:80"') },
    { filename: C, name: 'long form bound to loopback', code: svc('mysql:8.4', '      - target: 3306\n        published: 3306\n        host_ip: 127.0.0.1') },
    { filename: C, name: 'IPv6 loopback', code: svc('redis:7', '      - "[::1]:6379:6379"') },
    { filename: C, name: 'address from a variable', code: svc('redis:7', '      - "${BIND_ADDR}:6379:6379"') },
  ],
  invalid: [
    {
      filename: C,
      code: svc('postgres:16', '      - "5432:5432"'),
      errors: [{ messageId: 'allInterfaces', line: 5, column: 9, endLine: 5, endColumn: 20, suggestions: [{ messageId: 'bindLoopback', output: svc('postgres:16', '      - "127.0.0.1:5432:5432"') }] }],
    },
    {
      filename: C,
      name: '0.0.0.0, unquoted',
      code: svc('mongo:7', '      - 0.0.0.0:27017:27017'),
      errors: [{ messageId: 'allInterfaces', line: 5, column: 9, endLine: 5, endColumn: 28, suggestions: [{ messageId: 'bindLoopback', output: svc('mongo:7', '      - 127.0.0.1:27017:27017') }] }],
    },
    { filename: C, name: 'long form without host_ip', code: svc('app:1', '      - target: 5432\n        published: 15432'), errors: [{ messageId: 'allInterfaces', line: 6, column: 9, endLine: 6, endColumn: 25 }] },
    {
      filename: C,
      name: 'any port of a database image, interpolated host port',
      code: svc('bitnami/redis:7.2', '      - "${REDIS_PORT:-6380}:6380"'),
      errors: [{ messageId: 'allInterfaces', line: 5, column: 9, endLine: 5, endColumn: 35, suggestions: [{ messageId: 'bindLoopback', output: svc('bitnami/redis:7.2', '      - "127.0.0.1:${REDIS_PORT:-6380}:6380"') }] }],
    },
  ],
});

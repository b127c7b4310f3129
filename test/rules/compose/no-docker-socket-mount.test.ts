import rule from '../../../src/rules/compose/no-docker-socket-mount';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html:ro' },
    { filename: C, name: 'named volume', code: 'services:\n  db:\n    image: postgres:16\n    volumes:\n      - pgdata:/var/lib/postgresql/data\nvolumes:\n  pgdata: {}' },
    { filename: C, name: 'socket path only inside the container', code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ./docker.sock:/var/run/docker.sock' },
  ],
  invalid: [
    { filename: C, code: 'services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro', errors: [{ messageId: 'socketMount', line: 5, column: 9, endLine: 5, endColumn: 53 }] },
    {
      filename: C,
      name: 'long syntax',
      code: 'services:\n  ci:\n    image: runner:1\n    volumes:\n      - type: bind\n        source: /run/docker.sock\n        target: /var/run/docker.sock',
      errors: [{ messageId: 'socketMount', line: 6, column: 17, endLine: 6, endColumn: 33 }],
    },
  ],
});

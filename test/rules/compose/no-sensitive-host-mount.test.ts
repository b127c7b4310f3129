import rule from '../../../src/rules/compose/no-sensitive-host-mount';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  web:\n    image: nginx:1.27\n    volumes:\n      - ./html:/usr/share/nginx/html:ro\n      - logs:/var/log/nginx\nvolumes:\n  logs: {}' },
    { filename: C, name: 'single files under /etc', code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n      - /etc/ssl/certs:/etc/ssl/certs:ro' },
    { filename: C, name: 'the engine socket (compose/no-docker-socket-mount)', code: 'services:\n  traefik:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro' },
    { filename: C, name: 'sensitive path only inside the container', code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ./config:/etc/app\n      - type: volume\n        source: data\n        target: /root' },
    { filename: C, name: 'a folder of the home, not the home', code: 'services:\n  app:\n    image: app:1\n    volumes:\n      - ~/projects/app:/src' },
    { name: 'not a compose file', filename: 'values.yml', code: 'services:\n  app:\n    volumes:\n      - /:/host' },
  ],
  invalid: [
    {
      filename: C,
      code: 'services:\n  node-exporter:\n    image: prom/node-exporter:v1.8.2\n    volumes:\n      - /:/host:ro,rslave\n      - /proc:/host/proc:ro',
      errors: [
        { messageId: 'sensitiveMount', line: 5, column: 9, endLine: 5, endColumn: 26 },
        { messageId: 'sensitiveMount', line: 6, column: 9, endLine: 6, endColumn: 28 },
      ],
    },
    {
      filename: C,
      name: 'long syntax, trailing slash',
      code: 'services:\n  agent:\n    image: agent:1\n    volumes:\n      - type: bind\n        source: /var/run/\n        target: /host/run',
      errors: [{ messageId: 'sensitiveMount', line: 6, column: 17, endLine: 6, endColumn: 26 }],
    },
    {
      filename: 'compose.yaml',
      name: 'the home folder and /etc',
      code: 'services:\n  tools:\n    image: tools:1\n    volumes:\n      - ${HOME}:/home/dev\n      - "/etc:/host/etc"',
      errors: [
        { messageId: 'sensitiveMount', line: 5, column: 9, endLine: 5, endColumn: 26 },
        { messageId: 'sensitiveMount', line: 6, column: 9, endLine: 6, endColumn: 25 },
      ],
    },
  ],
});

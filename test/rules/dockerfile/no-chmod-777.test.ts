import rule from '../../../src/rules/dockerfile/no-chmod-777';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM alpine:3.20\nRUN chmod 755 /app/run.sh' },
    { filename: D, name: 'sticky temp folder', code: 'FROM alpine:3.20\nRUN mkdir -p /scratch && chmod 1777 /scratch' },
    { filename: D, name: 'group writable', code: 'FROM alpine:3.20\nRUN chmod -R g+w /data && chmod 775 /data' },
    { filename: D, name: 'chown instead', code: 'FROM alpine:3.20\nCOPY --chown=app:app . /app' },
  ],
  invalid: [
    { filename: D, code: 'FROM alpine:3.20\nRUN chmod 777 /app', errors: [{ messageId: 'worldWritable', line: 2, column: 11, endLine: 2, endColumn: 14 }] },
    { filename: D, name: 'recursive 0777', code: 'FROM alpine:3.20\nRUN mkdir /data && chmod -R 0777 /data', errors: [{ messageId: 'worldWritable', line: 2, column: 29, endLine: 2, endColumn: 33 }] },
    { filename: D, name: 'symbolic through find -exec', code: 'FROM alpine:3.20\nRUN find /app -type d -exec chmod a+rwx {} \\;', errors: [{ messageId: 'worldWritable', line: 2, column: 35, endLine: 2, endColumn: 40 }] },
  ],
});

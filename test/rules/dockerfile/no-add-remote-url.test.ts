import rule from '../../../src/rules/dockerfile/no-add-remote-url';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM alpine:3.20\nADD app.tar.gz /opt/' },
    { filename: D, name: 'with --checksum', code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/x.tgz /x.tgz' },
    { filename: D, name: 'COPY', code: 'FROM alpine:3.20\nCOPY https-notes.txt /notes.txt' },
    { filename: D, name: 'a URL as destination only', code: 'FROM alpine:3.20\nADD ./src /srv/http:/' },
  ],
  invalid: [
    { filename: D, code: 'FROM alpine:3.20\nADD https://example.com/tool.tar.gz /opt/', errors: [{ messageId: 'remoteAdd', line: 2, column: 5, endLine: 2, endColumn: 36 }] },
    { filename: D, name: 'JSON form', code: 'FROM alpine:3.20\nADD ["http://example.com/x.sh", "/x.sh"]', errors: [{ messageId: 'remoteAdd', line: 2, column: 7, endLine: 2, endColumn: 30 }] },
    { filename: D, name: 'with --chown', code: 'FROM alpine:3.20\nADD --chown=app https://example.com/a /a', errors: [{ messageId: 'remoteAdd', line: 2, column: 17, endLine: 2, endColumn: 38 }] },
  ],
});

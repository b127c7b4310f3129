import rule from '../../../src/rules/dockerfile/no-curl-pipe-shell';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM alpine:3.20\nRUN curl -fsSL -o /tmp/get.sh https://get.example.com && echo "abc  /tmp/get.sh" | sha256sum -c && sh /tmp/get.sh' },
    { filename: D, name: 'download into tar', code: 'FROM alpine:3.20\nRUN curl -fsSL https://example.com/x.tgz | tar xz' },
    { filename: D, name: 'key into gpg', code: 'FROM debian:12\nRUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/x.gpg' },
    { filename: D, name: 'shell script name is not a shell', code: 'FROM alpine:3.20\nRUN curl https://x | sh.exe-helper || true' },
    { filename: D, name: 'curl in a comment line', code: 'FROM alpine:3.20\nRUN apk add git \\\n# curl https://x | sh\n    && git --version' },
  ],
  invalid: [
    { filename: D, code: 'FROM node:22\nRUN curl -fsSL https://deb.nodesource.com/setup_22.x | bash -', errors: [{ messageId: 'pipeToShell', line: 2, column: 5, endLine: 2, endColumn: 60 }] },
    { filename: D, name: 'across a line continuation, with sudo', code: 'FROM ubuntu:24.04\nRUN apt-get update && wget -qO- https://get.x.sh \\\n    | sudo -E sh', errors: [{ messageId: 'pipeToShell', line: 2, column: 23, endLine: 3, endColumn: 17 }] },
    { filename: D, name: 'process substitution', code: 'FROM ubuntu:24.04\nRUN bash <(curl -s https://x.example/install)', errors: [{ messageId: 'pipeToShell', line: 2, column: 5, endLine: 2, endColumn: 46 }] },
    { filename: D, name: 'in a heredoc', code: 'FROM ubuntu:24.04\nRUN <<EOF\nset -e\ncurl -sSL https://x.example | sh\nEOF', errors: [{ messageId: 'pipeToShell', line: 4, column: 1, endLine: 4, endColumn: 33 }] },
  ],
});

import rule from '../../../src/rules/dockerfile/no-add-local-file';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM node:22\nCOPY package.json package-lock.json ./\nCOPY . .' },
    { filename: D, name: 'remote URL (dockerfile/no-add-remote-url)', code: 'FROM debian:12\nADD https://example.com/tool.tar.gz /opt/' },
    { filename: D, name: 'git source', code: 'FROM debian:12\nADD git@github.com:moby/buildkit.git#v0.14.0 /src' },
    { filename: D, name: 'heredoc', code: 'FROM debian:12\nADD <<EOF /etc/motd\nhello\nEOF' },
    { filename: D, name: 'source known only at build time', code: 'FROM eclipse-temurin:21\nARG JAR_FILE\nADD ${JAR_FILE} app.jar' },
    { filename: D, name: 'compressed file that may hold a tar', code: 'FROM debian:12\nADD data.gz /data/' },
    { filename: D, name: 'not an instruction', code: 'FROM debian:12\n# ADD app.tar.gz /opt/\nLABEL note="ADD app.tar.gz"' },
  ],
  invalid: [
    {
      filename: D,
      code: 'FROM node:22\nADD . /app',
      errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4, suggestions: [{ messageId: 'replaceWithCopy', output: 'FROM node:22\nCOPY . /app' }] }],
    },
    {
      filename: D,
      name: 'lower-case keyword and COPY flags',
      code: 'FROM node:22\nadd --chown=node:node --chmod=644 config.json /app/',
      errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4, suggestions: [{ messageId: 'replaceWithCopy', output: 'FROM node:22\ncopy --chown=node:node --chmod=644 config.json /app/' }] }],
    },
    {
      filename: D,
      name: 'a zip is not extracted: COPY does the same',
      code: 'FROM debian:12\nADD ["release.zip", "/opt/"]',
      errors: [{ messageId: 'useCopy', line: 2, column: 1, endLine: 2, endColumn: 4, suggestions: [{ messageId: 'replaceWithCopy', output: 'FROM debian:12\nCOPY ["release.zip", "/opt/"]' }] }],
    },
    {
      filename: D,
      name: 'a local tar archive is extracted',
      code: 'FROM scratch\nADD rootfs.tar.xz /',
      errors: [{ messageId: 'archive', line: 2, column: 5, endLine: 2, endColumn: 18 }],
    },
    {
      filename: D,
      name: 'archives among other sources, JSON form',
      code: 'FROM debian:12\nADD ["vendor/tool.tgz", "notes.txt", "/opt/"]',
      errors: [{ messageId: 'archive', line: 2, column: 7, endLine: 2, endColumn: 22 }],
    },
  ],
});

import rule from '../../../src/rules/dockerfile/require-pinned-package-versions';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u8 ca-certificates=20230311 && rm -rf /var/lib/apt/lists/*' },
    { filename: D, name: 'apk with versions and a virtual group', code: 'FROM alpine:3.20\nRUN apk add --no-cache --virtual .build-deps gcc=13.2.1_git20240309-r0 musl-dev~1.2' },
    { filename: D, name: 'pip: pinned, requirements file, local path', code: 'FROM python:3.12\nRUN pip install --no-cache-dir -r requirements.txt flask==3.1.0 -e . /wheels/app.whl' },
    { filename: D, name: 'pip with a constraints file', code: 'FROM python:3.12\nRUN pip install -c constraints.txt flask gunicorn' },
    { filename: D, name: 'npm: from the lockfile, or with versions', code: 'FROM node:22\nRUN npm ci && npm install -g pnpm@9.12.0 typescript@~5.6' },
    { filename: D, name: 'packages known only at build time', code: 'FROM debian:12\nARG PACKAGES\nRUN apt-get install -y $PACKAGES ./local.deb' },
    { filename: D, name: 'other apt commands; npx runs rather than installs', code: 'FROM node:22\nRUN apt-get update && apt-get upgrade -y && npx prisma generate' },
    { filename: D, name: 'not a RUN', code: 'FROM debian:12\nLABEL how="apt-get install curl"' },
  ],
  invalid: [
    {
      filename: D,
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl git=1:2.39.5-0+deb12u1',
      errors: [{ messageId: 'unpinned', line: 2, column: 66, endLine: 2, endColumn: 70 }],
    },
    {
      filename: D,
      name: 'apk after global options, with the --virtual name skipped',
      code: 'FROM alpine:3.20\nRUN apk --no-cache add -t .deps python3 \\\n    py3-pip=24.0-r2',
      errors: [{ messageId: 'unpinned', line: 2, column: 33, endLine: 2, endColumn: 40 }],
    },
    {
      filename: D,
      name: 'pip and python -m pip',
      code: 'FROM python:3.12\nRUN python -m pip install --upgrade pip && pip install gunicorn "uvicorn[standard]==0.30.6"',
      errors: [
        { messageId: 'unpinned', line: 2, column: 37, endLine: 2, endColumn: 40 },
        { messageId: 'unpinned', line: 2, column: 56, endLine: 2, endColumn: 64 },
      ],
    },
    {
      filename: D,
      name: 'npm global install, dist-tag',
      code: 'FROM node:22\nRUN npm install -g @angular/cli npm@latest',
      errors: [
        { messageId: 'unpinned', line: 2, column: 20, endLine: 2, endColumn: 32 },
        { messageId: 'unpinned', line: 2, column: 33, endLine: 2, endColumn: 36 },
      ],
    },
  ],
});

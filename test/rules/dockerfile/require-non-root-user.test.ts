import rule from '../../../src/rules/dockerfile/require-non-root-user';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM node:22\nWORKDIR /app\nUSER node\nCMD ["node", "index.js"]' },
    { filename: D, name: 'root for installs, then back', code: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER 10001:10001' },
    { filename: D, name: 'only the final stage counts', code: 'FROM golang:1.22 AS build\nRUN go build\nFROM alpine:3.20\nUSER app' },
    { filename: D, name: 'inherited from the parent stage', code: 'FROM node:22 AS base\nUSER node\nFROM base\nCMD ["node"]' },
    { filename: D, name: 'distroless nonroot image', code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app' },
    { filename: D, name: 'user from a variable', code: 'FROM alpine:3.20\nARG APP_USER=app\nUSER ${APP_USER}' },
  ],
  invalid: [
    { filename: D, code: 'FROM node:22\nCMD ["node", "index.js"]', errors: [{ messageId: 'missingUser', line: 1, column: 1, endLine: 1, endColumn: 13 }] },
    { filename: D, name: 'non-root only in the build stage', code: 'FROM node:22 AS build\nUSER node\nFROM nginx:1.27 AS final\nCOPY --from=build /app /usr/share/nginx/html', errors: [{ messageId: 'missingUser', line: 3, column: 1, endLine: 3, endColumn: 25 }] },
    { filename: D, name: 'back to root at the end', code: 'FROM debian:12\nUSER app\nRUN make\nUSER 0', errors: [{ messageId: 'rootUser', line: 4, column: 1, endLine: 4, endColumn: 7 }] },
    { filename: D, name: 'root inherited from the parent stage', code: 'FROM debian:12 AS base\nUSER root\nFROM base', errors: [{ messageId: 'rootUser', line: 3, column: 1, endLine: 3, endColumn: 10 }] },
  ],
});

import rule from '../../../src/rules/dockerfile/no-secret-in-run';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
const GHP = 'ghp_aBcD1234eFgH5678iJkL9012mNoP3456qRsT';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM node:22\nARG NPM_TOKEN\nRUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci' },
    { filename: D, name: 'a build argument that is not a secret', code: 'FROM node:22\nARG NODE_ENV\nRUN echo "building for $NODE_ENV" && npm run build' },
    { filename: D, name: 'ARG with a default is not fed by --build-arg', code: 'FROM ruby:3.3\nARG SECRET_KEY_BASE=placeholder\nRUN SECRET_KEY_BASE=$SECRET_KEY_BASE bundle exec rails assets:precompile' },
    { filename: D, name: 'ARG of another stage', code: 'FROM node:22 AS build\nARG NPM_TOKEN\nFROM node:22-slim\nRUN echo $NPM_TOKEN' },
    { filename: D, name: 'global ARG not declared again in the stage', code: 'ARG GITHUB_TOKEN\nFROM alpine:3.20\nRUN echo $GITHUB_TOKEN' },
    { filename: D, name: 'variable set by the secret mount', code: 'FROM alpine:3.20\nARG GITHUB_TOKEN\nRUN --mount=type=secret,id=gh,env=GITHUB_TOKEN curl -H "Authorization: Bearer $GITHUB_TOKEN" https://api.github.com/user' },
    { filename: D, name: 'variable assigned from the secret before use', code: 'FROM alpine:3.20\nARG TOKEN\nRUN --mount=type=secret,id=t TOKEN=$(cat /run/secrets/t) && curl -H "Authorization: Bearer $TOKEN" https://example.com' },
    { filename: D, name: 'placeholder header', code: 'FROM alpine:3.20\nRUN curl -H "Authorization: Bearer <your-token>" https://example.com' },
  ],
  invalid: [
    {
      filename: D,
      name: '.npmrc written from a build argument: no suggestion, the file would keep it',
      code: 'FROM node:22\nARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci',
      errors: [{ messageId: 'buildArg', line: 3, column: 44, endLine: 3, endColumn: 54, severity: 'warning' }],
    },
    {
      filename: D,
      name: 'header from a build argument, with the secret mount',
      code: 'FROM alpine:3.20\nARG API_TOKEN\nRUN curl -fsSL -H "Authorization: Bearer ${API_TOKEN}" https://api.example.com/v1/tool -o /usr/local/bin/tool',
      errors: [{
        messageId: 'buildArg', line: 3, column: 42, endLine: 3, endColumn: 54, severity: 'warning',
        suggestions: [{ messageId: 'useSecretMount', output: 'FROM alpine:3.20\nARG API_TOKEN\nRUN --mount=type=secret,id=api_token curl -fsSL -H "Authorization: Bearer $(cat /run/secrets/api_token)" https://api.example.com/v1/tool -o /usr/local/bin/tool' }],
      }],
    },
    {
      filename: D,
      name: 'literal provider token',
      code: `FROM alpine:3.20\nRUN curl -H "Authorization: token ${GHP}" -o r.tgz https://api.github.com/repos/o/r/tarball`,
      errors: [{
        messageId: 'literal', line: 2, column: 35, endLine: 2, endColumn: 75,
        suggestions: [{ messageId: 'useSecretMount', output: 'FROM alpine:3.20\nRUN --mount=type=secret,id=github_token curl -H "Authorization: token $(cat /run/secrets/github_token)" -o r.tgz https://api.github.com/repos/o/r/tarball' }],
      }],
    },
    {
      filename: D,
      name: 'literal npm token under its key, written to a file',
      code: 'FROM node:22\nRUN echo "//registry.npmjs.org/:_authToken=aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW" > .npmrc',
      errors: [{ messageId: 'literal', line: 2, column: 44, endLine: 2, endColumn: 73 }],
    },
    {
      filename: D,
      name: 'inside single quotes: no suggestion',
      code: "FROM alpine:3.20\nARG DB_PASSWORD\nRUN sh -c 'psql -c \"select 1\" postgresql://app:$DB_PASSWORD@db/app'",
      errors: [{ messageId: 'buildArg', line: 3, column: 48, endLine: 3, endColumn: 60, severity: 'warning' }],
    },
    {
      filename: D,
      name: 'one finding per argument and RUN; the suggestion replaces every use',
      code: 'FROM alpine:3.20\nARG REGISTRY_PASSWORD\nRUN curl -u "ci:$REGISTRY_PASSWORD" -o a https://r.example.com/a && curl -u "ci:${REGISTRY_PASSWORD}" -o b https://r.example.com/b',
      errors: [{
        messageId: 'buildArg', line: 3, column: 17, endLine: 3, endColumn: 35, severity: 'warning',
        suggestions: [{
          messageId: 'useSecretMount',
          output: 'FROM alpine:3.20\nARG REGISTRY_PASSWORD\nRUN --mount=type=secret,id=registry_password curl -u "ci:$(cat /run/secrets/registry_password)" -o a https://r.example.com/a && curl -u "ci:$(cat /run/secrets/registry_password)" -o b https://r.example.com/b',
        }],
      }],
    },
  ],
});

import rule from '../../../src/rules/dockerfile/no-secret-in-env';
import { ruleTester } from '../../lib/rule-tester';

const D = 'Dockerfile';
const GHP = 'ghp_aBcD1234eFgH5678iJkL9012mNoP3456qRsT';
ruleTester(rule, {
  valid: [
    { filename: D, code: 'FROM node:22\nARG NPM_TOKEN\nENV NODE_ENV=production' },
    { filename: D, name: 'reference to a build arg', code: 'FROM node:22\nARG NPM_TOKEN\nENV NODE_AUTH_TOKEN=${NPM_TOKEN}' },
    { filename: D, name: 'public GPG key fingerprint', code: 'FROM python:3.12\nENV GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D' },
    { filename: D, name: 'secret file path', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD_FILE=/run/secrets/db_password' },
    { filename: D, name: 'placeholder', code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=changeme' },
    { filename: D, name: 'boolean flag', code: 'FROM node:22\nENV DISABLE_AUTH_TOKEN=true' },
  ],
  invalid: [
    { filename: D, code: 'FROM postgres:16\nENV POSTGRES_PASSWORD=s3cr3tP@ss', errors: [{ messageId: 'secretInEnv', line: 2, column: 23, endLine: 2, endColumn: 33 }] },
    {
      filename: D,
      name: 'ARG default, with suggestion',
      code: `FROM node:22\nARG GH_TOKEN=${GHP}`,
      errors: [{ messageId: 'secretInEnv', line: 2, column: 14, endLine: 2, endColumn: 54, suggestions: [{ messageId: 'removeDefault', output: 'FROM node:22\nARG GH_TOKEN' }] }],
    },
    { filename: D, name: 'quoted legacy ENV form, provider token', code: `FROM node:22\nENV CONFIG "${GHP}"`, errors: [{ messageId: 'secretInEnv', line: 2, column: 13, endLine: 2, endColumn: 53 }] },
  ],
});

import rule from '../../../src/rules/compose/no-secret-in-environment';
import { ruleTester } from '../../lib/rule-tester';

const C = 'docker-compose.yml';
const GHP = 'ghp_aBcD1234eFgH5678iJkL9012mNoP3456qRsT';
ruleTester(rule, {
  valid: [
    { filename: C, code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}' },
    { filename: C, name: 'docs example placeholder', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example' },
    { filename: C, name: '_FILE variant', code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_PASSWORD_FILE=/run/secrets/db' },
    { filename: C, name: 'pass-through list entry', code: 'services:\n  app:\n    image: app:1\n    environment:\n      - API_TOKEN\n      - NODE_ENV=production' },
  ],
  invalid: [
    {
      filename: C,
      code: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "s3cr3tP@ss"',
      errors: [{ messageId: 'literalSecret', line: 5, column: 27, endLine: 5, endColumn: 37, suggestions: [{ messageId: 'useVariable', output: 'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: "${POSTGRES_PASSWORD}"' }] }],
    },
    {
      filename: 'compose.yaml',
      name: 'list form, provider token',
      code: `services:\n  app:\n    image: app:1\n    environment:\n      - GH_TOKEN=${GHP}`,
      errors: [{ messageId: 'literalSecret', line: 5, column: 18, endLine: 5, endColumn: 58, suggestions: [{ messageId: 'useVariable', output: 'services:\n  app:\n    image: app:1\n    environment:\n      - GH_TOKEN=${GH_TOKEN}' }] }],
    },
  ],
});

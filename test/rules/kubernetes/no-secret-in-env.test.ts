import rule from '../../../src/rules/kubernetes/no-secret-in-env';
import { ruleTester } from '../../lib/rule-tester';
import { deployment } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'secretKeyRef', filename: F, code: deployment(['env:', '  - name: DB_PASSWORD', '    valueFrom:', '      secretKeyRef: {name: db, key: password}']) },
    { name: 'non-secret names', filename: F, code: deployment(['env:', '  - {name: LOG_LEVEL, value: debug}', '  - {name: TOKEN_TTL, value: "3600"}', '  - {name: PASSWORD_FILE, value: /run/secrets/db}']) },
    { name: 'placeholders and references', filename: F, code: deployment(['env:', '  - {name: API_KEY, value: ""}', '  - {name: DB_PASSWORD, value: "$(DB_PASS_FROM_FILE)"}', '  - {name: AUTH_TOKEN, value: "<your-token>"}']) },
  ],
  invalid: [
    {
      name: 'literal password: replaced by a secretKeyRef',
      filename: F,
      code: deployment(['env:', '  - name: DB_PASSWORD', '    value: hunter2-prod']),
      errors: [
        {
          messageId: 'literalSecret',
          line: 12,
          column: 22,
          endLine: 12,
          endColumn: 34,
          suggestions: [
            {
              messageId: 'useSecretRef',
              output: deployment(['env:', '  - name: DB_PASSWORD', '    valueFrom:', '      secretKeyRef:', '        name: web-secrets', '        key: db-password']),
            },
          ],
        },
      ],
    },
    {
      name: 'flow mapping: no suggestion',
      filename: F,
      code: deployment(['env: [{name: OPENAI_API_KEY, value: "sk-live-abc123"}]']),
      errors: [{ messageId: 'literalSecret', line: 10, column: 47, endLine: 10, endColumn: 63 }],
    },
  ],
});

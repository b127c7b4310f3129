import rule from '../../../src/rules/kubernetes/no-service-account-token-automount';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const binding = (role: string, ...subject: string[]): string =>
  lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: RoleBinding', 'metadata:', '  name: reader', '  namespace: web', 'roleRef:', '  kind: Role', `  name: ${role}`, '  apiGroup: rbac.authorization.k8s.io', 'subjects:', ...subject);
const account = (...body: string[]): string => lines('apiVersion: v1', 'kind: ServiceAccount', 'metadata:', '  name: default', '  namespace: web', ...body);

ruleTester(rule, {
  valid: [
    { name: 'automount left to the account (the common case is not reported)', filename: F, code: deployment(HARDENED) },
    { name: 'automount turned off', filename: F, code: deployment(HARDENED, ['automountServiceAccountToken: false']) },
    { name: 'a dedicated service account that needs the API', filename: F, code: deployment(HARDENED, ['serviceAccountName: operator', 'automountServiceAccountToken: true']) },
    { name: 'the default ServiceAccount turns automount off', filename: 'k8s/sa.yaml', code: account('automountServiceAccountToken: false') },
    { name: 'a role bound to a dedicated account', filename: 'k8s/rbac.yaml', code: binding('reader', '  - kind: ServiceAccount', '    name: web-reader', '    namespace: web') },
    { name: 'cluster-admin to default is kubernetes/no-rbac-wildcard’s', filename: 'k8s/rbac.yaml', code: binding('cluster-admin', '  - {kind: ServiceAccount, name: default, namespace: web}') },
  ],
  invalid: [
    {
      name: 'explicit true on a pod of the default account',
      filename: F,
      code: deployment(HARDENED, ['automountServiceAccountToken: true']),
      errors: [
        {
          messageId: 'podDefault',
          line: 8,
          column: 37,
          endLine: 8,
          endColumn: 41,
          suggestions: [{ messageId: 'setFalse', output: deployment(HARDENED, ['automountServiceAccountToken: false']) }],
        },
      ],
    },
    {
      name: 'explicit true on a pod that names the default account',
      filename: F,
      code: deployment(HARDENED, ['serviceAccountName: default', 'automountServiceAccountToken: true']),
      errors: [
        {
          messageId: 'podDefault',
          line: 9,
          column: 37,
          endLine: 9,
          endColumn: 41,
          suggestions: [{ messageId: 'setFalse', output: deployment(HARDENED, ['serviceAccountName: default', 'automountServiceAccountToken: false']) }],
        },
      ],
    },
    {
      name: 'the default ServiceAccount turns automount on',
      filename: 'k8s/sa.yaml',
      code: account('automountServiceAccountToken: true'),
      errors: [{ messageId: 'defaultAccount', line: 6, column: 31, endLine: 6, endColumn: 35, suggestions: [{ messageId: 'setFalse', output: account('automountServiceAccountToken: false') }] }],
    },
    {
      name: 'a role bound to the default account',
      filename: 'k8s/rbac.yaml',
      code: binding('reader', '  - kind: ServiceAccount', '    name: default', '    namespace: web'),
      errors: [{ messageId: 'defaultBound', line: 12, column: 11, endLine: 12, endColumn: 18 }],
    },
  ],
});

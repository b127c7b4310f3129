import rule from '../../../src/rules/kubernetes/no-rbac-wildcard';
import { ruleTester } from '../../lib/rule-tester';
import { lines } from './manifests';

const F = 'k8s/rbac.yaml';
const role = (...rules: string[]): string => lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: ops', 'rules:', ...rules);
const binding = (...subjects: string[]): string =>
  lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRoleBinding', 'metadata:', '  name: b', 'roleRef:', '  kind: ClusterRole', '  name: cluster-admin', '  apiGroup: rbac.authorization.k8s.io', 'subjects:', ...subjects);

ruleTester(rule, {
  valid: [
    { name: 'listed verbs and resources', filename: F, code: role('  - apiGroups: [""]', '    resources: [pods, pods/log]', '    verbs: [get, list, watch]') },
    { name: 'apiGroups * with listed resources', filename: F, code: role('  - apiGroups: ["*"]', '    resources: [deployments]', '    verbs: [get]') },
    { name: 'cluster-admin bound to a named service account', filename: F, code: binding('  - kind: ServiceAccount', '    name: argocd-application-controller', '    namespace: argocd') },
    { name: 'view bound to default', filename: F, code: binding('  - {kind: ServiceAccount, name: default, namespace: web}').replace('name: cluster-admin', 'name: view') },
  ],
  invalid: [
    {
      name: 'everything on everything',
      filename: F,
      code: role('  - apiGroups: ["*"]', '    resources: ["*"]', '    verbs: ["*"]'),
      errors: [
        { messageId: 'wildcard', line: 6, column: 17, endLine: 6, endColumn: 20 },
        { messageId: 'wildcard', line: 7, column: 17, endLine: 7, endColumn: 20 },
        { messageId: 'wildcard', line: 8, column: 13, endLine: 8, endColumn: 16 },
      ],
    },
    {
      name: 'cluster-admin to the default service account and to all authenticated users',
      filename: F,
      code: binding('  - kind: ServiceAccount', '    name: default', '    namespace: kube-system', '  - {kind: Group, name: "system:authenticated", apiGroup: rbac.authorization.k8s.io}'),
      errors: [
        { messageId: 'clusterAdmin', line: 11, column: 11, endLine: 11, endColumn: 18 },
        { messageId: 'clusterAdmin', line: 13, column: 25, endLine: 13, endColumn: 47 },
      ],
    },
  ],
});

import rule from '../../../src/rules/kubernetes/no-rbac-dangerous-verbs';
import { ruleTester } from '../../lib/rule-tester';
import { lines } from './manifests';

const F = 'k8s/rbac.yaml';
const role = (...rules: string[]): string => lines('apiVersion: rbac.authorization.k8s.io/v1', 'kind: ClusterRole', 'metadata:', '  name: ops', 'rules:', ...rules);

ruleTester(rule, {
  valid: [
    { name: 'reading pods and their logs', filename: F, code: role('  - apiGroups: [""]', '    resources: [pods, pods/log]', '    verbs: [get, list, watch]') },
    { name: 'one named Secret', filename: F, code: role('  - apiGroups: [""]', '    resources: [secrets]', '    resourceNames: [app-config]', '    verbs: [get]') },
    { name: 'writing Secrets without reading them', filename: F, code: role('  - apiGroups: [""]', '    resources: [secrets]', '    verbs: [create, update]') },
    { name: 'wildcard verbs are kubernetes/no-rbac-wildcard’s', filename: F, code: role('  - apiGroups: [""]', '    resources: [secrets]', '    verbs: ["*"]') },
    { name: 'roles of another API group', filename: F, code: role('  - apiGroups: [example.com]', '    resources: [roles]', '    verbs: [bind]') },
    { name: 'managing roles without escalate or bind', filename: F, code: role('  - apiGroups: [rbac.authorization.k8s.io]', '    resources: [roles, rolebindings]', '    verbs: [get, list, create]') },
  ],
  invalid: [
    {
      name: 'secrets, exec and tokens',
      filename: F,
      code: role('  - apiGroups: [""]', '    resources: [secrets, pods/exec, serviceaccounts/token]', '    verbs: [get, list, create]'),
      errors: [
        { messageId: 'dangerous', line: 7, column: 17, endLine: 7, endColumn: 24 },
        { messageId: 'dangerous', line: 7, column: 26, endLine: 7, endColumn: 35 },
        { messageId: 'dangerous', line: 7, column: 37, endLine: 7, endColumn: 58 },
      ],
    },
    {
      name: 'escalate and bind on clusterroles, in block lists',
      filename: F,
      code: role('  - apiGroups:', '      - rbac.authorization.k8s.io', '    resources:', '      - clusterroles', '    verbs:', '      - escalate', '      - bind'),
      errors: [{ messageId: 'dangerous', line: 9, column: 9, endLine: 9, endColumn: 21 }],
    },
    {
      name: 'impersonation and nodes/proxy in a namespaced Role',
      filename: F,
      code: role('  - apiGroups: [""]', '    resources: [serviceaccounts, nodes/proxy]', '    verbs: [impersonate, get]').replace('ClusterRole', 'Role'),
      errors: [
        { messageId: 'dangerous', line: 7, column: 17, endLine: 7, endColumn: 32 },
        { messageId: 'dangerous', line: 7, column: 34, endLine: 7, endColumn: 45 },
      ],
    },
  ],
});

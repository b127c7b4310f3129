import rule from '../../../src/rules/kubernetes/no-host-namespaces';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'hardened pod', filename: F, code: deployment(HARDENED) },
    { name: 'explicitly false', filename: F, code: deployment(HARDENED, ['hostNetwork: false', 'hostPID: false', 'hostIPC: false']) },
    { name: 'hostPort is another thing', filename: F, code: deployment(['ports: [{containerPort: 80, hostPort: 8080}]']) },
    { name: 'a ConfigMap value', filename: F, code: lines('apiVersion: v1', 'kind: ConfigMap', 'data:', '  hostNetwork: "true"') },
  ],
  invalid: [
    {
      name: 'all three in a DaemonSet',
      filename: F,
      code: deployment(['image: a:1'], ['hostNetwork: true', 'hostPID: true', 'hostIPC: true']).replace('Deployment', 'DaemonSet'),
      errors: [
        {
          messageId: 'hostNamespace',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 24,
          suggestions: [{ messageId: 'setFalse', output: deployment(['image: a:1'], ['hostNetwork: false', 'hostPID: true', 'hostIPC: true']).replace('Deployment', 'DaemonSet') }],
        },
        {
          messageId: 'hostNamespace',
          line: 9,
          column: 16,
          endLine: 9,
          endColumn: 20,
          suggestions: [{ messageId: 'setFalse', output: deployment(['image: a:1'], ['hostNetwork: true', 'hostPID: false', 'hostIPC: true']).replace('Deployment', 'DaemonSet') }],
        },
        {
          messageId: 'hostNamespace',
          line: 10,
          column: 16,
          endLine: 10,
          endColumn: 20,
          suggestions: [{ messageId: 'setFalse', output: deployment(['image: a:1'], ['hostNetwork: true', 'hostPID: true', 'hostIPC: false']).replace('Deployment', 'DaemonSet') }],
        },
      ],
    },
    {
      name: 'bare Pod, merged from an anchor: reported at the alias',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'x-defaults: &host', '  hostNetwork: true', 'spec:', '  <<: *host', '  containers: [{name: a}]'),
      errors: [{ messageId: 'hostNamespace', line: 6, column: 7, endLine: 6, endColumn: 12 }],
    },
  ],
});

import rule from '../../../src/rules/kubernetes/no-host-port';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'containerPort only', filename: F, code: deployment([...HARDENED, 'ports:', '  - containerPort: 8080']) },
    { name: 'hostPort 0', filename: F, code: deployment(['ports: [{containerPort: 8080, hostPort: 0}]']) },
    { name: 'host network: kubernetes/no-host-namespaces reports it', filename: F, code: deployment(['ports: [{containerPort: 53, hostPort: 53}]'], ['hostNetwork: true']) },
    { name: 'Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(['ports:', '  - containerPort: 80', '    hostPort: "{{ .Values.hostPort }}"']) },
  ],
  invalid: [
    {
      name: 'hostPort in a DaemonSet',
      filename: F,
      code: deployment(['ports:', '  - containerPort: 9100', '    hostPort: 9100']).replace('Deployment', 'DaemonSet'),
      errors: [{ messageId: 'hostPort', line: 12, column: 25, endLine: 12, endColumn: 29 }],
    },
    {
      name: 'hostPort in an init container, as a string',
      filename: F,
      code: deployment(['ports: [{containerPort: 80, hostPort: "8080"}]']).replace('containers:', 'initContainers:'),
      errors: [{ messageId: 'hostPort', line: 10, column: 49, endLine: 10, endColumn: 55 }],
    },
  ],
});

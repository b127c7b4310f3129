import rule from '../../../src/rules/kubernetes/no-default-namespace';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const inNamespace = (namespace: string): string => deployment(HARDENED).replace('  name: web', `  name: web\n  namespace: ${namespace}`);

ruleTester(rule, {
  valid: [
    { name: 'no namespace: kustomize, Helm or kubectl -n sets it', filename: F, code: deployment(HARDENED) },
    { name: 'a namespace of its own', filename: F, code: inNamespace('inference') },
    { name: 'a ConfigMap in default is not a workload', filename: F, code: lines('apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: c', '  namespace: default', 'data: {a: b}') },
  ],
  invalid: [
    { name: 'Deployment in default', filename: F, code: inNamespace('default'), errors: [{ messageId: 'defaultNamespace', line: 5, column: 14, endLine: 5, endColumn: 21 }] },
    {
      name: 'bare Pod in "default"',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p, namespace: "default"}', 'spec:', '  containers: [{name: a, image: a:1}]'),
      errors: [{ messageId: 'defaultNamespace', line: 3, column: 32, endLine: 3, endColumn: 41 }],
    },
  ],
});

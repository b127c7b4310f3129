import rule from '../../../src/rules/kubernetes/require-resource-limits';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'memory limit', filename: F, code: deployment(HARDENED) },
    { name: 'flow limits', filename: F, code: deployment(['resources: {limits: {memory: 1Gi, cpu: "1"}}']) },
    { name: 'LimitRange in the same file', filename: F, code: lines('apiVersion: v1', 'kind: LimitRange', 'spec: {limits: [{type: Container, default: {memory: 512Mi}}]}', '---', deployment(['image: a:1'])) },
  ],
  invalid: [
    { name: 'no resources', filename: F, code: deployment(['image: a:1']), errors: [{ messageId: 'noMemoryLimit', line: 9, column: 11, endLine: 9, endColumn: 20 }] },
    { name: 'requests only', filename: F, code: deployment(['resources:', '  requests: {memory: 1Gi}']), errors: [{ messageId: 'noMemoryLimit', line: 10, column: 11, endLine: 10, endColumn: 20 }] },
    { name: 'cpu limit only', filename: F, code: deployment(['resources:', '  limits: {cpu: 500m}']), errors: [{ messageId: 'noMemoryLimit', line: 11, column: 13, endLine: 11, endColumn: 19 }] },
  ],
});

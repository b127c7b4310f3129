import rule from '../../../src/rules/kubernetes/no-probe-host';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';
const probe = (host: string[]): string[] => ['livenessProbe:', '  httpGet:', '    path: /healthz', ...host, '    port: 8080'];

ruleTester(rule, {
  valid: [
    { name: 'probe of the pod itself', filename: F, code: deployment([...HARDENED, ...probe([])]) },
    { name: 'gRPC and exec probes', filename: F, code: deployment(['readinessProbe: {grpc: {port: 9090}}', 'startupProbe: {exec: {command: [cat, /tmp/ready]}}']) },
    { name: 'empty host', filename: F, code: deployment(probe(['    host: ""'])) },
    { name: 'host network: kubernetes/no-host-namespaces', filename: F, code: deployment(probe(['    host: 127.0.0.1']), ['hostNetwork: true']) },
  ],
  invalid: [
    {
      name: 'liveness probe to the node localhost: the suggestion removes the host',
      filename: F,
      code: deployment(probe(['    host: 127.0.0.1'])),
      errors: [{ messageId: 'host', line: 13, column: 21, endLine: 13, endColumn: 30, suggestions: [{ messageId: 'removeHost', output: deployment(probe([])) }] }],
    },
    {
      name: 'tcpSocket preStop hook to the metadata endpoint, in flow style (no suggestion)',
      filename: F,
      code: deployment(['lifecycle:', '  preStop:', '    tcpSocket: {host: 169.254.169.254, port: 80}']),
      errors: [{ messageId: 'host', line: 12, column: 33, endLine: 12, endColumn: 48 }],
    },
  ],
});

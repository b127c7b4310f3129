import rule from '../../../src/rules/kubernetes/no-exposed-service';
import { ruleTester } from '../../lib/rule-tester';
import { lines } from './manifests';

const F = 'k8s/service.yaml';
/** A Service `svc` with `annotations` (indent 4, from line 5) and `spec` lines (indent 2). */
const service = (annotations: string[], ...spec: string[]): string =>
  lines('apiVersion: v1', 'kind: Service', 'metadata:', '  name: svc', ...(annotations.length > 0 ? ['  annotations:', ...annotations.map((a) => `    ${a}`)] : []), 'spec:', ...spec.map((s) => `  ${s}`));

ruleTester(rule, {
  valid: [
    { name: 'ClusterIP database', filename: F, code: service([], 'ports: [{port: 5432}]') },
    { name: 'public web front door on 80 and 443', filename: F, code: service([], 'type: LoadBalancer', 'ports:', '  - {name: http, port: 80, targetPort: 8080}', '  - {name: https, port: 443, targetPort: 8443}') },
    { name: 'internal AWS load balancer', filename: F, code: service(['service.beta.kubernetes.io/aws-load-balancer-internal: "true"'], 'type: LoadBalancer', 'ports: [{port: 6379}]') },
    { name: 'AWS Load Balancer Controller NLB (internal unless internet-facing)', filename: F, code: service(['service.beta.kubernetes.io/aws-load-balancer-type: external'], 'type: LoadBalancer', 'ports: [{port: 5432}]') },
    { name: 'internal GKE load balancer', filename: F, code: service(['networking.gke.io/load-balancer-type: "Internal"'], 'type: LoadBalancer', 'ports: [{port: 9200}]') },
    { name: 'source ranges', filename: F, code: service([], 'type: LoadBalancer', 'loadBalancerSourceRanges: [203.0.113.0/24]', 'ports: [{port: 8888}]') },
    { name: 'source ranges from a Helm value', filename: 'chart/templates/svc.yaml', code: service([], 'type: LoadBalancer', 'loadBalancerSourceRanges: "{{ .Values.ranges }}"', 'ports: [{port: 11434}]') },
    { name: 'node port of a web server', filename: F, code: service([], 'type: NodePort', 'ports: [{port: 8080, nodePort: 30080}]') },
  ],
  invalid: [
    {
      name: 'Ollama on a public load balancer',
      filename: F,
      code: service([], 'type: LoadBalancer', 'ports:', '  - port: 11434', '    targetPort: 11434'),
      errors: [{ messageId: 'sensitive', line: 8, column: 13, endLine: 8, endColumn: 18 }],
    },
    {
      name: 'Jupyter behind port 80, with a source range of everything',
      filename: F,
      code: service([], 'type: LoadBalancer', 'loadBalancerSourceRanges: ["0.0.0.0/0"]', 'ports: [{port: 80, targetPort: 8888}]'),
      errors: [{ messageId: 'sensitive', line: 8, column: 18, endLine: 8, endColumn: 20 }],
    },
    {
      name: 'internet-facing NLB with an application port (info)',
      filename: F,
      code: service(['service.beta.kubernetes.io/aws-load-balancer-type: external', 'service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing'], 'type: LoadBalancer', 'ports: [{port: 443}, {port: 8080}]'),
      errors: [{ messageId: 'publicLoadBalancer', line: 9, column: 9, endLine: 9, endColumn: 21, severity: 'info' }],
    },
    {
      name: 'Redis as a node port (info)',
      filename: F,
      code: service([], 'type: NodePort', 'ports:', '  - {port: 6379, nodePort: 30079}'),
      errors: [{ messageId: 'nodePort', line: 8, column: 14, endLine: 8, endColumn: 18, severity: 'info' }],
    },
  ],
});

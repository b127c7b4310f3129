import rule from '../../../src/rules/kubernetes/require-ingress-tls';
import { ruleTester } from '../../lib/rule-tester';
import { lines } from './manifests';

const F = 'k8s/ingress.yaml';
/** An Ingress `web` with `annotations` (indent 4) and `spec` lines (indent 2). */
const ingress = (annotations: string[], ...spec: string[]): string =>
  lines('apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', '  name: web', ...(annotations.length > 0 ? ['  annotations:', ...annotations.map((a) => `    ${a}`)] : []), 'spec:', ...spec.map((s) => `  ${s}`));
const rule1 = (host: string): string[] => [`  - host: ${host}`, '    http:', '      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]'];

ruleTester(rule, {
  valid: [
    { name: 'tls for the host', filename: F, code: ingress([], 'tls:', '  - hosts: [chat.example.com]', '    secretName: chat-tls', 'rules:', ...rule1('chat.example.com')) },
    { name: 'wildcard certificate', filename: F, code: ingress([], 'tls: [{hosts: ["*.example.com"], secretName: wildcard}]', 'rules:', ...rule1('api.example.com')) },
    { name: 'tls entry without hosts (the default certificate)', filename: F, code: ingress([], 'tls: [{secretName: default-cert}]', 'rules:', ...rule1('api.example.com'), ...rule1('admin.example.com')) },
    { name: 'ALB terminates TLS with an ACM certificate', filename: F, code: ingress(['alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:123456789012:certificate/abc'], 'rules:', ...rule1('api.example.com')) },
    { name: 'local development host', filename: F, code: ingress([], 'rules:', ...rule1('chat.localhost')) },
    { name: 'default backend only', filename: F, code: ingress([], 'defaultBackend: {service: {name: web, port: {number: 80}}}') },
  ],
  invalid: [
    {
      name: 'rules without tls',
      filename: F,
      code: ingress(['cert-manager.io/cluster-issuer: letsencrypt'], 'ingressClassName: nginx', 'rules:', ...rule1('chat.example.com')),
      errors: [{ messageId: 'noTls', line: 9, column: 3, endLine: 9, endColumn: 8 }],
    },
    {
      name: 'a host the tls entries do not list; one more label than the wildcard covers',
      filename: F,
      code: ingress([], 'tls:', '  - hosts: [app.example.com, "*.example.com"]', '    secretName: app-tls', 'rules:', ...rule1('app.example.com'), ...rule1('admin.example.org'), ...rule1('a.b.example.com')),
      errors: [
        { messageId: 'hostNotCovered', line: 13, column: 13, endLine: 13, endColumn: 30 },
        { messageId: 'hostNotCovered', line: 16, column: 13, endLine: 16, endColumn: 28 },
      ],
    },
    {
      name: 'empty tls list and a catch-all rule',
      filename: F,
      code: ingress([], 'tls: []', 'rules:', '  - http:', '      paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]'),
      errors: [{ messageId: 'noTls', line: 7, column: 3, endLine: 7, endColumn: 8 }],
    },
  ],
});

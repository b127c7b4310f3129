import rule from '../../../src/rules/kubernetes/no-unconfined-apparmor';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
/** A Deployment whose pod template carries `annotations` (indent 8). */
const annotated = (...annotations: string[]): string =>
  lines(
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '  annotations:',
    '    container.apparmor.security.beta.kubernetes.io/app: unconfined',
    'spec:',
    '  template:',
    '    metadata:',
    '      annotations:',
    ...annotations.map((a) => `        ${a}`),
    '    spec:',
    '      containers:',
    '        - name: app',
  );

ruleTester(rule, {
  valid: [
    { name: 'hardened container', filename: F, code: deployment(HARDENED) },
    { name: 'RuntimeDefault and Localhost profiles', filename: F, code: deployment(['securityContext:', '  appArmorProfile: {type: Localhost, localhostProfile: k8s-apparmor-example}'], ['securityContext:', '  appArmorProfile: {type: RuntimeDefault}']) },
    { name: 'annotation runtime/default; the Deployment’s own annotations do not reach the pods', filename: F, code: annotated('container.apparmor.security.beta.kubernetes.io/app: runtime/default') },
    { name: 'Windows pod', filename: F, code: deployment(['securityContext:', '  appArmorProfile: {type: Unconfined}'], ['os: {name: windows}']) },
  ],
  invalid: [
    {
      name: 'Unconfined field in a container',
      filename: F,
      code: deployment(['securityContext:', '  appArmorProfile:', '    type: Unconfined']),
      errors: [
        {
          messageId: 'unconfinedField',
          line: 12,
          column: 21,
          endLine: 12,
          endColumn: 31,
          suggestions: [{ messageId: 'useRuntimeDefault', output: deployment(['securityContext:', '  appArmorProfile:', '    type: RuntimeDefault']) }],
        },
      ],
    },
    {
      name: 'unconfined annotation on the pod template',
      filename: F,
      code: annotated('container.apparmor.security.beta.kubernetes.io/app: "unconfined"'),
      errors: [
        {
          messageId: 'unconfinedAnnotation',
          line: 11,
          column: 61,
          endLine: 11,
          endColumn: 73,
          suggestions: [{ messageId: 'useRuntimeDefaultAnnotation', output: annotated('container.apparmor.security.beta.kubernetes.io/app: runtime/default') }],
        },
      ],
    },
    {
      name: 'bare Pod with a pod-level Unconfined',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext:', '    appArmorProfile: {type: Unconfined}', '  containers: [{name: a, image: a:1}]'),
      errors: [
        {
          messageId: 'unconfinedField',
          line: 6,
          column: 29,
          endLine: 6,
          endColumn: 39,
          suggestions: [
            {
              messageId: 'useRuntimeDefault',
              output: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  securityContext:', '    appArmorProfile: {type: RuntimeDefault}', '  containers: [{name: a, image: a:1}]'),
            },
          ],
        },
      ],
    },
  ],
});

import rule from '../../../src/rules/kubernetes/require-read-only-root-filesystem';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const header = { line: 9, column: 11, endLine: 9, endColumn: 20 };

ruleTester(rule, {
  valid: [
    { name: 'read-only root filesystem', filename: F, code: deployment(['image: a:1', 'securityContext:', '  readOnlyRootFilesystem: true']) },
    { name: 'flow securityContext', filename: F, code: deployment(['securityContext: {readOnlyRootFilesystem: true, runAsNonRoot: true}']) },
    { name: 'Windows pod', filename: F, code: deployment(['image: a:1'], ['os: {name: windows}']) },
    { name: 'Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(['securityContext:', '  readOnlyRootFilesystem: "{{ .Values.readOnly }}"']) },
    { name: 'securityContext from a Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(['securityContext: "{{ toJson .Values.securityContext }}"']) },
    {
      name: 'ephemeral debug container',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, securityContext: {readOnlyRootFilesystem: true}}]', '  ephemeralContainers: [{name: debug, image: busybox:1.36}]'),
    },
  ],
  invalid: [
    {
      name: 'no securityContext: one is added',
      filename: F,
      code: deployment(['image: a:1']),
      errors: [
        {
          messageId: 'missing',
          ...header,
          suggestions: [{ messageId: 'setTrue', output: deployment(['image: a:1']).replace('- name: app', '- securityContext:\n            readOnlyRootFilesystem: true\n          name: app') }],
        },
      ],
    },
    {
      name: 'explicit false',
      filename: F,
      code: deployment(['securityContext:', '  readOnlyRootFilesystem: false']),
      errors: [{ messageId: 'writable', line: 11, column: 37, endLine: 11, endColumn: 42, suggestions: [{ messageId: 'setTrue', output: deployment(['securityContext:', '  readOnlyRootFilesystem: true']) }] }],
    },
    {
      name: 'init container with a securityContext without the key',
      filename: F,
      code: deployment(['securityContext:', '  runAsNonRoot: true']).replace('containers:', 'initContainers:'),
      errors: [
        {
          messageId: 'missing',
          ...header,
          suggestions: [{ messageId: 'setTrue', output: deployment(['securityContext:', '  readOnlyRootFilesystem: true', '  runAsNonRoot: true']).replace('containers:', 'initContainers:') }],
        },
      ],
    },
    {
      name: 'flow securityContext without the key: no suggestion',
      filename: F,
      code: deployment(['securityContext: {runAsNonRoot: true}']),
      errors: [{ messageId: 'missing', ...header }],
    },
  ],
});

import rule from '../../../src/rules/kubernetes/require-drop-all-capabilities';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const header = { line: 9, column: 11, endLine: 9, endColumn: 20 };

ruleTester(rule, {
  valid: [
    { name: 'hardened container', filename: F, code: deployment(HARDENED) },
    { name: 'drop ALL and add NET_BIND_SERVICE', filename: F, code: deployment(['securityContext:', '  capabilities:', '    drop: ["ALL"]', '    add: ["NET_BIND_SERVICE"]']) },
    { name: 'dangerous capabilities are kubernetes/no-dangerous-capabilities’', filename: F, code: deployment(['securityContext: {capabilities: {drop: [ALL], add: [SYS_ADMIN, NET_ADMIN]}}']) },
    { name: 'privileged container: kubernetes/no-privileged-container', filename: F, code: deployment(['securityContext: {privileged: true}']) },
    { name: 'Windows pod', filename: F, code: deployment(['image: a:1'], ['os: {name: windows}']) },
    { name: 'securityContext from a Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(['securityContext: "{{ toJson .Values.securityContext }}"']) },
    {
      name: 'ephemeral debug container',
      filename: 'pod.yaml',
      code: lines('apiVersion: v1', 'kind: Pod', 'metadata: {name: p}', 'spec:', '  containers: [{name: a, securityContext: {capabilities: {drop: [ALL]}}}]', '  ephemeralContainers: [{name: debug, image: busybox:1.36}]'),
    },
  ],
  invalid: [
    {
      name: 'no securityContext: one is added',
      filename: F,
      code: deployment(['image: a:1']),
      errors: [
        {
          messageId: 'noDropAll',
          ...header,
          severity: 'info',
          suggestions: [{ messageId: 'dropAll', output: deployment(['image: a:1']).replace('- name: app', '- securityContext:\n            capabilities:\n              drop: [ALL]\n          name: app') }],
        },
      ],
    },
    {
      name: 'securityContext without capabilities',
      filename: F,
      code: deployment(['securityContext:', '  runAsNonRoot: true']),
      errors: [{ messageId: 'noDropAll', ...header, severity: 'info', suggestions: [{ messageId: 'dropAll', output: deployment(['securityContext:', '  capabilities:', '    drop: [ALL]', '  runAsNonRoot: true']) }] }],
    },
    {
      name: 'capabilities that only add: NET_RAW is outside the baseline set, CHOWN beyond the restricted one',
      filename: F,
      code: deployment(['securityContext:', '  capabilities:', '    add: [NET_RAW, CHOWN]']),
      errors: [
        {
          messageId: 'noDropAll',
          line: 11,
          column: 13,
          endLine: 11,
          endColumn: 25,
          severity: 'info',
          suggestions: [{ messageId: 'dropAll', output: deployment(['securityContext:', '  capabilities:', '    drop: [ALL]', '    add: [NET_RAW, CHOWN]']) }],
        },
        { messageId: 'nonDefault', line: 12, column: 21, endLine: 12, endColumn: 28 },
        { messageId: 'beyondBindService', line: 12, column: 30, endLine: 12, endColumn: 35, severity: 'info' },
      ],
    },
    {
      name: 'drop list without ALL, in block style, in an init container',
      filename: F,
      code: deployment(['securityContext:', '  capabilities:', '    drop:', '      - NET_RAW']).replace('containers:', 'initContainers:'),
      errors: [
        {
          messageId: 'noDropAll',
          line: 12,
          column: 15,
          endLine: 12,
          endColumn: 19,
          severity: 'info',
          suggestions: [{ messageId: 'dropAll', output: deployment(['securityContext:', '  capabilities:', '    drop:', '      - ALL', '      - NET_RAW']).replace('containers:', 'initContainers:') }],
        },
      ],
    },
  ],
});

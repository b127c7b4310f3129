import rule from '../../../src/rules/kubernetes/no-unmasked-proc-mount';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'hardened container', filename: F, code: deployment(HARDENED) },
    { name: 'procMount: Default', filename: F, code: deployment(['securityContext:', '  procMount: Default']) },
    { name: 'Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(['securityContext:', '  procMount: "{{ .Values.procMount }}"']) },
  ],
  invalid: [
    {
      name: 'Unmasked',
      filename: F,
      code: deployment(['securityContext:', '  procMount: Unmasked']),
      errors: [{ messageId: 'unmasked', line: 11, column: 24, endLine: 11, endColumn: 32, suggestions: [{ messageId: 'setDefault', output: deployment(['securityContext:', '  procMount: Default']) }] }],
    },
    {
      name: 'Unmasked in a user-namespace pod (hostUsers: false): reported as info',
      filename: F,
      code: deployment(['securityContext: {procMount: Unmasked}'], ['hostUsers: false']).replace('containers:', 'initContainers:'),
      errors: [
        {
          messageId: 'unmasked',
          line: 11,
          column: 40,
          endLine: 11,
          endColumn: 48,
          severity: 'info',
          suggestions: [{ messageId: 'setDefault', output: deployment(['securityContext: {procMount: Default}'], ['hostUsers: false']).replace('containers:', 'initContainers:') }],
        },
      ],
    },
  ],
});

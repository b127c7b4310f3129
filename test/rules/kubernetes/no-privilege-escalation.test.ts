import rule from '../../../src/rules/kubernetes/no-privilege-escalation';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED, lines } from './manifests';

const F = 'k8s/deploy.yaml';
const header = { line: 9, column: 11, endLine: 9, endColumn: 20 };

ruleTester(rule, {
  valid: [
    { name: 'hardened container', filename: F, code: deployment(HARDENED) },
    { name: 'flow securityContext with false', filename: F, code: deployment(['securityContext: {allowPrivilegeEscalation: false}']) },
    { name: 'privileged container: reported by no-privileged-container', filename: F, code: deployment(['securityContext:', '  privileged: true']) },
    { name: 'Windows pod ignores the field', filename: F, code: deployment(['image: mcr.microsoft.com/windows/servercore:ltsc2022'], ['os:', '  name: windows']) },
    { name: 'not a workload', filename: F, code: lines('apiVersion: v1', 'kind: Service', 'spec:', '  containers:', '    - name: a') },
  ],
  invalid: [
    {
      name: 'explicit true',
      filename: F,
      code: deployment(['securityContext:', '  allowPrivilegeEscalation: true']),
      errors: [
        {
          messageId: 'allowed',
          line: 11,
          column: 39,
          endLine: 11,
          endColumn: 43,
          suggestions: [{ messageId: 'setFalse', output: deployment(['securityContext:', '  allowPrivilegeEscalation: false']) }],
        },
      ],
    },
    {
      name: 'missing, no securityContext: the suggestion adds one',
      filename: F,
      code: deployment(['image: nginx:1.27']),
      errors: [
        {
          messageId: 'missing',
          ...header,
          suggestions: [
            {
              messageId: 'setFalse',
              output: deployment(['image: nginx:1.27']).replace(
                '- name: app',
                '- securityContext:\n            allowPrivilegeEscalation: false\n          name: app',
              ),
            },
          ],
        },
      ],
    },
    {
      name: 'missing from an existing securityContext: the suggestion adds the key',
      filename: F,
      code: deployment(['securityContext:', '  runAsNonRoot: true']),
      errors: [
        {
          messageId: 'missing',
          ...header,
          suggestions: [{ messageId: 'setFalse', output: deployment(['securityContext:', '  allowPrivilegeEscalation: false', '  runAsNonRoot: true']) }],
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

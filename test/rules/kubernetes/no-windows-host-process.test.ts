import rule from '../../../src/rules/kubernetes/no-windows-host-process';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'Linux pod', filename: F, code: deployment(HARDENED) },
    { name: 'Windows pod with a user name', filename: F, code: deployment(['image: a:1'], ['os: {name: windows}', 'securityContext:', '  windowsOptions: {runAsUserName: ContainerUser}']) },
    { name: 'hostProcess: false', filename: F, code: deployment(['securityContext:', '  windowsOptions:', '    hostProcess: false'], ['os: {name: windows}']) },
  ],
  invalid: [
    {
      name: 'pod-level HostProcess',
      filename: F,
      code: deployment(['image: a:1'], ['hostNetwork: true', 'securityContext:', '  windowsOptions:', '    hostProcess: true', '    runAsUserName: "NT AUTHORITY\\\\SYSTEM"']),
      errors: [
        {
          messageId: 'hostProcess',
          line: 11,
          column: 24,
          endLine: 11,
          endColumn: 28,
          suggestions: [{ messageId: 'setFalse', output: deployment(['image: a:1'], ['hostNetwork: true', 'securityContext:', '  windowsOptions:', '    hostProcess: false', '    runAsUserName: "NT AUTHORITY\\\\SYSTEM"']) }],
        },
      ],
    },
    {
      name: 'container-level HostProcess in flow style',
      filename: F,
      code: deployment(['securityContext: {windowsOptions: {hostProcess: true}}']),
      errors: [
        {
          messageId: 'hostProcess',
          line: 10,
          column: 59,
          endLine: 10,
          endColumn: 63,
          suggestions: [{ messageId: 'setFalse', output: deployment(['securityContext: {windowsOptions: {hostProcess: false}}']) }],
        },
      ],
    },
  ],
});

import rule from '../../../src/rules/kubernetes/no-selinux-override';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'no seLinuxOptions', filename: F, code: deployment(HARDENED) },
    { name: 'an MCS level only', filename: F, code: deployment(HARDENED, ['securityContext:', '  seLinuxOptions: {level: "s0:c123,c456"}']) },
    { name: 'container types', filename: F, code: deployment(['securityContext:', '  seLinuxOptions: {type: container_init_t}'], ['securityContext:', '  seLinuxOptions: {type: container_t}']) },
    { name: 'Windows pod', filename: F, code: deployment(HARDENED, ['os: {name: windows}', 'securityContext:', '  seLinuxOptions: {type: spc_t}']) },
  ],
  invalid: [
    {
      name: 'spc_t at pod level',
      filename: F,
      code: deployment(HARDENED, ['securityContext:', '  seLinuxOptions:', '    type: spc_t']),
      errors: [{ messageId: 'type', line: 10, column: 17, endLine: 10, endColumn: 22 }],
    },
    {
      name: 'user and role in a container',
      filename: F,
      code: deployment(['securityContext:', '  seLinuxOptions: {user: system_u, role: system_r, type: container_t}']),
      errors: [
        { messageId: 'userOrRole', line: 11, column: 36, endLine: 11, endColumn: 44 },
        { messageId: 'userOrRole', line: 11, column: 52, endLine: 11, endColumn: 60 },
      ],
    },
  ],
});

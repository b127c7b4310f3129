import rule from '../../../src/rules/kubernetes/no-dangerous-capabilities';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';

ruleTester(rule, {
  valid: [
    { name: 'drop ALL', filename: F, code: deployment(HARDENED) },
    { name: 'NET_BIND_SERVICE is fine', filename: F, code: deployment(['securityContext:', '  capabilities:', '    drop: [ALL]', '    add: [NET_BIND_SERVICE]']) },
    { name: 'ALL under drop', filename: F, code: deployment(['securityContext: {capabilities: {drop: [ALL, SYS_ADMIN]}}']) },
  ],
  invalid: [
    {
      name: 'SYS_ADMIN and CAP_NET_ADMIN in a block list',
      filename: F,
      code: deployment(['securityContext:', '  capabilities:', '    add:', '      - SYS_ADMIN', '      - NET_BIND_SERVICE', '      - CAP_NET_ADMIN']),
      errors: [
        { messageId: 'capability', line: 13, column: 19, endLine: 13, endColumn: 28 },
        { messageId: 'capability', line: 15, column: 19, endLine: 15, endColumn: 32 },
      ],
    },
    {
      name: 'ALL in a flow list',
      filename: F,
      code: deployment(['securityContext: {capabilities: {add: ["ALL"]}}']),
      errors: [{ messageId: 'capability', line: 10, column: 50, endLine: 10, endColumn: 55 }],
    },
  ],
});

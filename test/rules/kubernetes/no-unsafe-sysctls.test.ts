import rule from '../../../src/rules/kubernetes/no-unsafe-sysctls';
import { ruleTester } from '../../lib/rule-tester';
import { deployment, HARDENED } from './manifests';

const F = 'k8s/deploy.yaml';
const sysctls = (...items: string[]): string[] => ['securityContext:', '  sysctls:', ...items.map((i) => `    ${i}`)];

ruleTester(rule, {
  valid: [
    { name: 'no sysctls', filename: F, code: deployment(HARDENED) },
    { name: 'safe sysctls', filename: F, code: deployment(HARDENED, sysctls('- {name: net.ipv4.ip_local_port_range, value: "1024 65535"}', '- {name: net.ipv4.tcp_keepalive_time, value: "600"}')) },
    { name: 'safe sysctl with / as separator', filename: F, code: deployment(HARDENED, sysctls('- name: kernel/shm_rmid_forced', '  value: "1"')) },
    { name: 'Helm value', filename: 'chart/templates/deploy.yaml', code: deployment(HARDENED, sysctls('- name: "{{ .Values.sysctl }}"', '  value: "1"')) },
    { name: 'Windows pod', filename: F, code: deployment(HARDENED, ['os: {name: windows}', ...sysctls('- {name: net.core.somaxconn, value: "1024"}')]) },
  ],
  invalid: [
    {
      name: 'a namespaced unsafe sysctl and a node-level one in a StatefulSet',
      filename: F,
      code: deployment(HARDENED, sysctls('- name: net.core.somaxconn', '  value: "4096"', '- {name: vm.overcommit_memory, value: "1"}')).replace('Deployment', 'StatefulSet'),
      errors: [
        { messageId: 'unsafe', line: 10, column: 19, endLine: 10, endColumn: 37 },
        { messageId: 'unsafe', line: 12, column: 20, endLine: 12, endColumn: 40 },
      ],
    },
    {
      name: 'an unsafe sysctl next to a safe one',
      filename: F,
      code: deployment(HARDENED, sysctls('- {name: net.ipv4.tcp_syncookies, value: "1"}', '- {name: kernel.msgmax, value: "65536"}')),
      errors: [{ messageId: 'unsafe', line: 11, column: 20, endLine: 11, endColumn: 33 }],
    },
  ],
});

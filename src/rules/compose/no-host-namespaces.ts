import { defineRule } from '../../engine/rule';
import type { YamlHelpers } from '../../languages/yaml';
import { composeServices, nodeRange, pairOf, scalarOf } from './compose-model';

/** Compose keys that share a host namespace when set to `host`, and what that namespace is. */
const NAMESPACE_KEYS: Record<string, string> = {
  network_mode: 'network',
  pid: 'process (PID)',
  ipc: 'IPC',
  uts: 'UTS (hostname)',
  userns_mode: 'user',
};

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-host-namespaces',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not share the host network, PID, IPC, UTS or user namespace',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-653'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      hostNamespace:
        "Service '{{service}}' shares the host's {{namespace}} namespace ({{key}}: host): the container sees and can reach the host's {{what}}, so isolation from the host is gone. Remove {{key}} and publish only the ports the service needs.",
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServices(context)) {
          for (const [key, namespace] of Object.entries(NAMESPACE_KEYS)) {
            if (scalarOf(service.map, key)?.toLowerCase() !== 'host') continue;
            const pair = pairOf(service.map, key)!;
            const what = key === 'network_mode' ? 'network interfaces and local-only services' : key === 'pid' ? 'processes' : 'resources';
            context.report({
              range: [nodeRange(pair.key)[0], nodeRange(pair.value)[1]],
              messageId: 'hostNamespace',
              data: { service: service.name, namespace, key, what },
            });
          }
        }
      },
    };
  },
});

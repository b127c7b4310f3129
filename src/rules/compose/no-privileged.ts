import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { YamlHelpers } from '../../languages/yaml';
import { composeServices, itemsOf, nodeRange, pairOf } from './compose-model';

const DANGEROUS_CAPABILITY = /^(?:CAP_)?(?:ALL|SYS_ADMIN|SYS_MODULE|SYS_PTRACE|DAC_READ_SEARCH|SYS_RAWIO)$/i;

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-privileged',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not run privileged or add ALL / SYS_ADMIN capabilities',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      privileged:
        "Service '{{service}}' runs privileged: it gets every capability and every host device, so a compromise of the container is a compromise of the host. Remove privileged and add only the capabilities or devices it needs.",
      capability:
        "Service '{{service}}' adds the {{capability}} capability, which is close to root on the host (mounts, kernel modules, other processes). Remove it and add only a narrow capability the service needs.",
      setFalse: 'Set privileged: false',
    },
  },
  create(context) {
    return {
      File() {
        for (const service of composeServices(context)) {
          const privileged = pairOf(service.map, 'privileged');
          if (isScalar(privileged?.value) && privileged.value.value === true) {
            const range = nodeRange(privileged.value);
            context.report({
              range: [nodeRange(privileged.key)[0], range[1]],
              messageId: 'privileged',
              data: { service: service.name },
              suggest: [{ messageId: 'setFalse', edits: [{ range, text: 'false' }] }],
            });
          }
          for (const item of itemsOf(service.map, 'cap_add')) {
            if (isScalar(item) && typeof item.value === 'string' && DANGEROUS_CAPABILITY.test(item.value)) {
              context.report({ range: nodeRange(item), messageId: 'capability', data: { service: service.name, capability: item.value.toUpperCase() } });
            }
          }
        }
      },
    };
  },
});

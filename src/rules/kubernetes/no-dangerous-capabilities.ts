import { defineRule } from '../../engine/rule';
import { describeContainer, kubernetesModel, lookup, mapAt, seqEntries, stringValue } from './model';

/** Capabilities that amount to root on the node or break network isolation, with what they allow. */
const DANGEROUS: Record<string, string> = {
  ALL: 'every capability',
  SYS_ADMIN: 'mounts, namespaces and most of what root can do',
  NET_ADMIN: 'reconfiguring interfaces, routes and firewall rules',
  SYS_PTRACE: 'tracing and reading the memory of other processes',
  SYS_MODULE: 'loading kernel modules',
  SYS_RAWIO: 'raw access to devices and I/O ports',
  DAC_READ_SEARCH: 'reading any file through file handles (the "shocker" escape)',
  BPF: 'loading eBPF programs into the kernel',
  SYS_BOOT: 'rebooting the node',
  MAC_ADMIN: 'changing the mandatory access control policy',
};

/** Capabilities this rule reports when added (other rules leave them to it). */
export const DANGEROUS_CAPABILITIES: ReadonlySet<string> = new Set(Object.keys(DANGEROUS));

export default defineRule({
  id: 'kubernetes/no-dangerous-capabilities',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers must not add dangerous Linux capabilities (ALL, SYS_ADMIN, NET_ADMIN, …)',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      capability: 'The {{container}} adds the {{capability}} capability ({{what}}), which lets a compromised container escape to the node.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const { doc } = container.workload.object;
          const capabilities = container.securityContext && mapAt(doc, container.securityContext, 'capabilities');
          if (!capabilities) continue;
          for (const item of seqEntries(doc, lookup(doc, capabilities, 'add')?.value)) {
            const name = stringValue(item.value)?.trim().toUpperCase().replace(/^CAP_/, '');
            if (name === undefined || !(name in DANGEROUS)) continue;
            context.report({
              range: item.range,
              messageId: 'capability',
              data: { container: describeContainer(container), capability: name, what: DANGEROUS[name] },
            });
          }
        }
      },
    };
  },
});

import type { Node } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { YamlHelpers } from '../../languages/yaml';
import { lookup, seqEntries, stringValue } from '../kubernetes/model';
import { composeServiceEntries } from './compose-model';

/**
 * Capabilities that widen what a compromised container can do to the kernel and the network, with what
 * they allow. ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH and SYS_RAWIO are reported by
 * compose/no-privileged.
 */
const DANGEROUS: Record<string, string> = {
  NET_ADMIN: "reconfiguring interfaces, routes and firewall rules, and reaching the kernel's netfilter code, a frequent source of escapes",
  BPF: 'loading eBPF programs into the kernel',
  SYS_BOOT: 'rebooting the host and loading a new kernel (kexec)',
  MAC_ADMIN: 'changing the AppArmor or SELinux policy that confines containers',
};

export default defineRule<unknown, YamlHelpers>({
  id: 'compose/no-dangerous-capabilities',
  languages: ['yaml'],
  meta: {
    description: 'Compose services must not add dangerous Linux capabilities (NET_ADMIN, BPF, SYS_BOOT, MAC_ADMIN)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      capability:
        "Service '{{service}}' adds the {{capability}} capability ({{what}}): a compromise of the container gets that power over the host's kernel. Remove it unless the service cannot work without it, and then keep cap_drop: [ALL] and the default seccomp profile.",
    },
  },
  create(context) {
    return {
      File() {
        const reported = new Set<Node>();
        for (const service of composeServiceEntries(context)) {
          // Entries reached through a `<<` merge sit in the anchor: reported once, for the first service using it.
          for (const item of seqEntries(service.doc, lookup(service.doc, service.map, 'cap_add')?.value)) {
            const capability = stringValue(item.value)?.trim().toUpperCase().replace(/^CAP_/, '');
            if (capability === undefined || !Object.hasOwn(DANGEROUS, capability) || reported.has(item.node)) continue;
            reported.add(item.node);
            context.report({ range: item.range, messageId: 'capability', data: { service: service.name, capability, what: DANGEROUS[capability] } });
          }
        }
      },
    };
  },
});

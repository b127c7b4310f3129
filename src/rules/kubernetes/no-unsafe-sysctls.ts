import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { describeObject, isWindowsPod, kubernetesModel, lookup, seqItems, stringValue } from './model';

/**
 * The sysctls the Pod Security Standards baseline allows (Kubernetes 1.32): namespaced, and isolated from
 * other pods of the node. Kubelets allow exactly these without --allowed-unsafe-sysctls.
 */
const SAFE = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
]);

export default defineRule({
  id: 'kubernetes/no-unsafe-sysctls',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods must only set the sysctls of the Pod Security Standards safe set',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-668'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      unsafe:
        '{{object}} sets the sysctl {{name}}, which is outside the safe set: it is not isolated from the other pods of the node (or changes the node kernel itself), which is why kubelets refuse it unless allow-listed.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          const { doc } = workload.object;
          const sc = workload.securityContext;
          if (!sc || isWindowsPod(workload)) continue;
          for (const sysctl of seqItems(doc, lookup(doc, sc, 'sysctls')?.value)) {
            const entry = isMap(sysctl) ? lookup(doc, sysctl, 'name') : undefined;
            const name = stringValue(entry?.value ?? null)?.trim();
            if (!entry || name === undefined || name === '' || name.includes('{{') || SAFE.has(canonical(name))) continue;
            context.report({ range: entry.valueRange, messageId: 'unsafe', data: { object: describeObject(workload.object), name } });
          }
        }
      },
    };
  },
});

/** `kernel/shm_rmid_forced` is `kernel.shm_rmid_forced`: with `/` as separator, dots and slashes swap places. */
function canonical(name: string): string {
  return name.includes('/') ? name.replace(/[./]/g, (c) => (c === '/' ? '.' : '/')) : name;
}

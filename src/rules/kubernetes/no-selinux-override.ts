import { defineRule } from '../../engine/rule';
import { describeSecurityContextOwner, isWindowsPod, kubernetesModel, lookup, mapAt, securityContexts, stringValue } from './model';

/** The SELinux types the Pod Security Standards baseline allows (container_engine_t since Kubernetes 1.31). */
const ALLOWED_TYPES = new Set(['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

export default defineRule({
  id: 'kubernetes/no-selinux-override',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods must not set an SELinux type outside the container types, nor an SELinux user or role',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-693'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      type: "The {{owner}} runs under the SELinux type {{value}} instead of a container type (container_t, …): the policy that keeps container processes away from the node's files and processes no longer confines it.",
      userOrRole: 'The {{owner}} sets the SELinux {{field}} {{value}}: a custom user or role can give the container more than the container policy allows.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          if (isWindowsPod(workload)) continue;
          const { doc } = workload.object;
          for (const { container, map } of securityContexts(workload)) {
            const options = mapAt(doc, map, 'seLinuxOptions');
            if (!options) continue;
            const owner = describeSecurityContextOwner(workload, container);
            for (const field of ['type', 'user', 'role'] as const) {
              const entry = lookup(doc, options, field);
              const value = stringValue(entry?.value ?? null)?.trim();
              if (!entry || value === undefined || value === '' || value.includes('{{')) continue;
              if (field === 'type' && ALLOWED_TYPES.has(value)) continue;
              context.report({ range: entry.valueRange, messageId: field === 'type' ? 'type' : 'userOrRole', data: { owner, field, value } });
            }
          }
        }
      },
    };
  },
});

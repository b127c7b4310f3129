import { isMap, isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import { describeContainer, isTrue, kubernetesModel, lookup, seqItems } from './model';

export default defineRule({
  id: 'kubernetes/no-host-port',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers must not bind a hostPort',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      hostPort:
        "The {{container}} binds hostPort {{port}}: the port opens on the addresses of the node it runs on, outside the Service and its access controls, for anyone who can reach the node.",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const { workload } = container;
          const { doc } = workload.object;
          // With hostNetwork every containerPort is a host port; kubernetes/no-host-namespaces reports that.
          if (isTrue(lookup(doc, workload.podSpec, 'hostNetwork')?.value ?? null)) continue;
          for (const port of seqItems(doc, lookup(doc, container.map, 'ports')?.value)) {
            const entry = isMap(port) ? lookup(doc, port, 'hostPort') : undefined;
            const value = isScalar(entry?.value) ? entry.value.value : undefined;
            const number = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
            if (!entry || typeof number !== 'number' || number <= 0) continue;
            context.report({ range: entry.valueRange, messageId: 'hostPort', data: { container: describeContainer(container), port: number } });
          }
        }
      },
    };
  },
});

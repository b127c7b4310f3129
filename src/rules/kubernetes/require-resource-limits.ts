import { isMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { describeContainer, kubernetesModel, lookup } from './model';

export default defineRule({
  id: 'kubernetes/require-resource-limits',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers should set a memory limit',
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-770', 'CWE-400'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    messages: {
      noMemoryLimit:
        'The {{container}} has no memory limit: a leak or a flood of requests can take the memory of the whole node and get its neighbours evicted.',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        // A LimitRange in the same file gives containers default limits.
        if (!model || model.objects.some((o) => o.kind === 'LimitRange')) return;
        for (const container of model.containers) {
          if (container.group === 'ephemeralContainers') continue;
          const { doc } = container.workload.object;
          const resources = lookup(doc, container.map, 'resources');
          const limits = isMap(resources?.value) ? lookup(doc, resources.value, 'limits') : undefined;
          if (isMap(limits?.value) && lookup(doc, limits.value, 'memory')) continue;
          const range = limits ? limits.keyRange : resources ? resources.keyRange : container.headerRange;
          context.report({ range, messageId: 'noMemoryLimit', data: { container: describeContainer(container) } });
        }
      },
    };
  },
});


import { defineRule } from '../../engine/rule';
import { describeObject, kubernetesModel, namespaceEntry, stringValue } from './model';

export default defineRule({
  id: 'kubernetes/no-default-namespace',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes workloads should not be placed in the default namespace explicitly',
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-653'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      defaultNamespace:
        "{{object}} is placed in the default namespace, which is shared by everything deployed without a namespace and usually has no Pod Security level, quotas or NetworkPolicies of its own.",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          const entry = namespaceEntry(workload.object);
          if (!entry || stringValue(entry.value)?.trim() !== 'default') continue;
          context.report({ range: entry.valueRange, messageId: 'defaultNamespace', data: { object: describeObject(workload.object) } });
        }
      },
    };
  },
});

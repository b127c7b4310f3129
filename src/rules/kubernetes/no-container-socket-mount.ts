import { defineRule } from '../../engine/rule';
import { describeObject, kubernetesModel, stringValue } from './model';
import { hostPathVolumes, isRuntimeSocketPath } from './volumes';

export default defineRule({
  id: 'kubernetes/no-container-socket-mount',
  languages: ['yaml'],
  meta: {
    description: "Kubernetes pods must not mount the container runtime's socket (Docker, containerd, CRI-O)",
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      socket:
        "{{object}} mounts '{{path}}' from the node: whoever reaches the container runtime's API can start a privileged container and owns the node and every pod on it.",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          for (const volume of hostPathVolumes(workload)) {
            const path = stringValue(volume.path?.value ?? null);
            if (!volume.path || path === undefined || !isRuntimeSocketPath(path)) continue;
            context.report({ range: volume.path.valueRange, messageId: 'socket', data: { object: describeObject(workload.object), path } });
          }
        }
      },
    };
  },
});

import { defineRule } from '../../engine/rule';
import { describeObject, isTemplated, kubernetesModel, stringValue } from './model';
import { hostPathVolumes, isRuntimeSocketPath } from './volumes';

/** Host paths that give a container control over the node, not just access to some files. */
const SENSITIVE = /^\/(?:|etc|root|proc|sys|dev|boot|home|var\/lib\/kubelet|var\/lib\/docker|var\/lib\/containerd|etc\/kubernetes)\/?$/;

export default defineRule({
  id: 'kubernetes/no-host-path-mount',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods should not mount hostPath volumes',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-668', 'CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      hostPath:
        "{{object}} mounts the node's '{{path}}' through a hostPath volume: the container reads (or writes) the node's files outside any isolation, and the pod is tied to that node.",
      sensitiveHostPath:
        "{{object}} mounts the node's '{{path}}' through a hostPath volume: with it the container can read node credentials or change the node itself.",
      unknownHostPath: "{{object}} declares a hostPath volume: the container reads (or writes) the node's files outside any isolation.",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          const object = describeObject(workload.object);
          for (const volume of hostPathVolumes(workload)) {
            const path = stringValue(volume.path?.value ?? null);
            // The container runtime's socket is reported by kubernetes/no-container-socket-mount.
            if (path !== undefined && isRuntimeSocketPath(path)) continue;
            if (volume.path && isTemplated(volume.path.value)) continue;
            if (path === undefined || !volume.path) {
              context.report({ range: volume.hostPath.keyRange, messageId: 'unknownHostPath', data: { object } });
              continue;
            }
            const messageId = SENSITIVE.test(path) ? 'sensitiveHostPath' : 'hostPath';
            context.report({ range: volume.path.valueRange, messageId, data: { object, path } });
          }
        }
      },
    };
  },
});

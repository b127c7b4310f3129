import { defineRule } from '../../engine/rule';
import { describeObject, isTrue, kubernetesModel, lookup, replaceScalarEdit } from './model';

/** The pod-spec fields that share a host namespace, and what the pod then sees. */
const NAMESPACES: Record<string, string> = {
  hostNetwork: "the node's network stack (every interface, localhost services, the cloud metadata endpoint)",
  hostPID: 'every process on the node (and can signal or ptrace them with the right capabilities)',
  hostIPC: "the node's shared memory and IPC objects",
};

export default defineRule({
  id: 'kubernetes/no-host-namespaces',
  languages: ['yaml'],
  meta: {
    description: "Kubernetes pods must not share the host's network, PID or IPC namespace",
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-668'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hostNamespace: '{{object}} sets {{field}}: true, so its containers see {{what}}; this removes a main layer of isolation from the node.',
      setFalse: 'Set {{field}}: false',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          for (const [field, what] of Object.entries(NAMESPACES)) {
            const entry = lookup(workload.object.doc, workload.podSpec, field);
            if (!entry || !isTrue(entry.value)) continue;
            const edit = replaceScalarEdit(entry, 'false');
            context.report({
              range: entry.valueRange,
              messageId: 'hostNamespace',
              data: { object: describeObject(workload.object), field, what },
              suggest: edit ? [{ messageId: 'setFalse', data: { field }, edits: [edit] }] : [],
            });
          }
        }
      },
    };
  },
});

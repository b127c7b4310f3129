import { isScalar, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import { removePairEdit } from './edits';
import { describeContainer, isTrue, kubernetesModel, lookup, mapAt } from './model';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const HANDLERS = ['httpGet', 'tcpSocket'];

export default defineRule({
  id: 'kubernetes/no-probe-host',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes probes and lifecycle hooks must not set a host for the kubelet to connect to',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-918'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      host: "The {{where}} of the {{container}} sends the kubelet to host {{host}}: the kubelet connects from the node, so a probe can reach the node's own localhost services and networks the pod cannot.",
      removeHost: 'Remove host (probe the pod itself)',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const { doc } = container.workload.object;
          // On the host network the pod reaches the node's localhost itself; kubernetes/no-host-namespaces reports that.
          if (isTrue(lookup(doc, container.workload.podSpec, 'hostNetwork')?.value ?? null)) continue;
          const handlers: Array<[string, YAMLMap | undefined]> = PROBES.map((p) => [p, mapAt(doc, container.map, p)]);
          const lifecycle = mapAt(doc, container.map, 'lifecycle');
          if (lifecycle) for (const hook of HOOKS) handlers.push([`${hook} hook`, mapAt(doc, lifecycle, hook)]);
          for (const [where, probe] of handlers) {
            for (const kind of HANDLERS) {
              const action = probe && mapAt(doc, probe, kind);
              const entry = action && lookup(doc, action, 'host');
              const host = isScalar(entry?.value) ? String(entry.value.value ?? '').trim() : '';
              if (!action || !entry || host === '' || host.includes('{{')) continue;
              const edit = entry.viaAlias ? undefined : removePairEdit(context.text, action, entry.keyRange[0], entry.valueRange[1]);
              context.report({
                range: entry.valueRange,
                messageId: 'host',
                data: { where: `${where} ${kind}`, container: describeContainer(container), host },
                suggest: edit ? [{ messageId: 'removeHost', edits: [edit] }] : [],
              });
            }
          }
        }
      },
    };
  },
});

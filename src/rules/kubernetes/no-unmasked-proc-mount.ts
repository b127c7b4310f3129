import { defineRule } from '../../engine/rule';
import { describeContainer, isFalse, isWindowsPod, kubernetesModel, lookup, replaceScalarEdit, stringValue } from './model';

export default defineRule({
  id: 'kubernetes/no-unmasked-proc-mount',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers must keep the default masked /proc (procMount: Default)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-200', 'CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      unmasked:
        'The {{container}} sets procMount: {{value}}, which removes the masks and read-only mounts of /proc: /proc/kcore, /proc/keys and the other masked paths become readable, and /proc/sys and /proc/sysrq-trigger writable.',
      setDefault: 'Set procMount: Default',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const sc = container.securityContext;
          if (!sc || isWindowsPod(container.workload)) continue;
          const { doc } = container.workload.object;
          const entry = lookup(doc, sc, 'procMount');
          const value = stringValue(entry?.value ?? null);
          if (!entry || value === undefined || value === 'Default' || value === '' || value.includes('{{')) continue;
          const edit = replaceScalarEdit(entry, 'Default');
          // In a user namespace (hostUsers: false) root in the container is not root on the node; baseline allows it there.
          const userNamespace = isFalse(lookup(doc, container.workload.podSpec, 'hostUsers')?.value ?? null);
          context.report({
            range: entry.valueRange,
            messageId: 'unmasked',
            data: { container: describeContainer(container), value },
            suggest: edit ? [{ messageId: 'setDefault', edits: [edit] }] : [],
            ...(userNamespace ? { severity: 'info' as const } : {}),
          });
        }
      },
    };
  },
});

import { defineRule } from '../../engine/rule';
import { describeContainer, isTrue, kubernetesModel, lookup, replaceScalarEdit } from './model';

export default defineRule({
  id: 'kubernetes/no-privileged-container',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers must not run privileged',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-269'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      privileged:
        'The {{container}} runs privileged: it gets every capability and all host devices, so a compromise of the container is a compromise of the node.',
      setFalse: 'Set privileged: false',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          if (!container.securityContext) continue;
          const entry = lookup(container.workload.object.doc, container.securityContext, 'privileged');
          if (!entry || !isTrue(entry.value)) continue;
          const edit = replaceScalarEdit(entry, 'false');
          context.report({
            range: entry.valueRange,
            messageId: 'privileged',
            data: { container: describeContainer(container) },
            suggest: edit ? [{ messageId: 'setFalse', edits: [edit] }] : [],
          });
        }
      },
    };
  },
});

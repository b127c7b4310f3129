import { defineRule } from '../../engine/rule';
import { insertIntoSecurityContext } from './edits';
import { describeContainer, isFalse, isWindowsPod, kubernetesModel, lookup, replaceScalarEdit } from './model';

export default defineRule({
  id: 'kubernetes/require-read-only-root-filesystem',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers should set readOnlyRootFilesystem: true',
    severity: 'info',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-732'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      writable:
        'The {{container}} sets readOnlyRootFilesystem: false: code that gets in can replace binaries and libraries of the image and leave tools behind.',
      missing:
        'The {{container}} does not set readOnlyRootFilesystem: true, so its root filesystem is writable: code that gets in can replace binaries and libraries of the image and leave tools behind.',
      setTrue: 'Set readOnlyRootFilesystem: true',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          // Ephemeral containers are debug tools added at run time; Windows does not support the field.
          if (container.group === 'ephemeralContainers' || isWindowsPod(container.workload)) continue;
          const { doc } = container.workload.object;
          // A securityContext that is not a mapping (a Helm value) may set it.
          if (!container.securityContext && lookup(doc, container.map, 'securityContext')) continue;
          const data = { container: describeContainer(container) };
          const entry = container.securityContext && lookup(doc, container.securityContext, 'readOnlyRootFilesystem');
          if (entry) {
            if (!isFalse(entry.value)) continue;
            const edit = replaceScalarEdit(entry, 'true');
            context.report({ range: entry.valueRange, messageId: 'writable', data, suggest: edit ? [{ messageId: 'setTrue', edits: [edit] }] : [] });
            continue;
          }
          const edit = insertIntoSecurityContext(context.text, doc, container.map, container.securityContext, ['readOnlyRootFilesystem: true']);
          context.report({ range: container.headerRange, messageId: 'missing', data, suggest: edit ? [{ messageId: 'setTrue', edits: [edit] }] : [] });
        }
      },
    };
  },
});

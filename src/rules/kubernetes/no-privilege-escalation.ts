import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import { insertIntoBlockMap } from './edits';
import { describeContainer, isTrue, kubernetesModel, lookup, replaceScalarEdit, isWindowsPod } from './model';

export default defineRule({
  id: 'kubernetes/no-privilege-escalation',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers must set allowPrivilegeEscalation: false',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-269', 'CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      allowed:
        'The {{container}} sets allowPrivilegeEscalation: true: setuid binaries and file capabilities inside it can gain more privileges than the process started with.',
      missing:
        'The {{container}} does not set allowPrivilegeEscalation, which defaults to true: setuid binaries and file capabilities inside it can gain more privileges than the process started with.',
      setFalse: 'Set allowPrivilegeEscalation: false',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const { doc } = container.workload.object;
          // Ephemeral (debug) containers are added by kubectl debug, not written in manifests.
          if (container.group === 'ephemeralContainers' || isWindowsPod(container.workload)) continue;
          const sc = container.securityContext;
          const entry = sc ? lookup(doc, sc, 'allowPrivilegeEscalation') : undefined;
          if (entry) {
            if (!isTrue(entry.value)) continue;
            const edit = replaceScalarEdit(entry, 'false');
            const suggest: FixDescriptor[] = edit ? [{ messageId: 'setFalse', edits: [edit] }] : [];
            context.report({ range: entry.valueRange, messageId: 'allowed', data: { container: describeContainer(container) }, suggest });
            continue;
          }
          // A privileged container always escalates; no-privileged-container reports it.
          if (sc && isTrue(lookup(doc, sc, 'privileged')?.value ?? null)) continue;
          const edit = sc
            ? insertIntoBlockMap(context.text, sc, ['allowPrivilegeEscalation: false'])
            : lookup(doc, container.map, 'securityContext')
              ? undefined
              : insertIntoBlockMap(context.text, container.map, ['securityContext:', '  allowPrivilegeEscalation: false']);
          context.report({
            range: container.headerRange,
            messageId: 'missing',
            data: { container: describeContainer(container) },
            suggest: edit ? [{ messageId: 'setFalse', edits: [edit] }] : [],
          });
        }
      },
    };
  },
});

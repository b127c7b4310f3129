import { defineRule } from '../../engine/rule';
import { describeSecurityContextOwner, isTrue, kubernetesModel, lookup, mapAt, replaceScalarEdit, securityContexts } from './model';

export default defineRule({
  id: 'kubernetes/no-windows-host-process',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods must not run Windows HostProcess containers',
    severity: 'error',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      hostProcess:
        'The {{owner}} sets windowsOptions.hostProcess: true: the container runs as a process of the Windows node itself, with its file system, network and (as SYSTEM) full control of it.',
      setFalse: 'Set hostProcess: false',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          const { doc } = workload.object;
          for (const { container, map } of securityContexts(workload)) {
            const options = mapAt(doc, map, 'windowsOptions');
            const entry = options && lookup(doc, options, 'hostProcess');
            if (!entry || !isTrue(entry.value)) continue;
            const edit = replaceScalarEdit(entry, 'false');
            context.report({
              range: entry.valueRange,
              messageId: 'hostProcess',
              data: { owner: describeSecurityContextOwner(workload, container) },
              suggest: edit ? [{ messageId: 'setFalse', edits: [edit] }] : [],
            });
          }
        }
      },
    };
  },
});

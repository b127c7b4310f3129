import { isScalar } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { ReportDescriptor } from '../../engine/types';
import { insertIntoBlockMap } from './edits';
import { describeContainer, isFalse, isTemplated, isTrue, kubernetesModel, lookup, replaceScalarEdit, isWindowsPod, type Container, type Entry } from './model';

export default defineRule({
  id: 'kubernetes/require-run-as-non-root',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes containers must run as a non-root user (runAsNonRoot: true or a non-zero runAsUser)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    messages: {
      runAsRoot: 'The {{container}} runs as UID 0 (runAsUser: 0): root in the container is root on the node once any other isolation fails.',
      nonRootFalse: 'The {{container}} sets runAsNonRoot: false, so an image whose user is root runs as root.',
      missing:
        'Neither the {{container}} nor its pod sets runAsNonRoot: true or a non-zero runAsUser, so it runs as whatever user the image declares — root for most images.',
      setTrue: 'Set runAsNonRoot: true',
      addNonRoot: 'Add securityContext.runAsNonRoot: true to the container',
    },
  },
  create(context) {
    const reported = new Set<string>();
    const report = (descriptor: ReportDescriptor): void => {
      // A pod-level value applies to every container; report it once.
      const key = `${descriptor.range[0]}:${descriptor.range[1]}`;
      if (reported.has(key)) return;
      reported.add(key);
      context.report(descriptor);
    };
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          if (container.group === 'ephemeralContainers' || isWindowsPod(container.workload)) continue;
          const finding = check(context.text, container);
          if (finding) report(finding);
        }
      },
    };
  },
});

/** The effective setting: the container's own, else the pod's. */
function effective(container: Container, key: string): Entry | undefined {
  const { doc } = container.workload.object;
  const own = container.securityContext ? lookup(doc, container.securityContext, key) : undefined;
  const pod = container.workload.securityContext ? lookup(doc, container.workload.securityContext, key) : undefined;
  return own ?? pod;
}

function check(text: string, container: Container): ReportDescriptor | undefined {
  const data = { container: describeContainer(container) };
  const user = effective(container, 'runAsUser');
  const nonRoot = effective(container, 'runAsNonRoot');
  const uid = isScalar(user?.value) ? user.value.value : undefined;
  if (user && uid === 0) return { range: user.valueRange, messageId: 'runAsRoot', data };
  if (nonRoot && isFalse(nonRoot.value)) {
    const edit = replaceScalarEdit(nonRoot, 'true');
    return { range: nonRoot.valueRange, messageId: 'nonRootFalse', data, suggest: edit ? [{ messageId: 'setTrue', edits: [edit] }] : [] };
  }
  if (nonRoot && (isTrue(nonRoot.value) || isTemplated(nonRoot.value))) return undefined;
  if (user && ((typeof uid === 'number' && uid > 0) || isTemplated(user.value))) return undefined;
  if (nonRoot || user) return undefined; // set to something this rule cannot read (e.g. an alias to a non-scalar)
  const { doc } = container.workload.object;
  const edit = container.securityContext
    ? insertIntoBlockMap(text, container.securityContext, ['runAsNonRoot: true'])
    : lookup(doc, container.map, 'securityContext')
      ? undefined
      : insertIntoBlockMap(text, container.map, ['securityContext:', '  runAsNonRoot: true']);
  return { range: container.headerRange, messageId: 'missing', data, suggest: edit ? [{ messageId: 'addNonRoot', edits: [edit] }] : [] };
}

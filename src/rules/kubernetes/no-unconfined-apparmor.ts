import { defineRule } from '../../engine/rule';
import {
  describeObject,
  isWindowsPod,
  kubernetesModel,
  mapAt,
  podMetadata,
  replaceScalarEdit,
  unconfinedProfiles,
  stringKeyedEntries,
  stringValue,
} from './model';

/** The beta annotation that sets a container's AppArmor profile (before the appArmorProfile field of 1.30). */
const ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';

export default defineRule({
  id: 'kubernetes/no-unconfined-apparmor',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods must not turn off AppArmor (appArmorProfile Unconfined or the unconfined annotation)',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-693'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      unconfinedField:
        "The {{owner}} sets appArmorProfile.type: Unconfined, which removes the runtime's default AppArmor profile: writes to /proc and /sys, mounts and raw sockets that the profile denies become possible again.",
      unconfinedAnnotation:
        "{{object}} annotates container '{{container}}' with an unconfined AppArmor profile, which removes the runtime's default profile: writes to /proc and /sys, mounts and raw sockets that the profile denies become possible again.",
      useRuntimeDefault: 'Use the RuntimeDefault AppArmor profile',
      useRuntimeDefaultAnnotation: 'Use runtime/default',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          if (isWindowsPod(workload)) continue;
          const { doc } = workload.object;
          for (const { type, owner, edit } of unconfinedProfiles(workload, 'appArmorProfile')) {
            context.report({ range: type.valueRange, messageId: 'unconfinedField', data: { owner }, suggest: edit ? [{ messageId: 'useRuntimeDefault', edits: [edit] }] : [] });
          }
          const metadata = podMetadata(workload);
          for (const { key, entry } of stringKeyedEntries(doc, metadata && mapAt(doc, metadata, 'annotations'))) {
            if (!key.startsWith(ANNOTATION) || stringValue(entry.value)?.trim() !== 'unconfined') continue;
            const edit = replaceScalarEdit(entry, 'runtime/default');
            context.report({
              range: entry.valueRange,
              messageId: 'unconfinedAnnotation',
              data: { object: describeObject(workload.object), container: key.slice(ANNOTATION.length) },
              suggest: edit ? [{ messageId: 'useRuntimeDefaultAnnotation', edits: [edit] }] : [],
            });
          }
        }
      },
    };
  },
});

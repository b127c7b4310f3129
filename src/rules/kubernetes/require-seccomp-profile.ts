import { isMap, type YAMLMap } from 'yaml';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor, Range } from '../../engine/types';
import { insertIntoSecurityContext } from './edits';
import {
  describeObject,
  isWindowsPod,
  kubernetesModel,
  lookup,
  mapAt,
  podMetadata,
  unconfinedProfiles,
  stringKeyedEntries,
  stringValue,
  type Container,
  type Workload,
} from './model';

/** The legacy (alpha) annotations, read only so that a pod that still uses them is not called unprofiled. */
const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';
const CONFINED_ANNOTATION = /^(?:runtime\/default|docker\/default|localhost\/.+)$/;

export default defineRule({
  id: 'kubernetes/require-seccomp-profile',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes pods must run under a seccomp profile (RuntimeDefault or Localhost), never Unconfined',
    severity: 'warning',
    category: 'iac',
    riskArea: 'development',
    cwe: ['CWE-250', 'CWE-693'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    messages: {
      unconfined:
        'The {{owner}} sets seccompProfile.type: Unconfined: every system call of the node kernel is reachable from the container, the usual way out of a container through a kernel bug.',
      missing:
        'Neither the pod of {{object}} nor its {{containers}} set a seccomp profile: unless every kubelet runs with --seccomp-default they run Unconfined, with every system call of the node kernel reachable.',
      useRuntimeDefault: 'Use the RuntimeDefault seccomp profile',
      addRuntimeDefault: 'Add seccompProfile.type: RuntimeDefault to the pod securityContext',
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const workload of model?.workloads ?? []) {
          if (isWindowsPod(workload)) continue;
          const { doc } = workload.object;
          for (const { type, owner, edit } of unconfinedProfiles(workload, 'seccompProfile')) {
            context.report({ range: type.valueRange, messageId: 'unconfined', data: { owner }, suggest: edit ? [{ messageId: 'useRuntimeDefault', edits: [edit] }] : [] });
          }
          const unprofiled = unprofiledContainers(workload);
          if (unprofiled.length === 0) continue;
          const podSc = lookup(doc, workload.podSpec, 'securityContext');
          const containersKey = lookup(doc, workload.podSpec, 'containers');
          const range: Range = podSc && !podSc.viaAlias ? podSc.keyRange : containersKey && !containersKey.viaAlias ? containersKey.keyRange : workload.object.kindRange;
          const edit = insertIntoSecurityContext(context.text, doc, workload.podSpec, workload.securityContext, ['seccompProfile:', '  type: RuntimeDefault']);
          const suggest: FixDescriptor[] = edit ? [{ messageId: 'addRuntimeDefault', edits: [edit] }] : [];
          const names = unprofiled.map((c) => `'${c.name}'`).join(', ');
          context.report({
            range,
            messageId: 'missing',
            data: { object: describeObject(workload.object), containers: `${unprofiled.length === 1 ? 'container' : 'containers'} ${names}` },
            suggest,
            // Restricted, not baseline: the profile is missing rather than switched off.
            severity: 'info',
          });
        }
      },
    };
  },
});

/**
 * The containers (ephemeral ones aside) that get no seccomp profile: none when the pod sets one (any value:
 * Unconfined is reported on its own), otherwise those that set none themselves.
 */
function unprofiledContainers(workload: Workload): Container[] {
  const { doc } = workload.object;
  const metadata = podMetadata(workload);
  const annotations = new Map(stringKeyedEntries(doc, metadata && mapAt(doc, metadata, 'annotations')).map((a) => [a.key, stringValue(a.entry.value)]));
  const confinedByAnnotation = (key: string) => CONFINED_ANNOTATION.test(annotations.get(key) ?? '');
  // A key whose value this rule cannot read (a Helm value, an alias to a scalar) counts as set.
  const sets = (owner: YAMLMap, sc: YAMLMap | undefined): boolean => {
    if (!sc) return lookup(doc, owner, 'securityContext') !== undefined;
    const profile = lookup(doc, sc, 'seccompProfile');
    return profile !== undefined && (!isMap(profile.value) || lookup(doc, profile.value, 'type') !== undefined);
  };
  if (sets(workload.podSpec, workload.securityContext) || confinedByAnnotation(POD_ANNOTATION)) return [];
  return workload.containers.filter(
    (c) => c.group !== 'ephemeralContainers' && !confinedByAnnotation(CONTAINER_ANNOTATION + c.name) && !sets(c.map, c.securityContext),
  );
}

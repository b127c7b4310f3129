import { defineRule } from '../../engine/rule';
import { describeContainer, kubernetesModel, lookup, stringValue } from './model';

export default defineRule({
  id: 'kubernetes/no-latest-image',
  languages: ['yaml'],
  meta: {
    description: 'Kubernetes container images must be pinned to a version tag or digest, not latest or no tag',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-1357', 'CWE-494'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    messages: {
      latest:
        "The {{container}} uses '{{image}}' with the mutable latest tag: every pull may run different code, rollbacks do not roll back, and a compromised registry push reaches the cluster.",
      untagged:
        "The {{container}} uses '{{image}}' without a tag, which means latest: every pull may run different code, rollbacks do not roll back, and a compromised registry push reaches the cluster.",
    },
  },
  create(context) {
    return {
      File() {
        const model = kubernetesModel(context);
        for (const container of model?.containers ?? []) {
          const entry = lookup(container.workload.object.doc, container.map, 'image');
          const image = stringValue(entry?.value ?? null)?.trim();
          if (!entry || !image) continue;
          const tag = tagOf(image);
          if (tag === undefined || (tag !== null && tag.toLowerCase() !== 'latest')) continue;
          context.report({
            range: entry.valueRange,
            messageId: tag === null ? 'untagged' : 'latest',
            data: { container: describeContainer(container), image },
          });
        }
      },
    };
  },
});

/**
 * The tag of an image reference: null without one, undefined when the image is pinned by digest or is
 * filled in later (Helm `{{ }}`, `${VAR}` for envsubst, `$(VAR)`), where no tag can be judged.
 */
export function tagOf(image: string): string | null | undefined {
  if (image.includes('@') || image.includes('{{') || image.includes('$')) return undefined;
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon < 0 ? null : name.slice(colon + 1);
}

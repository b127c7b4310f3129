import { rememberedAnswers } from '../../engine/memo';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import { findTyposquat, type TyposquatMatch } from '../../services/typosquat';
import type { PackageInfo } from '../../services/registry-common';
import { REGISTRY_SERVICE } from '../../services/registry-service';
import { checkPackages, packageFacts, renameSuggestion, type PackageGroup, type RegistryAnswer } from './refs';

/**
 * Answers of {@link findTyposquat}, remembered: the same dependency names recur in every manifest of a workspace
 * and on every re-analysis of an edited file, and the edit-distance search over the popular list is the rule's
 * cost. The answer depends on the name and ecosystem alone (the popular list is bundled), so it is never stale.
 */
const typosquatByKey = rememberedAnswers((key: string): Readonly<TyposquatMatch> | null => {
  const at = key.indexOf('\u0000');
  const found = findTyposquat(key.slice(at + 1), key.slice(0, at) as PackageGroup['ecosystem']);
  return found && Object.freeze(found);
}, 4096);

function typosquatOf(name: string, ecosystem: PackageGroup['ecosystem']): Readonly<TyposquatMatch> | null {
  return typosquatByKey(`${ecosystem}\u0000${name}`);
}

export default defineRule({
  id: 'packages/no-typosquat',
  languages: ['json', 'text', 'toml', 'dockerfile', 'yaml', 'js', 'python'],
  meta: {
    description: 'Package names must not be near-misses of popular packages (typosquats)',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-829'],
    owaspLlm: ['LLM03:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    requires: ['project', 'package-registry'],
    messages: {
      typosquat:
        "'{{name}}' looks like the popular package '{{intended}}' ({{reason}}). Attackers publish such near-misses so that a typo or a hallucinated name installs their code; make sure this is the package you meant.",
      replaceName: "Replace with '{{intended}}'",
    },
  },
  create(context) {
    const report = (group: PackageGroup, info: PackageInfo | undefined): void => {
      const match = typosquatOf(group.name, group.ecosystem);
      if (!match) return;
      // A near-miss the registry does not have is packages/no-nonexistent-package's finding (with the same
      // replacement); one diagnostic per token. When the registry cannot answer, the name check stands alone.
      if (info?.status === 'not-found' || info?.status === 'unpublished') return;
      const answer = info?.status === 'found' ? (info as RegistryAnswer) : undefined;
      for (const ref of group.refs) {
        const suggestion = renameSuggestion(ref, match.intended, 'replaceName');
        const suggest: FixDescriptor[] = suggestion ? [suggestion] : [];
        context.report({ range: ref.range, messageId: 'typosquat', data: { name: ref.name, intended: match.intended, reason: match.reason }, suggest, properties: packageFacts(group, answer, { intended: match.intended }) });
      }
    };
    return {
      'File:exit'() {
        // The name check is offline and cheap: only near-misses are worth a question to the project service.
        checkPackages(
          context,
          (group) => context.ask<PackageInfo>(REGISTRY_SERVICE, { ecosystem: group.ecosystem, name: group.name }, (info) => report(group, info)),
          { only: (name, ecosystem) => typosquatOf(name, ecosystem) !== null },
        );
      },
    };
  },
});

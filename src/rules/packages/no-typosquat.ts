import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import { findTyposquat } from '../../services/typosquat';
import { checkPackages, packageFacts, renameSuggestion, type PackageGroup } from './refs';

export default defineRule({
  id: 'packages/no-typosquat',
  languages: ['json', 'text', 'toml', 'dockerfile', 'yaml', 'js', 'python'],
  meta: {
    description: 'Package names must not be near-misses of popular packages (typosquats)',
    severity: 'warning',
    category: 'supply-chain',
    cwe: ['CWE-829'],
    owaspLlm: ['LLM03:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'suggestion',
    requires: ['project'],
    messages: {
      typosquat:
        "'{{name}}' looks like the popular package '{{intended}}' ({{reason}}). Attackers publish such near-misses so that a typo or a hallucinated name installs their code; make sure this is the package you meant.",
      replaceName: "Replace with '{{intended}}'",
    },
  },
  create(context) {
    const report = (group: PackageGroup): void => {
      const match = findTyposquat(group.name, group.ecosystem);
      if (!match) return;
      for (const ref of group.refs) {
        const suggestion = renameSuggestion(ref, match.intended, 'replaceName');
        const suggest: FixDescriptor[] = suggestion ? [suggestion] : [];
        context.report({ range: ref.range, messageId: 'typosquat', data: { name: ref.name, intended: match.intended, reason: match.reason }, suggest, properties: packageFacts(group, undefined, { intended: match.intended }) });
      }
    };
    return {
      'File:exit'() {
        // The name check is offline and cheap: only near-misses are worth a question to the project service.
        checkPackages(context, report, { only: (name, ecosystem) => findTyposquat(name, ecosystem) !== null });
      },
    };
  },
});

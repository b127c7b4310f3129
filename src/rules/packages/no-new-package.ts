import { defineRule } from '../../engine/rule';
import { ageInDays, checkPackages, describeAge, lookUp, packageFacts, plural, registryName, type FoundPackage } from './refs';

/** Default of `minAgeDays`: a package first published more recently than this is reported. */
export const DEFAULT_MIN_AGE_DAYS = 30;

export default defineRule({
  id: 'packages/no-new-package',
  languages: ['json', 'text', 'toml', 'dockerfile', 'yaml', 'js', 'python'],
  meta: {
    description: 'Dependencies and install commands should not name packages first published only days ago',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-1357', 'CWE-829'],
    owaspLlm: ['LLM03:2025'],
    confidence: 'medium',
    recommended: true,
    fix: 'none',
    requires: ['project', 'package-registry'],
    messages: {
      newPackage:
        "'{{name}}' was first published to {{registry}} {{age}} ago and has {{versions}}; its latest version {{scripts}}. Hallucinated and typosquatted names are registered shortly before they are used in attacks; check who publishes it and that it is the package you meant.",
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minAgeDays: {
          type: 'integer',
          minimum: 0,
          default: DEFAULT_MIN_AGE_DAYS,
          description: 'Packages first published fewer than this many days ago are reported.',
        },
      },
    },
  },
  create(context) {
    const minAgeDays = typeof context.options.minAgeDays === 'number' ? context.options.minAgeDays : DEFAULT_MIN_AGE_DAYS;
    return {
      'File:exit'() {
        checkPackages(context, (group) =>
          lookUp(context, group, (info) => {
            if (info.status !== 'found' || !info.firstPublished) return;
            const days = ageInDays(info.firstPublished);
            if (days >= minAgeDays) return;
            const data = {
              registry: registryName(group.ecosystem),
              age: describeAge(days),
              versions: plural(info.versionCount, 'version'),
              scripts: scriptsNote(group.ecosystem, info),
            };
            for (const ref of group.refs) context.report({ range: ref.range, messageId: 'newPackage', data: { ...data, name: ref.name }, properties: packageFacts(group, info) });
          }),
        );
      },
    };
  },
});

/** What installing the latest version runs, as the end of the message. */
function scriptsNote(ecosystem: 'npm' | 'pypi', info: FoundPackage): string {
  if (ecosystem === 'npm') return info.hasInstallScripts ? 'runs install scripts' : 'declares no install scripts';
  return info.hasInstallScripts ? 'ships no wheel, so installing it runs its build code' : 'ships a wheel';
}

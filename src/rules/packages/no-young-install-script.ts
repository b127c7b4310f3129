import { defineRule } from '../../engine/rule';
import { DEFAULT_MIN_AGE_DAYS } from './no-new-package';
import { ageInDays, checkPackages, describeAge, lookUp, packageFacts } from './refs';

/** Default of `maxAgeDays`: packages older than this are not reported. */
export const DEFAULT_MAX_AGE_DAYS = 180;

export default defineRule({
  id: 'packages/no-young-install-script',
  languages: ['json', 'text', 'toml', 'dockerfile', 'yaml', 'js', 'python'],
  meta: {
    description: 'Packages only a few months old should not run code when they are installed',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-829', 'CWE-1357'],
    owaspLlm: ['LLM03:2025'],
    confidence: 'low',
    recommended: true,
    fix: 'none',
    requires: ['project', 'package-registry'],
    messages: {
      installScript:
        "'{{name}}' is only {{age}} old and its latest version ({{version}}) runs install scripts: code that runs with your permissions as soon as it is installed. Review the scripts, or install with --ignore-scripts.",
      buildFromSource:
        "'{{name}}' is only {{age}} old and its latest version ({{version}}) ships no wheel, so pip runs its build code with your permissions when installing it. Review the source distribution, or install with --only-binary :all:.",
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minAgeDays: {
          type: 'integer',
          minimum: 0,
          default: DEFAULT_MIN_AGE_DAYS,
          description: 'Younger packages are left to packages/no-new-package, which mentions install scripts; keep the two equal.',
        },
        maxAgeDays: {
          type: 'integer',
          minimum: 0,
          default: DEFAULT_MAX_AGE_DAYS,
          description: 'Packages first published at least this many days ago are not reported.',
        },
      },
    },
  },
  create(context) {
    const minAgeDays = typeof context.options.minAgeDays === 'number' ? context.options.minAgeDays : DEFAULT_MIN_AGE_DAYS;
    const maxAgeDays = typeof context.options.maxAgeDays === 'number' ? context.options.maxAgeDays : DEFAULT_MAX_AGE_DAYS;
    return {
      'File:exit'() {
        checkPackages(context, (group) =>
          lookUp(context, group, (info) => {
            if (info.status !== 'found' || !info.hasInstallScripts || !info.firstPublished) return;
            const days = ageInDays(info.firstPublished);
            if (days < minAgeDays || days >= maxAgeDays) return;
            const messageId = group.ecosystem === 'npm' ? 'installScript' : 'buildFromSource';
            const data = { age: describeAge(days), version: info.latest ?? 'unknown' };
            for (const ref of group.refs) context.report({ range: ref.range, messageId, data: { ...data, name: ref.name }, properties: packageFacts(group, info) });
          }),
        );
      },
    };
  },
});

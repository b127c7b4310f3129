import * as semver from 'semver';
import { defineRule } from '../../engine/rule';
import { checkPackages, lookUp, packageFacts, quoteText, type FoundPackage, type SourcedRef } from './refs';

/** The prefix the PyPI client puts before a yank reason in `deprecated`. */
const YANKED_PREFIX = /^every file is yanked:?\s*/;

export default defineRule({
  id: 'packages/no-deprecated-package',
  languages: ['json', 'text', 'toml', 'dockerfile', 'yaml', 'js', 'python'],
  meta: {
    description: 'Dependencies and install commands should not name deprecated (npm) or fully yanked (PyPI) packages',
    severity: 'warning',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-1104'],
    owaspLlm: ['LLM03:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'none',
    requires: ['project', 'package-registry'],
    messages: {
      deprecated:
        "Every version of '{{name}}' is deprecated: \"{{message}}\". A deprecated package gets no fixes, security fixes included; move to the replacement its authors name.",
      latestDeprecated:
        "The latest version of '{{name}}' ({{version}}) is deprecated: \"{{message}}\". A deprecated package gets no fixes, security fixes included; move to the replacement its authors name.",
      versionDeprecated:
        "'{{name}}' {{version}}, which '{{spec}}' installs, is deprecated: \"{{message}}\". The latest version ({{latest}}) is not; widen or raise the requested version.",
      yanked:
        "Every release of '{{name}}' on the Python package index is yanked{{reason}}. Its authors withdrew it (often for a broken or compromised release); pip installs it only when pinned exactly.",
    },
  },
  create(context) {
    return {
      'File:exit'() {
        checkPackages(context, (group) =>
          lookUp(context, group, (info) => {
            if (info.status !== 'found') return;
            const finding = deprecationOf(group.ecosystem, info);
            for (const ref of group.refs) {
              const found = finding ?? versionDeprecation(ref, info);
              if (found) context.report({ range: ref.range, messageId: found.messageId, data: { ...found.data, name: ref.name }, properties: packageFacts(group, info) });
            }
          }),
        );
      },
    };
  },
});

/**
 * npm: the version a requested spec installs (an exact pin, or the highest version a range allows) is
 * deprecated while the latest is not. Dist-tags and specs semver cannot read are left alone.
 */
function versionDeprecation(ref: SourcedRef, info: FoundPackage): { messageId: string; data: Record<string, string> } | undefined {
  if (ref.ecosystem !== 'npm' || !info.deprecatedVersions || ref.spec === undefined) return undefined;
  const range = semver.validRange(ref.spec.trim(), { loose: true });
  if (range === null) return undefined;
  const installed = semver.maxSatisfying([...info.versions], range, { loose: true });
  const message = installed === null ? undefined : info.deprecatedVersions[installed];
  if (installed === null || message === undefined) return undefined;
  return { messageId: 'versionDeprecated', data: { version: installed, spec: ref.spec.trim(), message: quoteText(message), latest: info.latest ?? 'latest' } };
}

/** Which message a found package deserves, if any. */
function deprecationOf(ecosystem: 'npm' | 'pypi', info: FoundPackage): { messageId: string; data: Record<string, string> } | undefined {
  if (ecosystem === 'pypi') {
    if (info.deprecated === undefined) return undefined;
    const reason = quoteText(info.deprecated.replace(YANKED_PREFIX, ''));
    return { messageId: 'yanked', data: { reason: reason ? `: "${reason}"` : '' } };
  }
  if (info.deprecated !== undefined) return { messageId: 'deprecated', data: { message: quoteText(info.deprecated) } };
  if (info.latestDeprecated !== undefined) {
    return { messageId: 'latestDeprecated', data: { message: quoteText(info.latestDeprecated), version: info.latest ?? 'latest' } };
  }
  return undefined;
}

import * as pep440 from '@renovatebot/pep440';
import * as semver from 'semver';
import { defineRule } from '../../engine/rule';
import type { FixDescriptor } from '../../engine/types';
import { findTyposquat } from '../../services/typosquat';
import {
  checkPackages,
  importDeclaration,
  lookUp,
  packageFacts,
  registryName,
  relatedRefs,
  removalSuggestion,
  renameSuggestion,
  type FoundPackage,
  type PackageGroup,
  type RegistryAnswer,
  type SourcedRef,
} from './refs';

export default defineRule({
  id: 'packages/no-nonexistent-package',
  languages: ['json', 'text', 'toml', 'dockerfile', 'yaml', 'js', 'python'],
  meta: {
    description: 'Dependencies, imports and install commands must name packages and versions that exist in the registry',
    severity: 'error',
    category: 'supply-chain',
    riskArea: 'supply-chain',
    cwe: ['CWE-829', 'CWE-1357'],
    owaspLlm: ['LLM03:2025', 'LLM09:2025'],
    confidence: 'high',
    recommended: true,
    fix: 'suggestion',
    requires: ['project', 'package-registry'],
    messages: {
      notFound:
        "'{{name}}' does not exist in {{registry}}. It may be a name an AI assistant made up: attackers register such names (\"slopsquatting\") so that the next install runs their code. Check the name before installing anything.",
      unpublished:
        "'{{name}}' has no published versions in {{registry}} (unpublished, or replaced by a security placeholder). It may be a hallucinated or withdrawn name that an attacker can register (\"slopsquatting\"); check the name.",
      importNotFound:
        "'{{name}}' is imported but neither declared nor installed, and {{registry}} has {{what}}. It may be a hallucinated name that an attacker can register (\"slopsquatting\"): do not install it without checking.",
      notFoundNearMiss:
        "'{{name}}' {{missing}}; it looks like a typo of the popular '{{intended}}' ({{reason}}). Attackers register such near-misses (\"slopsquatting\"): use '{{intended}}' if that is what you meant.",
      importNotFoundNearMiss:
        "'{{name}}' is imported but neither declared nor installed, and {{registry}} has {{what}}; it looks like a typo of the popular '{{intended}}' ({{reason}}). Attackers register such near-misses (\"slopsquatting\"): import '{{intended}}' if that is what you meant.",
      declaredImportNotFound:
        "'{{name}}' is imported here and declared in {{manifest}}, but {{registry}} has {{what}}. It may be a name an AI assistant made up: attackers register such names (\"slopsquatting\") so that the next install runs their code. Check the name before installing anything.",
      declaredImportNotFoundNearMiss:
        "'{{name}}' is imported here and declared in {{manifest}}, but {{registry}} has {{what}}; it looks like a typo of the popular '{{intended}}' ({{reason}}). Attackers register such near-misses (\"slopsquatting\"): use '{{intended}}' in both places if that is what you meant.",
      noMatchingVersion:
        "No published version of '{{name}}' satisfies '{{spec}}' (latest is {{latest}}). The version may be made up; installing fails, or picks up whatever an attacker publishes under that version later.",
      replaceName: "Replace with '{{intended}}'",
      removeDependency: "Remove the dependency '{{name}}'",
    },
  },
  create(context) {
    /** Reports one ref; `group` links the finding to the other places of the file that write the package. */
    const report = (group: PackageGroup | undefined, ref: SourcedRef, messageId: string, data: Record<string, string>, suggest: FixDescriptor[], properties: Record<string, string | number | boolean>): void => {
      context.report({ range: ref.range, messageId, data, suggest, properties, ...(group ? { related: relatedRefs(group, ref) } : {}) });
    };

    /** The package is missing: name the popular package it imitates (with a rename), and suggest removing a manifest entry. */
    const reportMissing = (group: PackageGroup, info: RegistryAnswer): void => {
      const registry = registryName(group.ecosystem);
      const match = findTyposquat(group.name, group.ecosystem);
      const facts = packageFacts(group, info, match ? { intended: match.intended } : {});
      const unpublished = info.status === 'unpublished';
      const nearMiss = match ? { intended: match.intended, reason: match.reason } : undefined;
      const declaration = importDeclaration(group);
      for (const ref of group.refs) {
        const suggest = [
          match ? renameSuggestion(ref, match.intended, 'replaceName') : undefined,
          removalSuggestion(context, ref, 'removeDependency'),
        ].filter((s): s is FixDescriptor => s !== undefined);
        if (ref.source === 'import') {
          const data = { name: ref.name, registry, what: unpublished ? 'no published version of it' : 'no such package' };
          if (declaration) {
            const properties = declaration.at ? { ...facts, declaredIn: declaration.at } : facts;
            report(group, ref, nearMiss ? 'declaredImportNotFoundNearMiss' : 'declaredImportNotFound', { ...data, manifest: declaration.where, ...nearMiss }, suggest, properties);
          } else {
            report(group, ref, nearMiss ? 'importNotFoundNearMiss' : 'importNotFound', { ...data, ...nearMiss }, suggest, facts);
          }
        } else if (nearMiss) {
          const missing = unpublished ? `has no published versions in ${registry}` : `does not exist in ${registry}`;
          report(group, ref, 'notFoundNearMiss', { name: ref.name, missing, ...nearMiss }, suggest, facts);
        } else {
          report(group, ref, unpublished ? 'unpublished' : 'notFound', { name: ref.name, registry }, suggest, facts);
        }
      }
    };

    const reportVersions = (group: PackageGroup, info: FoundPackage): void => {
      for (const ref of group.refs) {
        if (ref.spec === undefined || satisfiable(group.ecosystem, ref.spec, info.versions)) continue;
        report(undefined, ref, 'noMatchingVersion', { name: ref.name, spec: ref.spec, latest: info.latest ?? 'unknown' }, [], packageFacts(group, info));
      }
    };

    return {
      'File:exit'() {
        checkPackages(
          context,
          (group) =>
            lookUp(context, group, (info) => {
              if (info.status === 'found') reportVersions(group, info);
              else reportMissing(group, info);
            }),
          { skipGuarded: true, declaredImports: true },
        );
      },
    };
  },
});

/**
 * Whether some published version satisfies the requested spec. Specs that are not version ranges
 * (npm dist-tags, Poetry `^`, `*`, URLs) count as satisfiable: only a readable range can be proven empty.
 * Pre-releases count, so a range is reported only when no install could ever succeed.
 */
function satisfiable(ecosystem: 'npm' | 'pypi', spec: string, versions: readonly string[]): boolean {
  const wanted = spec.trim();
  if (wanted === '' || wanted === '*') return true;
  if (ecosystem === 'npm') {
    const range = semver.validRange(wanted, { loose: true });
    if (range === null) return true;
    return versions.some((v) => semver.satisfies(v, range, { loose: true, includePrerelease: true }));
  }
  if (wanted.includes('===') || !safeValidRange(wanted)) return true;
  try {
    return pep440.maxSatisfying([...versions], wanted, { prereleases: true }) !== null;
  } catch {
    return true;
  }
}

function safeValidRange(spec: string): boolean {
  try {
    return pep440.validRange(spec);
  } catch {
    return false;
  }
}

/**
 * One-line summaries of the registry facts Rampart used for a package (from a finding's `properties`, the
 * same data the package hover shows), for the code lens on manifest dependency lines. Kept free of
 * `vscode` imports so plain mocha tests cover it.
 */
import type { Finding } from '../engine/types';

type Properties = Readonly<Record<string, string | number | boolean>>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Manifests whose dependency lines get the lens: package.json, requirements*.txt, pyproject.toml. */
export const MANIFEST_FILE = /(?:^|[\\/])(?:package\.json|requirements[^\\/]*\.txt|pyproject\.toml)$/i;

/** "published 12 days ago (2025-01-02)", "published today (…)", "published 3 years ago (…)". */
export function describeAge(firstPublished: string, now: Date): string | null {
  const date = new Date(firstPublished);
  if (Number.isNaN(date.getTime())) return null;
  const days = Math.max(0, Math.floor((now.getTime() - date.getTime()) / DAY_MS));
  const ago = days === 0 ? 'today' : days < 2 * 365 ? `${days} day${days === 1 ? '' : 's'} ago` : `${Math.floor(days / 365)} years ago`;
  return `first published ${ago} (${firstPublished.slice(0, 10)})`;
}

/**
 * "npm: first published 12 days ago (2025-01-02) · latest 1.0.3 · deprecated", or null when the
 * properties hold no registry answer (the registry was not asked, or did not answer).
 */
export function packageFactsSummary(properties: Properties | undefined, now: Date): string | null {
  if (!properties || typeof properties.package !== 'string' || typeof properties.registryStatus !== 'string') return null;
  const registry = properties.ecosystem === 'pypi' ? 'PyPI' : 'npm';
  if (properties.registryStatus === 'not-found') return `${registry}: no package of this name`;
  if (properties.registryStatus === 'unpublished') return `${registry}: no published versions`;
  const parts: string[] = [];
  const age = typeof properties.firstPublished === 'string' ? describeAge(properties.firstPublished, now) : null;
  if (age) parts.push(age);
  if (typeof properties.latest === 'string' && properties.latest !== '') parts.push(`latest ${properties.latest}`);
  if (properties.deprecated !== undefined && properties.deprecated !== '') parts.push('deprecated');
  return parts.length > 0 ? `${registry}: ${parts.join(' · ')}` : null;
}

/** One lens: the 0-based line it sits on and its text. */
export interface PackageLens {
  line: number;
  title: string;
}

/**
 * The lenses of a manifest: one per package and line with registry facts, from the findings of its
 * current version (`lineOf` turns a finding's start offset into a 0-based line). Findings of the same
 * package on the same line give one lens.
 */
export function packageLenses(findings: readonly Finding[], lineOf: (offset: number) => number, now: Date): PackageLens[] {
  const seen = new Set<string>();
  const lenses: PackageLens[] = [];
  for (const finding of findings) {
    const title = packageFactsSummary(finding.properties, now);
    if (!title) continue;
    const line = lineOf(finding.range[0]);
    const key = `${line}\n${String(finding.properties?.ecosystem)}\n${String(finding.properties?.package)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    lenses.push({ line, title });
  }
  return lenses.sort((a, b) => a.line - b.line);
}

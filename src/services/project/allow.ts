import { normalizePypiName } from '../package-names/names';
import type { AllowEntry } from '../project';

/**
 * The team allow-list, matched the way the registry services match it: npm names exactly or by
 * `@scope/*`, PyPI names after PEP 503 normalisation. The first matching entry gives the reason.
 */
export class AllowList {
  private readonly entries: ReadonlyArray<AllowEntry>;

  constructor(entries: readonly unknown[] = []) {
    this.entries = entries.filter(isAllowEntry);
  }

  /** The reason the team gave for allowing `name`, or undefined when no entry covers it. */
  reasonFor(ecosystem: 'npm' | 'pypi', name: string): string | undefined {
    for (const entry of this.entries) {
      if (entry.ecosystem !== undefined && entry.ecosystem !== ecosystem) continue;
      if (ecosystem === 'npm' ? coversNpm(entry.name, name) : normalizePypiName(entry.name) === normalizePypiName(name)) {
        return entry.reason;
      }
    }
    return undefined;
  }
}

function coversNpm(pattern: string, name: string): boolean {
  if (pattern.startsWith('@') && pattern.endsWith('/*')) return name.startsWith(pattern.slice(0, -1)) && name.length > pattern.length - 1;
  return pattern === name;
}

function isAllowEntry(value: unknown): value is AllowEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const ecosystemOk = entry.ecosystem === undefined || entry.ecosystem === 'npm' || entry.ecosystem === 'pypi';
  return typeof entry.name === 'string' && entry.name !== '' && typeof entry.reason === 'string' && ecosystemOk;
}

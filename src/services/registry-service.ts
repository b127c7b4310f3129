import type { Service } from '../engine/analyzer';
import type { NpmRegistry } from './npm-registry';
import type { PyPiRegistry } from './pypi-registry';
import { unknown, type PackageInfo } from './registry-common';

/** Name under which rules ask the registry service (`meta.requires: ['package-registry']`). */
export const REGISTRY_SERVICE = 'package-registry';

/** A question to the registry service. */
export interface RegistryQuery {
  ecosystem: 'npm' | 'pypi';
  /** npm package name, or PyPI project name as written. */
  name: string;
}

/** What the look-ups of a scan could not answer, for the one information note per scan. */
export interface LookupFailures {
  /** Packages whose look-up answered `unknown` (several rules asking about one package count once). */
  count: number;
  /** The most frequent reason, e.g. "timed out after 5000 ms". */
  reason: string;
}

/**
 * The engine-facing side of the npm and PyPI registry clients: answers `{ ecosystem, name }` with a
 * {@link PackageInfo} and remembers the look-ups that failed, so a scan can say once that some packages
 * were not checked instead of reporting each. An ecosystem without a client answers `unknown`.
 */
export class RegistryService implements Service {
  private readonly reasons = new Map<string, number>();
  private readonly failed = new Set<string>();
  private readonly ecosystems = new Set<'npm' | 'pypi'>();

  constructor(private readonly clients: { npm?: NpmRegistry | null; pypi?: PyPiRegistry | null }) {}

  /** Answers one query; never rejects. */
  async answer(query: unknown, signal: AbortSignal): Promise<PackageInfo> {
    if (!isRegistryQuery(query)) return unknown('not a registry query');
    this.ecosystems.add(query.ecosystem);
    const client = query.ecosystem === 'npm' ? this.clients.npm : this.clients.pypi;
    const info = client ? await client.lookup(query.name, { signal }) : unknown(`${query.ecosystem} look-ups are turned off`);
    if (info.status === 'unknown' && info.reason !== 'cancelled') this.recordFailure(`${query.ecosystem}:${query.name}`, info.reason);
    return info;
  }

  /** The failures since the last {@link resetFailures}, or null when every look-up was answered. */
  failures(): LookupFailures | null {
    if (this.failed.size === 0) return null;
    const [reason] = [...this.reasons].sort((a, b) => b[1] - a[1])[0];
    return { count: this.failed.size, reason };
  }

  /** Whether any name of this registry was asked about (so its configuration warnings matter). */
  asked(ecosystem: 'npm' | 'pypi'): boolean {
    return this.ecosystems.has(ecosystem);
  }

  /** Starts counting failures afresh (at the start of a scan). */
  resetFailures(): void {
    this.failed.clear();
    this.reasons.clear();
  }

  private recordFailure(pkg: string, reason: string): void {
    if (this.failed.has(pkg)) return;
    this.failed.add(pkg);
    const key = reason.length > 200 ? `${reason.slice(0, 200)}…` : reason;
    this.reasons.set(key, (this.reasons.get(key) ?? 0) + 1);
  }
}

/** The note a scan shows when look-ups failed: never a finding, at most one per scan. */
export function failureNote(failures: LookupFailures): string {
  const what = failures.count === 1 ? '1 package look-up' : `${failures.count} package look-ups`;
  return `${what} got no answer (${failures.reason}); those packages were not checked for existence or age`;
}

function isRegistryQuery(query: unknown): query is RegistryQuery {
  if (typeof query !== 'object' || query === null) return false;
  const q = query as Record<string, unknown>;
  return (q.ecosystem === 'npm' || q.ecosystem === 'pypi') && typeof q.name === 'string';
}

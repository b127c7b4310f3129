/**
 * What the HTML and Markdown reports need beyond the results, gathered from what `rampart scan` knows: the texts of
 * the files with findings (for masked code excerpts), the rule docs shipped with Rampart, the configuration's
 * suppressions with their expiry, and what was not checked (file types without rules, files read for secrets only,
 * failed registry look-ups, rules turned off, the scan's notes).
 */
import type { ResolvedConfig } from '../config';
import type { Rule } from '../engine/rule';
import type { DiscoveredFile } from '../files/discover';
import { countKinds, isSecretsOnly, kindCounts } from '../report/coverage';
import type { HtmlFormatOptions, ReportWaiver } from '../report/html';
import { failureNote, type LookupFailures } from '../services/registry-service';
import { ruleDocsReader } from './rule-docs';

/** Characters of file text kept for excerpts over a whole scan; files past it get no excerpt. */
export const MAX_KEPT_TEXT = 64 * 1024 * 1024;

/** Keeps the texts of files with findings while the scan runs, up to {@link MAX_KEPT_TEXT} characters in all. */
export class ExcerptTexts {
  private readonly texts = new Map<string, string>();
  private kept = 0;

  /** Keeps `text` as the text of the result named `file` (`FileResult.file`), when there is room. */
  keep(file: string, text: string): void {
    if (this.texts.has(file) || this.kept + text.length > MAX_KEPT_TEXT) return;
    this.texts.set(file, text);
    this.kept += text.length;
  }

  get(file: string): string | undefined {
    return this.texts.get(file);
  }
}

/** What the scan knows, for {@link reportInputs}. */
export interface ScanFacts {
  rules: readonly Rule[];
  configs: readonly ResolvedConfig[];
  /** Files analysed. */
  discovered: readonly DiscoveredFile[];
  /** Files found that no analyser reads, counted by kind (see `addKind`). */
  unsupported: ReadonlyMap<string, number>;
  /** Files and folders the walk left out, counted by reason (`ignored by .gitignore`, …). */
  ignored: ReadonlyMap<string, { files: number; folders: number }>;
  /** Failed look-ups of each package service of the scan. */
  lookupFailures: ReadonlyArray<LookupFailures | null>;
  notes: readonly string[];
  texts: ExcerptTexts;
  /** What was scanned, as shown (`examples/app`, `.`). */
  target: string;
  now: Date;
}

/** The options of the HTML (and, in part, Markdown) report that come from the scan. */
export function reportInputs(facts: ScanFacts): Pick<HtmlFormatOptions, 'target' | 'generatedAt' | 'source' | 'ruleDoc' | 'waivers' | 'coverage'> {
  const known = new Set(facts.rules.map((r) => r.id));
  const today = facts.now.toISOString().slice(0, 10);
  const configs = [...new Set(facts.configs)];
  const waivers: ReportWaiver[] = configs.flatMap((config) =>
    config.suppressions.map((s) => ({
      rule: s.rule,
      path: s.path,
      reason: s.reason,
      ...(s.expires !== undefined ? { expires: s.expires } : {}),
      // An entry applies up to the end of its day (UTC), as `suppressionsFor` decides.
      expired: s.expires !== undefined && today > s.expires,
      ...(s.owner !== undefined ? { owner: s.owner } : {}),
    })),
  );
  const failureNotes = new Set(facts.lookupFailures.filter((f) => f !== null).map(failureNote));
  const rulesOff = facts.rules.map((r) => r.id).filter((id) => !configs.some((c) => c.settings.has(id)));
  return {
    target: facts.target,
    generatedAt: facts.now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    source: (file) => facts.texts.get(file),
    ruleDoc: ruleDocsReader((id) => known.has(id)),
    waivers,
    coverage: {
      unsupportedFiles: kindCounts(facts.unsupported),
      secretsOnlyFiles: countKinds(facts.discovered.filter((f) => isSecretsOnly(f.classification)).map((f) => f.absolute)),
      ignored: [...facts.ignored].map(([reason, n]) => ({ reason, ...n })),
      failedLookups: mergeFailures(facts.lookupFailures),
      rulesOff: [...new Set(rulesOff)].sort(),
      // The failed look-ups have their own line.
      notes: facts.notes.filter((n) => !failureNotes.has(n)),
    },
  };
}

/** The failed look-ups of several services: their counts added, the reason of the largest. */
function mergeFailures(list: ReadonlyArray<LookupFailures | null>): LookupFailures | null {
  const failures = list.filter((f): f is LookupFailures => f !== null && f.count > 0);
  if (failures.length === 0) return null;
  const largest = failures.reduce((a, b) => (b.count > a.count ? b : a));
  return { count: failures.reduce((sum, f) => sum + f.count, 0), reason: largest.reason };
}

/** Counts one file or folder the walk left out under its reason. */
export function countIgnored(counts: Map<string, { files: number; folders: number }>, isDir: boolean, reason: string): void {
  const n = counts.get(reason) ?? { files: 0, folders: 0 };
  if (isDir) n.folders++;
  else n.files++;
  counts.set(reason, n);
}

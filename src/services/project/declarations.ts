/** Where a manifest declares a package name, as the project service remembers it. */
export interface DeclarationSite {
  /** 1-based line and column of the name in the manifest; absent when its format gives no offsets (setup.cfg). */
  line?: number;
  column?: number;
  /**
   * False when the manifest declares the name with a spec that does not come from the registry under
   * this name: a path, URL, git or workspace source, or an `npm:` alias (imported under the alias).
   */
  registry: boolean;
}

/** Declaration sites by package name (npm names as written, PyPI names PEP 503-normalised). */
export type DeclarationSites = Map<string, DeclarationSite>;

/** A name declared in `text` at `offset` (undefined: no offset known). */
export interface DeclaredName {
  name: string;
  offset?: number;
  registry: boolean;
}

/**
 * Records declarations: the first one of a name gives its position, and the name counts as a registry
 * name only when every declaration of it does.
 */
export function addSites(sites: DeclarationSites, text: string, names: Iterable<DeclaredName>): void {
  let lineStarts: number[] | undefined;
  for (const { name, offset, registry } of names) {
    const known = sites.get(name);
    if (known) {
      if (!registry) known.registry = false;
      continue;
    }
    if (offset === undefined) {
      sites.set(name, { registry });
      continue;
    }
    lineStarts ??= startsOfLines(text);
    const line = lineOf(lineStarts, offset);
    sites.set(name, { line: line + 1, column: offset - lineStarts[line] + 1, registry });
  }
}

function startsOfLines(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Index of the line holding `offset` (UTF-16 code units, as the engine counts them). */
function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

/** A declaration site in a known manifest. */
export interface Declaration extends DeclarationSite {
  /** The manifest, absolute. */
  file: string;
}

/** Adds the sites of one manifest to a folder's declarations, under the same rule as {@link addSites}. */
export function mergeSites(into: Map<string, Declaration>, file: string, sites: ReadonlyMap<string, DeclarationSite>): void {
  for (const [name, site] of sites) {
    const known = into.get(name);
    if (!known) into.set(name, { ...site, file });
    else if (!site.registry) known.registry = false;
  }
}

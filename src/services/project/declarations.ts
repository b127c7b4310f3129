import { LineIndex } from '../../engine/line-index';

/** Where a manifest declares a package name, as the project service remembers it. */
export interface DeclarationSite {
  /** 1-based line and column of the name in the manifest; absent when its format gives no offsets (setup.cfg). */
  line?: number;
  column?: number;
  /** 1-based line and column just past the name; present with `line`. */
  endLine?: number;
  endColumn?: number;
  /**
   * UTF-16 offsets of the name in the manifest as the engine reads it (without a byte-order mark), the range
   * a finding on the entry covers; present with `line`.
   */
  range?: [number, number];
  /**
   * False when the manifest declares the name with a spec that does not come from the registry under
   * this name: a path, URL, git or workspace source, or an `npm:` alias (imported under the alias).
   */
  registry: boolean;
}

/** Declaration sites by package name (npm names as written, PyPI names PEP 503-normalised). */
export type DeclarationSites = Map<string, DeclarationSite>;

/** A name declared in `text` at `offset` (undefined: no offset known), up to `end` (default: the name's length). */
export interface DeclaredName {
  name: string;
  offset?: number;
  end?: number;
  registry: boolean;
}

/**
 * Records declarations: the first one of a name gives its position, and the name counts as a registry
 * name only when every declaration of it does.
 */
export function addSites(sites: DeclarationSites, text: string, names: Iterable<DeclaredName>): void {
  let lines: LineIndex | undefined;
  // The engine reads a file without its byte-order mark: offsets count from after it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (const { name, offset, end, registry } of names) {
    const known = sites.get(name);
    if (known) {
      if (!registry) known.registry = false;
      continue;
    }
    if (offset === undefined) {
      sites.set(name, { registry });
      continue;
    }
    lines ??= new LineIndex(bom ? text.slice(bom) : text);
    const range: [number, number] = [Math.max(0, offset - bom), Math.max(0, (end ?? offset + name.length) - bom)];
    const start = lines.positionAt(range[0]);
    const after = lines.positionAt(range[1]);
    sites.set(name, { line: start.line, column: start.column, endLine: after.line, endColumn: after.column, range, registry });
  }
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

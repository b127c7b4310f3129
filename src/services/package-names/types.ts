/** Package registries whose names Rampart extracts. */
export type Ecosystem = 'npm' | 'pypi';

/** Where a package name was found: a dependency manifest, an import in code, or an install command. */
export type PackageSource = 'manifest' | 'import' | 'command';

/** One package name found in a text, with the UTF-16 offsets of the name itself. */
export interface PackageRef {
  ecosystem: Ecosystem;
  /** The name as written (for `npm:` aliases, the real package after `npm:`). */
  name: string;
  /** Version range or specifier as written, when there is one. */
  spec?: string;
  /**
   * `[start, end)` UTF-16 offsets of `name` in the text: `text.slice(start, end) === name`. For
   * `source: 'import'` the range covers the imported top-level module, which differs from `name` when the
   * import name maps to another distribution (`cv2` for opencv-python).
   */
  range: [number, number];
  source: PackageSource;
  /** Manifest field or command that declared it, e.g. `devDependencies`, `project.dependencies`, `npm install`. */
  field?: string;
  /**
   * False when the spec points somewhere other than the package registry (`workspace:`, `file:`, git,
   * URLs, paths): callers must not look these names up.
   */
  registry: boolean;
  /** For `npm:` aliases, the local name the package is installed under. */
  alias?: string;
}

/** A `-r`/`-c` line of a requirements file: another file to read, which this module never opens. */
export interface RequirementsInclude {
  kind: 'requirement' | 'constraint';
  /** The path as written. */
  path: string;
  /** `[start, end)` UTF-16 offsets of `path` in the text. */
  range: [number, number];
}

import type { PythonImport } from '../../languages/python/imports';
import { normalizePypiName } from './names';
import type { PackageRef } from './types';
import importNames from './data/pypi-import-names.json';
import stdlib from './data/python-stdlib.json';

/** Why a Python import has no PyPI distribution to look up. */
export type PythonSkipReason =
  /** `from . import x`, `from ..pkg import y`. */
  | 'relative'
  /** Not a dotted Python identifier (empty, spaces, punctuation…). */
  | 'invalid'
  /** A standard-library module (`os`, `json`, `asyncio`, `tomllib`…). */
  | 'stdlib'
  /** One of the project's own top-level packages or modules. */
  | 'local'
  /** A shared namespace (`google.*`, `azure.*`…) whose distribution the bundled map does not know. */
  | 'namespace';

/** The PyPI distribution an import comes from, or why there is none to look up. */
export type PythonImportResult =
  | {
      /** The distribution name as published (`PyYAML`), or the PEP 503-normalised import name when unmapped. */
      name: string;
      /** PEP 503-normalised `name`, for comparing with declared dependencies and registry look-ups. */
      normalized: string;
      /** True when the bundled import-name map decided the name. */
      mapped: boolean;
    }
  | { skip: PythonSkipReason };

/** Options of {@link distributionOfImport}. */
export interface PythonImportOptions {
  /** Top-level names of the project's own packages and modules (`myapp` for `myapp/__init__.py`, `utils` for `utils.py`). */
  localModules?: ReadonlySet<string> | readonly string[];
}

const STDLIB: ReadonlySet<string> = new Set(stdlib.modules);
const IMPORT_MAP: Readonly<Record<string, string>> = importNames.map;
const NAMESPACES: ReadonlySet<string> = new Set(importNames.namespaces);
const DOTTED_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const MAX_LENGTH = 500;

export { normalizePypiName };

/** Whether `module` (or its top-level package) is in the bundled Python 3 standard-library list. */
export function isPythonStdlib(module: string): boolean {
  return STDLIB.has(module.split('.')[0]);
}

/**
 * The PyPI distribution that provides the module of `import a.b` / `from a.b import c` (pass `a.b`).
 * Relative imports, the standard library and the caller's local modules are skipped; known mismatches
 * (`cv2` → `opencv-python`, `google.protobuf` → `protobuf`) come from the bundled map, matched on the
 * longest dotted prefix; any other import maps to its PEP 503-normalised top-level name. Never throws.
 */
export function distributionOfImport(module: string, options: PythonImportOptions = {}): PythonImportResult {
  if (typeof module !== 'string') return { skip: 'invalid' };
  const name = module.trim();
  if (name.startsWith('.')) return { skip: 'relative' };
  if (name.length > MAX_LENGTH || !DOTTED_IDENTIFIER.test(name)) return { skip: 'invalid' };
  const parts = name.split('.');
  const top = parts[0];
  if (STDLIB.has(top)) return { skip: 'stdlib' };
  if (isLocal(top, options.localModules)) return { skip: 'local' };
  for (let n = parts.length; n >= 1; n--) {
    const prefix = parts.slice(0, n).join('.');
    const mapped = Object.hasOwn(IMPORT_MAP, prefix) ? IMPORT_MAP[prefix] : undefined;
    if (mapped) return { name: mapped, normalized: normalizePypiName(mapped), mapped: true };
  }
  if (NAMESPACES.has(top)) return { skip: 'namespace' };
  const normalized = normalizePypiName(top);
  return { name: normalized, normalized, mapped: false };
}

function isLocal(top: string, local: PythonImportOptions['localModules']): boolean {
  if (!local) return false;
  return Array.isArray(local) ? local.includes(top) : (local as ReadonlySet<string>).has(top);
}

/** What {@link pythonImportRefs} reads of an import; the Python adapter's `PythonImport` has it all. */
export type PythonImportInput = Pick<PythonImport, 'module' | 'range' | 'level' | 'guarded'> & Partial<Pick<PythonImport, 'names'>>;

/** A PyPI package an import needs, with what the rules may want to know about the import itself. */
export interface PythonImportRef extends PackageRef {
  source: 'import';
  /** The top-level module as imported (`cv2` for `import cv2.data`); `range` covers it. */
  module: string;
  /**
   * The import sits in `try: … except ImportError`, `with suppress(ImportError)` or `if TYPE_CHECKING:`:
   * the code expects it may be missing, so a rule may lower its severity or skip it.
   */
  guarded: boolean;
  /** True when the bundled import-name map decided `name` (`cv2` → `opencv-python`). */
  mapped: boolean;
}

/**
 * The PyPI packages a file's imports need, one ref per import in the given order (a package imported
 * twice gives two refs). Relative imports, the standard library, the caller's local modules and unmapped
 * shared namespaces are skipped (see {@link distributionOfImport}); guarded imports are kept and flagged.
 * `from <namespace> import <submodule>` (`from google.cloud import storage`) yields the distributions of
 * the submodules the bundled map knows. `name` is the distribution (`opencv-python`) while `range` covers
 * the top-level module as written (`cv2`), so for mapped names `text.slice(...range)` is `module`, not
 * `name`. Never throws.
 */
export function pythonImportRefs(imports: readonly PythonImportInput[], options: PythonImportOptions = {}): PythonImportRef[] {
  const refs: PythonImportRef[] = [];
  for (const imp of imports) {
    if (!imp || imp.level !== 0 || typeof imp.module !== 'string') continue;
    const top = imp.module.split('.')[0];
    const [start, end] = imp.range;
    // The dotted name starts with the top-level module; keep the whole range if that cannot hold.
    const range: [number, number] = start + top.length <= end ? [start, start + top.length] : [start, end];
    for (const result of distributions(imp, options)) {
      refs.push({
        ecosystem: 'pypi',
        name: result.name,
        range,
        source: 'import',
        field: 'import',
        registry: true,
        module: top,
        guarded: imp.guarded === true,
        mapped: result.mapped,
      });
    }
  }
  return refs;
}

type Distribution = Extract<PythonImportResult, { name: string }>;

/**
 * The distribution of an import; for `from google.cloud import storage`, where the module is a shared
 * namespace, those of the imported submodules the map knows (`google-cloud-storage`), each once.
 */
function distributions(imp: PythonImportInput, options: PythonImportOptions): Distribution[] {
  const result = distributionOfImport(imp.module, options);
  if (!('skip' in result)) return [result];
  if (result.skip !== 'namespace' || !Array.isArray(imp.names)) return [];
  const found = new Map<string, Distribution>();
  for (const name of imp.names) {
    if (typeof name !== 'string' || name === '*') continue;
    const sub = distributionOfImport(`${imp.module}.${name}`, options);
    if (!('skip' in sub) && sub.mapped && !found.has(sub.normalized)) found.set(sub.normalized, sub);
  }
  return [...found.values()];
}

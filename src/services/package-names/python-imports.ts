import { normalizePypiName } from './names';
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

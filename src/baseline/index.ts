/**
 * Baselines for adopting Rampart on an existing codebase: fingerprints that survive unrelated edits, formatting
 * and file moves; the committed file of accepted findings; matching a scan against it. Used by the CLI
 * (`--baseline`, `--write-baseline`) and the editor (`rampart.baseline`).
 */
export {
  applyBaseline,
  BASELINE_REASON,
  BASELINE_VERSION,
  baselineEntries,
  createBaseline,
  DEFAULT_BASELINE_FILE,
  MAX_BASELINE_BYTES,
  parseBaseline,
  serializeBaseline,
  type ApplyOptions,
  type Baseline,
  type BaselineEntry,
  type BaselineMatch,
  type BaselineTarget,
  type ParsedBaseline,
} from './baseline';
export { codeFingerprint, fingerprintFindings, normalizeCode } from './fingerprint';
export { baselineRoot, loadBaselineFile, writeBaselineFile, type LoadedBaseline } from './files';

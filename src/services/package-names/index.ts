/** Package-name extraction from manifests and install commands, with exact offsets. Pure; no network. */
export type { Ecosystem, PackageRef, PackageSource, RequirementsInclude } from './types';
export { isValidName, normalizePypiName, parsePep508, type ParsedRequirement } from './names';
export { extractPackageJson, isRegistrySpec } from './package-json';
export { extractRequirements, type RequirementsResult } from './requirements';
export { extractPyproject } from './pyproject';
export { extractPipfile } from './pipfile';
export { extractInstallCommands, mayHoldInstallCommand } from './commands';
export { extractScriptMetadata } from './script-metadata';
export {
  importedSpecifiers,
  packageOfSpecifier,
  type ImportedSpecifier,
  type ImportKind,
  type SpecifierOptions,
  type SpecifierResult,
  type SpecifierSkipReason,
} from './imports';
export {
  distributionOfImport,
  isPythonStdlib,
  pythonImportRefs,
  type PythonImportInput,
  type PythonImportOptions,
  type PythonImportRef,
  type PythonImportResult,
  type PythonSkipReason,
} from './python-imports';

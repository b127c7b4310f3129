/** Package-name extraction from manifests and install commands, with exact offsets. Pure; no network. */
export type { Ecosystem, PackageRef, PackageSource, RequirementsInclude } from './types';
export { isValidName, parsePep508, type ParsedRequirement } from './names';
export { extractPackageJson, isRegistrySpec } from './package-json';
export { extractRequirements, type RequirementsResult } from './requirements';
export { extractPyproject } from './pyproject';
export { extractPipfile } from './pipfile';
export { extractInstallCommands } from './commands';

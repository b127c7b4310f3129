/**
 * Configuration: find, read and validate `.rampart.jsonc` against a JSON Schema generated from the
 * rule registry, then resolve presets into a frozen {@link ResolvedConfig}. Data only, never executed.
 */
export { CONFIG_FILE_NAME, buildConfigSchema } from './schema';
export { defaultConfig, ignoredByConfig, settingsFor } from './resolve';
export type { IgnoreList, PackagesConfig, ResolvedConfig, ResolvedOverride } from './resolve';
export { EXPIRED_SUPPRESSION_RULE, expiredSuppressionFindings } from './expired';
export { presetSeverity } from './presets';
export { parseConfig } from './parse';
export type { ConfigProblem, ConfigResult } from './parse';
export { findConfigFile, loadConfig } from './load';
export { createPathMatcher } from './match';
export { expiredSuppressions, suppressionsFor } from './suppressions';
export type { ConfigLocation, ExpiredSuppression, ResolvedSuppression } from './suppressions';
export { addAllowEdit, addSuppressionEdit, type AllowEntry } from './edit';
export type { SuppressionEntry } from './edit';

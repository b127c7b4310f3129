/**
 * Public entry of the Rampart engine for the CLI and the editor: the built-in rules and adapters
 * wired into an {@link Analyzer}. Nothing here imports 'vscode'.
 */
import { Analyzer } from './engine/analyzer';
import { builtinAdapters } from './languages';
import { builtinRules } from './rules';

export { Analyzer, DEFAULT_MAX_FILE_SIZE, INVALID_SUPPRESSION_RULE } from './engine/analyzer';
export type { AnalyzeRequest, ConfigSuppression, NeighbourFile, RuleSetting } from './engine/analyzer';
export { applyFixes, selectFixes } from './engine/apply-fixes';
export { classifyFile } from './engine/classify';
export { LineIndex } from './engine/line-index';
export type * from './engine/types';
export { builtinRules } from './rules';

/** An analyzer with every built-in rule and adapter. */
export function createAnalyzer(options: { maxFileSize?: number } = {}): Analyzer {
  return new Analyzer({ rules: builtinRules, adapters: builtinAdapters, ...options });
}

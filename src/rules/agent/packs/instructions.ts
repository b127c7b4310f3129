import type { Rule } from '../../../engine/rule';
import noHiddenInstructions from '../no-hidden-instructions';
import noHiddenUnicode from '../no-hidden-unicode';

/** Rules for AI rules and instruction files (`AGENTS.md`, `.cursorrules`, …); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noHiddenUnicode as Rule, noHiddenInstructions as Rule];

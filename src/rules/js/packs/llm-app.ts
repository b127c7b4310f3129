import type { Rule } from '../../../engine/rule';

/** Rules of the "llm-app" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [];

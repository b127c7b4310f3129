import type { Rule } from '../../../engine/rule';
import noDynamicRequire from '../no-dynamic-require';
import noLlmKeyInBrowser from '../no-llm-key-in-browser';
import noUnvalidatedAgentTool from '../no-unvalidated-agent-tool';
import noUserInputInSystemPrompt from '../no-user-input-in-system-prompt';

/** Rules of the "llm-app" part of the JS/TS pack; registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [
  noLlmKeyInBrowser as Rule,
  noUserInputInSystemPrompt as Rule,
  noUnvalidatedAgentTool as Rule,
  noDynamicRequire as Rule,
];

import type { Rule } from '../../../engine/rule';
import noPermissiveClaudeSettings from '../no-permissive-claude-settings';
import noUnsandboxedAutoApproval from '../no-unsandboxed-auto-approval';
import noVscodeChatAutoApprove from '../no-vscode-chat-auto-approve';

/** Rules of the "permissions" part of the agent pack (permission and auto-approve settings); registered by src/rules/index.ts. */
export const rules: readonly Rule[] = [noPermissiveClaudeSettings, noUnsandboxedAutoApproval, noVscodeChatAutoApprove] as Rule[];

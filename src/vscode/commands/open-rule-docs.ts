import * as vscode from 'vscode';

/**
 * "Show rule documentation" (the quick fix and the older command id): opens the rendered, read-only rule
 * details panel (see `RuleDetails`), asking which rule when none is given. Never the raw Markdown.
 */
export function registerOpenRuleDocs(): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.openRuleDocs', (ruleId?: string) =>
    vscode.commands.executeCommand('rampart.showRuleDetails', typeof ruleId === 'string' ? ruleId : undefined),
  );
}

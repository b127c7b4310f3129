import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../config';
import type { ConfigStore } from './config-store';

/** Where the quick fixes of `.rampart.jsonc` apply. */
export const CONFIG_SELECTOR: vscode.DocumentFilter = { scheme: 'file', pattern: `**/${CONFIG_FILE_NAME}` };

/**
 * Quick fixes in `.rampart.jsonc`: "Change to "js/no-shell-injection"" where Rampart found a misspelt rule id
 * or key, also when the diagnostic shown is the schema validation's (Rampart then does not repeat it).
 */
export class ConfigQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly configs: ConfigStore) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !context.only.contains(vscode.CodeActionKind.QuickFix)) return [];
    return this.configs.corrections(doc, range).map(({ range: at, text }) => {
      const action = new vscode.CodeAction(`Change to ${text}`, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(doc.uri, at, text);
      action.diagnostics = context.diagnostics.filter((d) => d.range.intersection(at));
      action.isPreferred = true;
      return action;
    });
  }
}

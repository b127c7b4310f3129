import * as vscode from 'vscode';
import { builtinRules } from '../../rules';
import { ruleDocUri } from '../diagnostics';

/** Opens a rule's bundled documentation (asks which rule when none is given). */
export function registerOpenRuleDocs(extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.openRuleDocs', async (ruleId?: string) => {
    let id = typeof ruleId === 'string' ? ruleId : undefined;
    if (!id) {
      const pick = await vscode.window.showQuickPick(
        builtinRules.map((r) => ({ label: r.id, description: r.meta.severity, detail: r.meta.description })),
        { title: 'Rampart rule documentation', matchOnDetail: true },
      );
      id = pick?.label;
    }
    if (id) await vscode.commands.executeCommand('markdown.showPreview', ruleDocUri(extensionUri, id));
  });
}

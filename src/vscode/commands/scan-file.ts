import * as vscode from 'vscode';
import type { LiveAnalysis } from '../analysis';
import { countFindings, describeCounts } from '../model';

/** Analyses the active editor's document now. */
export function registerScanFile(live: LiveAnalysis): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.scanFile', async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return void vscode.window.showInformationMessage('Rampart: open a file to scan it.');
    const result = await live.analyze(doc);
    if (!result) return void vscode.window.showInformationMessage(`Rampart does not analyse ${vscode.workspace.asRelativePath(doc.uri)} (language or settings).`);
    void vscode.window.showInformationMessage(`Rampart: ${describeCounts(countFindings([result]))} in ${result.file}.`);
  });
}

import * as vscode from 'vscode';
import type { LiveAnalysis } from '../analysis';

/** Analyses the active editor's document now. */
export function registerScanFile(live: LiveAnalysis): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.scanFile', async () => {
    const doc = vscode.window.activeTextEditor?.document;
    if (!doc) return void vscode.window.showInformationMessage('Rampart: open a file to scan it.');
    const result = await live.analyze(doc);
    if (!result) return void vscode.window.showInformationMessage(`Rampart does not analyse ${vscode.workspace.asRelativePath(doc.uri)} (language or settings).`);
    const open = result.findings.filter((f) => !f.suppressed).length;
    void vscode.window.showInformationMessage(`Rampart: ${open} problem${open === 1 ? '' : 's'} in ${result.file}.`);
  });
}

import * as vscode from 'vscode';
import { formatSarif } from '../../report/sarif';
import { builtinRules } from '../../rules';
import { describeCounts } from '../model';
import type { FindingStore } from '../store';

/** Writes every current finding (suppressed ones marked) as SARIF 2.1.0, so a reviewer sees what the author saw. */
export function registerExportSarif(store: FindingStore, toolVersion: string): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.exportSarif', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export Rampart findings as SARIF',
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'rampart.sarif') : undefined,
      filters: { SARIF: ['sarif', 'json'] },
    });
    if (!target) return;
    const results = store.all().map((s) => s.result);
    const sarif = formatSarif(results, { cwd: folder?.fsPath ?? '/', rules: builtinRules, toolVersion });
    await vscode.workspace.fs.writeFile(target, Buffer.from(sarif, 'utf8'));
    // Counted as the status bar and the scan summary count: suppressed findings are in the file, marked, and said apart.
    void vscode.window.showInformationMessage(`Rampart: exported ${describeCounts(store.counts())} to ${vscode.workspace.asRelativePath(target)}.`);
  });
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import { isBaselined } from '../../baseline/editor';
import { ruleDocsReader } from '../../cli/rule-docs';
import { findRepositoryRoot } from '../../files/repository-root';
import { formatSarif } from '../../report/sarif';
import { builtinRules } from '../../rules';
import { describeCounts } from '../model';
import type { FindingStore } from '../store';

const KNOWN = new Set(builtinRules.map((r) => r.id));

/**
 * Writes every current finding (suppressed and baselined ones marked) as SARIF 2.1.0, so a reviewer sees what the
 * author saw: paths relative to the repository of the first workspace folder, rule help from the bundled docs.
 */
export function registerExportSarif(store: FindingStore, toolVersion: string, extensionUri: vscode.Uri): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.exportSarif', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      title: 'Export Rampart findings as SARIF',
      defaultUri: folder ? vscode.Uri.joinPath(folder, 'rampart.sarif') : undefined,
      filters: { SARIF: ['sarif', 'json'] },
    });
    if (!target) return;
    const results = store.all().map((s) => s.result);
    const cwd = folder?.fsPath ?? '/';
    const sarif = formatSarif(results, {
      cwd,
      root: folder ? (findRepositoryRoot(cwd) ?? cwd) : cwd,
      rules: builtinRules,
      toolVersion,
      ruleDocs: ruleDocsReader((id) => KNOWN.has(id), [path.join(extensionUri.fsPath, 'docs', 'rules')]),
      baseline: results.some((r) => r.findings.some(isBaselined)),
    });
    await vscode.workspace.fs.writeFile(target, Buffer.from(sarif, 'utf8'));
    // Counted as the status bar and the scan summary count: suppressed findings are in the file, marked, and said apart.
    void vscode.window.showInformationMessage(`Rampart: exported ${describeCounts(store.counts())} to ${vscode.workspace.asRelativePath(target)}.`);
  });
}

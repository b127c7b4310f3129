import * as vscode from 'vscode';
import type { Analyzer } from '../../engine/analyzer';
import { cleanReason, suppressionEdit } from '../model';
import type { LiveAnalysis } from '../analysis';
import { workspaceEdit } from '../code-actions';

/** Arguments the "Suppress … for this line…" quick fix passes. */
export interface SuppressArgs {
  uri: string;
  version: number;
  /** 1-based line of the finding. */
  line: number;
  ruleId: string;
}

/**
 * Asks why the finding is safe and writes `rampart-ignore-next-line <rule> -- <reason>` above its line.
 * The reason is required (the engine ignores suppressions without one). Refuses when the document changed
 * since the quick fix was offered.
 */
export function registerSuppressLine(analyzer: Analyzer, live: LiveAnalysis): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.suppressLine', async (args: SuppressArgs) => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(args.uri));
    const input = await vscode.window.showInputBox({
      title: `Suppress ${args.ruleId} on line ${args.line}`,
      prompt: 'Why is this finding safe to ignore? The reason is kept next to the suppression for reviewers.',
      placeHolder: 'e.g. the value comes from our own constant table',
      ignoreFocusOut: true,
      validateInput: (value) => (cleanReason(value) ? null : 'A reason is required.'),
    });
    const reason = input === undefined ? null : cleanReason(input);
    if (!reason) return;
    if (doc.version !== args.version) {
      void vscode.window.showWarningMessage('Rampart: the file changed since this quick fix was offered; nothing was changed. Try the quick fix again.');
      return;
    }
    const language = live.classify(doc)?.language;
    const comment = language ? analyzer.lineComment(language) : undefined;
    if (!comment) {
      void vscode.window.showWarningMessage(`Rampart: ${doc.fileName} has no comment syntax; add a suppression to .rampart.jsonc instead.`);
      return;
    }
    const lineStart = doc.offsetAt(new vscode.Position(args.line - 1, 0));
    await vscode.workspace.applyEdit(workspaceEdit(doc, [suppressionEdit(doc.getText(), lineStart, args.ruleId, reason, comment)]));
  });
}

import * as path from 'node:path';
import * as vscode from 'vscode';
import { addSuppressionEdit, CONFIG_FILE_NAME, findConfigFile } from '../../config';
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
      await suppressInConfig(doc, args, reason);
      return;
    }
    const lineStart = doc.offsetAt(new vscode.Position(args.line - 1, 0));
    await vscode.workspace.applyEdit(workspaceEdit(doc, [suppressionEdit(doc.getText(), lineStart, args.ruleId, reason, comment)]));
  });
}

/**
 * For files without comments (JSON): appends `{ rule, path, line, reason }` to `suppressions` in the
 * nearest `.rampart.jsonc`, creating one at the workspace folder root if there is none.
 */
async function suppressInConfig(doc: vscode.TextDocument, args: SuppressArgs, reason: string): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
  if (doc.uri.scheme !== 'file' || !folder) {
    void vscode.window.showWarningMessage('Rampart: only files in a workspace folder on disk can be suppressed in .rampart.jsonc.');
    return;
  }
  const configPath = findConfigFile(path.dirname(doc.uri.fsPath)) ?? path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  const configUri = vscode.Uri.file(configPath);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(configUri, { ignoreIfExists: true });
  await vscode.workspace.applyEdit(edit);
  const config = await vscode.workspace.openTextDocument(configUri);
  const entry = { rule: args.ruleId, path: path.relative(path.dirname(configPath), doc.uri.fsPath).split(path.sep).join('/'), line: args.line, reason };
  let edits;
  try {
    edits = addSuppressionEdit(config.getText(), entry);
  } catch (e) {
    void vscode.window.showErrorMessage(`Rampart: cannot add the suppression to ${vscode.workspace.asRelativePath(configUri)}: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  await vscode.workspace.applyEdit(workspaceEdit(config, edits.map((e) => ({ range: [e.offset, e.offset + e.length] as const, text: e.content }))));
  await config.save();
}

import * as path from 'node:path';
import type { Edit } from 'jsonc-parser';
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
  await editTeamConfig(doc.uri, 'suppression', (text, configPath) =>
    addSuppressionEdit(text, { rule: args.ruleId, path: path.relative(path.dirname(configPath), doc.uri.fsPath).split(path.sep).join('/'), line: args.line, reason }),
  );
}

/**
 * Edits the `.rampart.jsonc` that governs `uri` (creating one at the workspace folder root if there is
 * none) with the jsonc-parser edits `edit` computes from its text, and saves it. Comments and formatting
 * are kept. Says so, and changes nothing, when the file is not on disk or the config cannot take the edit.
 */
export async function editTeamConfig(uri: vscode.Uri, what: string, edit: (text: string, configPath: string) => Edit[]): Promise<boolean> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (uri.scheme !== 'file' || !folder) {
    void vscode.window.showWarningMessage(`Rampart: only files in a workspace folder on disk can get a ${what} in .rampart.jsonc.`);
    return false;
  }
  const configPath = findConfigFile(path.dirname(uri.fsPath)) ?? path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
  const configUri = vscode.Uri.file(configPath);
  const create = new vscode.WorkspaceEdit();
  create.createFile(configUri, { ignoreIfExists: true });
  await vscode.workspace.applyEdit(create);
  const config = await vscode.workspace.openTextDocument(configUri);
  let edits: Edit[];
  try {
    edits = edit(config.getText(), configPath);
  } catch (e) {
    void vscode.window.showErrorMessage(`Rampart: cannot add the ${what} to ${vscode.workspace.asRelativePath(configUri)}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
  await vscode.workspace.applyEdit(workspaceEdit(config, edits.map((e) => ({ range: [e.offset, e.offset + e.length] as const, text: e.content }))));
  return config.save();
}

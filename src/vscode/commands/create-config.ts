import * as path from 'node:path';
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../config';
import { log } from '../log';
import { createExclusive, STARTER_CONFIG } from '../starter-config';

/**
 * "Rampart: Create Team Configuration": writes the commented starter `.rampart.jsonc` at the root of the
 * workspace folder (of the active editor, else the first) and opens it. An existing file is never
 * overwritten, only opened. The file appears complete or not at all: the text goes to a temporary file
 * in the same folder, which is then hard-linked to the final name (failing if it exists meanwhile).
 */
export function registerCreateConfig(): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.createConfig', async () => {
    const active = vscode.window.activeTextEditor?.document.uri;
    const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    if (!folder || folder.uri.scheme !== 'file') {
      void vscode.window.showInformationMessage('Rampart: open a folder on disk to create its team configuration.');
      return;
    }
    const target = path.join(folder.uri.fsPath, CONFIG_FILE_NAME);
    let created = false;
    try {
      created = createExclusive(target, STARTER_CONFIG);
    } catch (e) {
      void vscode.window.showErrorMessage(`Rampart: cannot create ${CONFIG_FILE_NAME}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    log.info(created ? `created ${target}` : `${target} exists; opened it unchanged`);
    await vscode.window.showTextDocument(vscode.Uri.file(target), { preview: false });
    if (!created) void vscode.window.showInformationMessage(`Rampart: ${CONFIG_FILE_NAME} already exists; it was opened, not changed.`);
  });
}

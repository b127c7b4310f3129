import * as vscode from 'vscode';
import { log } from '../log';

/** Shows the Rampart output log. */
export function registerShowOutput(): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.showOutput', () => log.show());
}

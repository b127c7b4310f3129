import * as vscode from 'vscode';
import { addAllowEdit } from '../../config';
import { cleanReason } from '../model';
import { editTeamConfig } from './suppress-line';

/** Arguments the "Add … to the team allow-list…" quick fix passes. */
export interface AllowPackageArgs {
  uri: string;
  name: string;
  ecosystem: 'npm' | 'pypi';
}

/**
 * Asks why the team trusts a package and adds it to `packages.allow` in `.rampart.jsonc`: the packages/*
 * rules then never look it up nor report it. For private packages the public registry does not know.
 */
export function registerAllowPackage(): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.allowPackage', async (args: AllowPackageArgs) => {
    const input = await vscode.window.showInputBox({
      title: `Add ${args.name} to the team allow-list`,
      prompt: 'Why does the team trust this package? The reason is kept in .rampart.jsonc for reviewers.',
      placeHolder: 'e.g. internal package published to our private registry',
      ignoreFocusOut: true,
      validateInput: (value) => (cleanReason(value) ? null : 'A reason is required.'),
    });
    const reason = input === undefined ? null : cleanReason(input);
    if (!reason) return;
    await editTeamConfig(vscode.Uri.parse(args.uri), 'allow-list entry', (text) => addAllowEdit(text, { name: args.name, reason, ecosystem: args.ecosystem }));
  });
}

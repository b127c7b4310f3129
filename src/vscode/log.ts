import * as vscode from 'vscode';

/** The "Rampart" output channel (a log channel: the user picks the level). */
export const log = vscode.window.createOutputChannel('Rampart', { log: true });

import * as vscode from 'vscode';
import { sanitizeSettings, type Settings } from './model';

/** Reads and validates the `rampart.*` settings for a resource (or the window). */
export function readSettings(scope?: vscode.ConfigurationScope): Settings {
  const config = vscode.workspace.getConfiguration('rampart', scope);
  return sanitizeSettings((key) => config.get(key));
}

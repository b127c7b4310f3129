import * as vscode from 'vscode';
import type { Baselines } from '../baselines';

/**
 * "Show Baselined Findings" / "Hide Baselined Findings": in this window, findings the committed baseline accepts
 * are shown as hints, or not at all, whatever `rampart.baselinedFindings` says (the palette offers the one that
 * changes something).
 */
export function registerShowBaselined(baselines: Baselines): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('rampart.showBaselined', () => baselines.setDisplay('hint')),
    vscode.commands.registerCommand('rampart.hideBaselined', () => baselines.setDisplay('hide')),
  );
}

import * as vscode from 'vscode';
import type { ConfigStore } from './config-store';
import { describeCounts } from './model';
import { readSettings } from './settings';
import type { FindingStore } from './store';

/**
 * Finding count and state (analysing, config broken, disabled); a click opens the Problems panel, or the
 * setting when Rampart is turned off. The count is the store's, as in the scan summary and SARIF export.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rampart.status', vscode.StatusBarAlignment.Right, 100);
  private running = false;

  constructor(
    private readonly store: FindingStore,
    private readonly configs: ConfigStore,
  ) {
    this.item.name = 'Rampart';
    this.update();
    this.item.show();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.update();
  }

  update(): void {
    this.item.command = 'workbench.actions.view.problems';
    this.item.backgroundColor = undefined;
    if (!readSettings().enable) {
      this.item.text = '$(circle-slash) Rampart: disabled';
      this.item.tooltip = 'Rampart is turned off (rampart.enable): nothing is analysed or shown. Click to open the setting.';
      this.item.command = { title: 'Open the setting', command: 'workbench.action.openSettings', arguments: ['rampart.enable'] };
      return;
    }
    const counts = this.store.counts();
    const broken = this.configs.broken.size > 0;
    this.item.text = this.running ? '$(loading~spin) Rampart' : broken ? '$(warning) Rampart' : counts.problems > 0 ? `$(shield) Rampart: ${counts.problems}` : '$(shield) Rampart';
    this.item.tooltip = broken
      ? 'Rampart: .rampart.jsonc has errors; using the built-in defaults. Click to see the problems.'
      : `Rampart: ${describeCounts(counts)} in analysed files${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: registry look-ups wait for trust)'}`;
    if (broken) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  dispose(): void {
    this.item.dispose();
  }
}

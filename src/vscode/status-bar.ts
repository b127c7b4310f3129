import * as vscode from 'vscode';
import type { ConfigStore } from './config-store';
import type { FindingStore } from './store';

/** Finding count and analysis state; a click opens the Problems panel. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rampart.status', vscode.StatusBarAlignment.Right, 100);
  private running = false;

  constructor(
    private readonly store: FindingStore,
    private readonly configs: ConfigStore,
  ) {
    this.item.name = 'Rampart';
    this.item.command = 'workbench.actions.view.problems';
    this.update();
    this.item.show();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.update();
  }

  update(): void {
    const count = this.store.all().reduce((n, s) => n + s.result.findings.filter((f) => !f.suppressed).length, 0);
    const broken = this.configs.broken.size > 0;
    this.item.text = this.running ? '$(loading~spin) Rampart' : broken ? '$(warning) Rampart' : count > 0 ? `$(shield) Rampart: ${count}` : '$(shield) Rampart';
    this.item.tooltip = broken
      ? 'Rampart: .rampart.jsonc has errors; using the built-in defaults. Click to see the problems.'
      : `Rampart: ${count} security problem${count === 1 ? '' : 's'} in analysed files${vscode.workspace.isTrusted ? '' : ' (Restricted Mode: registry look-ups wait for trust)'}`;
    this.item.backgroundColor = broken ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  }

  dispose(): void {
    this.item.dispose();
  }
}

import * as vscode from 'vscode';
import { failureNote } from '../services/registry-service';
import type { ConfigStore } from './config-store';
import { countBySeverity, describeCounts, describeSeverities, severityText } from './model';
import type { EditorPackageServices } from './package-services';
import { readSettings } from './settings';
import type { FindingStore } from './store';

/** The container of the Rampart view, when the view is contributed. */
const RAMPART_VIEW = 'workbench.view.extension.rampart';

/** What the status bar needs from the rest of the extension. */
export interface StatusSources {
  store: FindingStore;
  configs: ConfigStore;
  packages: EditorPackageServices;
  /** Whether Rampart analyses this document at all (some rule reads its file type and git does not ignore it). */
  analyses: (doc: vscode.TextDocument) => boolean;
  /** Drops the registry services and analyses the open documents again (the look-ups are retried). */
  retryLookups: () => void;
}

/**
 * Two status-bar items: "Rampart: <problems>" with the state (analysing, config broken, look-ups failing,
 * disabled), and next to it the problems by severity, failed look-ups and "not checked" when the active
 * file's type has no rules. A click on either opens the Rampart menu (scan, view, output, settings,
 * enable/disable for this workspace, retry look-ups). The counts are the store's, as in the scan summary
 * and SARIF export.
 */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('rampart.status', vscode.StatusBarAlignment.Right, 100);
  private readonly details = vscode.window.createStatusBarItem('rampart.details', vscode.StatusBarAlignment.Right, 99.5);
  private running = false;
  private readonly disposables: vscode.Disposable[];

  constructor(private readonly sources: StatusSources) {
    this.item.name = 'Rampart';
    this.details.name = 'Rampart: problems by severity';
    this.item.command = 'rampart.statusMenu';
    this.details.command = 'rampart.statusMenu';
    this.disposables = [
      vscode.commands.registerCommand('rampart.statusMenu', () => this.menu()),
      vscode.commands.registerCommand('rampart.retryLookups', () => this.retry()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      sources.packages.onDidChangeFailures(() => this.update()),
    ];
    this.update();
    this.item.show();
  }

  setRunning(running: boolean): void {
    this.running = running;
    this.update();
  }

  update(): void {
    const { store, configs, packages } = this.sources;
    this.item.backgroundColor = undefined;
    this.details.backgroundColor = undefined;
    const settings = readSettings();
    if (!settings.enable) {
      this.item.text = '$(circle-slash) Rampart: disabled';
      this.item.tooltip = 'Rampart is turned off (rampart.enable): nothing is analysed or shown. Click for the Rampart menu (enable it for this workspace).';
      this.details.hide();
      return;
    }
    const counts = store.counts();
    const severities = countBySeverity(store.all().map((s) => s.result), settings.severityOverrides);
    const broken = configs.broken.size > 0;
    // With look-ups off (the setting, or Restricted Mode) a package missing from the cache is not a failure.
    const online = settings.networkEnabled && vscode.workspace.isTrusted;
    const failures = online ? packages.failures : null;
    this.item.text = this.running ? '$(loading~spin) Rampart' : broken ? '$(warning) Rampart' : counts.problems > 0 ? `$(shield) Rampart: ${counts.problems}` : '$(shield) Rampart';
    const lines = [`Rampart: ${describeCounts(counts)}${counts.problems > 0 ? ` (${describeSeverities(severities)})` : ''} in analysed files`];
    if (this.running) lines.push('Analysing…');
    if (broken) lines.push('.rampart.jsonc has errors; using the built-in defaults until they are fixed.');
    if (failures) lines.push(`${failureNote(failures)}. Click to retry.`);
    if (!vscode.workspace.isTrusted) lines.push('Restricted Mode: registry look-ups wait for trust.');
    else if (!settings.networkEnabled) lines.push('Registry look-ups are off (rampart.network.enabled): packages are checked against the cache only.');
    const active = vscode.window.activeTextEditor?.document;
    const unchecked = active !== undefined && (active.uri.scheme === 'file' || active.uri.scheme === 'untitled') && !this.sources.analyses(active);
    if (unchecked) lines.push(`${vscode.workspace.asRelativePath(active.uri, false)}: no security rules for this file type (or git ignores it), so it is not checked.`);
    lines.push('Click for the Rampart menu.');
    this.item.tooltip = lines.join('\n');
    if (broken || failures) this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');

    const parts = [severityText(severities)];
    if (failures) parts.push(`$(cloud-offline) ${failures.count}`);
    if (unchecked) parts.push('$(eye-closed) not checked');
    const text = parts.filter(Boolean).join('  ');
    if (!text) return void this.details.hide();
    this.details.text = text;
    this.details.tooltip = this.item.tooltip;
    const said = [describeSeverities(severities), failures ? `${failures.count} failed look-up${failures.count === 1 ? '' : 's'}` : '', unchecked ? 'this file is not checked' : ''].filter(Boolean);
    this.details.accessibilityInformation = { label: `Rampart: ${said.join(', ')}`, role: 'button' };
    this.details.show();
  }

  /** The quick pick behind a click: what Rampart can do from here. */
  private async menu(): Promise<void> {
    const { packages } = this.sources;
    const settings = readSettings();
    const enabled = settings.enable;
    const commands = new Set(await vscode.commands.getCommands(true));
    type Entry = vscode.QuickPickItem & { run?: () => unknown };
    const entries: Entry[] = [];
    const add = (label: string, run: () => unknown, detail?: string) => entries.push({ label, run, detail });
    if (enabled) add('$(search) Scan Workspace', () => vscode.commands.executeCommand('rampart.scanWorkspace'));
    if (commands.has(RAMPART_VIEW)) add('$(shield) Open the Rampart View', () => vscode.commands.executeCommand(RAMPART_VIEW));
    add('$(warning) Show Problems', () => vscode.commands.executeCommand('workbench.actions.view.problems'));
    const failures = settings.networkEnabled && vscode.workspace.isTrusted ? packages.failures : null;
    if (failures) {
      entries.push({ label: 'Package look-ups', kind: vscode.QuickPickItemKind.Separator });
      add(`$(refresh) Retry Failed Look-ups (${failures.count})`, () => this.retry(), failureNote(failures));
      add('$(output) Show Look-up Failure Details', () => vscode.commands.executeCommand('rampart.showOutput'));
    }
    entries.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    add('$(book) Show Rule Details…', () => vscode.commands.executeCommand('rampart.showRuleDetails'));
    add('$(output) Show Output', () => vscode.commands.executeCommand('rampart.showOutput'));
    add('$(gear) Settings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:rampart-security.rampart'));
    add(enabled ? '$(circle-slash) Disable for This Workspace' : '$(check) Enable for This Workspace', () => this.setEnabled(!enabled));
    const pick = await vscode.window.showQuickPick(entries, { title: 'Rampart', placeHolder: this.item.tooltip?.toString().split('\n')[0] });
    await pick?.run?.();
  }

  private retry(): void {
    this.sources.retryLookups();
    this.update();
  }

  /** Writes `rampart.enable` in the workspace settings (the user settings when no folder is open). */
  private async setEnabled(enable: boolean): Promise<void> {
    const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await vscode.workspace.getConfiguration('rampart').update('enable', enable, target);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.item.dispose();
    this.details.dispose();
  }
}

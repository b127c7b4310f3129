import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { applyBaseline, loadBaselineFile, type Baseline } from '../baseline';
import { baselinedDisplaySetting, baselineSetting, type BaselinedDisplay } from '../baseline/editor';
import type { FileResult } from '../engine/types';
import { realpathOrNull } from '../files/containment';
import { findRepositoryRoot } from '../files/repository-root';
import { rootRelativePath } from '../report/input';
import { log } from './log';

/** Context key: baselined findings are shown (as hints) in this window. */
const SHOWN_CONTEXT = 'rampart.baselinedShown';

interface FolderBaseline {
  baseline: Baseline;
  root: string;
}

/**
 * The committed baseline of each workspace folder (`rampart.baseline`, default `.rampart-baseline.json`, in the
 * folder or else at the root of the repository the folder is in), read from disk (bounded, never through a link
 * out of that folder) and cached until the file or the setting changes.
 * Results are matched against it before they are shown: a baselined finding is shown as a hint or hidden
 * (`rampart.baselinedFindings`, and for this window the Show/Hide Baselined Findings commands).
 */
export class Baselines implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderBaseline | null>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** This window's choice from the commands; undefined follows the setting. */
  private override: BaselinedDisplay | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Fires when a baseline, the settings or the choice of display changed: shown results should be matched again. */
  readonly onDidChange = this.changed.event;

  constructor() {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('rampart.baseline') || e.affectsConfiguration('rampart.baselinedFindings')) this.reset();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
    );
    this.updateContext();
  }

  /** How baselined findings of this file are shown. */
  display(uri: vscode.Uri): BaselinedDisplay {
    return this.override ?? baselinedDisplaySetting(vscode.workspace.getConfiguration('rampart', uri).get('baselinedFindings'));
  }

  /** Shows (`hint`) or hides baselined findings in this window, whatever the setting says. */
  setDisplay(display: BaselinedDisplay): void {
    this.override = display;
    this.updateContext();
    this.changed.fire();
  }

  /**
   * Marks the findings of a file's result that its folder's baseline accepts (and clears marks the baseline no
   * longer gives). Files outside a workspace folder on disk have no baseline. Returns the same result.
   */
  apply(uri: vscode.Uri, result: FileResult): FileResult {
    const folder = uri.scheme === 'file' ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
    const loaded = folder ? this.baselineOf(folder) : null;
    const filePath = loaded ? rootRelativePath(uri.fsPath, loaded.root, loaded.root) : null;
    if (!loaded) {
      for (const f of result.findings) if (f.suppressed?.kind === 'baseline') delete f.suppressed;
      return result;
    }
    const exists = (p: string) => fs.existsSync(path.join(loaded.root, ...p.split('/')));
    applyBaseline(loaded.baseline, [{ path: filePath, findings: result.findings }], { exists });
    return result;
  }

  private baselineOf(folder: vscode.WorkspaceFolder): FolderBaseline | null {
    const key = folder.uri.toString();
    if (this.byFolder.has(key)) return this.byFolder.get(key)!;
    const loaded = this.load(folder);
    this.byFolder.set(key, loaded);
    return loaded;
  }

  private load(folder: vscode.WorkspaceFolder): FolderBaseline | null {
    const setting = vscode.workspace.getConfiguration('rampart', folder.uri).get('baseline');
    const relative = baselineSetting(setting);
    if (relative === null) {
      log.warn(`rampart.baseline (${JSON.stringify(setting)}) must be a path inside the workspace folder ${folder.name}; no baseline is used there`);
      return null;
    }
    // The folder first; a folder inside a repository (a monorepo's package) also sees the repository's baseline.
    const repository = findRepositoryRoot(folder.uri.fsPath);
    const places = [folder.uri.fsPath, ...(repository !== null && repository !== folder.uri.fsPath ? [repository] : [])];
    this.watch(folder, places, relative);
    for (const place of places) {
      const within = realpathOrNull(place);
      if (within === null) continue;
      const file = path.join(place, ...relative.split('/'));
      const loaded = loadBaselineFile(file, { within });
      if (loaded.ok) {
        log.info(`baseline ${file}: ${loaded.baseline.entries.length} entries`);
        return { baseline: loaded.baseline, root: loaded.root };
      }
      if (!loaded.missing) {
        log.error(`baseline ${file}: ${loaded.message}; findings are shown as if there were no baseline`);
        void vscode.window.showWarningMessage(`Rampart: the baseline ${relative} cannot be used: ${loaded.message}.`);
        return null;
      }
    }
    return null;
  }

  /** Reads the folder's baseline again when the file is created, changed or deleted in any of the places it is looked for. */
  private watch(folder: vscode.WorkspaceFolder, places: readonly string[], relative: string): void {
    const key = folder.uri.toString();
    if (this.watchers.has(key)) return;
    const reload = () => {
      this.byFolder.delete(key);
      this.changed.fire();
    };
    const watchers = places.map((place) => vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(place), relative)));
    this.watchers.set(key, vscode.Disposable.from(...watchers.flatMap((w) => [w, w.onDidChange(reload), w.onDidCreate(reload), w.onDidDelete(reload)])));
  }

  private reset(): void {
    this.byFolder.clear();
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    this.updateContext();
    this.changed.fire();
  }

  private updateContext(): void {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const shown = this.override ?? baselinedDisplaySetting(vscode.workspace.getConfiguration('rampart', folder).get('baselinedFindings'));
    void vscode.commands.executeCommand('setContext', SHOWN_CONTEXT, shown === 'hint');
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.disposables.forEach((d) => d.dispose());
  }
}

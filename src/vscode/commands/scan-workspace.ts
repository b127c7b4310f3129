import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../config';
import type { Analyzer } from '../../engine/analyzer';
import { discoverFiles, type DiscoveredFile } from '../../files/discover';
import { readSource } from '../../files/read-source';
import type { LiveAnalysis } from '../analysis';
import type { ConfigStore } from '../config-store';
import { log } from '../log';
import { describeCounts } from '../model';
import type { EditorPackageServices } from '../package-services';
import { analyzeOnDisk, isOpen, type ScanCoverage } from '../scan-coverage';
import { readSettings } from '../settings';
import { describeSkipped, skippedDetails, skipReason, worthReporting, type Skipped } from '../skipped-files';
import type { FindingStore } from '../store';

/** What a scan did, for the summary shown after its progress notification has gone. */
interface ScanOutcome {
  files: number;
  cancelled: boolean;
  /** Files and folders left out, and why. */
  skipped: Skipped[];
}

/**
 * Scans every file of every workspace folder on disk (honouring .gitignore, the default ignores and the
 * config's `ignore`), with a cancellable progress notification; findings go to the Problems panel.
 * Open documents keep their live results. Yields between files so the editor stays responsive. What the
 * scan covered stays up to date afterwards ({@link ScanCoverage}). The summary comes after the progress
 * has ended and counts from the store, as the status bar and SARIF export do.
 */
export function registerScanWorkspace(
  analyzer: Analyzer,
  configs: ConfigStore,
  live: LiveAnalysis,
  packages: EditorPackageServices,
  coverage: ScanCoverage,
  store: FindingStore,
): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.scanWorkspace', async () => {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file' && readSettings(f.uri).enable);
    if (folders.length === 0) {
      const why = vscode.workspace.workspaceFolders?.length ? 'Rampart is turned off (rampart.enable) for this workspace' : 'open a folder on disk to scan it';
      return void vscode.window.showInformationMessage(`Rampart: ${why}.`);
    }
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Rampart: scanning workspace', cancellable: true },
      (progress, token) => scan(folders, progress, token),
    );
    const covered = new Set(coverage.keys());
    const counts = store.counts((uri) => covered.has(uri));
    const { files, cancelled, skipped } = outcome;
    const skippedNote = describeSkipped(skipped);
    const actions = skippedNote ? ['Show Problems', 'Show Details'] : ['Show Problems'];
    // Not awaited: the command (and its progress) is over; the message stays until the user dismisses it.
    void vscode.window
      .showInformationMessage(`Rampart scanned ${files} file${files === 1 ? '' : 's'}: ${describeCounts(counts)}${cancelled ? ' (cancelled)' : ''}${skippedNote ? `; ${skippedNote}` : ''}.`, ...actions)
      .then((choice) => {
        if (choice === 'Show Problems') void vscode.commands.executeCommand('workbench.actions.view.problems');
        if (choice === 'Show Details') {
          for (const line of skippedDetails(skipped)) log.info(line);
          log.show(true);
        }
      });
  });

  async function scan(folders: vscode.WorkspaceFolder[], progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<ScanOutcome> {
    const started = performance.now();
    const stop = new AbortController();
    const listener = token.onCancellationRequested(() => stop.abort());
    let files = 0;
    const skipped: Skipped[] = [];
    const skip = (absolute: string, isDir: boolean, why: string, detail?: string) => {
      const shown = `${vscode.workspace.asRelativePath(absolute, false)}${isDir ? '/' : ''}`;
      if (worthReporting(shown)) skipped.push({ path: shown, reason: skipReason(why), ...(detail ? { detail } : {}) });
    };
    try {
      for (const folder of folders) {
        const config = configs.configFor(vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME));
        const found = discoverFiles({
          roots: [{ absolute: folder.uri.fsPath, configIgnore: { root: config.root, patterns: config.ignore } }],
          supports: (c) => analyzer.supports(c),
          display: (p) => vscode.workspace.asRelativePath(p, false),
          onIgnored: (absolute, isDir, why) => skip(absolute, isDir, why),
        });
        for (const note of found.notes) skipped.push({ path: note, reason: 'unreadable' });
        coverage.watch(folder.uri);
        const reached = new Set<string>();
        const settings = readSettings(folder.uri);
        const services = await packages.servicesFor(config, live.online(settings));
        for (const [i, file] of found.files.entries()) {
          if (token.isCancellationRequested) break;
          const uri = vscode.Uri.file(file.absolute);
          const shown = vscode.workspace.asRelativePath(uri, false);
          progress.report({ message: `${i + 1}/${found.files.length} ${shown}`, increment: 100 / found.files.length / folders.length });
          await new Promise((resolve) => setImmediate(resolve));
          coverage.add(folder.uri, file);
          reached.add(uri.toString());
          // Open documents keep their live results (they may hold unsaved edits).
          if (isOpen(uri)) {
            files++;
            continue;
          }
          packages.registerPath(shown, uri);
          const result = await analyzeOnDisk(analyzer, file, uri, config, settings, services, stop.signal);
          if (!result) {
            const why = whyNotRead(file, settings.maxFileSize);
            skip(file.absolute, false, why, why);
            live.forget(uri);
          }
          else if (!isOpen(uri)) live.publish(uri, result, null, settings);
          if (result) files++;
        }
        if (!token.isCancellationRequested) coverage.finish(folder.uri, reached);
      }
    } finally {
      listener.dispose();
    }
    packages.reportFailures();
    const cancelled = token.isCancellationRequested;
    log.info(`workspace scan: ${files} files in ${Math.round(performance.now() - started)} ms${cancelled ? ' (cancelled)' : ''}`);
    return { files, cancelled, skipped };
  }
}

/** Why `analyzeOnDisk` left a file out (it says only that it did): read again, only for such files. */
function whyNotRead(file: DiscoveredFile, maxFileSize: number): string {
  const source = readSource(file.absolute, maxFileSize, file.within);
  return source.ok ? 'minified (average line longer than 500 characters)' : source.reason;
}

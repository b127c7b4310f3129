import * as vscode from 'vscode';
import { suppressionsFor } from '../../config';
import type { Analyzer } from '../../engine/analyzer';
import { discoverFiles } from '../../files/discover';
import { looksMinified, readSource } from '../../files/read-source';
import type { LiveAnalysis } from '../analysis';
import type { ConfigStore } from '../config-store';
import type { EditorPackageServices } from '../package-services';
import { log } from '../log';
import { readSettings } from '../settings';

/**
 * Scans every file of every workspace folder on disk (honouring .gitignore, the default ignores and the
 * config's `ignore`), with a cancellable progress notification; findings go to the Problems panel.
 * Open documents keep their live results. Yields between files so the editor stays responsive.
 */
export function registerScanWorkspace(analyzer: Analyzer, configs: ConfigStore, live: LiveAnalysis, packages: EditorPackageServices): vscode.Disposable {
  return vscode.commands.registerCommand('rampart.scanWorkspace', () =>
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Rampart: scanning workspace', cancellable: true },
      async (progress, token) => {
        const folders = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file');
        if (folders.length === 0) return void vscode.window.showInformationMessage('Rampart: open a folder on disk to scan it.');
        const started = performance.now();
        const stop = new AbortController();
        token.onCancellationRequested(() => stop.abort());
        const cancelled = stop.signal;
        let files = 0;
        let problems = 0;
        for (const folder of folders) {
          const config = configs.configFor(vscode.Uri.joinPath(folder.uri, '.rampart.jsonc'));
          const found = discoverFiles({
            roots: [{ absolute: folder.uri.fsPath, configIgnore: { root: config.root, patterns: config.ignore } }],
            supports: (c) => analyzer.supports(c),
            display: (p) => vscode.workspace.asRelativePath(p, false),
          });
          const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
          const settings = readSettings(folder.uri);
          const services = await packages.servicesFor(config, live.online(settings));
          for (const [i, file] of found.files.entries()) {
            if (token.isCancellationRequested) break;
            progress.report({ message: `${i + 1}/${found.files.length} ${vscode.workspace.asRelativePath(file.absolute, false)}`, increment: 100 / found.files.length / folders.length });
            await new Promise((resolve) => setImmediate(resolve));
            const uri = vscode.Uri.file(file.absolute);
            if (open.has(uri.toString())) continue;
            const source = readSource(file.absolute, settings.maxFileSize, file.within);
            if (!source.ok || (file.classification.language === 'js' && looksMinified(source.text, source.bytes))) continue;
            const shown = vscode.workspace.asRelativePath(uri, false);
            packages.registerPath(shown, uri);
            const result = await analyzer.analyzeAsync(
              {
                file: shown,
                text: source.text,
                settings: config.settings,
                classification: file.classification,
                suppressions: suppressionsFor(config, file.absolute, new Date()).active,
              },
              { services, signal: cancelled },
            );
            live.publish(uri, result, null, settings);
            files++;
            problems += result.findings.filter((f) => !f.suppressed).length;
          }
        }
        packages.reportFailures();
        const ms = Math.round(performance.now() - started);
        log.info(`workspace scan: ${files} files, ${problems} problems in ${ms} ms${token.isCancellationRequested ? ' (cancelled)' : ''}`);
        const choice = await vscode.window.showInformationMessage(
          `Rampart scanned ${files} file${files === 1 ? '' : 's'}: ${problems} problem${problems === 1 ? '' : 's'}${token.isCancellationRequested ? ' (cancelled)' : ''}.`,
          'Show Problems',
        );
        if (choice) await vscode.commands.executeCommand('workbench.actions.view.problems');
      },
    ),
  );
}

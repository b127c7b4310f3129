/**
 * Rampart's VS Code front-end: thin glue over the engine. Live analysis of open documents, diagnostics,
 * quick fixes, commands, status bar, settings and configuration. Nothing from the workspace is ever
 * executed, so everything here works in Restricted Mode; registry look-ups wait for trust (the cache answers meanwhile).
 */
import * as vscode from 'vscode';
import { createAnalyzer } from '../index';
import { LiveAnalysis, NOTEBOOK_CELL } from './analysis';
import { CodeActions } from './code-actions';
import { registerAllowPackage } from './commands/allow-package';
import { registerExportSarif } from './commands/export-sarif';
import { registerOpenRuleDocs } from './commands/open-rule-docs';
import { registerScanFile } from './commands/scan-file';
import { registerScanWorkspace } from './commands/scan-workspace';
import { registerShowOutput } from './commands/show-output';
import { registerSuppressLine } from './commands/suppress-line';
import { ConfigStore } from './config-store';
import { log } from './log';
import { EditorPackageServices } from './package-services';
import { PackageHover } from './hover';
import { StatusBar } from './status-bar';
import { FindingStore } from './store';

/** Activates Rampart. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const analyzer = createAnalyzer({ maxFileSize: Number.MAX_SAFE_INTEGER });
  const diagnostics = vscode.languages.createDiagnosticCollection('rampart');
  const store = new FindingStore();
  const configs = new ConfigStore();
  const packages = new EditorPackageServices(context.globalStorageUri, analyzer);
  const live = new LiveAnalysis(analyzer, configs, store, diagnostics, context.extensionUri, packages);
  const status = new StatusBar(store, configs);
  const version = String(context.extension.packageJSON.version ?? '0.0.0');

  const analyzeOpen = () => vscode.workspace.textDocuments.forEach((doc) => void live.analyze(doc));
  const servicesChanged = () => {
    packages.reset();
    analyzeOpen();
  };
  context.subscriptions.push(
    log,
    diagnostics,
    store,
    configs,
    packages,
    live,
    status,
    store.onDidChange(() => status.update()),
    live.onDidChangeRunning((running) => status.setRunning(running)),
    configs.onDidChange(() => {
      servicesChanged();
      status.update();
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void live.analyze(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && live.onEdit(e.document)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      void live.analyze(doc);
      live.refreshImporters(doc);
    }),
    vscode.workspace.onDidCloseTextDocument((doc) => live.forget(doc.uri)),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => live.forget(uri))),
    vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri }) => live.forget(oldUri))),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('rampart') && servicesChanged()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      servicesChanged();
      status.update();
    }),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: NOTEBOOK_CELL }], new PackageHover(store)),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: NOTEBOOK_CELL }], new CodeActions((doc) => live.current(doc)), CodeActions.metadata),
    registerScanWorkspace(analyzer, configs, live, packages),
    registerScanFile(live),
    registerExportSarif(store, version),
    registerOpenRuleDocs(context.extensionUri),
    registerShowOutput(),
    registerSuppressLine(analyzer, live),
    registerAllowPackage(),
  );
  // The documents already open are analysed right after activation returns, not inside it: their first
  // analysis loads the team config (schema validation) and parsers, which must not hold up VS Code's startup.
  const first = setTimeout(analyzeOpen, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(first) });
  log.info(`Rampart ${version} activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode'})`);
}

/** Everything is disposed through the context's subscriptions. */
export function deactivate(): void {}

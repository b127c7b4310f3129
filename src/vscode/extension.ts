/**
 * Rampart's VS Code front-end: thin glue over the engine. Live analysis of open documents, diagnostics,
 * quick fixes, commands, status bar, settings and configuration. Nothing from the workspace is ever
 * executed, so everything here works in Restricted Mode; registry look-ups wait for trust (the cache answers meanwhile).
 */
import * as vscode from 'vscode';
import { createAnalyzer } from '../index';
import { LiveAnalysis, NOTEBOOK_CELL } from './analysis';
import { CodeActions } from './code-actions';
import { CONFIG_SELECTOR, ConfigQuickFixes } from './config-actions';
import { registerAllowPackage } from './commands/allow-package';
import { registerCreateConfig } from './commands/create-config';
import { registerPackageCodeLens } from './code-lens';
import { registerExportSarif } from './commands/export-sarif';
import { registerExportReport } from './commands/export-report';
import { registerOpenRuleDocs } from './commands/open-rule-docs';
import { registerScanFile } from './commands/scan-file';
import { registerScanWorkspace } from './commands/scan-workspace';
import { registerShowOutput } from './commands/show-output';
import { registerSuppressLine } from './commands/suppress-line';
import { registerShowBaselined } from './commands/show-baselined';
import { Baselines } from './baselines';
import { ConfigStore } from './config-store';
import { log } from './log';
import { EditorPackageServices } from './package-services';
import { PackageHover } from './hover';
import { ScanCoverage } from './scan-coverage';
import { RuleDetails } from './rule-details';
import { readSettings } from './settings';
import { StatusBar } from './status-bar';
import { FindingStore } from './store';
import { registerFindingsView } from './view/findings-view';

/** Activates Rampart. */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  const analyzer = createAnalyzer({ maxFileSize: Number.MAX_SAFE_INTEGER });
  const diagnostics = vscode.languages.createDiagnosticCollection('rampart');
  const store = new FindingStore();
  const configs = new ConfigStore();
  const packages = new EditorPackageServices(context.globalStorageUri, analyzer);
  const baselines = new Baselines();
  const live = new LiveAnalysis(analyzer, configs, store, diagnostics, context.extensionUri, packages, baselines);
  const coverage = new ScanCoverage(analyzer, configs, live, packages);
  const status = new StatusBar({ store, configs, packages, analyses: (doc) => live.classify(doc) !== null, retryLookups: () => servicesChanged() });
  const version = String(context.extension.packageJSON.version ?? '0.0.0');

  // Each open document once per version: a document already analysed (or being analysed) is not again.
  const analyzeOpen = () => vscode.workspace.textDocuments.forEach((doc) => void live.ensure(doc));
  const servicesChanged = () => {
    packages.reset();
    live.invalidate();
    analyzeOpen();
  };
  // Where Rampart was turned off, nothing it found stays: not the open documents' findings, not the scan's.
  const settingsChanged = () => {
    const off = (uri: vscode.Uri) => !readSettings(uri).enable;
    coverage.forgetWhere(off);
    for (const uri of store.uris()) if (off(uri)) live.forget(uri);
    live.republish(); // severity overrides
    configs.refresh();
    servicesChanged();
    status.update();
  };
  context.subscriptions.push(
    log,
    diagnostics,
    store,
    configs,
    packages,
    baselines,
    live,
    coverage,
    status,
    // A baseline or its display changed: every shown result is matched and shown again.
    baselines.onDidChange(() => live.republish()),
    store.onDidChange(() => status.update()),
    configs.onDidChangeBroken(() => status.update()),
    live.onDidChangeRunning((running) => status.setRunning(running)),
    configs.onDidChange(() => {
      servicesChanged();
      // The scan's findings of closed files follow the new rules, severities and suppressions too.
      coverage.refreshAll();
      status.update();
    }),
    vscode.workspace.onDidOpenTextDocument((doc) => void live.ensure(doc)),
    vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && live.onEdit(e.document)),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      void live.ensure(doc);
      live.refreshImporters(doc);
    }),
    // A file the workspace scan covered keeps its findings on disk once closed; any other loses them.
    vscode.workspace.onDidCloseTextDocument((doc) => coverage.closed(doc.uri)),
    vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => coverage.deleted(uri))),
    vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri }) => coverage.deleted(oldUri))),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('rampart') && settingsChanged()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      servicesChanged();
      status.update();
    }),
    vscode.languages.registerHoverProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: NOTEBOOK_CELL }], new PackageHover(store)),
    vscode.languages.registerCodeActionsProvider([{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: NOTEBOOK_CELL }], new CodeActions((doc) => live.current(doc)), CodeActions.metadata),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new ConfigQuickFixes(configs), ConfigQuickFixes.metadata),
    registerScanWorkspace(analyzer, configs, live, packages, coverage, store),
    registerScanFile(live),
    registerExportSarif(store, version, context.extensionUri),
    registerExportReport(store, (uri) => configs.configFor(uri), version, context.extensionUri),
    registerOpenRuleDocs(),
    new RuleDetails(context.extensionUri),
    registerShowOutput(),
    registerSuppressLine(analyzer, live),
    registerShowBaselined(baselines),
    registerAllowPackage(),
    registerFindingsView(store, configs, (doc) => live.classify(doc) !== null),
    registerCreateConfig(),
    ...registerPackageCodeLens(store),
  );
  // The documents already open are analysed right after activation returns, not inside it: their first
  // analysis loads the team config (schema validation) and parsers, which must not hold up VS Code's startup.
  // A broken team config is reported then too, even when no file is open.
  const first = setTimeout(() => {
    configs.checkAll();
    analyzeOpen();
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(first) });
  log.info(`Rampart ${version} activated in ${(performance.now() - started).toFixed(1)} ms (workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode'})`);
}

/** Everything is disposed through the context's subscriptions. */
export function deactivate(): void {}

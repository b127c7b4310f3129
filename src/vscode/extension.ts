/**
 * Thin VS Code glue over the engine: analyse open documents on open, edit (debounced) and save, and
 * publish findings as diagnostics. Quick fixes, commands and settings come with the full extension.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { createAnalyzer, type Finding, type Severity } from '../index';
import { defaultConfig, loadConfig, type ResolvedConfig } from '../config';
import { builtinRules } from '../rules';

const DEBOUNCE_MS = 300;
const DOCS_BASE = 'https://github.com/rampart-security/rampart/blob/main/docs/rules/';

/** Activates Rampart: one diagnostic collection, refreshed as documents change. */
export function activate(context: vscode.ExtensionContext): void {
  const analyzer = createAnalyzer();
  const diagnostics = vscode.languages.createDiagnosticCollection('rampart');
  const timers = new Map<string, NodeJS.Timeout>();
  context.subscriptions.push(diagnostics);

  // Config per folder, dropped whenever a .rampart.jsonc is created, changed or deleted.
  const configs = new Map<string, ResolvedConfig>();
  const watcher = vscode.workspace.createFileSystemWatcher('**/.rampart.jsonc');
  const reload = () => {
    configs.clear();
    vscode.workspace.textDocuments.forEach(analyze);
  };
  context.subscriptions.push(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload));

  const configFor = (doc: vscode.TextDocument): ResolvedConfig => {
    const dir = doc.uri.scheme === 'file' ? path.dirname(doc.uri.fsPath) : '';
    let config = configs.get(dir);
    if (!config) {
      const loaded = dir ? loadConfig({ rules: builtinRules, startPath: dir }) : null;
      config = loaded?.ok ? loaded.config : defaultConfig(builtinRules, dir || process.cwd());
      configs.set(dir, config);
    }
    return config;
  };

  const analyze = (doc: vscode.TextDocument) => {
    if (doc.uri.scheme !== 'file' && doc.uri.scheme !== 'untitled') return;
    const config = configFor(doc);
    const result = analyzer.analyze({ file: doc.uri.fsPath, text: doc.getText(), settings: config.settings });
    diagnostics.set(doc.uri, result.findings.filter((f) => !f.suppressed).map((f) => toDiagnostic(doc, f)));
  };

  const schedule = (doc: vscode.TextDocument) => {
    const key = doc.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      analyze(doc);
    }, DEBOUNCE_MS));
  };

  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(analyze),
    vscode.workspace.onDidSaveTextDocument(analyze),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((doc) => {
      clearTimeout(timers.get(doc.uri.toString()));
      diagnostics.delete(doc.uri);
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
  vscode.workspace.textDocuments.forEach(analyze);
}

/** Nothing to clean up beyond the subscriptions. */
export function deactivate(): void {}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

function toDiagnostic(doc: vscode.TextDocument, f: Finding): vscode.Diagnostic {
  const range = new vscode.Range(doc.positionAt(f.range[0]), doc.positionAt(f.range[1]));
  const d = new vscode.Diagnostic(range, f.message, SEVERITY[f.severity]);
  d.source = 'rampart';
  d.code = { value: f.ruleId, target: vscode.Uri.parse(`${DOCS_BASE}${f.ruleId}.md`) };
  d.relatedInformation = f.related.map(
    (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(doc.uri, new vscode.Range(doc.positionAt(r.range[0]), doc.positionAt(r.range[1]))), r.message),
  );
  return d;
}
